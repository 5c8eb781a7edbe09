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
	vals := make([]sql.NullString, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var out [][]string
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		rec := make([]string, n)
		for i, v := range vals {
			rec[i] = v.String
		}
		out = append(out, rec)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
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
