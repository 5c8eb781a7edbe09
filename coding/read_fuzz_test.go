package coding

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/xuri/excelize/v2"
)

// The fuzz targets of the readers. Each holds the property a researcher
// relies on: whatever the bytes, no panic, and a fault is a *Problems whose
// every line is one line naming the file. Run one with
//
//	go test -run '^$' -fuzz '^FuzzReadTable$' -fuzztime 10m ./coding
//
// (make fuzz runs them all); a failing input is saved under
// testdata/fuzz/<target>/ and from then on runs with go test.

// fuzzTables are the tables of validFiles a fuzzed file stands in for.
var fuzzTables = []string{"codebook.csv", "respondents.csv", "interviews.csv", "events.csv", "segments/a.csv"}

// FuzzReadTable reads a study one of whose delimited text files is the
// fuzzed bytes, with a declared or sniffed delimiter and encoding: dialect
// sniffing, decoding, CSV parsing, the checks of every table.
func FuzzReadTable(f *testing.F) {
	for i, name := range fuzzTables {
		f.Add(uint8(i), []byte(validFiles[name]), uint8(0), uint8(0))
	}
	f.Add(uint8(1), []byte("respondent_id;role;city\r\nR1;cli\xebnt;Amsterdam\r\nR2;x;Haarlem\r\n"), uint8(';'), uint8(2))
	f.Add(uint8(1), []byte("\xff\xfer\x00e\x00s\x00"), uint8(0), uint8(0))
	f.Add(uint8(4), []byte("\ufeffinterview_id\tsegment_id\tcode\tquote\nIV1\tS1\tI1.1 Tijd\t\"a\nb\"\n"), uint8('\t'), uint8(1))
	for _, s := range corpusFiles(f, ".csv") {
		f.Add(uint8(tableOf(s.name)), s.data, uint8(0), uint8(0))
	}
	for _, name := range []string{"codebook.csv", "respondents.csv", "interviews.csv", "events.csv", "segments/wp2.csv"} {
		if raw, err := os.ReadFile(filepath.Join("..", "data", "example", name)); err == nil {
			f.Add(uint8(tableOf(name)), firstLines(raw, 40), uint8(0), uint8(0))
		}
	}
	// One study folder per fuzzing process, its fuzzed file written over
	// and put back each time: a new folder per input costs more than the read.
	dir := f.TempDir()
	for name, content := range validFiles {
		writeFile(f, filepath.Join(dir, name), []byte(content))
	}
	f.Fuzz(func(t *testing.T, table uint8, data []byte, delimiter, encoding uint8) {
		name := fuzzTables[int(table)%len(fuzzTables)]
		writeFile(t, filepath.Join(dir, name), data)
		defer writeFile(t, filepath.Join(dir, name), []byte(validFiles[name]))
		src := validSources
		src.Dir = dir
		tb := tableIn(&src, name)
		if d := rune(delimiter); d != 0 && validDelimiter(d) {
			tb.Delimiter = d
		}
		tb.Encoding = []string{"", EncodingUTF8, EncodingWindows1252}[int(encoding)%3]
		st, err := Read(context.Background(), src)
		checkRead(t, src, st, err)
	})
}

// FuzzReadWorkbook reads a study whose codebook is an Excel workbook: with
// sheetXML false, the fuzzed bytes are the whole file; with it true, they
// are the first sheet's XML inside an otherwise good workbook, which is
// where mutations reach the cell reading (a zip's checksums stop most
// mutations of the whole file early).
func FuzzReadWorkbook(f *testing.F) {
	good := workbook(f, "Blad1", validFiles["codebook.csv"])
	parts := unzip(f, good)
	const sheetPart = "xl/worksheets/sheet1.xml"
	f.Add(good, "", false)
	f.Add(workbook(f, "Codes", validFiles["codebook.csv"]), "Codes", false)
	f.Add([]byte("PK\x03\x04 not a whole zip"), "", false)
	f.Add(parts[sheetPart], "", true)
	f.Add(parts[sheetPart], "Blad2", true)
	f.Add([]byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+
		`<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c><c r="B1" t="inlineStr"><is><t>label</t></is></c><c r="C1" t="inlineStr"><is><t>dimension</t></is></c></row>`+
		`<row r="2"><c r="A2"><v>45000.5</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="e"><v>#N/A</v></c><c r="XFD1048576"><v>1</v></c></row>`+
		`</sheetData></worksheet>`), "", true)
	dir := f.TempDir()
	for name, content := range validFiles {
		writeFile(f, filepath.Join(dir, name), []byte(content))
	}
	f.Fuzz(func(t *testing.T, data []byte, sheet string, sheetXML bool) {
		if sheetXML {
			data = rezip(t, parts, sheetPart, data)
		}
		writeFile(t, filepath.Join(dir, "codebook.xlsx"), data)
		src := validSources
		src.Dir = dir
		src.Codebook = Table{File: "codebook.xlsx", Sheet: sheet}
		st, err := Read(context.Background(), src)
		checkRead(t, src, st, err)
	})
}

// unzip reads every part of a zip.
func unzip(tb testing.TB, data []byte) map[string][]byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		var b bytes.Buffer
		if _, err := b.ReadFrom(rc); err != nil {
			tb.Fatal(err)
		}
		rc.Close()
		out[f.Name] = b.Bytes()
	}
	return out
}

// rezip zips parts with part replaced by data, in a fixed order.
func rezip(tb testing.TB, parts map[string][]byte, part string, data []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(parts)) {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		b := parts[name]
		if name == part {
			b = data
		}
		if _, err := w.Write(b); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzParseDate: a date is read into an interval that is not empty, or
// refused with one line that quotes it.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2023", "2023-03", "2023-Q2", "2023-03-14", "2024-02-29", "2023-02-30", "2023-13", "2023-Q5",
		"spring 2023", "14-03-2023", "0000-01-01", "9999-12-31", "2023-q1", " 2023", "２０２３"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			msg := err.Error()
			if strings.ContainsAny(msg, "\r\n") || !strings.Contains(msg, strconv.Quote(s)) {
				t.Fatalf("ParseDate(%q): the error is not one line quoting the date: %q", s, msg)
			}
			return
		}
		if s == "" {
			if !d.IsZero() {
				t.Fatalf("ParseDate(\"\") = %+v, want no date", d)
			}
			return
		}
		if d.Raw != s || d.To.Before(d.From) || d.From.Year() != d.To.Year() || d.From.Year() > 9999 {
			t.Fatalf("ParseDate(%q) = %+v: not the interval of one date as written", s, d)
		}
	})
}

// FuzzFindPII: findings lie in the text, in order and apart, and their
// masks keep no more of them than the first characters.
func FuzzFindPII(f *testing.F) {
	for _, s := range []string{"jan.devries@example.nl", "06-12345678", "+31 (0)6 1234 5678", "BSN 111222333", "1234.56.782",
		"NL91 ABNA 0417 1643 00", "2023-03-14 01-03-2023 14:00", "WP2_01 T01-E03", "0 1 2 3 4 5 6 7 8 9", "a@b.c@d.ee 0612345678@x.nl"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		end := 0
		for _, p := range FindPII(s) {
			if p.Start < end || p.End <= p.Start || p.End > len(s) {
				t.Fatalf("FindPII(%q): %+v is not in the text after the previous finding (ending at %d)", s, p, end)
			}
			end = p.End
			found := s[p.Start:p.End]
			switch p.Kind {
			case PIIEmail:
				at := strings.LastIndexByte(found, '@')
				tld := found[strings.LastIndexByte(found, '.')+1:]
				if at < 1 || p.Masked != found[:1]+"***@***."+tld {
					t.Fatalf("FindPII(%q): e-mail %q masked as %q", s, found, p.Masked)
				}
			default:
				kept := 0
				for i := range len(found) {
					if p.Masked[i] != '*' {
						if p.Masked[i] != found[i] {
							t.Fatalf("FindPII(%q): %q masked as %q", s, found, p.Masked)
						}
						if isAlnum(found[i]) {
							kept++
						}
					}
				}
				if kept > 2 {
					t.Fatalf("FindPII(%q): %s %q masked as %q keeps %d characters", s, p.Kind, found, p.Masked, kept)
				}
			}
		}
	})
}

// checkRead holds the readers' property: a study is read, or refused with
// problems each of one line naming one of its files.
func checkRead(t *testing.T, src Sources, st *Study, err error) {
	t.Helper()
	files := map[string]bool{src.Codebook.File: true, src.Respondents.File: true, src.Interviews.File: true, src.Events.File: true}
	for _, s := range src.Segments {
		files[s.File] = true
	}
	oneLine := func(kind string, p Problem) {
		s := p.String()
		if strings.ContainsAny(s, "\r\n") || !utf8.ValidString(s) || !files[p.File] || !strings.HasPrefix(s, p.File+":") || p.Row < 0 {
			t.Fatalf("%s is not one line naming a file of the study: %q", kind, s)
		}
	}
	if err != nil {
		var ps *Problems
		if !errors.As(err, &ps) {
			t.Fatalf("Read failed with %T, not *Problems: %v", err, err)
		}
		if ps.empty() {
			t.Fatal("Read failed with no problem")
		}
		for _, p := range ps.List {
			oneLine("a problem", p)
		}
		return
	}
	if st == nil || st.Codebook == nil {
		t.Fatal("Read gave neither a study nor an error")
	}
	for _, w := range st.Warnings {
		oneLine("a warning", w)
	}
}

// writeFile writes a file of a study, and its folder.
func writeFile(tb testing.TB, path string, data []byte) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		tb.Fatal(err)
	}
}

// tableIn returns the table of src whose file is name.
func tableIn(src *Sources, name string) *Table {
	for _, t := range []*Table{&src.Codebook, &src.Respondents, &src.Interviews, &src.Events} {
		if t.File == name {
			return t
		}
	}
	src.Segments = append([]Table(nil), src.Segments...)
	return &src.Segments[0]
}

// tableOf is the index in fuzzTables of the table a file of a study holds.
func tableOf(name string) int {
	for i, t := range fuzzTables[:4] {
		if filepath.Base(name) == t {
			return i
		}
	}
	return 4
}

// corpusFile is a file of the bad-input corpus.
type corpusFile struct {
	name string
	data []byte
}

var escapeRe = regexp.MustCompile(`\\x[0-9A-Fa-f]{2}`)

// corpusFiles are the files ending in ext of every study of the bad-input
// corpus (../testdata/bad), for seeds. Sections with a directive are taken
// as the bytes they stand for where that is short (escaped), else left out.
func corpusFiles(f *testing.F, ext string) []corpusFile {
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "bad", "*.txtar"))
	if err != nil {
		f.Fatal(err)
	}
	var out []corpusFile
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range a.Files {
			name, directive, _ := strings.Cut(file.Name, " ")
			if !strings.HasSuffix(name, ext) {
				continue
			}
			switch directive {
			case "":
				out = append(out, corpusFile{name, file.Data})
			case "(escaped)":
				out = append(out, corpusFile{name, escapeRe.ReplaceAllFunc(file.Data, func(m []byte) []byte {
					b, _ := strconv.ParseUint(string(m[2:]), 16, 8)
					return []byte{byte(b)}
				})})
			}
		}
	}
	return out
}

// firstLines is the first n lines of raw: a seed small enough to mutate.
func firstLines(raw []byte, n int) []byte {
	end := 0
	for range n {
		i := bytes.IndexByte(raw[end:], '\n')
		if i < 0 {
			return raw
		}
		end += i + 1
	}
	return raw[:end]
}

// workbook is a workbook whose sheet holds csv's rows, as bytes.
func workbook(f *testing.F, sheet, csv string) []byte {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		f.Fatal(err)
	}
	for r, line := range strings.Split(strings.TrimSpace(csv), "\n") {
		for c, v := range strings.Split(line, ",") {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := x.SetCellStr(sheet, cell, v); err != nil {
				f.Fatal(err)
			}
		}
	}
	buf, err := x.WriteToBuffer()
	if err != nil {
		f.Fatal(err)
	}
	return buf.Bytes()
}
