package refi

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The text of the emoji fixtures: three CRLF lines, two with a character
// outside the BMP (one rune, two UTF-16 units). Worked by hand:
//
//	line                 runes       UTF-16 units
//	"Intro 😀 here"      0-12        0-13   (12 runes, 13 units)
//	CRLF                 12-14       13-15
//	"Second line"        14-25       15-26
//	CRLF                 25-27       26-28
//	"Third 🎉 line"      27-39       28-41
//	CRLF                 39-41       41-43
const emojiText = "Intro 😀 here\r\nSecond line\r\nThird 🎉 line\r\n"

const (
	userA  = "aaaaaaaa-0000-0000-0000-000000000001"
	userB  = "aaaaaaaa-0000-0000-0000-000000000002"
	codeX  = "cccccccc-0000-0000-0000-000000000001"
	codeY  = "cccccccc-0000-0000-0000-000000000002"
	source = "5555aaaa-0000-0000-0000-000000000001"
)

// emojiProject is a project whose three selections take the three lines
// at the given positions; the second line carries two codings by two users.
func emojiProject(pos [3][2]string) string {
	sel := func(n int, codings string) string {
		return `<PlainTextSelection guid="5e1ec700-0000-0000-0000-00000000000` + string(rune('1'+n)) + `" name="line ` + string(rune('1'+n)) +
			`" startPosition="` + pos[n][0] + `" endPosition="` + pos[n][1] + `" creatingUser="` + userA + `">` + codings + `</PlainTextSelection>`
	}
	coding := func(n, code, user string) string {
		return `<Coding guid="c0d10000-0000-0000-0000-00000000000` + n + `" creatingUser="` + user + `"><CodeRef targetGUID="` + code + `"/></Coding>`
	}
	return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="emoji" origin="test">
  <Users><User guid="` + userA + `" name="A"/><User guid="` + userB + `" name="B"/></Users>
  <CodeBook><Codes>
    <Code guid="` + codeX + `" name="X" isCodable="true"/>
    <Code guid="` + codeY + `" name="Y" isCodable="true"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="` + source + `" name="interview" plainTextPath="internal://t.txt">
      ` + sel(0, coding("1", codeX, userA)) + `
      ` + sel(1, coding("2", codeX, userA)+coding("3", codeY, userB)) + `
      ` + sel(2, coding("4", codeY, userB)) + `
    </TextSource>
  </Sources>
</Project>`
}

// The quotes every reading of the emoji fixtures must give: the three lines.
var emojiQuotes = []string{"Intro 😀 here", "Second line", "Third 🎉 line"}

// A hand-made NVivo-like project: BOM, CRLF, emoji, positions in UTF-16
// units, one selection with two codings. And the same project as a
// conformant program writes it, in code points. Each unit is detected, and
// setting it gives the same.
func TestEmojiFixture(t *testing.T) {
	utf16Pos := [3][2]string{{"0", "13"}, {"15", "26"}, {"28", "41"}}
	runePos := [3][2]string{{"0", "12"}, {"14", "25"}, {"27", "39"}}
	tests := []struct {
		name string
		pos  [3][2]string
		opt  Unit
		want Unit
	}{
		{"utf16 detected", utf16Pos, "", UnitUTF16},
		{"utf16 set", utf16Pos, UnitUTF16, UnitUTF16},
		{"code points detected", runePos, UnitAuto, UnitCodePoints},
		{"code points set", runePos, UnitCodePoints, UnitCodePoints},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeZip(t, "emoji.qdpx", []zipEntry{
				{"project.qde", emojiProject(tt.pos)},
				{"Sources/t.txt", "\ufeff" + emojiText},
			})
			p, err := ReadProject(context.Background(), path, Options{Unit: tt.opt})
			if err != nil {
				t.Fatal(err)
			}
			if p.Unit != tt.want {
				t.Errorf("unit %q, want %q", p.Unit, tt.want)
			}
			if p.Sources[0].Text != emojiText {
				t.Errorf("text %q, want it without the BOM", p.Sources[0].Text)
			}
			var quotes []string
			for _, s := range p.Selections {
				quotes = append(quotes, s.Quote)
			}
			if !reflect.DeepEqual(quotes, emojiQuotes) {
				t.Errorf("quotes %q, want %q", quotes, emojiQuotes)
			}
			// Rune offsets are the same whatever the unit written.
			if s := p.Selections[2]; s.Start != 27 || s.End != 39 {
				t.Errorf("third line at [%d,%d), want [27,39)", s.Start, s.End)
			}
			second := p.Selections[1].Codings
			want := []Coding{
				{GUID: "c0d10000-0000-0000-0000-000000000002", CodeGUID: codeX, CreatingUser: userA},
				{GUID: "c0d10000-0000-0000-0000-000000000003", CodeGUID: codeY, CreatingUser: userB},
			}
			if !reflect.DeepEqual(second, want) {
				t.Errorf("codings of the second selection %+v, want %+v", second, want)
			}
			detected := tt.opt == "" || tt.opt == UnitAuto
			if got := hasWarning(p.Warnings, "selection positions read as"); got != detected {
				t.Errorf("warning on the unit: %v, want %v: %q", got, detected, p.Warnings)
			}
			checkQuotes(t, p)
		})
	}
}

// An ATLAS.ti-like export, and other departures seen in real files: the
// inner file named after the project, lower-case sources/ with a .root
// entry, no XML declaration, a schemaLocation of another version, GUIDs in
// upper case and braces referring to lower-case ones, a bare file name as
// plainTextPath and a source without a name (as qc writes), an inline text
// without a name, a zero-length
// selection, a memo as <Description>, and GUIDs that miss the pattern.
func TestDeparturesFixture(t *testing.T) {
	qde := `<Project xmlns="urn:QDA-XML:project:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="urn:QDA-XML:project:0:4 Project.xsd" name="Interview Study" origin="ATLAS.ti 26">
  <Users><User guid="{AAAAAAAA-0000-0000-0000-000000000001}" name="A"/></Users>
  <CodeBook><Codes>
    <Code guid="c001" name="Parent" isCodable="false">
      <Code guid="c002" name="Child" isCodable="true"/>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="5555AAAA-0000-0000-0000-000000000001" plainTextPath="doc one.txt">
      <PlainTextSelection guid="5e1ec700-0000-0000-0000-000000000001" name="" startPosition="6" endPosition="6" creatingUser="aaaaaaaa-0000-0000-0000-000000000001">
        <Description>An empty quotation, with a memo.</Description>
        <Coding guid="c0d10000-0000-0000-0000-000000000001" creatingUser="aaaaaaaa-0000-0000-0000-000000000001"><CodeRef targetGUID="C002"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="5e1ec700-0000-0000-0000-000000000002" name="" startPosition="6" endPosition="11" creatingUser="aaaaaaaa-0000-0000-0000-000000000001">
        <Coding guid="c0d10000-0000-0000-0000-000000000002" creatingUser="{aaaaaaaa-0000-0000-0000-000000000001}"><CodeRef targetGUID="c002"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="5555aaaa-0000-0000-0000-000000000002"><PlainTextContent>Inline text</PlainTextContent></TextSource>
  </Sources>
</Project>`
	path := writeZip(t, "Interview Study.qdpx", []zipEntry{
		{"Interview Study.qde", qde},
		{"sources/.root", ""},
		{"sources/doc one.txt", "Hello world\n"},
	})
	p, err := ReadProject(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Interview Study" || p.Unit != UnitCodePoints {
		t.Errorf("name %q unit %q", p.Name, p.Unit)
	}
	if s := p.Sources[0]; s.Name != "doc one.txt" || s.Text != "Hello world\n" || s.GUID != "5555aaaa-0000-0000-0000-000000000001" {
		t.Errorf("source %+v", s)
	}
	if s := p.Sources[1]; s.Name != s.GUID || s.Text != "Inline text" || s.Path != "" {
		t.Errorf("inline source %+v: want it named by its GUID", s)
	}
	// "Hello world": 'w' is rune 6, so [6,6) is empty and [6,11) is "world".
	empty, world := p.Selections[0], p.Selections[1]
	if empty.Start != 6 || empty.End != 6 || empty.Quote != "" || empty.Description != "An empty quotation, with a memo." {
		t.Errorf("empty selection %+v", empty)
	}
	if world.Quote != "world" || world.Codings[0].CodeGUID != "c002" || world.Codings[0].CreatingUser != p.Users[0].GUID {
		t.Errorf("second selection %+v", world)
	}
	if empty.Codings[0].CodeGUID != "c002" {
		t.Errorf("upper-case code reference %q, want it to match c002", empty.Codings[0].CodeGUID)
	}
	if c := All(p.Codes); len(c) != 2 || c[1].Parent != "c001" || c[0].IsCodable {
		t.Errorf("codes %+v", c)
	}
	// Warnings worked by hand: 1 empty selection; GUIDs missing the
	// pattern: the codes c001 and c002 and the references C002 and c002.
	for _, w := range []string{
		"Interview Study.qde: 1 selections are empty",
		"Interview Study.qde: 4 GUIDs do not match the standard's GUID pattern (the first is \"c001\")",
		"2 text sources have no name",
	} {
		if !hasWarning(p.Warnings, w) {
			t.Errorf("no warning says %q: %q", w, p.Warnings)
		}
	}
	if len(p.Warnings) != 3 {
		t.Errorf("warnings %q, want 3", p.Warnings)
	}
}

// A project with no selections or codings at all reads, with none.
func TestNoCodingsFixture(t *testing.T) {
	qde := `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="empty">
<CodeBook><Codes><Code guid="cccccccc-0000-0000-0000-000000000001" name="X" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="5555aaaa-0000-0000-0000-000000000001" name="t" plainTextPath="internal://t.txt"/></Sources></Project>`
	path := writeZip(t, "empty.qdpx", []zipEntry{{"project.qde", qde}, {"Sources/t.txt", "text"}})
	p, err := ReadProject(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Selections) != 0 || len(p.Sources) != 1 || len(All(p.Codes)) != 1 || len(p.Warnings) != 0 {
		t.Errorf("read %+v", p)
	}
}

// An unzipped project folder and a bare .qde beside its sources read like
// the zip; so does a zip of the folder itself (one level down).
func TestFolderFixture(t *testing.T) {
	files := []zipEntry{
		{"project.qde", emojiProject([3][2]string{{"0", "12"}, {"14", "25"}, {"27", "39"}})},
		{"sources/t.txt", emojiText},
	}
	dir := t.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f.data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var nested []zipEntry
	for _, f := range files {
		nested = append(nested, zipEntry{"My Project/" + f.name, f.data})
	}
	want, err := ReadProject(context.Background(), writeZip(t, "p.qdpx", files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{dir, filepath.Join(dir, "project.qde"), writeZip(t, "nested.qdpx", nested)} {
		got, err := ReadProject(context.Background(), path, Options{})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for i, w := range got.Warnings {
			got.Warnings[i] = strings.TrimPrefix(w, "My Project/") // the .qde's name in the zip
		}
		got.QDE = strings.TrimPrefix(got.QDE, "My Project/")
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s reads differently:\n%+v\nwant\n%+v", path, got, want)
		}
	}
	checkQuotes(t, want)
}
