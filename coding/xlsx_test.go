package coding

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// TestXLSXCells: a cell reads as what Excel stores in it, not as it shows it.
func TestXLSXCells(t *testing.T) {
	march14 := time.Date(2023, 3, 14, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		value  any
		format any // number format id or custom code; nil for General
		want   string
	}{
		{"whole number", 361, nil, "361"},
		{"whole number stored as a float", 361.0, nil, "361"},
		{"decimal", 2.5, nil, "2.5"},
		{"decimal Excel stores inexactly", 0.1, nil, "0.1"},
		{"number shown with decimals", 3, "0.00", "3"},
		{"number that could be a date serial, General format", 44999, nil, "44999"},
		{"date, built-in format 14", march14, 14, "2023-03-14"},
		{"date, Dutch custom format", march14, "d-m-yyyy", "2023-03-14"},
		{"date, custom format with locale and month name", march14, "[$-413]d mmmm yyyy;@", "2023-03-14"},
		{"date and time", march14.Add(9*time.Hour + 30*time.Minute), "dd-mm-yyyy hh:mm", "2023-03-14T09:30:00"},
		{"fuzzy date typed as text into a date column", "2023-Q2", 14, "2023-Q2"},
		{"Dutch date typed as text stays text", "14-3-2023", "d-m-yyyy", "14-3-2023"},
		{"digits typed as text keep their zeros", "0361", nil, "0361"},
		{"a code that looks like a number, typed as text", "1.10", nil, "1.10"},
		{"yes or no", true, nil, "TRUE"},
		{"text with a line break", "eerste regel\ntweede regel", nil, "eerste regel\ntweede regel"},
	}
	rows := [][]any{{"value"}}
	for _, tt := range tests {
		rows = append(rows, []any{tt.value})
	}
	dir := t.TempDir()
	f := excelize.NewFile()
	for i, tt := range tests {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		require.NoError(t, f.SetCellValue("Sheet1", cell, tt.value))
		st := &excelize.Style{}
		switch x := tt.format.(type) {
		case int:
			st.NumFmt = x
		case string:
			st.CustomNumFmt = &x
		}
		id, err := f.NewStyle(st)
		require.NoError(t, err)
		require.NoError(t, f.SetCellStyle("Sheet1", cell, cell, id))
	}
	require.NoError(t, f.SetCellValue("Sheet1", "A1", "value"))
	require.NoError(t, f.SaveAs(filepath.Join(dir, "cells.xlsx")))
	require.NoError(t, f.Close())

	tr := &tableReader{dir: dir, problems: &Problems{}}
	src, ok := tr.openXLSX(Table{File: "cells.xlsx"})
	require.True(t, ok, "%v", tr.problems)
	rec, line, err := src.next()
	require.NoError(t, err)
	assert.Equal(t, []string{"value"}, rec)
	assert.Equal(t, 1, line)
	for i, tt := range tests {
		rec, line, err := src.next()
		require.NoError(t, err)
		assert.Equal(t, i+2, line, "the sheet's row number")
		assert.Equal(t, []string{tt.want}, rec, tt.name)
	}
	_, _, err = src.next()
	assert.Equal(t, io.EOF, err)
}

// TestXLSXDate1904: a workbook that counts days from 1904 (old Mac Excel).
func TestXLSXDate1904(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	yes := true
	require.NoError(t, f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}))
	require.NoError(t, f.SetCellValue("Sheet1", "A1", "date"))
	require.NoError(t, f.SetCellValue("Sheet1", "A2", 43538))
	id, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	require.NoError(t, err)
	require.NoError(t, f.SetCellStyle("Sheet1", "A2", "A2", id))
	require.NoError(t, f.SaveAs(filepath.Join(dir, "mac.xlsx")))
	require.NoError(t, f.Close())

	tr := &tableReader{dir: dir, problems: &Problems{}}
	src, ok := tr.openXLSX(Table{File: "mac.xlsx"})
	require.True(t, ok)
	_, _, _ = src.next()
	rec, _, err := src.next()
	require.NoError(t, err)
	// Day 0 of the 1904 system is 1 January 1904.
	assert.Equal(t, time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 43538).Format("2006-01-02"), rec[0])
}

// TestReadWorkbooks: every table of the small valid study as a sheet, with
// dates as Excel dates and numbers as numbers, reads as the CSV files do.
func TestReadWorkbooks(t *testing.T) {
	want, err := readStudy(t, nil)
	require.NoError(t, err)

	dir := t.TempDir()
	date := func(s string) any {
		if d, err := time.Parse("2006-01-02", s); err == nil {
			return d
		}
		return s
	}
	num := func(s string) any {
		if s == "" {
			return ""
		}
		n, err := strconv.Atoi(s)
		require.NoError(t, err)
		return n
	}
	// Notes on a first sheet, so that sheet: is needed for the codebook.
	writeWorkbook(t, filepath.Join(dir, "codebook.xlsx"),
		sheet{name: "Toelichting", rows: [][]any{{"Codeboek van de studie"}}},
		sheet{name: "Codes", rows: anyRows(t, validFiles["codebook.csv"], nil)})
	writeWorkbook(t, filepath.Join(dir, "respondents.xlsx"), sheet{name: "Blad1", rows: anyRows(t, validFiles["respondents.csv"], nil)})
	writeWorkbook(t, filepath.Join(dir, "interviews.xlsx"), sheet{name: "Blad1",
		rows: anyRows(t, validFiles["interviews.csv"], map[string]func(string) any{"date": date}), formats: map[int]any{3: "d-m-yyyy"}})
	writeWorkbook(t, filepath.Join(dir, "events.xlsx"), sheet{name: "Blad1",
		rows: anyRows(t, validFiles["events.csv"], map[string]func(string) any{"date": date, "seq": num}), formats: map[int]any{4: 14}})
	writeWorkbook(t, filepath.Join(dir, "segments", "a.xlsx"), sheet{name: "Blad1",
		rows: anyRows(t, validFiles["segments/a.csv"], map[string]func(string) any{"start": num, "end": num})})

	src := validSources
	src.Dir = dir
	src.Codebook = Table{File: "codebook.xlsx", Sheet: "Codes"}
	src.Respondents = Table{File: "respondents.xlsx"}
	src.Interviews = Table{File: "interviews.xlsx"}
	src.Events = Table{File: "events.xlsx"}
	src.Segments = []Table{{File: filepath.Join("segments", "a.xlsx")}}
	got, err := Read(t.Context(), src)
	require.NoError(t, err)
	assert.Empty(t, got.Warnings)
	assert.Equal(t, withoutFiles(want), withoutFiles(got))
}

// TestWorkbookProblems: each bad workbook is one line naming the file; rows
// are the sheet's rows.
func TestWorkbookProblems(t *testing.T) {
	dir := t.TempDir()
	writeWorkbook(t, filepath.Join(dir, "two.xlsx"), sheet{name: "Notes", rows: [][]any{{"x"}}}, sheet{name: "Codes", rows: [][]any{{"code"}}})
	valid, err := os.ReadFile(filepath.Join(dir, "two.xlsx"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "text.xlsx"), []byte("code;label;dimension\nC1;x;C\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "noise.xlsx"), []byte("\x00\x01\x02\xff\xfe binary"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "cut.xlsx"), valid[:len(valid)/2], 0o644))
	// A blank row 3 and a value beyond the header's last column on row 5.
	writeWorkbook(t, filepath.Join(dir, "rows.xlsx"), sheet{name: "Blad1", rows: [][]any{
		{"code", "label", "dimension"}, {"C1", "Klein netwerk", "C"}, {}, {"I1", "Randvoorwaarden", "X"}, {"M1", "Vertrouwen", "M", "", "extra"}}})
	require.NoError(t, os.WriteFile(filepath.Join(dir, "old.xls"), valid, 0o644))

	tests := []struct {
		name  string
		table Table
		want  []string
	}{
		{"no such sheet", Table{File: "two.xlsx", Sheet: "Codebook"},
			[]string{`two.xlsx: has no sheet "Codebook": its sheets are "Notes", "Codes" (check sheet: in study.yaml)`}},
		{"delimited text named .xlsx", Table{File: "text.xlsx"},
			[]string{`text.xlsx: is not an Excel workbook but looks like delimited text: give it the extension .csv`}},
		{"not a zip", Table{File: "noise.xlsx"},
			[]string{`noise.xlsx: cannot be read as an Excel workbook (zip: not a valid zip file): open it in Excel and save it again as .xlsx`}},
		{"a truncated zip", Table{File: "cut.xlsx"},
			[]string{`cut.xlsx: cannot be read as an Excel workbook (`}},
		{"no such file", Table{File: "none.xlsx"},
			[]string{`none.xlsx: cannot open: no such file or directory (check its path in study.yaml)`}},
		{"an old .xls", Table{File: "old.xls"},
			[]string{`old.xls: is an old Excel workbook (.xls): open it in Excel and save it as .xlsx`}},
		{"rows of the sheet", Table{File: "rows.xlsx"},
			[]string{`rows.xlsx:4: column "dimension": "X" is not a CIMO dimension`,
				`rows.xlsx:5: row has a value in column 5 but the header has 3 columns: give that column a header or clear it`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &tableReader{dir: dir, problems: &Problems{}}
			_, ok, err := tr.readCodebook(t.Context(), tt.table)
			require.NoError(t, err)
			if len(tt.want) == 1 {
				assert.False(t, ok)
			}
			require.Len(t, tr.problems.List, len(tt.want), "%v", tr.problems)
			for i, w := range tt.want {
				assert.Contains(t, tr.problems.List[i].String(), w)
				assert.NotContains(t, tr.problems.List[i].String(), "\n")
			}
		})
	}
}
