package cimo

import (
	"context"
	"database/sql"
	"fmt"
)

// Execer is the store being built (store.Tx) that linking writes through.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// linkSteps fill the store's chain tables (see store/schema.sql) from the
// codings view, in order.
var linkSteps = []struct{ name, sql string }{
	{"chain codings", `
INSERT INTO chain_codings
SELECT s.scope, c.chain_kind, c.chain_ref, c.segment_no, c.code, c.dimension, c.category, c.case_id
FROM codings c
JOIN scopes s ON s.scope = c.work_package OR s.scope = 'all'
WHERE c.chain_ref IS NOT NULL`},
	{"chains", `
INSERT INTO chains
SELECT scope, chain_kind, chain_ref,
       bool_or(dimension = 'C'), bool_or(dimension = 'I'), bool_or(dimension = 'M'), bool_or(dimension = 'O'),
       count(DISTINCT dimension) = 4,
       count(DISTINCT segment_no)
FROM chain_codings
GROUP BY scope, chain_kind, chain_ref`},
	{"configurations", `
INSERT INTO chain_configurations
WITH
  i AS (SELECT DISTINCT scope, chain_kind, chain_ref, category FROM chain_codings WHERE dimension = 'I'),
  m AS (SELECT DISTINCT scope, chain_kind, chain_ref, code FROM chain_codings WHERE dimension = 'M'),
  o AS (SELECT DISTINCT scope, chain_kind, chain_ref, code FROM chain_codings WHERE dimension = 'O')
SELECT DISTINCT i.scope, i.chain_kind, i.chain_ref, i.category, coalesce(m.code, ''), coalesce(o.code, '')
FROM i
LEFT JOIN m USING (scope, chain_kind, chain_ref)
LEFT JOIN o USING (scope, chain_kind, chain_ref)`},
}

// Link links every chain of the loaded study, in every scope.
func Link(ctx context.Context, tx Execer) error {
	for _, step := range linkSteps {
		if _, err := tx.ExecContext(ctx, step.sql); err != nil {
			return fmt.Errorf("link %s: %w", step.name, err)
		}
	}
	return nil
}
