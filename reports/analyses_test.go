package reports

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cimo-tool/cimo/cimo"
	"github.com/cimo-tool/cimo/coding"
	"github.com/cimo-tool/cimo/stats"
	"github.com/cimo-tool/cimo/store"
)

// The study in testdata/analyses is worked by hand in its WORKING.md; every
// expectation below comes from there.
var analysesScopes = []Scope{{ID: "A"}, {ID: "B"}, {ID: "Z"}, {ID: "all"}}

// writeAnalysesStudy loads testdata/analyses into a fresh store, links its
// chains as the pipeline does, and writes every scope's reports in English.
func writeAnalysesStudy(t *testing.T, groups []ContextGroup) string {
	t.Helper()
	return writeAnalysesFrom(t, filepath.Join("testdata", "analyses"), func(o *Options) { o.ContextGroups = groups })
}

// writeAnalysesFrom is writeAnalysesStudy on the study's files in dir, with
// the options changed by mod.
func writeAnalysesFrom(t *testing.T, dir string, mod func(*Options)) string {
	t.Helper()
	ctx := context.Background()
	wps := []string{"A", "B", "Z"}
	data, err := coding.Read(ctx, coding.Sources{
		Dir: dir, Codebook: coding.Table{File: "codebook.csv"}, Respondents: coding.Table{File: "respondents.csv"},
		Interviews: coding.Table{File: "interviews.csv"}, Events: coding.Table{File: "events.csv"}, Segments: []coding.Table{{File: "segments_a.csv"}, {File: "segments_b.csv"}},
		WorkPackages: wps,
	})
	require.NoError(t, err)
	out := t.TempDir()
	s, err := store.Open(ctx, filepath.Join(out, "study.duckdb"))
	require.NoError(t, err)
	defer s.Close()
	info := store.Info{Name: "Analyses", Language: "en"}
	for _, wp := range wps {
		info.WorkPackages = append(info.WorkPackages, store.WorkPackage{ID: wp})
	}
	require.NoError(t, s.Replace(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := tx.Load(ctx, info, data); err != nil {
			return err
		}
		return cimo.Link(ctx, tx)
	}))
	opt := Options{Out: out, Language: "en", Study: "Analyses", Scopes: analysesScopes}
	mod(&opt)
	require.NoError(t, Write(ctx, s.DB(), opt))
	return out
}

// csvTable is a written table: its header and rows.
type csvTable struct {
	header []string
	rows   [][]string
}

func readTable(t *testing.T, path string) csvTable {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, recs, "%s has no header", path)
	return csvTable{recs[0], recs[1:]}
}

// cols returns the named columns of every row whose key columns equal key.
func (tb csvTable) cols(t *testing.T, key map[string]string, names ...string) [][]string {
	t.Helper()
	idx := map[string]int{}
	for i, h := range tb.header {
		idx[h] = i
	}
	var out [][]string
	for _, r := range tb.rows {
		match := true
		for k, v := range key {
			i, ok := idx[k]
			require.True(t, ok, "no column %q", k)
			match = match && r[i] == v
		}
		if !match {
			continue
		}
		var rec []string
		for _, n := range names {
			i, ok := idx[n]
			require.True(t, ok, "no column %q", n)
			rec = append(rec, r[i])
		}
		out = append(out, rec)
	}
	return out
}

// TestPct: one rounding rule, half up on the exact fraction, checked by hand.
func TestPct(t *testing.T) {
	tests := []struct {
		k, n int
		want string
	}{
		{2, 7, "28.6"},   // 28.571…
		{1, 3, "33.3"},   // 33.333…
		{2, 3, "66.7"},   // 66.666…
		{1, 8, "12.5"},   // exact
		{1, 16, "6.3"},   // 6.25: half up
		{1, 80, "1.3"},   // 1.25: half up
		{3, 1000, "0.3"}, // 0.3
		{1, 2000, "0.1"}, // 0.05: half up
		{1, 2001, "0.0"}, // 0.049…
		{0, 5, "0.0"},
		{5, 5, "100.0"},
	}
	for _, tt := range tests {
		got, ok := pct(tt.k, tt.n)
		assert.True(t, ok)
		assert.Equal(t, tt.want, got, "%d of %d", tt.k, tt.n)
	}
	got, ok := pct(0, 0)
	assert.False(t, ok, "0 of 0 has no share")
	assert.Empty(t, got)
}

var unitCols = []string{"segments", "segments_of", "segments_pct", "chains", "chains_of", "chains_pct",
	"respondents", "respondents_of", "respondents_pct", "cases", "cases_of", "cases_pct", "note"}

func TestFrequenciesHandWorked(t *testing.T) {
	out := writeAnalysesStudy(t, nil)
	freq := readTable(t, filepath.Join(out, "A", "frequencies.csv"))
	assert.Equal(t, frequenciesHeader, freq.header)
	noAll := fmt.Sprintf(phrases["en"]["note.noshare"], "coded segments, chains, respondents, cases")
	tests := []struct {
		level, code, kind, group string
		want                     []string
	}{
		{"category", "I1", "all", "all", []string{"3", "10", "30.0", "3", "4", "75.0", "3", "5", "60.0", "2", "2", "100.0", ""}},
		{"category", "I1", "role", "client", []string{"2", "7", "28.6", "2", "3", "66.7", "2", "3", "66.7", "2", "2", "100.0", ""}},
		{"category", "I1", "role", "manager", []string{"0", "0", "", "0", "0", "", "0", "0", "", "0", "0", "", noAll}},
		{"category", "I1", "role", "relative", []string{"0", "0", "", "0", "0", "", "0", "0", "", "0", "0", "", noAll}},
		{"category", "I1", "role", "supporter", []string{"1", "3", "33.3", "1", "1", "100.0", "1", "2", "50.0", "1", "1", "100.0", ""}},
		{"category", "I1", "city", "Amsterdam", []string{"3", "8", "37.5", "3", "3", "100.0", "3", "3", "100.0", "2", "2", "100.0", ""}},
		{"category", "I1", "city", "Haarlem", []string{"0", "2", "0.0", "0", "1", "0.0", "0", "2", "0.0", "0", "1", "0.0", ""}},
		{"code", "I1a", "all", "all", []string{"2", "10", "20.0", "2", "4", "50.0", "2", "5", "40.0", "2", "2", "100.0", ""}},
		{"code", "I1", "all", "all", []string{"0", "10", "0.0", "0", "4", "0.0", "0", "5", "0.0", "0", "2", "0.0", ""}},
	}
	for _, tt := range tests {
		got := freq.cols(t, map[string]string{"level": tt.level, "code": tt.code, "group_kind": tt.kind, "group": tt.group}, unitCols...)
		require.Len(t, got, 1, "%s %s %s %s", tt.level, tt.code, tt.kind, tt.group)
		assert.Equal(t, tt.want, got[0], "%s %s %s %s", tt.level, tt.code, tt.kind, tt.group)
	}
	// Every code and category in every group: 7 categories + 10 codes, times
	// all, 4 roles and 2 cities, in the documented order.
	assert.Len(t, freq.rows, 17*7)
	assert.Equal(t, []string{"category", "C1", "Client situation", "C", "all", "all"}, freq.rows[0][:6])
	assert.Equal(t, []string{"role", "client"}, freq.rows[1][4:6])
	assert.Equal(t, []string{"city", "Haarlem"}, freq.rows[6][4:6])
	assert.Equal(t, []string{"code", "O1", "Contact restored", "O", "city", "Haarlem"}, freq.rows[len(freq.rows)-1][:6])
}

// TestFrequenciesAgree: the "all" rows of frequencies.csv count what
// codes.csv and categories.csv count, through another query.
func TestFrequenciesAgree(t *testing.T) {
	out := writeAnalysesStudy(t, nil)
	for _, sc := range analysesScopes {
		freq := readTable(t, filepath.Join(out, sc.ID, "frequencies.csv"))
		for _, f := range []struct{ file, level, key string }{{"codes.csv", "code", "code"}, {"categories.csv", "category", "category"}} {
			tb := readTable(t, filepath.Join(out, sc.ID, f.file))
			for _, r := range tb.cols(t, nil, f.key, "segments", "respondents", "cases") {
				got := freq.cols(t, map[string]string{"level": f.level, "code": r[0], "group_kind": "all"}, "segments", "respondents", "cases")
				assert.Equal(t, [][]string{r[1:]}, got, "%s %s %s", sc.ID, f.file, r[0])
			}
		}
	}
}

// TestEmptyScope: work package Z has no interviews. Every table is written,
// every share is empty with its note, nothing is tested, and no file of any
// scope holds NaN or Inf.
func TestEmptyScope(t *testing.T) {
	out := writeAnalysesStudy(t, nil)
	en := phrases["en"]

	freq := readTable(t, filepath.Join(out, "Z", "frequencies.csv"))
	assert.Len(t, freq.rows, 17*7)
	noAll := fmt.Sprintf(en["note.noshare"], "coded segments, chains, respondents, cases")
	for _, r := range freq.cols(t, nil, unitCols...) {
		assert.Equal(t, []string{"0", "0", "", "0", "0", "", "0", "0", "", "0", "0", "", noAll}, r)
	}
	for _, kind := range []string{"city", "role"} {
		ct := readTable(t, filepath.Join(out, "Z", "crosstab_"+kind+".csv"))
		assert.NotEmpty(t, ct.rows)
		for _, r := range ct.cols(t, nil, "respondents_of", "mentioned_pct", "group_note", "test", "p_value", "test_note") {
			assert.Equal(t, []string{"0", "", fmt.Sprintf(en["note.noshare"], "respondents"), "", "", en["test.fewgroups"]}, r)
		}
	}
	cx := readTable(t, filepath.Join(out, "Z", "context.csv"))
	assert.Len(t, cx.rows, 3*4, "C1, C2, C3 by promoting, hindering, none, any")
	noCtx := fmt.Sprintf(en["note.noshare"], "coded segments, respondents, cases")
	for _, r := range cx.cols(t, nil, "segments", "segments_of", "segments_pct", "respondents", "respondents_of", "respondents_pct",
		"cases", "cases_of", "cases_pct", "note") {
		assert.Equal(t, []string{"0", "0", "", "0", "0", "", "0", "0", "", noCtx}, r)
	}
	for _, f := range []string{"cases_long.csv", "respondents_long.csv", "cases_codes_present.csv", "respondents_categories_segments.csv"} {
		assert.Empty(t, readTable(t, filepath.Join(out, "Z", "matrices", f)).rows, f)
	}

	err := filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".csv" {
			return err
		}
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		for _, bad := range []string{"NaN", "Inf"} {
			assert.NotContains(t, string(b), bad, path)
		}
		return nil
	})
	require.NoError(t, err)
}

var crosstabCols = []string{"group", "respondents_of", "mentioned", "not_mentioned", "mentioned_pct", "group_note", "test", "p_value", "test_note"}

func TestCrosstabHandWorked(t *testing.T) {
	out := writeAnalysesStudy(t, nil)
	en := phrases["en"]
	noResp := fmt.Sprintf(en["note.noshare"], "respondents")
	// p formats a p-value as the table does, from the hand-built table.
	p := func(table [][]int) string {
		v, err := stats.FisherExact(table)
		require.NoError(t, err)
		return strconv.FormatFloat(v, 'f', 4, 64)
	}

	role := readTable(t, filepath.Join(out, "B", "crosstab_role.csv"))
	assert.Equal(t, crosstabHeader, role.header)
	pRole := p([][]int{{5, 0, 1}, {1, 1, 4}})
	fh := "Freeman-Halton 2x3"
	for _, level := range []string{"code", "category"} {
		assert.Equal(t, [][]string{
			{"client", "6", "5", "1", "83.3", "", fh, pRole, ""},
			{"manager", "0", "0", "0", "", noResp, fh, pRole, ""},
			{"relative", "1", "0", "1", "0.0", "", fh, pRole, ""},
			{"supporter", "5", "1", "4", "20.0", "", fh, pRole, ""},
		}, role.cols(t, map[string]string{"level": level, "code": "O1"}, crosstabCols...), level)
	}

	city := readTable(t, filepath.Join(out, "B", "crosstab_city.csv"))
	pCity := p([][]int{{4, 2}, {3, 3}})
	assert.Equal(t, [][]string{
		{"Amsterdam", "7", "4", "3", "57.1", "", "Fisher 2x2", pCity, ""},
		{"Haarlem", "5", "2", "3", "40.0", "", "Fisher 2x2", pCity, ""},
	}, city.cols(t, map[string]string{"level": "code", "code": "O1"}, crosstabCols...))

	// Category I1 in A: 3 mention it, 2 do not: too few to test.
	few := fmt.Sprintf(en["test.fewcounts"], minTested)
	roleA := readTable(t, filepath.Join(out, "A", "crosstab_role.csv"))
	assert.Equal(t, [][]string{
		{"client", "3", "2", "1", "66.7", "", "", "", few},
		{"manager", "0", "0", "0", "", noResp, "", "", few},
		{"relative", "0", "0", "0", "", noResp, "", "", few},
		{"supporter", "2", "1", "1", "50.0", "", "", "", few},
	}, roleA.cols(t, map[string]string{"level": "category", "code": "I1"}, crosstabCols...))
	assert.Len(t, roleA.rows, 17*4, "every code and category, every role")
}

// TestIndependenceTestRules: which tables are tested, and with which test,
// from hand-made group rows.
func TestIndependenceTestRules(t *testing.T) {
	en := phrases["en"]
	rows := func(kn ...int) []freqRow {
		var out []freqRow
		for i := 0; i+1 < len(kn); i += 2 {
			var r freqRow
			r.counts[unitRespondents] = count{kn[i], kn[i+1]}
			out = append(out, r)
		}
		return out
	}
	tests := []struct {
		name       string
		groups     []freqRow
		test, note string
	}{
		{"one group with respondents", rows(5, 10, 0, 0), "", en["test.fewgroups"]},
		{"4 mention it", rows(2, 10, 2, 10), "", fmt.Sprintf(en["test.fewcounts"], minTested)},
		{"4 do not", rows(8, 10, 8, 10, 0, 0), "", fmt.Sprintf(en["test.fewcounts"], minTested)},
		{"5 and 5", rows(3, 5, 2, 5), "Fisher 2x2", ""},
		{"empty group dropped", rows(3, 5, 0, 0, 2, 5), "Fisher 2x2", ""},
		{"three groups", rows(3, 5, 1, 1, 2, 5), "Freeman-Halton 2x3", ""},
		// Up to 200 respondents the exact test, however large the counts.
		{"200 respondents", rows(60, 100, 40, 100), "Fisher 2x2", ""},
		// 210 respondents, expected counts 50 and 55 of mentioning, 55 and
		// 50 of not: every one at least 5, the chi-square test.
		{"210 respondents", rows(60, 110, 40, 100), "Pearson chi-square 2x2 (df 1)", ""},
		{"three groups of 100", rows(30, 100, 40, 100, 20, 100), "Pearson chi-square 2x3 (df 2)", ""},
		// 6 cells, one below 5 (15 of 210 by 10 is 0.71, below 1): neither test.
		{"a tiny group", rows(10, 100, 4, 100, 1, 10), "", fmt.Sprintf(en["test.smallexpected"], exactMaxN)},
		// 2×5, 10 cells; two below 5, a fifth, none below 1 (105 of 210 by
		// 8 is 4): the chi-square test.
		{"a fifth below 5", rows(25, 50, 25, 50, 25, 50, 26, 52, 4, 8), "Pearson chi-square 2x5 (df 4)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test, p, note, err := independenceTest(tt.groups, "en")
			require.NoError(t, err)
			assert.Equal(t, tt.test, test)
			assert.Equal(t, tt.note, note)
			assert.Equal(t, tt.test == "", p == "", "a p-value exactly when tested")
		})
	}
}

var contextCols = []string{"group", "categories", "labels", "valence", "segments", "segments_of", "segments_pct",
	"respondents", "respondents_of", "respondents_pct", "cases", "cases_of", "cases_pct", "note"}

func TestContextHandWorked(t *testing.T) {
	groups := []ContextGroup{{Name: "person", Categories: []string{"C1"}}, {Name: "organisational", Categories: []string{"C3"}}}
	out := writeAnalysesStudy(t, groups)
	cx := readTable(t, filepath.Join(out, "A", "context.csv"))
	assert.Equal(t, contextHeader, cx.header)
	p, o, c2 := []string{"person", "C1", "Client situation"}, []string{"organisational", "C3", "Organisation"}, []string{"C2", "C2", "City"}
	row := func(g []string, valence string, cells ...string) []string {
		return append(append(append([]string(nil), g...), valence), append(cells, "")...)
	}
	assert.Equal(t, [][]string{
		row(p, "promoting", "1", "5", "20.0", "1", "5", "20.0", "1", "2", "50.0"),
		row(p, "hindering", "1", "5", "20.0", "1", "5", "20.0", "1", "2", "50.0"),
		row(p, "none", "0", "5", "0.0", "0", "5", "0.0", "0", "2", "0.0"),
		row(p, "any", "2", "5", "40.0", "2", "5", "40.0", "2", "2", "100.0"),
		row(o, "promoting", "1", "5", "20.0", "1", "5", "20.0", "1", "2", "50.0"),
		row(o, "hindering", "0", "5", "0.0", "0", "5", "0.0", "0", "2", "0.0"),
		row(o, "none", "1", "5", "20.0", "1", "5", "20.0", "1", "2", "50.0"),
		row(o, "any", "2", "5", "40.0", "1", "5", "20.0", "1", "2", "50.0"),
		row(c2, "promoting", "0", "5", "0.0", "0", "5", "0.0", "0", "2", "0.0"),
		row(c2, "hindering", "1", "5", "20.0", "1", "5", "20.0", "1", "2", "50.0"),
		row(c2, "none", "0", "5", "0.0", "0", "5", "0.0", "0", "2", "0.0"),
		row(c2, "any", "1", "5", "20.0", "1", "5", "20.0", "1", "2", "50.0"),
	}, cx.cols(t, nil, contextCols...))

	// Without context_groups each context category is its own group, in
	// code order; a group of several categories lists them all.
	def := readTable(t, filepath.Join(writeAnalysesStudy(t, nil), "A", "context.csv"))
	var names []string
	for _, r := range def.cols(t, map[string]string{"valence": "any"}, "group", "categories", "labels") {
		names = append(names, strings.Join(r, "|"))
	}
	assert.Equal(t, []string{"C1|C1|Client situation", "C2|C2|City", "C3|C3|Organisation"}, names)
	both := []ContextGroup{{Name: "both", Categories: []string{"C3", "C1"}}}
	got := readTable(t, filepath.Join(writeAnalysesStudy(t, both), "A", "context.csv")).
		cols(t, map[string]string{"group": "both", "valence": "any"}, "categories", "labels", "segments", "respondents", "cases")
	// C3 and C1 together: IA1 S2, IA2 S2, IA4 S2, IA4 S3; R1 R2 R4; K1 K2.
	assert.Equal(t, [][]string{{"C3 C1", "Organisation; Client situation", "4", "3", "2"}}, got)
}

func TestMatricesHandWorked(t *testing.T) {
	out := writeAnalysesStudy(t, nil)
	dir := filepath.Join(out, "A", "matrices")
	read := func(f string) [][]string {
		tb := readTable(t, filepath.Join(dir, f))
		return append([][]string{tb.header}, tb.rows...)
	}
	assert.Equal(t, [][]string{
		{"case_id", "C1", "C1a", "C2", "C3", "I1", "I1a", "I1b", "I2", "M1", "O1"},
		{"K1", "0", "1", "1", "2", "0", "1", "2", "0", "1", "0"},
		{"K2", "1", "0", "0", "0", "0", "1", "0", "0", "0", "0"},
	}, read("cases_codes_segments.csv"))
	assert.Equal(t, [][]string{
		{"case_id", "C1", "C1a", "C2", "C3", "I1", "I1a", "I1b", "I2", "M1", "O1"},
		{"K1", "0", "1", "1", "1", "0", "1", "1", "0", "1", "0"},
		{"K2", "1", "0", "0", "0", "0", "1", "0", "0", "0", "0"},
	}, read("cases_codes_present.csv"))
	assert.Equal(t, [][]string{
		{"case_id", "C1", "C2", "C3", "I1", "I2", "M1", "O1"},
		{"K1", "1", "1", "2", "2", "0", "1", "0"},
		{"K2", "1", "0", "0", "1", "0", "0", "0"},
	}, read("cases_categories_segments.csv"))
	assert.Equal(t, [][]string{
		{"case_id", "C1", "C2", "C3", "I1", "I2", "M1", "O1"},
		{"K1", "1", "1", "1", "1", "0", "1", "0"},
		{"K2", "1", "0", "0", "1", "0", "0", "0"},
	}, read("cases_categories_present.csv"))

	long := readTable(t, filepath.Join(dir, "cases_long.csv"))
	assert.Equal(t, []string{"case_id", "level", "code", "dimension", "present", "segments"}, long.header)
	assert.Len(t, long.rows, 2*17, "every case with every category and code, zeros included")
	assert.Equal(t, [][]string{{"1", "2"}}, long.cols(t, map[string]string{"case_id": "K1", "level": "category", "code": "I1"}, "present", "segments"))

	resp := readTable(t, filepath.Join(dir, "respondents_long.csv"))
	assert.Len(t, resp.rows, 5*17, "R1..R5, interviewed in A")
	r5 := resp.cols(t, map[string]string{"respondent_id": "R5"}, "role", "city", "present", "segments")
	require.Len(t, r5, 17)
	for _, r := range r5 {
		assert.Equal(t, []string{"supporter", "Haarlem", "0", "0"}, r, "R5 is interviewed, nothing coded")
	}
	wide := read("respondents_categories_present.csv")
	assert.Equal(t, []string{"respondent_id", "role", "city", "C1", "C2", "C3", "I1", "I2", "M1", "O1"}, wide[0])
	// R3: IA3 S1 (I2, no case) and IA3 S2 (C2).
	assert.Equal(t, []string{"R3", "client", "Haarlem", "0", "1", "0", "0", "1", "0", "0"}, wide[3])
}
