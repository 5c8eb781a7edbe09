package bench

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStudyIsCached: a study is generated once, then reused, and nothing
// half-written stays behind in the cache.
func TestStudyIsCached(t *testing.T) {
	dir := t.TempDir()
	path, generated, err := Study(context.Background(), dir, 50)
	require.NoError(t, err)
	assert.True(t, generated)
	assert.Equal(t, filepath.Join(dir, "50-1", "study.yaml"), path)
	files, err := SegmentFiles(dir, 50)
	require.NoError(t, err)
	assert.NotEmpty(t, files)

	again, generated, err := Study(context.Background(), dir, 50)
	require.NoError(t, err)
	assert.False(t, generated)
	assert.Equal(t, path, again)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "only the study's folder")
}
