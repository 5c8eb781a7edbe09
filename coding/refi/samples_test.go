package refi

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// Every project in the shared folder imports, and holds as many codes,
// sources, selections, codings, users, cases and variables as its XML, as
// recounted apart from the reader. The published counts of SOURCES.md are
// checked too, where it gives them.
func TestSharedProjectsImport(t *testing.T) {
	dir := sharedDir(t)
	tests := []struct {
		file string
		// from SOURCES.md; -1 where it gives none
		selections, codings, codes int
	}{
		{"samples/nvivo12_oltas0517.qdpx", 303, 303, -1},
		{"samples/nvivo12mac_OltasSzkepticizmus_17June.qdpx", 297, -1, -1},
		{"samples/nvivo15mac_codebook_only.qdpx", 0, 0, 262},
		{"samples/qc_demo.qdpx", 158, 205, 262},
		{"samples/qdpx-toolkit-hand-authored", -1, -1, -1},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			p, err := ReadProject(context.Background(), path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var qde []byte
			if fi, _ := os.Stat(path); fi.IsDir() {
				qde, err = os.ReadFile(filepath.Join(path, "project.qde"))
				if err != nil {
					t.Fatal(err)
				}
			} else {
				qde = qdeOf(t, zipFiles(t, path))
			}
			want, got := xmlCounts(t, qde), counts(p)
			for _, k := range []string{"Code", "TextSource", "PlainTextSelection", "Coding", "User", "Case", "Variable"} {
				if got[k] != want[k] {
					t.Errorf("%s: read %d, the XML holds %d", k, got[k], want[k])
				}
			}
			for k, n := range map[string]int{"PlainTextSelection": tt.selections, "Coding": tt.codings, "Code": tt.codes} {
				if n >= 0 && got[k] != n {
					t.Errorf("%s: read %d, SOURCES.md says %d", k, got[k], n)
				}
			}
			checkQuotes(t, p)
		})
	}
}

// checkQuotes asserts that every selection's quote is its text between its
// rune offsets.
func checkQuotes(t *testing.T, p *Project) {
	t.Helper()
	texts := map[string][]rune{}
	for _, s := range p.Sources {
		texts[s.GUID] = []rune(s.Text)
	}
	for _, s := range p.Selections {
		text := texts[s.SourceGUID]
		if s.Start < 0 || s.End < s.Start || s.End > len(text) {
			t.Errorf("selection %s: [%d,%d) outside its text of %d runes", s.GUID, s.Start, s.End, len(text))
			continue
		}
		if got := string(text[s.Start:s.End]); s.Quote != got {
			t.Errorf("selection %s: quote %q, text between its offsets %q", s.GUID, s.Quote, got)
		}
	}
}

// The NVivo exports count positions in UTF-16 code units, without the BOM.
// Recounted here from the raw .txt files apart from the reader: each quote
// is the UTF-16 units between the selection's positions as written, and most
// selections start and end at line breaks that way (SOURCES.md measured
// 274/303 and 272/297), against few when the BOM is counted as one unit.
func TestNVivoPositionsAreUTF16(t *testing.T) {
	dir := sharedDir(t)
	for _, file := range []string{"nvivo12_oltas0517.qdpx", "nvivo12mac_OltasSzkepticizmus_17June.qdpx"} {
		t.Run(file, func(t *testing.T) {
			path := filepath.Join(dir, "samples", file)
			p, err := ReadProject(context.Background(), path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if p.Unit != UnitUTF16 {
				t.Errorf("unit %q, want %q", p.Unit, UnitUTF16)
			}
			if !hasWarning(p.Warnings, "UTF-16 code units") {
				t.Errorf("no warning names the unit chosen: %q", p.Warnings)
			}
			files := zipFiles(t, path)
			units := map[string][]uint16{}
			bom := map[string]bool{}
			for _, s := range p.Sources {
				raw := files[strings.Replace(s.Path, "internal://", sourcesFolder(files)+"/", 1)]
				if raw == nil {
					t.Fatalf("source %s: no file for %s", s.GUID, s.Path)
				}
				text, found := strings.CutPrefix(string(raw), "\ufeff")
				bom[s.GUID] = found
				units[s.GUID] = utf16.Encode([]rune(text))
			}
			nl, cr := uint16('\n'), uint16('\r')
			atBreaks := func(u []uint16, start, end int) bool {
				return (start == 0 || u[start-1] == nl) && (end == len(u) || u[end] == cr || u[end] == nl)
			}
			lines, linesWithBOM, withBOM := 0, 0, 0
			for _, s := range p.Selections {
				u := units[s.SourceGUID]
				if s.RawEnd > len(u) {
					t.Fatalf("selection %s ends at %d past %d units", s.GUID, s.RawEnd, len(u))
				}
				if want := string(utf16.Decode(u[s.RawStart:s.RawEnd])); s.Quote != want {
					t.Errorf("selection %s: quote %q, want %q", s.GUID, s.Quote, want)
				}
				if atBreaks(u, s.RawStart, s.RawEnd) {
					lines++
				}
				if bom[s.SourceGUID] {
					withBOM++
					// With the BOM as unit 0, position p is unit p-1 of the text.
					if s.RawStart >= 1 && atBreaks(u, s.RawStart-1, s.RawEnd-1) {
						linesWithBOM++
					}
				}
			}
			n := len(p.Selections)
			if lines*100 <= 80*n {
				t.Errorf("%d of %d selections start and end at line breaks, want more than 80%%", lines, n)
			}
			if withBOM > 0 && linesWithBOM*10 >= withBOM {
				t.Errorf("counting the BOM, %d of %d selections are at line breaks: the BOM may count after all", linesWithBOM, withBOM)
			}
			t.Logf("%d of %d selections at line breaks; %d of %d if the BOM counted", lines, n, linesWithBOM, withBOM)

			// Read as the standard's code points instead, the same positions
			// land on line breaks far less often.
			cp, err := ReadProject(context.Background(), path, Options{Unit: UnitCodePoints})
			if err != nil {
				t.Fatal(err)
			}
			if b := runeLineBreaks(cp); b*10 >= n {
				t.Errorf("read as code points, %d of %d selections at line breaks; want under 10%%", b, n)
			}
		})
	}
}

// sourcesFolder is the sources folder's name as the zip spells it.
func sourcesFolder(files map[string][]byte) string {
	for name := range files {
		if strings.HasPrefix(name, "Sources/") {
			return "Sources"
		}
	}
	return "sources"
}

// runeLineBreaks counts the selections whose rune offsets start and end at
// line breaks.
func runeLineBreaks(p *Project) int {
	texts := map[string][]rune{}
	for _, s := range p.Sources {
		texts[s.GUID] = []rune(s.Text)
	}
	n := 0
	for _, s := range p.Selections {
		r := texts[s.SourceGUID]
		if (s.Start == 0 || r[s.Start-1] == '\n') && (s.End == len(r) || r[s.End] == '\r' || r[s.End] == '\n') {
			n++
		}
	}
	return n
}

func hasWarning(ws []string, part string) bool {
	for _, w := range ws {
		if strings.Contains(w, part) {
			return true
		}
	}
	return false
}

// The openqda codebook reads with its 44 codes (SOURCES.md: 4 parents with
// 40 children) and one warning for all the GUIDs that miss the pattern; the
// defect copy fails on its malformed end tag, naming file and line.
func TestSharedCodebooks(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "samples", "openqda-refi-tools")
	path := filepath.Join(dir, "example_codebook.qdc")
	cb, err := ReadCodebook(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := xmlCounts(t, raw)["Code"]
	if got := len(All(cb.Codes)); got != want || got != 44 {
		t.Errorf("read %d codes, the XML holds %d, SOURCES.md says 44", got, want)
	}
	if len(cb.Codes) != 4 {
		t.Errorf("%d top-level codes, SOURCES.md says 4", len(cb.Codes))
	}
	// Recount the GUIDs that miss the schema's pattern from the raw text.
	uuid := regexp.MustCompile(`^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$`)
	bad := 0
	for _, m := range regexp.MustCompile(`guid="([^"]*)"`).FindAllStringSubmatch(string(raw), -1) {
		if !uuid.MatchString(m[1]) {
			bad++
		}
	}
	if len(cb.Warnings) != 1 || !strings.Contains(cb.Warnings[0], strconv.Itoa(bad)+" GUIDs") {
		t.Errorf("warnings %q, want one naming %d GUIDs", cb.Warnings, bad)
	}
	first := cb.Codes[0]
	if first.GUID != "c001" || first.Name != "Negativ/Aufgeregt" || first.Color != "#e57373" || !first.IsCodable ||
		first.Description != "All emotions with negative valence and positive arousal." {
		t.Errorf("first code %+v", *first)
	}

	defect := filepath.Join(dir, "example_codebook_defect.qdc")
	_, err = ReadCodebook(context.Background(), defect)
	msg := mustErrors(t, err)
	draw, err := os.ReadFile(defect)
	if err != nil {
		t.Fatal(err)
	}
	line := 1 + strings.Count(string(draw[:strings.Index(string(draw), "</Cod>")]), "\n")
	for _, part := range []string{defect + ":" + strconv.Itoa(line) + ":", "not well-formed", "</Cod>", "export it again"} {
		if !strings.Contains(msg, part) {
			t.Errorf("error %q does not contain %q", msg, part)
		}
	}
	if strings.Contains(msg, "\n") {
		t.Errorf("error %q is not one line", msg)
	}
}
