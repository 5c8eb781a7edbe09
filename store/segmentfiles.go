package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/cimo-tool/cimo/coding"
)

// ErrSegmentsFlagged means the SQL checks of LoadSegmentFiles found
// something in the segment files that coding.Read would report or warn
// about, or may: the caller rolls back and reads the study with coding.Read,
// whose messages say what and where.
var ErrSegmentsFlagged = errors.New("the segment files need the full reader")

// FlaggedError lists what the checks found, for tests and a verbose log.
type FlaggedError struct{ Reasons []string }

func (e *FlaggedError) Error() string {
	return fmt.Sprintf("%v: %s", ErrSegmentsFlagged, strings.Join(e.Reasons, "; "))
}

func (e *FlaggedError) Is(target error) bool { return target == ErrSegmentsFlagged }

// LoadSegmentFiles loads a study as Load does, but its coded segments from
// files, read by DuckDB's read_csv rather than row by row in Go, and checked
// in SQL against every rule readSegments applies but one: the scan for
// personal data, which coding.ReadDeferred made as it read each line. st
// holds the other tables. When a check finds anything, it returns a
// *FlaggedError (ErrSegmentsFlagged) and the store being built must be
// dropped, as Replace does with any error.
func (tx *Tx) LoadSegmentFiles(ctx context.Context, info Info, st *coding.Study, files []coding.SegmentFile) error {
	if len(st.Segments) > 0 {
		return fmt.Errorf("load segments: the study holds segments already read")
	}
	if err := tx.loadTables(ctx, info, st); err != nil {
		return err
	}
	defer tx.dropStaging(context.WithoutCancel(ctx))
	if err := tx.stageSegments(ctx, files); err != nil {
		if errors.Is(err, ErrSegmentsFlagged) {
			return err
		}
		return fmt.Errorf("load segments: %w", err)
	}
	reasons, err := tx.checkSegments(ctx, st.Codebook)
	if err != nil {
		return fmt.Errorf("check segments: %w", err)
	}
	if len(reasons) > 0 {
		return &FlaggedError{Reasons: reasons}
	}
	if _, err := tx.conn.ExecContext(ctx, insertSegments); err != nil {
		return fmt.Errorf("load segments: %w", err)
	}
	if _, err := tx.conn.ExecContext(ctx, deriveCodings); err != nil {
		return fmt.Errorf("load codings: %w", err)
	}
	return nil
}

// stagedColumns are the contract's columns of a segments table, each
// file's fields put in place.
var stagedColumns = coding.ContractColumns("segments")

// stageSegments reads each file into seg_raw, one read per file, numbering
// its rows n from 1 in file order: row_number() OVER () numbers rows as the
// scan yields them, and a scan of one CSV file with insertion order
// preserved yields them in file order (DuckDB does not promise that rowid
// follows the order rows were appended in). Every column is VARCHAR; an
// empty field is NULL, as an empty cell is no value.
//
// The cells are kept as coding.Read takes them: trimmed of white space as
// strings.TrimSpace trims it (all but the quote), once, here, and only in a
// file that has any (SegmentFile.Padded): trimming a set of characters
// costs DuckDB more than reading the file.
func (tx *Tx) stageSegments(ctx context.Context, files []coding.SegmentFile) error {
	defs := make([]string, len(stagedColumns))
	for i, c := range stagedColumns {
		defs[i] = ident(c) + " VARCHAR"
	}
	stmts := []string{
		"CREATE OR REPLACE TEMP TABLE seg_files (f INTEGER, file VARCHAR, rows BIGINT)",
		"CREATE OR REPLACE TEMP TABLE seg_raw (f INTEGER, n BIGINT, " + strings.Join(defs, ", ") + ")",
		"CREATE OR REPLACE TEMP TABLE code_map (cell VARCHAR PRIMARY KEY, code VARCHAR NOT NULL)", // cells that are not codes
		`CREATE OR REPLACE TEMP VIEW seg AS
		 SELECT r.*, s.file, r.n + 1 AS line, (r.f::BIGINT << 32) | r.n AS ord FROM seg_raw r JOIN seg_files s USING (f)`,
	}
	for _, s := range stmts {
		if _, err := tx.conn.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	for i, f := range files {
		if _, err := tx.conn.ExecContext(ctx, "INSERT INTO seg_files VALUES (?, ?, ?)", i, f.File, f.Rows); err != nil {
			return err
		}
		// read_csv refusing a file the scan took, or reading another
		// number of rows, is a doubt like any check's: the Go reader decides.
		res, err := tx.conn.ExecContext(ctx, readCSV(i, f))
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return &FlaggedError{Reasons: []string{fmt.Sprintf("%s: read_csv: %v", f.File, oneLine(err))}}
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n != int64(f.Rows) {
			return &FlaggedError{Reasons: []string{fmt.Sprintf("%s: read_csv read %d rows, the scan %d", f.File, n, f.Rows)}}
		}
	}
	return nil
}

// whiteSpace is every character strings.TrimSpace trims, as a SQL string.
var whiteSpace = func() string {
	var b strings.Builder
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if unicode.IsSpace(r) {
			b.WriteRune(r)
		}
	}
	return literal(b.String())
}()

// readCSV is the statement that appends file f (number i) to seg_raw: the
// dialect is given, not sniffed, and strict.
func readCSV(i int, f coding.SegmentFile) string {
	types := make([]string, len(f.Columns))
	pos := map[string]int{}
	for k, c := range f.Columns {
		types[k] = fmt.Sprintf("'c%d': 'VARCHAR'", k)
		pos[c] = k
	}
	sel := make([]string, len(stagedColumns))
	for j, c := range stagedColumns {
		k, ok := pos[c]
		switch {
		case !ok:
			sel[j] = "NULL"
		case c == "quote" || !f.Padded:
			sel[j] = fmt.Sprintf("c%d", k)
		default:
			sel[j] = fmt.Sprintf("nullif(trim(c%d, %s), '')", k, whiteSpace)
		}
	}
	return fmt.Sprintf("INSERT INTO seg_raw SELECT %d, row_number() OVER (), %s FROM read_csv(%s, header = true, columns = {%s}, delim = %s, "+
		"quote = '\"', escape = '\"', strict_mode = true, auto_detect = false, null_padding = false, encoding = 'utf-8')",
		i, strings.Join(sel, ", "), literal(f.Path), strings.Join(types, ", "), literal(string(rune(f.Delimiter))))
}

// insertSegments writes the checked rows in reading order, numbering the
// distinct (interview_id, segment_id) pairs by their first row (seg_keys,
// made by the checks), as coding.Read numbers them. The ORDER BY is kept although a join's probe
// side keeps its order with preserve_insertion_order: which side a join
// probes is the optimizer's choice, and the rows' order is the store's.
const insertSegments = `
INSERT INTO segments
WITH numbered AS (
    SELECT interview_id, segment_id, row_number() OVER (ORDER BY first) AS no FROM seg_keys)
SELECT n.no, s.interview_id, s.segment_id, s.code, s.event_id, s.chain_id, s.coder,
       CAST(s."start" AS INTEGER), CAST(s."end" AS INTEGER), s.valence, s.quote, s.file, s.line
FROM seg s JOIN numbered n USING (interview_id, segment_id)
ORDER BY s.ord`

func (tx *Tx) dropStaging(ctx context.Context) {
	for _, s := range []string{"DROP VIEW IF EXISTS seg", "DROP TABLE IF EXISTS seg_raw", "DROP TABLE IF EXISTS seg_files", "DROP TABLE IF EXISTS code_map", "DROP TABLE IF EXISTS seg_keys"} {
		_, _ = tx.conn.ExecContext(ctx, s)
	}
}

// oneLine keeps the first line of a DuckDB error, which goes on to list
// the reader's options.
func oneLine(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return msg
}

// queryStrings runs a query of one text column, on a connection or the
// database.
func queryStrings(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
