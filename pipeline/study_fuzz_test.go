package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/cimo-tool/cimo/coding"
)

// FuzzLoadStudy reads a fuzzed study.yaml in a folder of table files. Whatever
// it says: no panic; a fault is a *coding.Problems whose every line is one
// line naming study.yaml; and a study that loads names only files inside its
// folder. Run it with
//
//	go test -run '^$' -fuzz '^FuzzLoadStudy$' -fuzztime 10m ./pipeline
func FuzzLoadStudy(f *testing.F) {
	f.Add(validYAML)
	f.Add(validYAML + "context_groups:\n  persoonsgebonden: [C1]\n  organisatorisch: [C2, C3]\n")
	f.Add(strings.Replace(validYAML, "codebook: codebook.csv", "codebook: {file: codebook.xlsx, sheet: Codes}", 1))
	f.Add(strings.Replace(validYAML, "segments: [segments/*.csv]",
		"segments:\n  - segments/*.csv\n  - {file: export.xlsx, preset: maxqda, columns: {coder: \"Modified by\"}}\n"+
			"respondents2: {file: respondents.csv, delimiter: tab, encoding: cp1252}", 1))
	f.Add("a: &a [*a, *a]\nb: *a\n")
	if raw, err := os.ReadFile(filepath.Join("..", "data", "example", "study.yaml")); err == nil {
		f.Add(string(raw))
	}
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "bad", "*.txtar"))
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range a.Files {
			if file.Name == "study.yaml" {
				f.Add(string(file.Data))
			}
		}
	}
	// One study folder per fuzzing process: only study.yaml changes.
	dir := f.TempDir()
	for _, name := range []string{"codebook.csv", "respondents.csv", "interviews.csv", "events.csv", "segments/a.csv", "segments/b.csv", "codebook.xlsx", "export.xlsx"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o700); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
			f.Fatal(err)
		}
	}
	path := filepath.Join(dir, "study.yaml")
	f.Fuzz(func(t *testing.T, yaml string) {
		if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
			t.Fatal(err)
		}
		st, err := LoadStudy(path)
		if err != nil {
			var ps *coding.Problems
			if !errors.As(err, &ps) || len(ps.List) == 0 {
				t.Fatalf("LoadStudy failed with %T, not problems: %v", err, err)
			}
			for _, p := range ps.List {
				s := p.String()
				if p.File != "study.yaml" || !strings.HasPrefix(s, "study.yaml") || strings.ContainsAny(s, "\r\n") {
					t.Fatalf("a problem is not one line naming study.yaml: %q", s)
				}
			}
			return
		}
		tables := append([]coding.Table{st.Sources.Codebook, st.Sources.Respondents, st.Sources.Interviews}, st.Sources.Segments...)
		if st.Sources.Events.File != "" {
			tables = append(tables, st.Sources.Events)
		}
		for _, tb := range tables {
			if !filepath.IsLocal(tb.File) {
				t.Fatalf("the study loads with table %q, outside its folder", tb.File)
			}
			if _, err := os.Stat(filepath.Join(dir, tb.File)); err != nil && strings.ContainsAny(tb.File, "*?[") {
				t.Fatalf("the study loads with an unexpanded glob %q", tb.File)
			}
		}
		if st.Name == "" || len(st.WorkPackages) == 0 {
			t.Fatalf("the study loads without a name or work packages: %+v", st)
		}
	})
}
