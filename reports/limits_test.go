package reports

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// TestTimelineFigureLimit: MaxTimelines draws figures for the first cases
// only, the page says how many were left out, and a negative limit draws
// none; the tables keep every timeline.
func TestTimelineFigureLimit(t *testing.T) {
	figures := func(out string) []string {
		entries, _ := os.ReadDir(filepath.Join(out, "all", "figures", "timelines"))
		var names []string
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".png") {
				names = append(names, strings.TrimSuffix(e.Name(), ".png"))
			}
		}
		return names
	}
	every := writeAnalysesFrom(t, filepath.Join("testdata", "analyses"), func(*Options) {})
	all := figures(every)
	require.Greater(t, len(all), 1, "the study has more than one timeline")

	one := writeAnalysesFrom(t, filepath.Join("testdata", "analyses"), func(o *Options) { o.MaxTimelines = 1 })
	assert.Equal(t, all[:1], figures(one), "the first case in case order")
	page, err := os.ReadFile(filepath.Join(one, "all", "index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(page), fmt.Sprintf(text("en", "timeline.capped"), 1, len(all)))
	same, err := os.ReadFile(filepath.Join(one, "all", "sequences.csv"))
	require.NoError(t, err)
	want, err := os.ReadFile(filepath.Join(every, "all", "sequences.csv"))
	require.NoError(t, err)
	assert.Equal(t, string(want), string(same), "the table holds every timeline")

	none := writeAnalysesFrom(t, filepath.Join("testdata", "analyses"), func(o *Options) { o.MaxTimelines = -1 })
	assert.Empty(t, figures(none))
	page, err = os.ReadFile(filepath.Join(every, "all", "index.html"))
	require.NoError(t, err)
	assert.NotContains(t, string(page), "timelines, in case order", "no note when every figure is drawn")
}

// TestLongTables: a table longer than a page shows, or a sheet holds, says
// so in place of the rows it leaves out; the CSV keeps every row.
func TestLongTables(t *testing.T) {
	defer func(h, s, x int) { htmlMaxRows, sheetMaxRows, textMaxRows = h, s, x }(htmlMaxRows, sheetMaxRows, textMaxRows)
	htmlMaxRows, sheetMaxRows, textMaxRows = 2, 3, 2
	out := writeAnalysesStudy(t, nil)
	codes := readRecords(t, filepath.Join(out, "A", "codes.csv"))
	n := len(codes) - 1
	require.Greater(t, n, 2)

	page, err := os.ReadFile(filepath.Join(out, "A", "index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(page), fmt.Sprintf(text("en", "html.rowsomitted"), 2, n))
	assert.Contains(t, string(page), ">"+codes[2][1]+"<", "the second row is shown")
	assert.NotContains(t, string(page), "<td>"+codes[n][0]+"</td>", "the last row is not")

	wb, err := excelize.OpenFile(filepath.Join(out, WorkbookFile))
	require.NoError(t, err)
	defer wb.Close()
	rows, err := wb.GetRows("A codes")
	require.NoError(t, err)
	require.Len(t, rows, 2, "header and note")
	assert.Equal(t, codes[0], rows[0])
	assert.Equal(t, fmt.Sprintf(text("en", "wb.toolong"), n, 2), rows[1][0])

	omitted := fmt.Sprintf(text("en", "text.rowsomitted"), 2, n)
	for _, ext := range []string{".md", ".tex"} {
		raw, err := os.ReadFile(filepath.Join(out, "A", "tables", "codes"+ext))
		require.NoError(t, err)
		body := string(raw)
		assert.Contains(t, body, codes[2][0], "%s: the second row is kept", ext)
		assert.NotContains(t, body, codes[n][0], "%s: the last row is left out", ext)
		assert.True(t, strings.HasSuffix(body, omitted+"\n"), "%s ends saying what it left out:\n%s", ext, body)
	}
}
