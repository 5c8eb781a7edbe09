package reports

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// checkGolden compares got with the file testdata/<rel> byte for byte; with -update it rewrites the file.
func checkGolden(t *testing.T, rel string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", filepath.FromSlash(rel))
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v\n(run 'go test ./reports -update' to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: output differs from golden file\n%s\n(run 'go test ./reports -update' if the change is intended)",
			path, firstDiff(got, want))
	}
}

// firstDiff describes the first line where got and want differ, showing
// both around the first differing byte, which is usually enough to see what
// changed without a diff tool.
func firstDiff(got, want []byte) string {
	g, w := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	i := 0
	for i < len(g) && i < len(w) && bytes.Equal(g[i], w[i]) {
		i++
	}
	col := 0
	if i < len(g) && i < len(w) {
		for col < len(g[i]) && col < len(w[i]) && g[i][col] == w[i][col] {
			col++
		}
	}
	return fmt.Sprintf("line %d, byte %d:\n\tgot:  %s\n\twant: %s",
		i+1, col+1, excerpt(g, i, col), excerpt(w, i, col))
}

// excerpt quotes line i of lines from a little before col, or says EOF.
func excerpt(lines [][]byte, i, col int) string {
	if i >= len(lines) {
		return "EOF"
	}
	l := lines[i]
	start, end := max(col-40, 0), min(col+80, len(l))
	s := fmt.Sprintf("%q", l[start:end])
	if start > 0 {
		s = "…" + s
	}
	if end < len(l) {
		s += "…"
	}
	return s
}
