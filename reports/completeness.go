package reports

import (
	"context"
	"fmt"
	"strconv"
)

// completenessQuery counts a scope's chains, and those with a code of each
// dimension and with all four.
const completenessQuery = `
SELECT count(*),
       count(*) FILTER (has_context), count(*) FILTER (has_intervention),
       count(*) FILTER (has_mechanism), count(*) FILTER (has_outcome),
       count(*) FILTER (complete)
FROM chains WHERE scope = $1`

// completenessRecords is chain_completeness.csv: for each dimension, and for
// all four together ("CIMO"), the chains with and without it and the share
// without, in percent with one decimal. With no chains there is no share: the
// cell stays empty and the note says why.
func completenessRecords(ctx context.Context, q Queryer, scope, lang string) ([][]string, error) {
	var total int
	with := make([]int, 5)
	err := scanOne(ctx, q, completenessQuery, []any{scope}, &total, &with[0], &with[1], &with[2], &with[3], &with[4])
	if err != nil {
		return nil, fmt.Errorf("chain completeness: %w", err)
	}
	out := [][]string{{"dimension", "with", "without", "chains", "percent_without", "note"}}
	for i, dim := range []string{"C", "I", "M", "O", "CIMO"} {
		percent, note := "", text(lang, "config.nochains")
		if total > 0 {
			percent = strconv.FormatFloat(100*float64(total-with[i])/float64(total), 'f', 1, 64)
			note = ""
		}
		out = append(out, []string{dim, strconv.Itoa(with[i]), strconv.Itoa(total - with[i]), strconv.Itoa(total), percent, note})
	}
	return out, nil
}

// scanOne runs a query that returns one row and scans it into dst.
func scanOne(ctx context.Context, q Queryer, query string, args []any, dst ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return fmt.Errorf("no row")
	}
	if err := rows.Scan(dst...); err != nil {
		return err
	}
	return rows.Err()
}
