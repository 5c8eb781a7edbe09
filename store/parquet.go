package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ConfidentialColumns are left out of every export unless quotes are asked
// for: interview text stays inside the research group.
var ConfidentialColumns = map[string][]string{"segments": {"quote"}}

// ExportParquet writes every table of the store as dir/<table>.parquet, for
// R's arrow and Python users. Rows are sorted by all their columns, so the
// same store gives the same files. The folder is replaced as a whole: a
// failed export leaves the previous one in place.
func (s *Store) ExportParquet(ctx context.Context, dir string, includeQuotes bool) error {
	tables, err := s.tables(ctx)
	if err != nil {
		return err
	}
	tmp := dir + ".tmp"
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("parquet: %w", err)
	}
	perm := os.FileMode(0o755)
	if includeQuotes {
		perm = 0o700 // quotes are for the owner only, like the store
	}
	if err := os.MkdirAll(tmp, perm); err != nil {
		return fmt.Errorf("parquet: %w", err)
	}
	for _, t := range tables {
		cols, err := s.exportColumns(ctx, t, includeQuotes)
		if err != nil {
			return err
		}
		file := filepath.Join(tmp, t+".parquet")
		q := fmt.Sprintf(`COPY (SELECT %s FROM %s ORDER BY ALL) TO %s (FORMAT parquet, COMPRESSION zstd)`,
			strings.Join(cols, ", "), ident(t), literal(file))
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			os.RemoveAll(tmp)
			return fmt.Errorf("parquet %s: %w", t, err)
		}
	}
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("parquet: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("parquet: %w", err)
	}
	return nil
}

// tables lists the store's tables by name.
func (s *Store) tables(ctx context.Context) ([]string, error) {
	return s.strings(ctx, `SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name`)
}

// exportColumns lists t's columns in schema order, quoted, without the
// confidential ones unless asked.
func (s *Store) exportColumns(ctx context.Context, t string, includeQuotes bool) ([]string, error) {
	names, err := s.strings(ctx, `SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = ? ORDER BY column_index`, t)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, n := range names {
		if !includeQuotes && slices.Contains(ConfidentialColumns[t], n) {
			continue
		}
		out = append(out, ident(n))
	}
	return out, nil
}

func (s *Store) strings(ctx context.Context, q string, args ...any) ([]string, error) {
	out, err := queryStrings(ctx, s.db, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", s.path, err)
	}
	return out, nil
}

func ident(s string) string   { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
func literal(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }
