package reports

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"iter"
	"slices"
)

// Queryer is the store as reports read it.
type Queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// A table is one CSV file of a scope: its header and the query that fills it.
// Queries take the scope twice as $1, and count in integers.
type table struct {
	file   string
	header []string
	query  string
}

// scopeCodings limits the codings to a scope: one work package, or 'all'.
const scopeCodings = `WITH f AS (SELECT * FROM codings WHERE $1 = 'all' OR work_package = $1) `

var (
	codesTable = table{
		file:   "codes.csv",
		header: []string{"code", "label", "dimension", "category", "segments", "respondents", "cases"},
		query: scopeCodings + `
SELECT c.code, c.label, c.dimension, c.category,
       count(DISTINCT f.segment_no), count(DISTINCT f.respondent_id), count(DISTINCT f.case_id)
FROM codes c LEFT JOIN f ON f.code = c.code
GROUP BY c.code, c.label, c.dimension, c.category
ORDER BY c.dimension, c.code`,
	}
	categoriesTable = table{
		file:   "categories.csv",
		header: []string{"category", "label", "dimension", "segments", "respondents", "cases"},
		query: scopeCodings + `
SELECT c.code, c.label, c.dimension,
       count(DISTINCT f.segment_no), count(DISTINCT f.respondent_id), count(DISTINCT f.case_id)
FROM codes c LEFT JOIN f ON f.category = c.code
WHERE c.parent IS NULL
GROUP BY c.code, c.label, c.dimension
ORDER BY c.dimension, c.code`,
	}
	// chainsTable counts, per configuration, the chains that have it and the
	// cases of all their codings in the scope. Codings are first reduced to
	// distinct (chain, case) pairs, so the cost does not grow with chain size.
	chainsTable = table{
		file:   "chains.csv",
		header: []string{"intervention_category", "mechanism", "outcome", "chains", "cases"},
		query: `
WITH cc AS (SELECT DISTINCT chain_kind, chain_ref, case_id FROM chain_codings WHERE scope = $1)
SELECT g.intervention_category, g.mechanism, g.outcome,
       count(DISTINCT (g.chain_kind, g.chain_ref)) AS chains, count(DISTINCT cc.case_id) AS cases
FROM chain_configurations g
JOIN cc USING (chain_kind, chain_ref)
WHERE g.scope = $1
GROUP BY g.intervention_category, g.mechanism, g.outcome
ORDER BY chains DESC, g.intervention_category, g.mechanism, g.outcome`,
	}
)

// Tables are the CSV tables written for every scope, in order.
var tables = []table{codesTable, categoriesTable, chainsTable}

// records runs t for scope and returns its rows as text, header first;
// NULL reads as the empty string.
func (t table) records(ctx context.Context, q Queryer, scope string) ([][]string, error) {
	rows, err := q.QueryContext(ctx, t.query, scope)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", t.file, err)
	}
	defer rows.Close()
	out, err := scanText(rows, len(t.header), [][]string{t.header})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", t.file, err)
	}
	return out, nil
}

// writeCSV writes records as RFC 4180 CSV with LF line ends, every cell
// neutralised so that no spreadsheet runs it as a formula.
func writeCSV(path string, records [][]string) error {
	if len(records) == 0 {
		return writeAtomic(path, 0o644, func(*bufio.Writer) error { return nil })
	}
	return writeCSVRows(path, records[0], slices.Values(records[1:]))
}

// writeCSVRows is writeCSV of header and rows, written as they come.
func writeCSVRows(path string, header []string, rows iter.Seq[[]string]) error {
	return writeAtomic(path, 0o644, func(out *bufio.Writer) error {
		w := csv.NewWriter(out)
		var cells []string
		write := func(rec []string) error {
			cells = cells[:0]
			for _, c := range rec {
				cells = append(cells, neutralise(c))
			}
			return w.Write(cells)
		}
		if err := write(header); err != nil {
			return err
		}
		for rec := range rows {
			if err := write(rec); err != nil {
				return err
			}
		}
		w.Flush()
		return w.Error()
	})
}

// WriteTables writes every table of scope into dir and returns them by file
// name, so that figures can be drawn from what the tables say.
func WriteTables(ctx context.Context, q Queryer, scope, dir string) (map[string][][]string, error) {
	return writeTables(ctx, q, scope, dest{dir: dir, scope: scope})
}

// writeTables is WriteTables into d; the tables it returns are as written,
// small counts withheld.
func writeTables(ctx context.Context, q Queryer, scope string, d dest) (map[string][][]string, error) {
	out := make(map[string][][]string, len(tables))
	for _, t := range tables {
		recs, err := t.records(ctx, q, scope)
		if err != nil {
			return nil, err
		}
		if err := d.table(t.file, recs); err != nil {
			return nil, err
		}
		out[t.file] = d.withheld(t.file, recs)
	}
	return out, nil
}
