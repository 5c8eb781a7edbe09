package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cimo-tool/cimo/coding"
)

func TestLoadStudyContextGroups(t *testing.T) {
	st, err := LoadStudy(writeStudy(t, validYAML+"context_groups:\n  person: [C1]\n  organisational: [C3, C2]\n"))
	require.NoError(t, err)
	assert.Equal(t, []ContextGroup{
		{Name: "person", Categories: []string{"C1"}, lines: []int{12}},
		{Name: "organisational", Categories: []string{"C3", "C2"}, lines: []int{13, 13}},
	}, st.ContextGroups, "in the order written")

	st, err = LoadStudy(writeStudy(t, validYAML))
	require.NoError(t, err)
	assert.Empty(t, st.ContextGroups, "the key is optional")
}

// TestLoadStudyContextGroupsProblems: each fault of context_groups on the
// line it is on (validYAML has 10 lines; the key is on line 11).
func TestLoadStudyContextGroupsProblems(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"a list", "context_groups: [C1, C2]\n",
			`study.yaml:11: context_groups should name groups of context categories, e.g. {persoonsgebonden: [C1], organisatorisch: [C2, C3, C4]}`},
		{"empty", "context_groups: {}\n",
			`study.yaml:11: context_groups is empty: name at least one group`},
		{"twice in one group", "context_groups:\n  a: [C1]\n  b: [C2,\n      C1]\n",
			`study.yaml:14: context_groups: "C1" is in group "a" and in group "b": put it in one`},
		{"group named twice", "context_groups:\n  a: [C1]\n  a: [C2]\n",
			`study.yaml:13: context_groups: group "a" is named twice`},
		{"no categories", "context_groups:\n  a: []\n",
			`study.yaml:12: context_groups: group "a" lists no categories`},
		{"not a code", "context_groups:\n  a: [C1, {x: y}]\n",
			`study.yaml:12: context_groups: group "a" should list context categories, e.g. [C1, C2]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadStudy(writeStudy(t, validYAML+tt.yaml))
			var ps *coding.Problems
			require.ErrorAs(t, err, &ps)
			require.Len(t, ps.List, 1, "%v", err)
			assert.Contains(t, ps.List[0].String(), tt.want)
		})
	}
}

// TestRunContextGroupsCodebook: codes that are not context categories of the
// codebook stop the run before the store is opened, with the study file's
// line. The recount study's codebook has the C category S1 with S1a below it.
func TestRunContextGroupsCodebook(t *testing.T) {
	tests := []struct{ name, groups, want string }{
		{"unknown", "{a: [S1, S9]}", `study.yaml:13: context_groups: unknown code "S9" (not in codebook.csv): list context categories of the codebook`},
		{"not a category", "{a: [S1a]}", `study.yaml:13: context_groups: "S1a" is not a category: list its category "S1" instead`},
		{"not context", "{a: [I1]}", `study.yaml:13: context_groups: "I1" is not a context code (its dimension is I): list C categories only`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := copyRecount(t, "context_groups: "+tt.groups+"\n")
			out := t.TempDir()
			_, err := Run(context.Background(), path, Options{Out: out})
			var ps *coding.Problems
			require.ErrorAs(t, err, &ps)
			require.Len(t, ps.List, 1, "%v", err)
			assert.Equal(t, tt.want, ps.List[0].String())
			assert.NoFileExists(t, filepath.Join(out, StoreFile), "the store is not touched")
		})
	}
	path := copyRecount(t, "context_groups: {small network: [S1]}\n")
	out := t.TempDir()
	_, err := Run(context.Background(), path, Options{Out: out})
	require.NoError(t, err)
	cx := readCSV(t, filepath.Join(out, "all", "context.csv"))
	assert.Equal(t, "small network", cx[1][0], "the group's name heads its rows")
}

// copyRecount copies the recount study into a temporary folder, adds extra
// to its study.yaml (12 lines), and returns the study file's path.
func copyRecount(t *testing.T, extra string) string {
	t.Helper()
	src := filepath.Join("testdata", "recount")
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if rel == "study.yaml" {
			b = append(b, extra...)
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	require.NoError(t, err)
	return filepath.Join(dst, "study.yaml")
}
