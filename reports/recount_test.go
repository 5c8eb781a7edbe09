package reports

// An independent recount of the co-occurrence and configuration tables in
// plain Go over the study as read (coding.Study), from the counting rules of
// the README alone: no SQL, no code of the tables under test. It is checked on
// the hand-worked study, and then checks every scope of the example study.

import (
	"cmp"
	"context"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cimo-tool/cimo/cimo"
	"github.com/cimo-tool/cimo/coding"
	"github.com/cimo-tool/cimo/store"
)

// recounted is what the recount expects of one scope's tables, each row
// without its note (notes are wording, checked in TestHandWorked).
type recounted struct {
	cooccurrence, categories, configurations, contexts, completeness [][]string
}

// recountScope recounts scope ("all" or a work package) of st.
func recountScope(st *coding.Study, scope string) recounted {
	interview := map[string]coding.Interview{}
	for _, iv := range st.Interviews {
		interview[iv.ID] = iv
	}
	eventCase := map[string]string{}
	for _, e := range st.Events {
		eventCase[e.ID] = e.CaseID
	}
	var segs []coding.Segment
	for _, s := range st.Segments {
		if scope == "all" || interview[s.InterviewID].WorkPackage == scope {
			segs = append(segs, s)
		}
	}
	caseOf := func(s coding.Segment) string {
		if s.EventID != "" {
			return eventCase[s.EventID]
		}
		return interview[s.InterviewID].CaseID
	}
	chainOf := func(s coding.Segment) string {
		switch {
		case s.ChainID != "":
			return "chain_id:" + s.ChainID
		case s.EventID != "":
			return "event_id:" + s.EventID
		}
		return ""
	}
	codes := map[string]coding.Code{}
	for _, c := range st.Codebook.Codes {
		codes[c.Code] = c
	}
	lookup := func(code string) coding.Code { return codes[code] }

	var r recounted
	levels := []struct {
		name string
		unit func(coding.Segment) string
	}{
		{"segment", func(s coding.Segment) string { return strconv.Itoa(s.No) }},
		{"chain", chainOf},
		{"event", func(s coding.Segment) string { return s.EventID }},
		{"interview", func(s coding.Segment) string { return s.InterviewID }},
		{"case", caseOf},
	}
	for _, item := range []string{"code", "category"} {
		var rows [][]string
		for _, lv := range levels {
			has := map[string]map[string]bool{} // unit -> items
			for _, s := range segs {
				u := lv.unit(s)
				if u == "" {
					continue
				}
				it := s.Code
				if item == "category" {
					it = lookup(s.Code).Category
				}
				if has[u] == nil {
					has[u] = map[string]bool{}
				}
				has[u][it] = true
			}
			n := map[string]int{}
			both := map[[2]string]int{}
			for _, items := range has {
				sorted := slices.Sorted(maps.Keys(items))
				for i, a := range sorted {
					n[a]++
					for _, b := range sorted[i+1:] {
						both[[2]string{a, b}]++
					}
				}
			}
			units := strconv.Itoa(len(has))
			if len(both) == 0 {
				rows = append(rows, []string{lv.name, "", "", units, "", "", "", "", ""})
				continue
			}
			for _, p := range slices.SortedFunc(maps.Keys(both), func(x, y [2]string) int {
				return cmp.Or(strings.Compare(x[0], y[0]), strings.Compare(x[1], y[1]))
			}) {
				na, nb, k := n[p[0]], n[p[1]], both[p]
				c := float64(k) / float64(na+nb-k)
				flag := "0"
				if max(na, nb) > 5*min(na, nb) {
					flag = "1"
				}
				rows = append(rows, []string{lv.name, p[0], p[1], units, strconv.Itoa(na), strconv.Itoa(nb), strconv.Itoa(k),
					strconv.FormatFloat(c, 'f', 3, 64), flag})
			}
		}
		if item == "code" {
			r.cooccurrence = rows
		} else {
			r.categories = rows
		}
	}

	// Chains: what each has, and every configuration of it.
	type chain struct {
		dims               map[string]bool
		is, ms, os         map[string]bool
		cases, respondents map[string]bool
		contexts           map[string]map[string]bool // code -> valences ("" for none)
		configurations     [][3]string
		lacks              string
	}
	chains := map[string]*chain{}
	for _, s := range segs {
		id := chainOf(s)
		if id == "" {
			continue
		}
		ch := chains[id]
		if ch == nil {
			ch = &chain{dims: map[string]bool{}, is: map[string]bool{}, ms: map[string]bool{}, os: map[string]bool{},
				cases: map[string]bool{}, respondents: map[string]bool{}, contexts: map[string]map[string]bool{}}
			chains[id] = ch
		}
		c := lookup(s.Code)
		ch.dims[c.Dimension] = true
		switch c.Dimension {
		case "C":
			if ch.contexts[s.Code] == nil {
				ch.contexts[s.Code] = map[string]bool{}
			}
			ch.contexts[s.Code][s.Valence] = true
		case "I":
			ch.is[c.Category] = true
		case "M":
			ch.ms[s.Code] = true
		case "O":
			ch.os[s.Code] = true
		}
		if k := caseOf(s); k != "" {
			ch.cases[k] = true
		}
		ch.respondents[interview[s.InterviewID].RespondentID] = true
	}
	orNone := func(set map[string]bool) []string {
		if len(set) == 0 {
			return []string{""}
		}
		return slices.Sorted(maps.Keys(set))
	}
	type group struct {
		ids                []string
		shared             int
		cases, respondents map[string]bool
		contexts           map[string][4]int // chains, promoting, hindering, none
	}
	groups := map[[4]string]*group{}
	complete, with := 0, map[string]int{}
	for id, ch := range chains {
		var lacks []string
		for _, d := range []string{"C", "I", "M", "O"} {
			if ch.dims[d] {
				with[d]++
			} else {
				lacks = append(lacks, d)
			}
		}
		if len(lacks) == 0 {
			complete++
		}
		var cfgs [][4]string
		for _, i := range orNone(ch.is) {
			for _, m := range orNone(ch.ms) {
				for _, o := range orNone(ch.os) {
					cfgs = append(cfgs, [4]string{i, m, o, strings.Join(lacks, " ")})
				}
			}
		}
		for _, key := range cfgs {
			g := groups[key]
			if g == nil {
				g = &group{cases: map[string]bool{}, respondents: map[string]bool{}, contexts: map[string][4]int{}}
				groups[key] = g
			}
			g.ids = append(g.ids, id)
			if len(cfgs) > 1 {
				g.shared++
			}
			for k := range ch.cases {
				g.cases[k] = true
			}
			for k := range ch.respondents {
				g.respondents[k] = true
			}
			for code, valences := range ch.contexts {
				x := g.contexts[code]
				x[0]++
				for i, v := range []string{"promoting", "hindering", ""} {
					if valences[v] {
						x[i+1]++
					}
				}
				g.contexts[code] = x
			}
		}
	}
	keys := slices.SortedFunc(maps.Keys(groups), func(x, y [4]string) int {
		for i := range 3 {
			if c := cmp.Or(cmp.Compare(boolInt(x[i] == ""), boolInt(y[i] == "")), strings.Compare(x[i], y[i])); c != 0 {
				return c
			}
		}
		return strings.Compare(x[3], y[3])
	})
	for _, k := range keys {
		g := groups[k]
		slices.Sort(g.ids)
		r.configurations = append(r.configurations, []string{k[0], k[1], k[2], k[3], strconv.Itoa(len(g.ids)),
			strconv.Itoa(len(g.cases)), strconv.Itoa(len(g.respondents)), strconv.Itoa(g.shared), strings.Join(g.ids, ";")})
		for _, code := range slices.Sorted(maps.Keys(g.contexts)) {
			x := g.contexts[code]
			r.contexts = append(r.contexts, []string{k[0], k[1], k[2], k[3], code,
				strconv.Itoa(x[0]), strconv.Itoa(x[1]), strconv.Itoa(x[2]), strconv.Itoa(x[3])})
		}
	}
	for _, d := range []string{"C", "I", "M", "O", "CIMO"} {
		w := with[d]
		if d == "CIMO" {
			w = complete
		}
		r.completeness = append(r.completeness, []string{d, strconv.Itoa(w), strconv.Itoa(len(chains) - w), strconv.Itoa(len(chains))})
	}
	return r
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// written reads a written table of dir and keeps, per row, the columns the
// recount has: the first n, except that configurations.csv drops its
// contexts column (recounted as configuration_contexts.csv). Rows that only
// carry a note (no chains, no contexts) are dropped: the recount has no
// rows there.
func written(t *testing.T, dir, file string, n int) [][]string {
	t.Helper()
	var out [][]string
	for _, rec := range readCSVFile(t, filepath.Join(dir, file))[1:] {
		if rec[0] == "" && rec[1] == "" && rec[2] == "" && rec[3] == "" && file != "chain_completeness.csv" {
			continue // a note row
		}
		if file == "configurations.csv" {
			rec = slices.Concat(rec[:8], rec[9:10])
		}
		out = append(out, rec[:n])
	}
	return out
}

// checkRecount compares every scope's written tables in out with the recount.
func checkRecount(t *testing.T, st *coding.Study, out string, scopes []string) {
	t.Helper()
	for _, scope := range scopes {
		want := recountScope(st, scope)
		dir := filepath.Join(out, scope)
		assert.Equal(t, want.cooccurrence, written(t, dir, "cooccurrence.csv", 9), "%s cooccurrence.csv", scope)
		assert.Equal(t, want.categories, written(t, dir, "cooccurrence_categories.csv", 9), "%s cooccurrence_categories.csv", scope)
		assert.Equal(t, want.configurations, written(t, dir, "configurations.csv", 9), "%s configurations.csv", scope)
		assert.Equal(t, want.contexts, written(t, dir, "configuration_contexts.csv", 9), "%s configuration_contexts.csv", scope)
		assert.Equal(t, want.completeness, written(t, dir, "chain_completeness.csv", 4), "%s chain_completeness.csv", scope)
	}
}

// The recount agrees with the hand-worked tables, so it can be trusted to
// check what was not worked by hand: the co-occurrence of "all" here, and
// every scope of the example study below.
func TestRecountHandWorked(t *testing.T) {
	s := handStore(t)
	out := t.TempDir()
	require.NoError(t, Write(context.Background(), s.DB(), Options{Out: out, Language: "en", Scopes: handScopes}))
	var ids []string
	for _, sc := range handScopes {
		ids = append(ids, sc.ID)
	}
	checkRecount(t, handStudy(), out, ids)
	checkRecount(t, handStudy(), filepath.Join("testdata", "handworked"), []string{"A", "B", "D", "E"})
}

func TestRecountExample(t *testing.T) {
	if testing.Short() {
		t.Skip("writes every table and figure of the example study")
	}
	ctx := context.Background()
	dir := filepath.Join("..", "data", "example")
	wps := []string{"WP1", "WP2", "WP3", "WP4"}
	var segs []coding.Table
	for _, wp := range wps {
		segs = append(segs, coding.Table{File: filepath.Join("segments", strings.ToLower(wp)+".csv")})
	}
	st, err := coding.Read(ctx, coding.Sources{Dir: dir, Codebook: coding.Table{File: "codebook.csv"}, Respondents: coding.Table{File: "respondents.csv"},
		Interviews: coding.Table{File: "interviews.csv"}, Events: coding.Table{File: "events.csv"}, Segments: segs, WorkPackages: wps})
	require.NoError(t, err)

	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "s.duckdb"))
	require.NoError(t, err)
	defer s.Close()
	info := store.Info{Name: "example", Language: "nl"}
	opt := Options{Out: t.TempDir(), Language: "nl"}
	for _, wp := range wps {
		info.WorkPackages = append(info.WorkPackages, store.WorkPackage{ID: wp})
		opt.Scopes = append(opt.Scopes, Scope{ID: wp})
	}
	opt.Scopes = append(opt.Scopes, Scope{ID: "all"})
	require.NoError(t, s.Replace(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := tx.Load(ctx, info, st); err != nil {
			return err
		}
		return cimo.Link(ctx, tx)
	}))
	require.NoError(t, Write(ctx, s.DB(), opt))
	checkRecount(t, st, opt.Out, append(wps, "all"))
}
