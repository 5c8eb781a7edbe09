package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/cimo-tool/cimo/coding"
)

// The checks of staged segment rows, in SQL. Each is a superset of a rule of
// coding's readSegments (and agree.go): it may flag a row the Go reader
// accepts, never the reverse, since a flag only sends the study to that
// reader, which then says exactly what is wrong, or loads it. What is not
// checked here was checked as the files were scanned (coding.SegmentFile):
// the dialect, the width of every row, UTF-8, NUL bytes, line and cell
// sizes, and personal data.

// rowChecks are the rules of one row, with the tables it refers to, in one
// scan: each column counts the rows breaking one rule.
var rowChecks = []struct{ name, cond string }{
	{"an empty interview_id, segment_id or code", `s.interview_id IS NULL OR s.segment_id IS NULL OR s.code IS NULL`},
	{"an unknown interview", `s.interview_id IS NOT NULL AND i.interview_id IS NULL`},
	{"an unknown event, or an event without an events file", `s.event_id IS NOT NULL AND e.event_id IS NULL`},
	{"an event of another case than its interview's (a warning)", `i.case_id IS NOT NULL AND e.case_id IS NOT NULL AND i.case_id <> e.case_id`},
	{"a valence that is none", `s.valence NOT IN ('promoting', 'hindering')`},
	// Only plain digits, at most nine: coding.Read also takes "+7" and
	// "007", and numbers past INTEGER; those rows are left to it.
	{"a position that is not a whole number", `NOT regexp_full_match(s."start", '[0-9]{1,9}') OR NOT regexp_full_match(s."end", '[0-9]{1,9}')`},
	{"a segment that ends before it starts", `TRY_CAST(s."end" AS INTEGER) < TRY_CAST(s."start" AS INTEGER)`},
}

// groupChecks are the rules across the rows of one coding, one segment, and
// one coder's rows of a segment: a query each. Two values differ where a
// group's least and greatest do (NULL, no value, is neither).
var groupChecks = []struct{ name, query string }{
	{"a coding given twice by one coder", `
		SELECT count(*) FROM (SELECT 1 FROM seg GROUP BY interview_id, segment_id, code, coder HAVING count(*) > 1)`},
	// seg_keys has every segment's positions compared, and how many of its
	// rows give a quote: only a segment with two is compared by its quotes,
	// long strings that cost much to gather for every segment.
	{"a segment whose rows give two starts, ends or quotes", `
		SELECT (SELECT count(*) FROM seg_keys WHERE positions) + (SELECT count(*) FROM (
			SELECT 1 FROM seg s JOIN seg_keys k USING (interview_id, segment_id) WHERE k.quotes > 1
			GROUP BY s.interview_id, s.segment_id HAVING min(s.quote) <> max(s.quote)))`},
	{"a segment one coder links to two events or chains", `
		SELECT count(*) FROM (SELECT 1 FROM seg GROUP BY interview_id, segment_id, coder
		HAVING min(coalesce(event_id, '')) <> max(coalesce(event_id, '')) OR min(coalesce(chain_id, '')) <> max(coalesce(chain_id, '')))`},
}

// segmentKeys gathers each segment's rows: the first, for its number (see
// insertSegments), whether they give two starts or ends, and how many give
// a quote.
const segmentKeys = `
CREATE OR REPLACE TEMP TABLE seg_keys AS
SELECT interview_id, segment_id, min(ord) AS first, count(quote) AS quotes,
       coalesce(min(TRY_CAST("start" AS INTEGER)) <> max(TRY_CAST("start" AS INTEGER)), false)
           OR coalesce(min(TRY_CAST("end" AS INTEGER)) <> max(TRY_CAST("end" AS INTEGER)), false) AS positions
FROM seg GROUP BY interview_id, segment_id`

// checkSegments runs every check on the staged rows and returns the names
// of those that flag any. On the way, each code cell becomes the code it
// names, as in the store.
func (tx *Tx) checkSegments(ctx context.Context, cb *coding.Codebook) ([]string, error) {
	var reasons []string
	resolved, err := tx.mapCodes(ctx, cb)
	if err != nil {
		return nil, err
	}
	if !resolved {
		return []string{"a code cell that names no code, or two"}, nil
	}
	sums := make([]string, len(rowChecks))
	for i, c := range rowChecks {
		sums[i] = fmt.Sprintf("count(*) FILTER (WHERE %s)", c.cond)
	}
	counts := make([]int64, len(rowChecks))
	dst := make([]any, len(counts))
	for i := range counts {
		dst[i] = &counts[i]
	}
	q := `SELECT ` + strings.Join(sums, ", ") + ` FROM seg s
		LEFT JOIN interviews i ON i.interview_id = s.interview_id
		LEFT JOIN events e ON e.event_id = s.event_id
`
	if err := tx.conn.QueryRowContext(ctx, q).Scan(dst...); err != nil {
		return nil, err
	}
	for i, n := range counts {
		if n > 0 {
			reasons = append(reasons, rowChecks[i].name)
		}
	}
	if len(reasons) > 0 {
		return reasons, nil // the group checks assume sound rows
	}
	if _, err := tx.conn.ExecContext(ctx, segmentKeys); err != nil {
		return nil, err
	}
	for _, c := range groupChecks {
		var n int64
		if err := tx.conn.QueryRowContext(ctx, c.query).Scan(&n); err != nil {
			return nil, fmt.Errorf("%s: %w", c.name, err)
		}
		if n > 0 {
			reasons = append(reasons, c.name)
		}
	}
	return reasons, nil
}

// mapCodes makes each staged code cell the code it names, read by coding's
// own resolver; resolved is false at the first cell that names none or
// two. Most studies write the codes themselves: then nothing changes.
func (tx *Tx) mapCodes(ctx context.Context, cb *coding.Codebook) (resolved bool, err error) {
	cells, err := queryStrings(ctx, tx.conn, `SELECT DISTINCT code FROM seg_raw WHERE code IS NOT NULL`)
	if err != nil {
		return false, err
	}
	resolve := coding.CodeResolver(cb)
	var rows []string
	var args []any
	for _, cell := range cells {
		code, ok := resolve(cell)
		if !ok {
			return false, nil
		}
		if code != cell {
			rows = append(rows, "(?, ?)")
			args = append(args, cell, code)
		}
	}
	if len(rows) == 0 {
		return true, nil
	}
	if _, err = tx.conn.ExecContext(ctx, "INSERT INTO code_map VALUES "+strings.Join(rows, ", "), args...); err != nil {
		return false, err
	}
	_, err = tx.conn.ExecContext(ctx, "UPDATE seg_raw SET code = m.code FROM code_map m WHERE seg_raw.code = m.cell")
	return err == nil, err
}
