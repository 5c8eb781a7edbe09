package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cimo-tool/cimo/coding"
)

// TestExportParquet: every table reads back from its file with the same
// rows, the quotes stay out unless asked, and a second export of the same
// store is byte-identical.
func TestExportParquet(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(ctx, filepath.Join(dir, "study.duckdb"))
	require.NoError(t, err)
	defer s.Close()
	st := tinyStudy(t, "IV1", "IV2")
	st.Codebook = &coding.Codebook{Codes: []coding.Code{{Code: "I1", Label: "Tijd", Dimension: "I", Category: "I1", File: "c.csv", Row: 2}}}
	st.Segments = []coding.Segment{
		{No: 1, InterviewID: "IV1", SegmentID: "S1", Code: "I1", Quote: "geheim citaat", File: "s.csv", Row: 2},
		{No: 2, InterviewID: "IV2", SegmentID: "S1", Code: "I1", Quote: "nog een", File: "s.csv", Row: 3},
	}
	require.NoError(t, s.Replace(ctx, func(ctx context.Context, tx *Tx) error { return tx.Load(ctx, info, st) }))

	out := filepath.Join(dir, "parquet")
	require.NoError(t, s.ExportParquet(ctx, out, false))
	tables, err := s.tables(ctx)
	require.NoError(t, err)
	require.Contains(t, tables, "segments")
	for _, tb := range tables {
		file := filepath.Join(out, tb+".parquet")
		var n int
		require.NoError(t, s.DB().QueryRow("SELECT count(*) FROM read_parquet(?)", file).Scan(&n), tb)
		assert.Equal(t, count(t, s, tb), n, "rows of %s", tb)
	}
	var quotes int
	require.NoError(t, s.DB().QueryRow(`SELECT count(*) FROM (DESCRIBE SELECT * FROM read_parquet(?)) WHERE column_name = 'quote'`,
		filepath.Join(out, "segments.parquet")).Scan(&quotes))
	assert.Zero(t, quotes, "segments.parquet has no quote column unless asked")
	raw, err := os.ReadFile(filepath.Join(out, "segments.parquet"))
	require.NoError(t, err)
	assert.False(t, bytes.Contains(raw, []byte("geheim")), "no quote text in the file")

	first, err := os.ReadFile(filepath.Join(out, "segments.parquet"))
	require.NoError(t, err)
	require.NoError(t, s.ExportParquet(ctx, out, true))
	var quote string
	require.NoError(t, s.DB().QueryRow(`SELECT quote FROM read_parquet(?) ORDER BY segment_no LIMIT 1`,
		filepath.Join(out, "segments.parquet")).Scan(&quote))
	assert.Equal(t, "geheim citaat", quote, "quotes are exported when asked")
	require.NoError(t, s.ExportParquet(ctx, out, false))
	again, err := os.ReadFile(filepath.Join(out, "segments.parquet"))
	require.NoError(t, err)
	assert.Equal(t, first, again, "the same store gives the same file")
	_, err = os.Stat(out + ".tmp")
	assert.True(t, os.IsNotExist(err), "no temporary folder left behind")
}
