package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cimo-tool/cimo/store"
)

// storeRows reads a store's segments as text per source file, without the
// segment numbers (which count across files), and its input files' hashes.
func storeRows(t *testing.T, out string) (rows map[string][]string, hashes map[string]string) {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(out, StoreFile))
	require.NoError(t, err)
	defer s.Close()
	rows, hashes = map[string][]string{}, map[string]string{}
	r, err := s.DB().Query(`SELECT source_file, (interview_id, segment_id, code, event_id, chain_id, coder, valence, quote, source_row)::VARCHAR
		FROM segments ORDER BY source_file, source_row, code`)
	require.NoError(t, err)
	defer r.Close()
	for r.Next() {
		var file, row string
		require.NoError(t, r.Scan(&file, &row))
		rows[file] = append(rows[file], row)
	}
	require.NoError(t, r.Err())
	h, err := s.DB().Query(`SELECT file, sha256 FROM input_files ORDER BY file`)
	require.NoError(t, err)
	defer h.Close()
	for h.Next() {
		var file, sum string
		require.NoError(t, h.Scan(&file, &sum))
		hashes[file] = sum
	}
	return rows, hashes
}

// TestRerunSameAndChanged: running again on the same inputs adds nothing,
// and after one input file changes exactly its rows (and its hash) differ.
func TestRerunSameAndChanged(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "study")
	require.NoError(t, os.CopyFS(dir, os.DirFS("testdata/recount")))
	out := t.TempDir()
	study := filepath.Join(dir, "study.yaml")
	_, err := Run(context.Background(), study, Options{Out: out})
	require.NoError(t, err)
	rows1, hashes1 := storeRows(t, out)
	require.Contains(t, hashes1, "segments/a.csv")
	require.Contains(t, hashes1, "study.yaml")

	_, err = Run(context.Background(), study, Options{Out: out})
	require.NoError(t, err)
	rows2, hashes2 := storeRows(t, out)
	assert.Equal(t, rows1, rows2, "a rerun on the same inputs adds nothing and changes nothing")
	assert.Equal(t, hashes1, hashes2)

	b := filepath.Join(dir, "segments", "b.csv")
	raw, err := os.ReadFile(b)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(b, append(raw, []byte("E1,M2,s2,INT3,,\n")...), 0o644))
	_, err = Run(context.Background(), study, Options{Out: out})
	require.NoError(t, err)
	rows3, hashes3 := storeRows(t, out)
	for file := range rows1 {
		if file == "segments/b.csv" {
			assert.Len(t, rows3[file], len(rows1[file])+1, "the changed file's rows are replaced by its new rows")
			continue
		}
		assert.Equal(t, rows1[file], rows3[file], "rows of %s, which did not change", file)
	}
	for file, sum := range hashes1 {
		if file == "segments/b.csv" {
			assert.NotEqual(t, sum, hashes3[file], "the changed file has a new hash")
			continue
		}
		assert.Equal(t, sum, hashes3[file], "hash of %s", file)
	}
}
