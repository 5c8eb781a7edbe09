//go:build unix

package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cimo-tool/cimo/coding"
	"github.com/cimo-tool/cimo/store"
)

// TestRunOwnerOnly: the store is readable by its owner only (0600), and so
// is every folder of the output (0700), whatever the umask the run starts
// with, so that no one else reaches the store or its write-ahead log; the
// umask is given back afterwards. (Tables are written 0644 by reports, but
// inside folders no one else may enter.)
func TestRunOwnerOnly(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), []string{"run", "--out", out, filepath.Join("..", "..", "data", "example", "study.yaml")}, &stdout, &stderr)
	require.Equal(t, exitOK, code, stderr.String())

	n := 0
	require.NoError(t, filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		require.NoError(t, err)
		fi, err := d.Info()
		require.NoError(t, err)
		switch {
		case d.IsDir():
			assert.Equal(t, os.FileMode(0o700), fi.Mode().Perm(), "%s", path)
		case d.Name() == "study.duckdb":
			assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "%s", path)
		default:
			assert.Zero(t, fi.Mode().Perm()&0o022, "%s: no one else may write", path)
		}
		n++
		return nil
	}))
	assert.Greater(t, n, 100, "the walk saw the outputs")

	probe := filepath.Join(t.TempDir(), "probe")
	require.NoError(t, os.WriteFile(probe, nil, 0o666))
	fi, err := os.Stat(probe)
	require.NoError(t, err)
	assert.NotEqual(t, os.FileMode(0o600), fi.Mode().Perm()&0o644, "the umask is the test's again (0022 makes 0644)")
}

// TestStoreLogOwnerOnly: DuckDB creates the write-ahead log itself, with the
// process's umask; under ownerOnly every file beside the store, while a
// load writes it and after, is the owner's only, as is the store.
func TestStoreLogOwnerOnly(t *testing.T) {
	restore := ownerOnly()
	defer restore()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "out", "study.duckdb")
	s, err := store.Open(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	st := &coding.Study{Codebook: &coding.Codebook{}}
	for i := range 2000 {
		st.Respondents = append(st.Respondents, coding.Respondent{ID: "R" + string(rune('a'+i%26)) + string(rune('0'+i/26%10)) + string(rune('0'+i/260)), Role: "client", City: "Haarlem", File: "r.csv", Row: i + 2})
	}
	ownerOnlyFiles := func(want int) {
		t.Helper()
		entries, err := os.ReadDir(filepath.Dir(path))
		require.NoError(t, err)
		logs := 0
		for _, e := range entries {
			fi, err := e.Info()
			require.NoError(t, err)
			assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "%s", e.Name())
			if filepath.Ext(e.Name()) == ".wal" {
				logs++
			}
		}
		assert.Equal(t, want, logs, "write-ahead logs")
	}
	require.NoError(t, s.Replace(ctx, func(ctx context.Context, tx *store.Tx) error {
		err := tx.Load(ctx, store.Info{Name: "t", Language: "en", WorkPackages: []store.WorkPackage{{ID: "A"}}}, st)
		ownerOnlyFiles(1) // the new store's, with the committed load
		return err
	}))
	_, err = s.DB().ExecContext(ctx, "INSERT INTO meta VALUES ('probe', 'x')")
	require.NoError(t, err)
	ownerOnlyFiles(1) // the store's own, with the insert
}
