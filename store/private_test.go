package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOpenOwnerOnly: the store holds quotes, so the folder Open creates and
// the store file are its owner's only, also when an older run left the
// file readable by others.
func TestOpenOwnerOnly(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "out")
	path := filepath.Join(dir, "study.duckdb")
	s, err := Open(ctx, path)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	assertMode(t, dir, 0o700, 0o077)
	assertMode(t, path, 0o600, 0o777)

	require.NoError(t, os.Chmod(path, 0o644))
	s, err = Open(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	assertMode(t, path, 0o600, 0o777)

	// An export with quotes is a folder for the owner only; without, the
	// process's umask decides.
	require.NoError(t, s.Replace(ctx, func(ctx context.Context, tx *Tx) error { return tx.Load(ctx, info, tinyStudy(t, "IV1")) }))
	quotes := filepath.Join(dir, "quotes")
	require.NoError(t, s.ExportParquet(ctx, quotes, true))
	assertMode(t, quotes, 0o700, 0o077)
}

// assertMode checks the permission bits of path under mask against want.
func assertMode(t *testing.T, path string, want, mask os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, want&mask, fi.Mode().Perm()&mask, "%s is %v", path, fi.Mode())
}
