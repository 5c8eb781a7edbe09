package pipeline

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cimo-tool/cimo/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// studies are run end to end: the example study of the repository, and a
// small one with other ids, another language and a three-level codebook, so
// that nothing is tied to the example.
var studies = []struct{ name, path string }{
	{"example", "../data/example/study.yaml"},
	{"recount", "testdata/recount/study.yaml"},
}

// tableFiles are the files every scope gets, at least.
var tableFiles = []string{"codes.csv", "categories.csv", "chains.csv",
	"frequencies.csv", "crosstab_city.csv", "crosstab_role.csv", "context.csv",
	"matrices/cases_long.csv", "matrices/respondents_long.csv",
	"matrices/cases_codes_present.csv", "matrices/cases_codes_segments.csv",
	"matrices/cases_categories_present.csv", "matrices/cases_categories_segments.csv",
	"matrices/respondents_codes_present.csv", "matrices/respondents_codes_segments.csv",
	"matrices/respondents_categories_present.csv", "matrices/respondents_categories_segments.csv",
	"category_order.csv", "category_order_w.csv", "before_breakthrough.csv", "time_to_breakthrough.csv", "sequences.csv",
	"cooccurrence.csv", "cooccurrence_categories.csv", "configurations.csv", "configuration_contexts.csv", "chain_completeness.csv",
	"agreement.csv", "chain_agreement.csv"}

func runStudy(t *testing.T, path string) (string, *Result) {
	t.Helper()
	out := t.TempDir()
	res, err := Run(context.Background(), path, Options{Out: out})
	require.NoError(t, err)
	return out, res
}

// TestGolden pins every table the pipeline writes, and the summary: every
// CSV file under the output folder, and no golden file that a run no longer
// writes. Run `go test ./pipeline -update` after a deliberate change and
// review the diff.
func TestGolden(t *testing.T) {
	for _, st := range studies {
		t.Run(st.name, func(t *testing.T) {
			out, res := runStudy(t, st.path)
			files := textOutputs(t, out)
			for _, scope := range res.Study.Scopes() {
				for _, f := range tableFiles {
					require.Contains(t, files, filepath.Join(scope, f))
				}
			}
			dir := filepath.Join("testdata", "golden", st.name)
			if *update { // a table no longer written loses its golden file
				require.NoError(t, os.RemoveAll(dir))
			}
			if !*update {
				goldens := textOutputs(t, dir)
				assert.Equal(t, goldens, files, "the run writes other tables than the golden files pin (run go test ./pipeline -update)")
			}
			for _, f := range files {
				got, err := os.ReadFile(filepath.Join(out, f))
				require.NoError(t, err)
				golden := filepath.Join(dir, f)
				if *update {
					require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
					require.NoError(t, os.WriteFile(golden, got, 0o644))
					continue
				}
				want, err := os.ReadFile(golden)
				require.NoError(t, err, "no golden file: run go test ./pipeline -update")
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from %s (run go test ./pipeline -update if the change is intended):\n%s", f, golden, firstDiff(want, got))
				}
			}
		})
	}
}

// textOutputs lists the tables and text files under dir, relative to it:
// everything a run writes except the store, Parquet files and figures,
// which TestDeterministic and the reports tests cover, and the Markdown and
// LaTeX copies of the tables in each scope's tables/ folder: they render
// the pinned CSV files, and the reports tests pin that rendering.
func textOutputs(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == "tables" && path != dir {
			return filepath.SkipDir
		}
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(path) {
		case ".csv", ".md", ".txt", ".tsv":
			rel, _ := filepath.Rel(dir, path)
			out = append(out, rel)
		}
		return nil
	})
	require.NoError(t, err)
	slices.Sort(out)
	return out
}

// TestRecount checks the tables against an independent tally of the input
// files (recount_test.go: plain Go maps, no DuckDB).
func TestRecount(t *testing.T) {
	for _, st := range studies {
		t.Run(st.name, func(t *testing.T) {
			out, res := runStudy(t, st.path)
			want := recount(t, st.path)
			require.Len(t, want, len(res.Study.Scopes()))
			for _, scope := range res.Study.Scopes() {
				w, ok := want[scope]
				require.True(t, ok, "recount has no scope %s", scope)
				assert.Equal(t, w.Codes, readCSV(t, filepath.Join(out, scope, "codes.csv")), "%s codes.csv", scope)
				assert.Equal(t, w.Categories, readCSV(t, filepath.Join(out, scope, "categories.csv")), "%s categories.csv", scope)
				assert.Equal(t, w.Chains, readCSV(t, filepath.Join(out, scope, "chains.csv")), "%s chains.csv", scope)
			}
		})
	}
}

// TestDeterministic runs a study twice, into different folders, and expects
// every table and figure to be byte-identical.
func TestDeterministic(t *testing.T) {
	a, _ := runStudy(t, studies[0].path)
	b, _ := runStudy(t, studies[0].path)
	n := 0
	err := filepath.WalkDir(a, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, ".duckdb") {
			return err
		}
		rel, _ := filepath.Rel(a, path)
		x, err := os.ReadFile(path)
		require.NoError(t, err)
		y, err := os.ReadFile(filepath.Join(b, rel))
		require.NoError(t, err, "second run lacks %s", rel)
		assert.True(t, bytes.Equal(x, y), "%s differs between two runs", rel)
		n++
		return nil
	})
	require.NoError(t, err)
	assert.Greater(t, n, 20, "expected every scope's tables and figures")
}

// TestRerunReplaces runs a study into an output folder that already holds
// another study's store: the store ends up holding exactly the second study.
func TestRerunReplaces(t *testing.T) {
	out := t.TempDir()
	_, err := Run(context.Background(), studies[0].path, Options{Out: out})
	require.NoError(t, err)
	res, err := Run(context.Background(), studies[1].path, Options{Out: out})
	require.NoError(t, err)
	want := recount(t, studies[1].path)
	assert.Equal(t, want["all"].Codes, readCSV(t, filepath.Join(out, "all", "codes.csv")))
	read := goRead(t, studies[1].path)
	assert.Equal(t, len(read.Segments), countRows(t, filepath.Join(out, StoreFile), "segments"))
	distinct := map[[2]string]bool{}
	for _, s := range read.Segments {
		distinct[[2]string{s.InterviewID, s.SegmentID}] = true
	}
	assert.Equal(t, len(distinct), res.Segments(), "Result.Segments counts the distinct segments stored")
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	return recs
}

// firstDiff shows the first line where two files differ.
func firstDiff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl
		}
	}
	return "(same lines, different bytes)"
}

// countRows counts a store table's rows through the store package.
func countRows(t *testing.T, path, table string) int {
	t.Helper()
	s, err := store.Open(context.Background(), path)
	require.NoError(t, err)
	defer s.Close()
	var n int
	require.NoError(t, s.DB().QueryRow("SELECT count(*) FROM "+table).Scan(&n))
	return n
}
