package coding

import (
	"context"
	"encoding/csv"
	"maps"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSplitRecord: a line splitRecord takes is split into as many fields as
// encoding/csv reads from it, and a line encoding/csv refuses is refused.
func TestSplitRecord(t *testing.T) {
	for _, tc := range []struct {
		line string
		ok   bool
	}{
		{`a,b,c`, true},
		{`a,,c,`, true},
		{`"a,b","c ""d"" e",`, true},
		{`""`, true},
		{`"a""",b`, true},
		{`a,b"c`, false},  // a quote in an unquoted field
		{`a, "b"`, false}, // a space before the quote
		{`"a" ,b`, false}, // a space after it
		{`"a"b,c`, false}, // text after the closing quote
		{`"a,b`, false},   // open at the end of the line
		{`a,"b""`, false}, // open: the last quote is doubled
	} {
		fields, ok := splitRecord([]byte(tc.line), ',', nil)
		assert.Equal(t, tc.ok, ok, "%s", tc.line)
		cr := csv.NewReader(strings.NewReader(tc.line))
		rec, err := cr.Read()
		assert.Equal(t, tc.ok, err == nil, "encoding/csv on %s: %v", tc.line, err)
		if ok && err == nil {
			assert.Len(t, fields, len(rec), "%s", tc.line)
		}
	}
}

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
