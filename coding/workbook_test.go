package coding

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// A sheet for writeWorkbook. A cell is what excelize writes: a string is
// text, an int or float64 a number, a time.Time a date serial; formats gives
// the number format of a column (by index): a built-in id (int) or a custom
// format code (string), applied to every data row, text cells included, as a
// researcher formats a whole column.
type sheet struct {
	name    string
	rows    [][]any
	formats map[int]any
}

// writeWorkbook writes an .xlsx with excelize, the first sheet first.
func writeWorkbook(t *testing.T, path string, sheets ...sheet) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			require.NoError(t, f.SetSheetName("Sheet1", s.name))
		} else {
			_, err := f.NewSheet(s.name)
			require.NoError(t, err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				cell, err := excelize.CoordinatesToCellName(c+1, r+1)
				require.NoError(t, err)
				require.NoError(t, f.SetCellValue(s.name, cell, v))
				if format, ok := s.formats[c]; ok && r > 0 {
					st := &excelize.Style{}
					switch x := format.(type) {
					case int:
						st.NumFmt = x
					case string:
						st.CustomNumFmt = &x
					}
					id, err := f.NewStyle(st)
					require.NoError(t, err)
					require.NoError(t, f.SetCellStyle(s.name, cell, cell, id))
				}
			}
		}
	}
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, f.SaveAs(path))
}

// anyRows parses a CSV text into rows for writeWorkbook: every cell a
// string, except that conv turns the data cells of the columns it names.
func anyRows(t *testing.T, text string, conv map[string]func(string) any) [][]any {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	require.NoError(t, err)
	out := make([][]any, len(recs))
	for r, rec := range recs {
		out[r] = make([]any, len(rec))
		for c, v := range rec {
			out[r][c] = v
			if f, ok := conv[recs[0][c]]; ok && r > 0 && v != "" {
				out[r][c] = f(v)
			}
		}
	}
	return out
}

// withoutFiles is st with its file names cleared, for comparing the same
// study read from files of other formats.
func withoutFiles(st *Study) *Study {
	c := *st
	cb := *st.Codebook
	cb.File = ""
	cb.Codes = slices.Clone(cb.Codes)
	for i := range cb.Codes {
		cb.Codes[i].File = ""
	}
	c.Codebook = &cb
	c.Respondents = slices.Clone(st.Respondents)
	for i := range c.Respondents {
		c.Respondents[i].File = ""
	}
	c.Interviews = slices.Clone(st.Interviews)
	for i := range c.Interviews {
		c.Interviews[i].File = ""
	}
	c.Events = slices.Clone(st.Events)
	for i := range c.Events {
		c.Events[i].File = ""
	}
	c.Segments = slices.Clone(st.Segments)
	for i := range c.Segments {
		c.Segments[i].File = ""
	}
	return &c
}
