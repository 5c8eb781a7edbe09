package refi

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// minimalQDE is a valid project around the given Sources content.
func minimalQDE(sources string) string {
	return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p">
<CodeBook><Codes><Code guid="cccccccc-0000-0000-0000-000000000001" name="X" isCodable="true"/></Codes></CodeBook>
<Sources>` + sources + `</Sources>
</Project>`
}

// textSource is a source t.txt holding the selections given.
func textSource(sels string) string {
	return `<TextSource guid="5555aaaa-0000-0000-0000-000000000001" name="t" plainTextPath="internal://t.txt">` + sels + `</TextSource>`
}

func selection(start, end, code string) string {
	return `
<PlainTextSelection guid="5e1ec700-0000-0000-0000-000000000001" startPosition="` + start + `" endPosition="` + end + `">` +
		`<Coding guid="c0d10000-0000-0000-0000-000000000001"><CodeRef targetGUID="` + code + `"/></Coding></PlainTextSelection>`
}

const knownCode = "cccccccc-0000-0000-0000-000000000001"

// Input that cannot be read fails with one line per fault, naming the file
// (and the file inside the project and its XML line, where there is one)
// and what to do; never a panic.
func TestBadProjects(t *testing.T) {
	good := minimalQDE(textSource(selection("0", "4", knownCode)))
	tests := []struct {
		name    string
		entries []zipEntry
		raw     []byte // the file itself, instead of a zip of entries
		opt     Options
		want    []string // parts of the error
	}{
		{name: "broken zip", raw: []byte("PK\x03\x04 this is not a whole zip file"),
			want: []string{"is not a readable zip archive", "export it again"}},
		{name: "not a zip at all", raw: []byte("code,label\nI1,x\n"),
			want: []string{"is not a readable zip archive"}},
		{name: "no qde", entries: []zipEntry{{"sources/t.txt", "text"}},
			want: []string{"holds no project.qde", "REFI-QDA"}},
		{name: "two qde", entries: []zipEntry{{"a.qde", good}, {"b.qde", good}},
			want: []string{"several project files (a.qde, b.qde)"}},
		{name: "not REFI-QDA", entries: []zipEntry{{"project.qde", `<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`}},
			want: []string{"project.qde:1:1: is not a REFI-QDA project", `<html xmlns="http://www.w3.org/1999/xhtml">`}},
		{name: "wrong namespace", entries: []zipEntry{{"project.qde", `<Project xmlns="urn:example" name="p"/>`}},
			want: []string{"is not a REFI-QDA project", `urn:QDA-XML:project:1.0`}},
		{name: "a codebook as project", entries: []zipEntry{{"project.qde", `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>`}},
			want: []string{"is not a REFI-QDA project"}},
		{name: "a second root element (found by FuzzReadProjectXML)", entries: []zipEntry{{"project.qde", "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"p\"/>\n<A>"}},
			want: []string{"project.qde:2:1: has a second root element <A> after the first one closed"}},
		{name: "not well-formed", entries: []zipEntry{{"project.qde", "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"p\">\n<Users>\n</User>\n</Project>"}},
			want: []string{"project.qde:3:", "not well-formed XML", "export it again"}},
		{name: "empty qde", entries: []zipEntry{{"project.qde", ""}},
			want: []string{"project.qde: holds no XML element"}},
		{name: "selection past the text", entries: []zipEntry{{"project.qde", minimalQDE(textSource(selection("2", "9", knownCode)))}, {"Sources/t.txt", "text"}},
			want: []string{"project.qde:5:1:", "runs from 2 to 9, outside the text of source \"t\" (4 code points)"}},
		{name: "selection past the text in UTF-16", opt: Options{Unit: UnitUTF16},
			entries: []zipEntry{{"project.qde", minimalQDE(textSource(selection("0", "3", knownCode)))}, {"Sources/t.txt", "😀"}},
			want:    []string{"runs from 0 to 3, outside the text of source \"t\" (2 UTF-16 code units)"}},
		{name: "selection inside a character", opt: Options{Unit: UnitUTF16},
			entries: []zipEntry{{"project.qde", minimalQDE(textSource(selection("0", "1", knownCode)))}, {"Sources/t.txt", "😀"}},
			want:    []string{"or inside one of its characters"}},
		{name: "end before start", entries: []zipEntry{{"project.qde", minimalQDE(textSource(selection("3", "1", knownCode)))}, {"Sources/t.txt", "text"}},
			want: []string{"ends (endPosition 1) before it starts (startPosition 3)"}},
		{name: "position not a number", entries: []zipEntry{{"project.qde", minimalQDE(textSource(selection("x", "1", knownCode)))}, {"Sources/t.txt", "text"}},
			want: []string{`startPosition "x" is not a whole number`}},
		{name: "unknown code", entries: []zipEntry{{"project.qde", minimalQDE(textSource(selection("0", "4", "cccccccc-0000-0000-0000-000000000009")))}, {"Sources/t.txt", "text"}},
			want: []string{"project.qde:5:", `refers to code "cccccccc-0000-0000-0000-000000000009", which the codebook does not have`}},
		{name: "missing text file", entries: []zipEntry{{"project.qde", good}},
			want: []string{`text source "t": file "internal://t.txt" is not in the project`}},
		{name: "text stored outside", entries: []zipEntry{{"project.qde", strings.Replace(good, "internal://", "relative://", 1)}},
			want: []string{"is stored outside the project (relative://t.txt)"}},
		{name: "text not UTF-8", entries: []zipEntry{{"project.qde", good}, {"Sources/t.txt", "caf\xe9"}},
			want: []string{"Sources/t.txt: text of source \"t\" is not UTF-8 (byte 3 is not valid)"}},
		{name: "path leaving the archive", entries: []zipEntry{{"project.qde", good}, {"../../evil.txt", "x"}},
			want: []string{`holds an entry "../../evil.txt" whose path leaves the archive`}},
		{name: "absolute path", entries: []zipEntry{{"project.qde", good}, {"/etc/evil", "x"}},
			want: []string{`"/etc/evil" whose path leaves the archive`}},
		{name: "entry too big", opt: Options{MaxEntryBytes: 100}, entries: []zipEntry{{"project.qde", good}, {"Sources/t.txt", "text"}},
			want: []string{"project.qde: is larger than 100 bytes uncompressed", "Options.MaxEntryBytes"}},
		{name: "text too big", opt: Options{MaxEntryBytes: int64(len(good))}, entries: []zipEntry{{"project.qde", good}, {"Sources/t.txt", strings.Repeat("x", len(good)+1)}},
			want: []string{"Sources/t.txt: text of source \"t\" is larger than"}},
		{name: "coding without code", entries: []zipEntry{{"project.qde", minimalQDE(textSource(strings.Replace(selection("0", "4", knownCode), `<CodeRef targetGUID="`+knownCode+`"/>`, "", 1)))}, {"Sources/t.txt", "text"}},
			want: []string{"has no CodeRef"}},
		{name: "code without guid", entries: []zipEntry{{"project.qde", strings.Replace(minimalQDE(""), `guid="cccccccc-0000-0000-0000-000000000001" `, "", 1)}},
			want: []string{"<Code> has no guid attribute"}},
		{name: "duplicate code", entries: []zipEntry{{"project.qde", strings.Replace(good, "</Codes>", `<Code guid="`+knownCode+`" name="Y" isCodable="true"/></Codes>`, 1)}, {"Sources/t.txt", "text"}},
			want: []string{`code "Y" has the GUID ` + knownCode + ` of the code on line 3`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var path string
			if tt.raw != nil {
				path = filepath.Join(t.TempDir(), "bad.qdpx")
				if err := os.WriteFile(path, tt.raw, 0o644); err != nil {
					t.Fatal(err)
				}
			} else {
				path = writeZip(t, "bad.qdpx", tt.entries)
			}
			p, err := ReadProject(context.Background(), path, tt.opt)
			if err == nil {
				t.Fatalf("read %+v, want an error", p)
			}
			msg := mustErrors(t, err)
			if !strings.HasPrefix(msg, path+": ") {
				t.Errorf("error %q does not start with the file %s", msg, path)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error %q is more than one line", msg)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
		})
	}
}

// Every fault of a project is reported, each on its own line.
func TestBadProjectAllFaults(t *testing.T) {
	qde := minimalQDE(textSource(selection("0", "9", knownCode) + selection("0", "4", "cccccccc-0000-0000-0000-000000000009")))
	path := writeZip(t, "bad.qdpx", []zipEntry{{"project.qde", qde}, {"Sources/t.txt", "text"}})
	_, err := ReadProject(context.Background(), path, Options{})
	lines := strings.Split(mustErrors(t, err), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "refers to code") || !strings.Contains(lines[1], "outside the text") {
		t.Errorf("errors %q, want the unknown code and the selection past the text", lines)
	}
}

func TestBadPaths(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nothing.qdpx")
	_, err := ReadProject(context.Background(), missing, Options{})
	if msg := mustErrors(t, err); !strings.HasPrefix(msg, missing+": cannot be opened") {
		t.Errorf("error %q", msg)
	}
	_, err = ReadCodebook(context.Background(), missing)
	if msg := mustErrors(t, err); !strings.HasPrefix(msg, missing+": cannot be opened") {
		t.Errorf("error %q", msg)
	}
	if _, err := ReadProject(context.Background(), missing, Options{Unit: "bytes"}); err == nil || !strings.Contains(err.Error(), `unknown position unit "bytes"`) {
		t.Errorf("error %v for an unknown unit", err)
	}
}

func TestBadCodebooks(t *testing.T) {
	tests := []struct{ name, xml, want string }{
		{"a project", `<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>`, `:1:1: is not a REFI-QDA codebook: it starts with <Project xmlns="urn:QDA-XML:project:1.0">`},
		{"not XML", "code,label\n", ": holds no XML element"},
		{"cut off", "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n<Code guid=\"c1\" name=\"x\"", ":2:"},
		{"latin-1", `<?xml version="1.0" encoding="ISO-8859-1"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>`, "save the file as UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "c.qdc")
			if err := os.WriteFile(path, []byte(tt.xml), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadCodebook(context.Background(), path)
			msg := mustErrors(t, err)
			if !strings.HasPrefix(msg, path) || !strings.Contains(msg, tt.want) || strings.Contains(msg, "\n") {
				t.Errorf("error %q, want one line with %q", msg, tt.want)
			}
		})
	}
}

// A codebook in a namespace of another version, or in none, and with the
// schemaLocation ATLAS.ti writes, reads with a warning.
func TestLenientCodebooks(t *testing.T) {
	tests := []struct{ name, root, warning string }{
		{"ATLAS.ti schemaLocation", `<CodeBook xmlns="urn:QDA-XML:codebook:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:QDA-XML:codebook:0:4 Codebook.xsd">`, ""},
		{"older namespace", `<CodeBook xmlns="urn:QDA-XML:codebook:0.4">`, `namespace "urn:QDA-XML:codebook:0.4" is not`},
		{"no namespace", `<CodeBook>`, "has no namespace"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "c.qdc")
			doc := tt.root + `<Codes><Code guid="cccccccc-0000-0000-0000-000000000001" name="X" isCodable="true"/></Codes></CodeBook>`
			if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
				t.Fatal(err)
			}
			cb, err := ReadCodebook(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			if len(cb.Codes) != 1 || cb.Codes[0].Name != "X" {
				t.Errorf("codes %+v", cb.Codes)
			}
			if tt.warning == "" && len(cb.Warnings) != 0 || tt.warning != "" && !hasWarning(cb.Warnings, tt.warning) {
				t.Errorf("warnings %q, want %q", cb.Warnings, tt.warning)
			}
		})
	}
}

// A cancelled read gives the context's error, not a fault of the file.
func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	path := writeZip(t, "p.qdpx", []zipEntry{{"project.qde", minimalQDE("")}})
	if _, err := ReadProject(ctx, path, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}
