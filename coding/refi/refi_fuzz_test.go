package refi

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// The fuzz targets of the REFI-QDA readers. Whatever the bytes: no panic,
// and a file that cannot be read gives an *Errors whose every line is one
// line naming the file given; a project that is read has every selection
// inside its text. Run one with
//
//	go test -run '^$' -fuzz '^FuzzReadProjectXML$' -fuzztime 10m ./coding/refi
//
// Seeds are the fixtures of this package's tests and, where the shared
// folder of real exports is beside the repository, its files.

// FuzzReadCodebook reads fuzzed bytes as a codebook (.qdc).
func FuzzReadCodebook(f *testing.F) {
	if raw, err := os.ReadFile(filepath.Join("testdata", "study.qdc")); err == nil {
		f.Add(raw)
	}
	f.Add([]byte(`<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>` +
		`<Code guid="` + codeX + `" name="X" isCodable="true"><Description>d</Description><Code guid="` + codeY + `" name="Y" isCodable="false"/></Code>` +
		`</Codes><Sets/></CodeBook>`))
	f.Add([]byte(`<!DOCTYPE x [<!ENTITY a "aaaa">]><CodeBook xmlns="urn:QDA-XML:codebook:1.0">&a;</CodeBook>`))
	for _, raw := range sharedFiles(f, ".qdc") {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "codes.qdc")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		cb, err := ReadCodebook(context.Background(), path)
		if err != nil {
			checkErrors(t, path, err)
			return
		}
		for _, c := range All(cb.Codes) {
			if !utf8.ValidString(c.Name) {
				t.Fatalf("code %q is not valid UTF-8", c.Name)
			}
		}
	})
}

// FuzzReadProjectXML reads a project whose project.qde is the fuzzed text,
// zipped with the text source its fixtures name.
func FuzzReadProjectXML(f *testing.F) {
	f.Add(minimalQDE(textSource(selection("0", "4", knownCode))))
	f.Add(emojiProject([3][2]string{{"0", "12"}, {"14", "25"}, {"27", "39"}}))
	f.Add(emojiProject([3][2]string{{"0", "13"}, {"15", "26"}, {"28", "41"}}))
	f.Add(minimalQDE(textSource(selection("4", "2", knownCode) + selection("0", "999", "nope"))))
	f.Add(minimalQDE(`<TextSource guid="x" plainTextPath="absolute://C:/t.txt"/>`))
	for _, raw := range sharedQDE(f) {
		f.Add(string(raw))
	}
	f.Fuzz(func(t *testing.T, qde string) {
		path := filepath.Join(t.TempDir(), "p.qdpx")
		if err := os.WriteFile(path, zipBytes(t, map[string]string{"project.qde": qde, "sources/t.txt": emojiText}), 0o600); err != nil {
			t.Fatal(err)
		}
		readProject(t, path)
	})
}

// FuzzReadProjectZip reads fuzzed bytes as a zipped project (.qdpx).
func FuzzReadProjectZip(f *testing.F) {
	good := minimalQDE(textSource(selection("0", "4", knownCode)))
	f.Add(zipBytes(f, map[string]string{"project.qde": good, "sources/t.txt": "text of the source"}))
	f.Add(zipBytes(f, map[string]string{"Project.qde": emojiProject([3][2]string{{"0", "12"}, {"14", "25"}, {"27", "39"}}), "Sources/t.txt": emojiText}))
	f.Add(zipBytes(f, map[string]string{"../project.qde": good}))
	f.Add(zipBytes(f, map[string]string{"a.qde": good, "b.qde": good}))
	f.Add([]byte("PK\x03\x04 not a whole zip"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "p.qdpx")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		readProject(t, path)
	})
}

// readProject reads the project at path and checks the readers' property.
func readProject(t *testing.T, path string) {
	t.Helper()
	p, err := ReadProject(context.Background(), path, Options{MaxEntryBytes: 1 << 20})
	if err != nil {
		checkErrors(t, path, err)
		return
	}
	texts := map[string]int{}
	for _, s := range p.Sources {
		texts[s.GUID] = len([]rune(s.Text))
	}
	for _, s := range p.Selections {
		n, ok := texts[s.SourceGUID]
		if !ok || s.Start < 0 || s.End < s.Start || s.End > n {
			t.Fatalf("selection %q at %d-%d is not inside its source's text of %d characters", s.GUID, s.Start, s.End, n)
		}
	}
}

// checkErrors holds the property of a failed read: an *Errors, each line of
// which is one line naming path.
func checkErrors(t *testing.T, path string, err error) {
	t.Helper()
	var es *Errors
	if !errors.As(err, &es) || len(es.List) == 0 {
		t.Fatalf("failed with %T, not *Errors: %v", err, err)
	}
	for _, e := range es.List {
		s := e.Error()
		if e.File != path || !strings.HasPrefix(s, path+":") || strings.ContainsAny(s, "\r\n") || !utf8.ValidString(s) {
			t.Fatalf("an error is not one line naming %s: %q", path, s)
		}
	}
}

// zipBytes zips files in memory.
func zipBytes(tb testing.TB, files map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write([]byte(data)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// sharedFiles are the files ending in ext among the real exports beside the
// repository, when they are there (see sharedDir); small ones only, since
// a large input is slow to mutate and to minimise.
func sharedFiles(f *testing.F, ext string) [][]byte {
	dir := filepath.Join("..", "..", "..", "shared", "interop", "refi-qda")
	var out [][]byte
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.EqualFold(filepath.Ext(p), ext) {
			return nil
		}
		if fi, err := d.Info(); err == nil && fi.Size() < 32<<10 {
			if raw, err := os.ReadFile(p); err == nil {
				out = append(out, raw)
			}
		}
		return nil
	})
	return out
}

// sharedQDE are the project files inside the real exports' .qdpx files.
func sharedQDE(f *testing.F) [][]byte {
	var out [][]byte
	for _, raw := range sharedFiles(f, ".qdpx") {
		zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
		if err != nil {
			continue
		}
		for _, zf := range zr.File {
			if strings.EqualFold(filepath.Ext(zf.Name), ".qde") && zf.UncompressedSize64 < 32<<10 {
				rc, err := zf.Open()
				if err != nil {
					continue
				}
				var b bytes.Buffer
				_, _ = b.ReadFrom(rc)
				rc.Close()
				out = append(out, b.Bytes())
			}
		}
	}
	return out
}

// TestErrorIsOneLine: found by FuzzReadCodebook and FuzzReadProjectXML:
// encoding/xml quotes the bytes of a bad entity as they are, and an error
// line must stay one line of valid UTF-8.
func TestErrorIsOneLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.qdc")
	if err := os.WriteFile(path, []byte("<?xml version=\"1.0\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">&\xaf\n</CodeBook>"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := ReadCodebook(context.Background(), path)
	want := path + ":2: is not well-formed XML (invalid character entity &\uFFFD (no semicolon)): the file is damaged; export it again from your QDA program"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
}
