package refi

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedDir is the folder of real REFI-QDA files beside the repository
// (see its SOURCES.md). They may not be copied into the repository, so
// tests that need them skip where it is absent; CI has it.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "interop", "refi-qda"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "SOURCES.md")); err != nil {
		t.Skipf("REFI-QDA samples not found at %s (the shared folder beside the repository, ../shared/interop/refi-qda from its root); skipping", dir)
	}
	return dir
}

// zipEntry is one file of a zip built by a test.
type zipEntry struct {
	name string
	data string
}

// writeZip builds a zip of entries in a temporary folder and returns its path.
func writeZip(t *testing.T, name string, entries []zipEntry) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// zipFolder zips the files of dir (and its subfolders) as a .qdpx.
func zipFolder(t *testing.T, dir string) string {
	t.Helper()
	var entries []zipEntry
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		entries = append(entries, zipEntry{filepath.ToSlash(rel), string(b)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return writeZip(t, filepath.Base(dir)+".qdpx", entries)
}

// zipFiles reads every file of a zip, by name.
func zipFiles(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = b
	}
	return out
}

// qdeOf is the one .qde among files.
func qdeOf(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var found [][]byte
	for name, b := range files {
		if strings.HasSuffix(name, ".qde") {
			found = append(found, b)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d .qde files, want 1", len(found))
	}
	return found[0]
}

// xmlCounts recounts a REFI-QDA file's elements by local name with a plain
// token scan, apart from the reader: "Coding" counts only the codings of
// plain-text selections, "TextSource" only the direct children of Sources.
func xmlCounts(t *testing.T, doc []byte) map[string]int {
	t.Helper()
	counts := map[string]int{}
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var stack []string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return counts
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			name := tk.Name.Local
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			switch {
			case name == "Coding" && parent != "PlainTextSelection":
			case name == "TextSource" && parent != "Sources":
			default:
				counts[name]++
			}
			stack = append(stack, name)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
}

// counts is what the reader read, in the terms of xmlCounts.
func counts(p *Project) map[string]int {
	n := map[string]int{
		"Code": len(All(p.Codes)), "TextSource": len(p.Sources), "PlainTextSelection": len(p.Selections),
		"User": len(p.Users), "Case": len(p.Cases), "Variable": len(p.Variables),
	}
	for _, s := range p.Selections {
		n["Coding"] += len(s.Codings)
	}
	return n
}

// mustErrors asserts that err is an *Errors and returns its text.
func mustErrors(t *testing.T, err error) string {
	t.Helper()
	var es *Errors
	if !errors.As(err, &es) {
		t.Fatalf("error %v (%T), want *Errors", err, err)
	}
	return err.Error()
}
