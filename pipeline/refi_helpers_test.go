package pipeline

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// refiShared is the folder of real REFI-QDA files beside the repository
// (see its SOURCES.md; ../shared/interop/refi-qda from the repository's
// root). They may not be copied into the repository, so tests that need
// them skip where it is absent; CI has it.
func refiShared(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "shared", "interop", "refi-qda"))
	require.NoError(t, err)
	if _, err := os.Stat(filepath.Join(dir, "SOURCES.md")); err != nil {
		t.Skipf("REFI-QDA samples not found at %s (../shared/interop/refi-qda from the repository's root); skipping", dir)
	}
	return dir
}

// projectFiles reads every file of a project, zipped or in a folder, by
// its slash-separated name.
func projectFiles(t *testing.T, p string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	if fi, err := os.Stat(p); err == nil && fi.IsDir() {
		require.NoError(t, filepath.WalkDir(p, func(f string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(p, f)
			b, err := os.ReadFile(f)
			files[filepath.ToSlash(rel)] = b
			return err
		}))
		return files
	}
	zr, err := zip.OpenReader(p)
	require.NoError(t, err)
	defer zr.Close()
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		rc.Close()
		require.NoError(t, err)
		files[f.Name] = b
	}
	return files
}

// xmlFacts is what a REFI-QDA file's XML holds, recounted with a plain
// token scan apart from the reader.
type xmlFacts struct {
	codes   int // every <Code>
	tops    []xmlCode
	sources []xmlSource // <TextSource> children of <Sources>
	codings int         // <Coding> children of <PlainTextSelection>
}

type xmlCode struct {
	name    string
	codable bool
}

type xmlSource struct{ name, path string }

func scanXML(t *testing.T, doc []byte) xmlFacts {
	t.Helper()
	var f xmlFacts
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var stack []string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return f
		}
		require.NoError(t, err)
		switch tk := tok.(type) {
		case xml.StartElement:
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			attr := func(name string) string {
				for _, a := range tk.Attr {
					if a.Name.Local == name {
						return a.Value
					}
				}
				return ""
			}
			switch name := tk.Name.Local; {
			case name == "Code":
				f.codes++
				if parent == "Codes" {
					f.tops = append(f.tops, xmlCode{attr("name"), attr("isCodable") != "false"})
				}
			case name == "TextSource" && parent == "Sources":
				// a source without a name is named after its text file (qc writes such)
				name := attr("name")
				if name == "" {
					name = path.Base(strings.TrimPrefix(attr("plainTextPath"), "internal://"))
				}
				f.sources = append(f.sources, xmlSource{name, attr("plainTextPath")})
			case name == "Coding" && parent == "PlainTextSelection":
				f.codings++
			}
			stack = append(stack, tk.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
}

// qdeOf is the one .qde file among a project's files.
func qdeOf(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var found [][]byte
	for name, b := range files {
		if strings.HasSuffix(name, ".qde") {
			found = append(found, b)
		}
	}
	require.Len(t, found, 1, "a project holds one .qde")
	return found[0]
}

// sourceText is the text file a plainTextPath names among a project's
// files, found by its base name, without a byte-order mark.
func sourceText(t *testing.T, files map[string][]byte, plainTextPath string) string {
	t.Helper()
	base := path.Base(strings.TrimPrefix(plainTextPath, "internal://"))
	for name, b := range files {
		if path.Base(name) == base && !strings.HasSuffix(name, ".qde") {
			return strings.TrimPrefix(string(b), "\ufeff")
		}
	}
	t.Fatalf("no file for %s", plainTextPath)
	return ""
}

// copyPath copies a file or a folder into dir, under its base name.
func copyPath(t *testing.T, src, dir string) string {
	t.Helper()
	dst := filepath.Join(dir, filepath.Base(src))
	require.NoError(t, filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	}))
	return filepath.Base(src)
}

// writeYAML writes v as dir/study.yaml and returns its path.
func writeYAML(t *testing.T, dir string, v any) string {
	t.Helper()
	b, err := yaml.Marshal(v)
	require.NoError(t, err)
	p := filepath.Join(dir, "study.yaml")
	require.NoError(t, os.WriteFile(p, b, 0o644))
	return p
}

// zipEntries writes a zip of entries (name, content) at p.
func zipEntries(t *testing.T, p string, entries [][2]string) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(e[0])
		require.NoError(t, err)
		_, err = io.WriteString(w, e[1])
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.NoError(t, os.WriteFile(p, buf.Bytes(), 0o644))
}
