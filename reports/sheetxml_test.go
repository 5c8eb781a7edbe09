package reports

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// A sheet made by sheetPart, put in a workbook in place of the one excelize
// writes, reads back as its table: numbers as numbers with their decimals'
// style, text as text, whatever characters it holds.
func TestSheetPart(t *testing.T) {
	long := strings.Repeat("é", cellMaxUTF16+10)
	recs := [][]string{
		{"code", "label", "segments", "segments_pct"},
		{"C1", "plain", "12", "33.3"},
		{"C2", " leading and trailing ", "0", "<0.0001"},
		{"C3", "a & b < c > d \"q\" 'a'", "<5", "x"},
		{"C4", "line\nbreak\tand tab", "7", "100.0"},
		{"C5", "_x0041_ stays as written", "1", "0.5"},
		{"C6", "=1+2", "3", "1.25"},
		{"C7", "bell \a and NUL-free", "4", "2"},
		{"C8", "", "5", ""},
		{"C9", long, "6", "0.1234"},
	}
	var rows packedRows
	for _, r := range recs[1:] {
		rows.add(r)
	}
	rows.done()
	tab := reportTable{scope: "A", name: "t.csv", records: recs[:1], rows: len(recs) - 1, sheet: rows,
		spec: tableSpec{counts: []string{"segments"}, derived: map[string][]string{"segments_pct": {"segments"}}}}

	f := excelize.NewFile()
	defer f.Close()
	st, err := newWorkbookStyles(f)
	require.NoError(t, err)
	_, err = f.NewSheet("T")
	require.NoError(t, err)
	part, err := sheetPart(st, tab, "en")
	require.NoError(t, err)
	made := map[string]*zipPart{}
	for id, name := range f.GetSheetMap() {
		if name == "T" {
			made[fmt.Sprintf("xl/worksheets/sheet%d.xml", id)] = part
		}
	}
	require.Len(t, made, 1)
	f.SetZipWriter(newSortedZipWriter(made))
	var buf bytes.Buffer
	_, err = f.WriteTo(&buf)
	require.NoError(t, err)

	wb, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	defer wb.Close()
	got, err := wb.GetRows("T")
	require.NoError(t, err)
	want := make([][]string, len(recs))
	for i, r := range recs {
		want[i] = make([]string, len(r))
		for j, c := range r {
			want[i][j] = neutralise(c)
		}
	}
	want[7][1] = "bell \uFFFD and NUL-free" // XML cannot hold BEL
	want[8] = want[8][:len(want[8])-1]      // GetRows drops trailing empty cells
	require.Len(t, got, len(want))
	assert.True(t, got[9][1] == long[:cellMaxUTF16*len("é")], "a cell past Excel's limit is cut at it")
	want[9][1], got[9][1] = "", ""
	assert.Equal(t, want, got)

	typ, err := wb.GetCellType("T", "C2")
	require.NoError(t, err)
	assert.Contains(t, []excelize.CellType{excelize.CellTypeNumber, excelize.CellTypeUnset}, typ, "a count is a number")
	typ, err = wb.GetCellType("T", "C4")
	require.NoError(t, err)
	assert.Equal(t, excelize.CellTypeInlineString, typ, "a withheld count is text")
	style, err := wb.GetCellStyle("T", "D5")
	require.NoError(t, err)
	assert.Equal(t, st.decimals[1], style, "a share keeps its one decimal")
	panes, err := wb.GetPanes("T")
	require.NoError(t, err)
	assert.True(t, panes.Freeze)
	assert.Equal(t, 1, panes.YSplit)
	w, err := wb.GetColWidth("T", "B")
	require.NoError(t, err)
	assert.Equal(t, float64(60), w, "the widest column at its bound")
}
