package coding

import (
	"context"
	"maps"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ReadDeferred scans the segment files side by side: it must leave them
// all to the caller, in study order, only when every one is a SegmentFile,
// and read the whole study otherwise, wherever the one that is not sits.
func TestReadDeferredSeveralFiles(t *testing.T) {
	lines := strings.SplitAfter(validFiles["segments/a.csv"], "\n")
	header, rows := lines[0], lines[1:len(lines)-1]
	names := []string{"segments/a.csv", "segments/b.csv", "segments/c.csv"}
	for odd := -1; odd < len(names); odd++ {
		files := maps.Clone(validFiles)
		src := validSources
		src.Segments = nil
		for i, name := range names {
			body := header + rows[i] // the last file takes the rows left
			if i == len(names)-1 {
				body = header + strings.Join(rows[i:], "")
			}
			if i == odd {
				body += "\n" // a blank line: Read skips it, which would shift the rows
			}
			files[name] = body
			src.Segments = append(src.Segments, Table{File: name})
		}
		src.Dir = writeFiles(t, files)
		st, got, err := ReadDeferred(context.Background(), src)
		require.NoError(t, err, "odd file %d", odd)
		if odd >= 0 {
			assert.Nil(t, got, "file %d is not a SegmentFile", odd)
			assert.Len(t, st.Segments, len(rows), "Read read every segment")
			continue
		}
		require.Len(t, got, len(names))
		for i, f := range got {
			assert.Equal(t, names[i], f.File)
		}
		assert.Empty(t, st.Segments, "the segments are left to the caller")
		assert.Equal(t, []int{1, 1, 2}, []int{got[0].Rows, got[1].Rows, got[2].Rows})
	}
}
