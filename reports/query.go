package reports

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
)

// queryText runs a query of n columns and returns its rows as text; NULL
// reads as the empty string. The analyses' queries return keys and integer
// counts, which Go then turns into shares, tests and notes.
func queryText(ctx context.Context, q Queryer, name, query string, n int, args ...any) ([][]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer rows.Close()
	out, err := scanText(rows, n, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// scanText appends rows of n columns to out as text; NULL reads as the
// empty string.
//
// A large table (a long matrix has a row per respondent, code and category)
// repeats few values: ids, codes, small counts. Each distinct value is kept
// once (up to internMax of them), and rows share backing arrays allocated
// in blocks, so that the table held in memory costs a few string headers
// per row rather than an allocation per cell.
func scanText(rows *sql.Rows, n int, out [][]string) ([][]string, error) {
	const internMax, block = 1 << 16, 1024
	vals := make([]sql.NullString, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	pool := map[string]string{}
	var cells []string
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		if len(cells) < n {
			cells = make([]string, n*block)
		}
		rec := cells[:n:n]
		cells = cells[n:]
		for i, v := range vals {
			s, ok := pool[v.String]
			if !ok {
				s = v.String
				if len(pool) < internMax {
					pool[s] = s
				}
			}
			rec[i] = s
		}
		out = append(out, rec)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// ints parses the count columns of a row.
func ints(name string, rec []string) ([]int, error) {
	out := make([]int, len(rec))
	for i, s := range rec {
		n, err := strconv.Atoi(s)
		if err != nil {
			return nil, fmt.Errorf("%s: count %q is not an integer", name, s)
		}
		out[i] = n
	}
	return out, nil
}
