package pipeline

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/cimo-tool/cimo/coding"
)

const exampleDir = "../data/example"

// exampleTables are the example study's table files, as study.yaml names them.
func exampleTables(t *testing.T) []string {
	t.Helper()
	segs, err := filepath.Glob(filepath.Join(exampleDir, "segments", "*.csv"))
	require.NoError(t, err)
	files := []string{"codebook.csv", "respondents.csv", "interviews.csv", "events.csv"}
	for _, s := range segs {
		files = append(files, filepath.Join("segments", filepath.Base(s)))
	}
	return files
}

func readRecords(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	require.NoError(t, err)
	return recs
}

// The example study converted by Excel-like writers. Each returns the
// study.yaml lines that differ from the example's.
var conversions = []struct {
	name    string
	convert func(t *testing.T, dir string) map[string]string
	// warned: files read with a warning (Windows-1252 detected)
	warned bool
}{
	{"xlsx with real dates, numbers as numbers, the codebook on its second sheet", toWorkbooks, false},
	{"semicolon CSV, UTF-8 with BOM, CRLF", func(t *testing.T, dir string) map[string]string {
		return toCSV(t, dir, func(s string) []byte { return append([]byte("\ufeff"), s...) })
	}, false},
	{"semicolon CSV, Windows-1252, CRLF", func(t *testing.T, dir string) map[string]string {
		return toCSV(t, dir, func(s string) []byte {
			b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
			require.NoError(t, err, "every character of the example is in Windows-1252")
			return b
		})
	}, true},
}

// TestExampleInEveryFormat: the example study converted to .xlsx, to
// semicolon CSV with BOM and to Windows-1252 gives the same study (every
// quote, description and row) and byte-identical tables and summary.
func TestExampleInEveryFormat(t *testing.T) {
	wantOut, _ := runStudy(t, filepath.Join(exampleDir, "study.yaml"))
	want := goRead(t, filepath.Join(exampleDir, "study.yaml"))
	wantFiles := outputTables(t, wantOut)
	require.Greater(t, len(wantFiles), 15)
	yamlText, err := os.ReadFile(filepath.Join(exampleDir, "study.yaml"))
	require.NoError(t, err)

	for _, conv := range conversions {
		t.Run(conv.name, func(t *testing.T) {
			dir := t.TempDir()
			text := string(yamlText)
			for key, line := range conv.convert(t, dir) {
				text = replaceLine(text, key+":", line)
			}
			require.NoError(t, os.WriteFile(filepath.Join(dir, "study.yaml"), []byte(text), 0o644))

			out, _ := runStudy(t, filepath.Join(dir, "study.yaml"))
			got := goRead(t, filepath.Join(dir, "study.yaml"))
			assert.Equal(t, studyData(want), studyData(got), "the same study, quotes and descriptions included")
			gotFiles := outputTables(t, out)
			require.Equal(t, len(wantFiles), len(gotFiles))
			for name, w := range wantFiles {
				assert.True(t, bytes.Equal(w, gotFiles[name]), "%s differs:\n%s", name, firstDiff(w, gotFiles[name]))
			}
			if conv.warned {
				// Only a file with a letter beyond ASCII is not UTF-8 in Windows-1252.
				beyondASCII := 0
				for _, f := range exampleTables(t) {
					b, err := os.ReadFile(filepath.Join(exampleDir, f))
					require.NoError(t, err)
					if strings.ContainsFunc(string(b), func(r rune) bool { return r > 0x7F }) {
						beyondASCII++
					}
				}
				require.Len(t, got.Warnings, beyondASCII)
				for _, w := range got.Warnings {
					assert.Contains(t, w.String(), "is not UTF-8, so it was read as Windows-1252")
				}
			} else {
				assert.Empty(t, got.Warnings)
			}
		})
	}
}

// outputTables reads every CSV table and the summary under out.
func outputTables(t *testing.T, out string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	require.NoError(t, filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".csv") || strings.HasSuffix(path, ".md")) {
			return err
		}
		rel, _ := filepath.Rel(out, path)
		b, err := os.ReadFile(path)
		files[rel] = b
		return err
	}))
	return files
}

// studyData is a study without its file names, which differ by format.
func studyData(st *coding.Study) *coding.Study {
	c := *st
	cb := *st.Codebook
	cb.File = ""
	cb.Codes = append([]coding.Code(nil), cb.Codes...)
	for i := range cb.Codes {
		cb.Codes[i].File = ""
	}
	c.Codebook = &cb
	c.Respondents = append([]coding.Respondent(nil), st.Respondents...)
	for i := range c.Respondents {
		c.Respondents[i].File = ""
	}
	c.Interviews = append([]coding.Interview(nil), st.Interviews...)
	for i := range c.Interviews {
		c.Interviews[i].File = ""
	}
	c.Events = append([]coding.Event(nil), st.Events...)
	for i := range c.Events {
		c.Events[i].File = ""
	}
	c.Segments = append([]coding.Segment(nil), st.Segments...)
	for i := range c.Segments {
		c.Segments[i].File = ""
	}
	c.Warnings = nil
	return &c
}

// toCSV writes every table as Dutch Excel saves CSV: semicolons, CRLF line
// ends (inside quotes too), quotes only where needed, then encoded.
func toCSV(t *testing.T, dir string, encode func(string) []byte) map[string]string {
	for _, f := range exampleTables(t) {
		var b strings.Builder
		w := csv.NewWriter(&b)
		w.Comma, w.UseCRLF = ';', true
		require.NoError(t, w.WriteAll(readRecords(t, filepath.Join(exampleDir, f))))
		require.NoError(t, os.MkdirAll(filepath.Join(dir, filepath.Dir(f)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), encode(b.String()), 0o644))
	}
	return nil // same file names
}

// toWorkbooks writes every table as an .xlsx: full dates as Excel dates in
// a date format (fuzzy ones as text in the same column), seq and positions
// as numbers, everything else as text; the codebook after a sheet of notes.
func toWorkbooks(t *testing.T, dir string) map[string]string {
	for _, f := range exampleTables(t) {
		recs := readRecords(t, filepath.Join(exampleDir, f))
		wb := excelize.NewFile()
		sheet := "Blad1"
		require.NoError(t, wb.SetSheetName("Sheet1", sheet))
		if f == "codebook.csv" {
			require.NoError(t, wb.SetCellValue(sheet, "A1", "Toelichting: de codes staan op het tweede blad."))
			sheet = "Codes"
			_, err := wb.NewSheet(sheet)
			require.NoError(t, err)
		}
		dateFmt := "d-m-yyyy" // as Dutch Excel shows a date
		dateStyle, err := wb.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
		require.NoError(t, err)
		for r, rec := range recs {
			for c, v := range rec {
				cell, err := excelize.CoordinatesToCellName(c+1, r+1)
				require.NoError(t, err)
				var value any = v
				col := recs[0][c]
				switch {
				case r == 0 || v == "":
				case col == "date":
					if d, err := time.Parse("2006-01-02", v); err == nil {
						value = d
					}
					require.NoError(t, wb.SetCellStyle(sheet, cell, cell, dateStyle))
				case col == "seq" || col == "start" || col == "end":
					n, err := strconv.Atoi(v)
					require.NoError(t, err)
					value = n
				}
				require.NoError(t, wb.SetCellValue(sheet, cell, value))
			}
		}
		path := filepath.Join(dir, strings.TrimSuffix(f, ".csv")+".xlsx")
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, wb.SaveAs(path))
		require.NoError(t, wb.Close())
	}
	return map[string]string{
		"codebook":    "codebook: {file: codebook.xlsx, sheet: Codes}",
		"respondents": "respondents: respondents.xlsx",
		"interviews":  "interviews: interviews.xlsx",
		"events":      "events: events.xlsx",
		"segments":    "segments: [segments/*.xlsx]",
	}
}

// TestBadTableFiles: a workbook without the sheet named, a byte no encoding
// can read, and a workbook that is not one each stop the run with one line
// naming the file, before the store is touched.
func TestBadTableFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"study.yaml": "name: Tiny\nlanguage: en\nwork_packages: [{id: P, title: Perspectives}]\n" +
			"codebook: {file: codebook.xlsx, sheet: Codes}\nrespondents: respondents.csv\ninterviews: interviews.csv\nsegments: segments.xlsx\n",
		"respondents.csv": "respondent_id;role;city\r\nR1;cliënt;Haarlem\r\n",
		"interviews.csv":  "interview_id,respondent_id,work_package\nIV1,R1,P\n",
	}
	for name, text := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	writeSheet(t, filepath.Join(dir, "codebook.xlsx"), "Codes", [][]any{{"code", "label", "dimension"}, {"I1", "Preconditions", "I"}})
	writeSheet(t, filepath.Join(dir, "segments.xlsx"), "Blad1", [][]any{{"interview_id", "segment_id", "code"}, {"IV1", "S1", "I1"}})
	study := filepath.Join(dir, "study.yaml")
	out := t.TempDir()
	_, err := Run(context.Background(), study, Options{Out: out})
	require.NoError(t, err)
	storeBefore, err := os.ReadFile(filepath.Join(out, StoreFile))
	require.NoError(t, err)
	tableBefore, err := os.ReadFile(filepath.Join(out, "all", "codes.csv"))
	require.NoError(t, err)

	valid, err := os.ReadFile(filepath.Join(dir, "segments.xlsx"))
	require.NoError(t, err)
	tests := []struct {
		name, file string
		content    []byte
		yaml       [2]string // a study.yaml line to replace, and with what
		want       string
	}{
		{"a sheet that does not exist", "", nil, [2]string{"codebook:", "codebook: {file: codebook.xlsx, sheet: Codebook}"},
			`codebook.xlsx: has no sheet "Codebook": its sheets are "Codes" (check sheet: in study.yaml)`},
		{"a byte Windows-1252 does not have", "respondents.csv", []byte("respondent_id;role;city\r\nR1;cli\xebnt;Haarlem\r\nR2;cli\x81nt;Haarlem\r\n"), [2]string{},
			`respondents.csv:3: column "role": byte 0x81 is not a character in Windows-1252, which it was read as because it is not UTF-8`},
		{"delimited text named .xlsx", "segments.xlsx", []byte("interview_id,segment_id,code\nIV1,S1,I1\n"), [2]string{},
			`segments.xlsx: is not an Excel workbook but looks like delimited text: give it the extension .csv`},
		{"a corrupt zip", "segments.xlsx", valid[:len(valid)*2/3], [2]string{},
			`segments.xlsx: cannot be read as an Excel workbook (`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := t.TempDir()
			require.NoError(t, os.CopyFS(bad, os.DirFS(dir)))
			if tt.file != "" {
				require.NoError(t, os.WriteFile(filepath.Join(bad, tt.file), tt.content, 0o644))
			}
			if tt.yaml[0] != "" {
				require.NoError(t, os.WriteFile(filepath.Join(bad, "study.yaml"), []byte(replaceLine(files["study.yaml"], tt.yaml[0], tt.yaml[1])), 0o644))
			}
			_, err := Run(context.Background(), filepath.Join(bad, "study.yaml"), Options{Out: out})
			var ps *coding.Problems
			require.ErrorAs(t, err, &ps)
			require.Len(t, ps.List, 1, "%v", err)
			assert.Contains(t, ps.List[0].String(), tt.want)
			assert.NotContains(t, ps.Error(), "\n", "one line")
			storeAfter, err := os.ReadFile(filepath.Join(out, StoreFile))
			require.NoError(t, err)
			assert.True(t, bytes.Equal(storeBefore, storeAfter), "the store is left as it was")
			tableAfter, err := os.ReadFile(filepath.Join(out, "all", "codes.csv"))
			require.NoError(t, err)
			assert.Equal(t, tableBefore, tableAfter)
		})
	}
}
