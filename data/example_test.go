package data_test

import (
	"bytes"
	"encoding/csv"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/cimo-tool/cimo/data"
)

// committed is the example study as checked in.
const committed = "example"

func TestCommittedExampleMatchesGenerator(t *testing.T) {
	got := files(t, generate(t))
	want := files(t, committed)
	require.Equal(t, names(want), names(got),
		"data/example has other files than the generator writes: run `make example`")
	for _, name := range names(got) {
		assert.Truef(t, bytes.Equal(want[name], got[name]),
			"data/example/%s differs from what the generator writes: run `make example`", name)
	}
}

func TestWriteExampleIsDeterministic(t *testing.T) {
	assert.Equal(t, files(t, generate(t)), files(t, generate(t)))
}

func TestExampleFiles(t *testing.T) {
	dir := generate(t)
	for name, body := range files(t, dir) {
		assert.Truef(t, utf8.Valid(body), "%s is not UTF-8", name)
		assert.Falsef(t, bytes.HasPrefix(body, []byte("\xef\xbb\xbf")), "%s starts with a BOM", name)
		assert.NotContainsf(t, string(body), "\r", "%s has CR line ends", name)
	}

	var study struct {
		Name         string
		Language     string
		WorkPackages []struct{ ID, Title string } `yaml:"work_packages"`
		Codebook     string
		Respondents  string
		Interviews   string
		Segments     []string
		Events       string
	}
	raw, err := os.ReadFile(filepath.Join(dir, "study.yaml"))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(raw), "#"), "study.yaml starts with a comment saying the data is invented")
	require.NoError(t, yaml.Unmarshal(raw, &study))
	assert.Equal(t, "Social Network First? (voorbeeldstudie, verzonnen data)", study.Name)
	assert.Equal(t, "nl", study.Language)
	var ids []string
	for _, wp := range study.WorkPackages {
		ids = append(ids, wp.ID)
		assert.NotEmpty(t, wp.Title)
	}
	assert.Equal(t, []string{"WP1", "WP2", "WP3", "WP4"}, ids)
	for _, f := range []string{study.Codebook, study.Respondents, study.Interviews, study.Events} {
		assert.FileExists(t, filepath.Join(dir, f))
	}
	require.Len(t, study.Segments, 1)
	matches, err := filepath.Glob(filepath.Join(dir, study.Segments[0]))
	require.NoError(t, err)
	assert.Len(t, matches, 4)

	readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
	require.NoError(t, err)
	assert.Contains(t, string(readme), "invented")
	assert.Contains(t, string(readme), "make example")
}

func TestExampleInterviewDesign(t *testing.T) {
	s := load(t)
	perWP := map[string][]row{}
	for _, iv := range s.interviews {
		perWP[iv["work_package"]] = append(perWP[iv["work_package"]], iv)
		require.Containsf(t, s.respondent, iv["respondent_id"], "interview %s", iv["interview_id"])
		assert.Regexp(t, `^202[234]-\d\d-\d\d$`, iv["date"])
		assert.Equal(t, iv["work_package"] == "WP2", iv["case_id"] != "", "only WP2 interviews have a case: %v", iv)
	}
	assert.Len(t, perWP["WP1"], 25)
	assert.Len(t, perWP["WP2"], 22)
	assert.Len(t, perWP["WP3"], 10)
	assert.Len(t, perWP["WP4"], 4)

	roles := func(wp string) map[string]int {
		n := map[string]int{}
		for _, iv := range perWP[wp] {
			n[s.respondent[iv["respondent_id"]]["role"]]++
		}
		return n
	}
	assert.Equal(t, map[string]int{
		"cliënt": 7, "naaste": 2, "netwerkondersteuner": 6,
		"andere professional": 6, "beleidsmaker": 1, "projectleider": 3,
	}, roles("WP1"))
	cities := map[string]int{}
	for _, iv := range perWP["WP1"] {
		cities[s.respondent[iv["respondent_id"]]["city"]]++
	}
	assert.Equal(t, map[string]int{"Amsterdam": 21, "Haarlem": 4}, cities)

	assert.Equal(t, map[string]int{"netwerkondersteuner": 16, "cliënt": 6}, roles("WP2"))
	supporters := map[string]bool{}
	perCase := map[string]int{}
	for _, iv := range perWP["WP2"] {
		if s.respondent[iv["respondent_id"]]["role"] == "netwerkondersteuner" {
			supporters[iv["respondent_id"]] = true
		}
		perCase[iv["case_id"]]++
	}
	assert.Len(t, supporters, 12)
	assert.GreaterOrEqual(t, len(perCase), 15)
	assert.Contains(t, slices.Collect(maps.Values(perCase)), 2, "some case is informed by two interviews")
	assert.Contains(t, slices.Collect(maps.Values(perCase)), 3, "some case is informed by three interviews")

	for role := range roles("WP3") {
		assert.Contains(t, []string{"projectleider", "manager", "beleidsmaker"}, role)
	}

	wps := map[string]map[string]bool{}
	for _, iv := range s.interviews {
		if wps[iv["respondent_id"]] == nil {
			wps[iv["respondent_id"]] = map[string]bool{}
		}
		wps[iv["respondent_id"]][iv["work_package"]] = true
	}
	again := 0
	for _, w := range wps {
		if len(w) > 1 {
			again++
		}
	}
	assert.Positive(t, again, "some respondents take part in more than one work package")

	idOf := map[string]*regexp.Regexp{"Amsterdam": regexp.MustCompile(`^EXA_\d\d$`), "Haarlem": regexp.MustCompile(`^EXH_\d\d$`)}
	for _, r := range s.respondents {
		require.Containsf(t, idOf, r["city"], "respondent %s", r["respondent_id"])
		assert.Regexp(t, idOf[r["city"]], r["respondent_id"])
		assert.Containsf(t, wps, r["respondent_id"], "respondent %s is never interviewed", r["respondent_id"])
	}
}

func TestExampleCodebook(t *testing.T) {
	s := load(t)
	assert.GreaterOrEqual(t, len(s.codes), 60)
	assert.Len(t, s.code, len(s.codes), "codes are unique")
	top := map[string][]string{}
	for _, c := range s.codes {
		assert.Contains(t, []string{"C", "I", "M", "O"}, c["dimension"])
		assert.NotEmpty(t, c["label"])
		if c["parent"] == "" {
			top[c["dimension"]] = append(top[c["dimension"]], c["code"])
			continue
		}
		require.Containsf(t, s.code, c["parent"], "parent of %s", c["code"])
		assert.Equal(t, c["dimension"], s.code[c["parent"]]["dimension"])
	}
	assert.Equal(t, []string{"C1", "C2", "C3", "C4"}, top["C"])
	assert.Equal(t, []string{"I1", "I2", "I3", "I4", "I5", "I6", "I7", "I8"}, top["I"])
	assert.Equal(t, []string{"M1", "M2", "M3", "M4", "M5", "M6", "M7"}, top["M"])
	assert.Equal(t, []string{"O1", "O2", "O3", "O4", "O5", "O6", "O7", "O8"}, top["O"])
	parts := map[string]int{}
	for _, c := range s.codes {
		if c["dimension"] == "I" && c["parent"] != "" {
			parts[c["parent"]]++
		}
	}
	assert.Equal(t, map[string]int{"I1": 5, "I2": 3, "I3": 3, "I4": 3, "I5": 3, "I6": 3, "I7": 2, "I8": 3}, parts)
}

func TestExampleTimelines(t *testing.T) {
	s := load(t)
	informed := map[string]bool{}
	for _, iv := range s.interviews {
		informed[iv["case_id"]] = true
	}
	assert.Len(t, s.event, len(s.events), "event ids are unique")
	phases := []string{"preventie", "straat/outreach", "wachtlijst", "opvang", "beschermd wonen", "eigen woning met ambulante begeleiding"}
	cases := s.cases()
	assert.GreaterOrEqual(t, len(cases), 15)
	for id, events := range cases {
		assert.Truef(t, informed[id], "case %s has no interview", id)
		assert.GreaterOrEqualf(t, len(events), 6, "case %s", id)
		assert.LessOrEqualf(t, len(events), 14, "case %s", id)
		breakthroughs := 0
		prev := ""
		for i, e := range events {
			assert.Equal(t, strconv.Itoa(i+1), e["seq"], "seq counts 1..n in file order: %v", e)
			assert.Contains(t, []string{"activity", "breakthrough", "setback"}, e["kind"])
			assert.Contains(t, phases, e["phase"])
			assert.NotEmpty(t, e["description"])
			if e["kind"] == "breakthrough" {
				breakthroughs++
			}
			start := periodStart(t, e["date"])
			assert.GreaterOrEqualf(t, start, prev, "dates of case %s decrease at %s", id, e["event_id"])
			prev = start
		}
		assert.Positivef(t, breakthroughs, "case %s has no breakthrough", id)
	}
}

func TestExampleSegments(t *testing.T) {
	s := load(t)
	perWP := map[string]int{}
	type key struct{ interview, segment string }
	distinct := map[key]bool{}
	for _, g := range s.segments {
		distinct[key{g["interview_id"], g["segment_id"]}] = true
	}
	assert.GreaterOrEqual(t, len(distinct), 1500, "coded segments: distinct (interview_id, segment_id), as the tables count them")
	first, firstByCoder := map[key]row{}, map[key]row{}
	codes := map[key][]string{} // per segment and coder
	commaAndDiacritic := 0
	for _, g := range s.segments {
		iv, ok := s.interview[g["interview_id"]]
		require.Truef(t, ok, "segment row %v: unknown interview", g)
		require.Containsf(t, s.code, g["code"], "segment row %v: unknown code", g)
		wp := iv["work_package"]
		perWP[wp]++

		if g["event_id"] != "" {
			e, ok := s.event[g["event_id"]]
			require.Truef(t, ok, "segment row %v: unknown event", g)
			assert.Equalf(t, iv["case_id"], e["case_id"], "segment row %v: event of another case", g)
		}
		assert.Equal(t, wp == "WP2", g["event_id"] != "", "WP2 segments, and only they, sit on events: %v", g)
		if wp == "WP2" {
			assert.Empty(t, g["chain_id"])
		}

		if s.code[g["code"]]["dimension"] == "C" {
			assert.Contains(t, []string{"promoting", "hindering"}, g["valence"])
		} else {
			assert.Empty(t, g["valence"], "valence only on context codes: %v", g)
		}
		assert.Contains(t, []string{"codeur-A", "codeur-B"}, g["coder"])
		start, err1 := strconv.Atoi(g["start"])
		end, err2 := strconv.Atoi(g["end"])
		require.NoError(t, err1)
		require.NoError(t, err2)
		assert.Less(t, start, end)
		assert.NotEmpty(t, g["quote"])
		if strings.Contains(g["quote"], ",") && strings.ContainsAny(g["quote"], "ëéïü") {
			commaAndDiacritic++
		}

		// A segment's rows differ only in code, valence and, when coded twice, coder and links;
		// one coder's rows of a segment share their links.
		k := key{g["interview_id"], g["segment_id"]}
		if f, ok := first[k]; ok {
			for _, col := range []string{"start", "end", "quote"} {
				assert.Equalf(t, f[col], g[col], "segment %v: %s differs between its rows", k, col)
			}
		} else {
			first[k] = g
		}
		ck := key{g["interview_id"], g["segment_id"] + "/" + g["coder"]}
		if f, ok := firstByCoder[ck]; ok {
			for _, col := range []string{"event_id", "chain_id"} {
				assert.Equalf(t, f[col], g[col], "segment %v: %s differs between one coder's rows", ck, col)
			}
		} else {
			firstByCoder[ck] = g
		}
		assert.NotContainsf(t, codes[ck], g["code"], "segment %v has code %s twice", ck, g["code"])
		codes[ck] = append(codes[ck], g["code"])
	}
	for k, c := range codes {
		assert.LessOrEqualf(t, len(c), 3, "segment %v", k)
	}
	for _, wp := range []string{"WP1", "WP3", "WP4"} {
		assert.Greater(t, perWP["WP2"], perWP[wp], "the timelines of WP2 hold more codings than %s", wp)
		assert.Positive(t, perWP[wp], wp)
	}
	assert.Positive(t, commaAndDiacritic, "some quotes need CSV quoting and have diacritics")
}

// TestExampleDoubleCoding: about one in seven WP2 segments and a few WP1
// segments are coded by both coders, who mostly but not always agree.
func TestExampleDoubleCoding(t *testing.T) {
	s := load(t)
	type key struct{ interview, segment string }
	type coding struct {
		codes       map[string]bool
		event, link string
	}
	segs := map[key]map[string]*coding{} // by coder
	wpOf := map[key]string{}
	for _, g := range s.segments {
		k := key{g["interview_id"], g["segment_id"]}
		if segs[k] == nil {
			segs[k] = map[string]*coding{}
			wpOf[k] = s.interview[g["interview_id"]]["work_package"]
		}
		c := segs[k][g["coder"]]
		if c == nil {
			c = &coding{codes: map[string]bool{}, link: g["event_id"] + "|" + g["chain_id"]}
			segs[k][g["coder"]] = c
		}
		c.codes[g["code"]] = true
	}
	total, double := map[string]int{}, map[string]int{}
	var both, either, relinked int
	for k, byCoder := range segs {
		total[wpOf[k]]++
		if len(byCoder) < 2 {
			continue
		}
		require.Len(t, byCoder, 2, "segment %v", k)
		double[wpOf[k]]++
		a, b := byCoder["codeur-A"], byCoder["codeur-B"]
		for code := range a.codes {
			either++
			if b.codes[code] {
				both++
			}
		}
		for code := range b.codes {
			if !a.codes[code] {
				either++
			}
		}
		if a.link != b.link {
			relinked++
		}
	}
	share := float64(double["WP2"]) / float64(total["WP2"])
	assert.True(t, share > 0.10 && share < 0.20, "WP2: %d of %d segments double-coded", double["WP2"], total["WP2"])
	assert.True(t, double["WP1"] > 5 && double["WP1"] < total["WP1"]/20, "WP1: %d of %d segments double-coded", double["WP1"], total["WP1"])
	assert.Zero(t, double["WP3"]+double["WP4"], "only WP1 and WP2 are double-coded")
	agree := float64(both) / float64(either)
	assert.True(t, agree > 0.7 && agree < 0.95, "coders share %d of the %d codes either gave", both, either)
	assert.Positive(t, relinked, "some double-coded segments are linked to another chain")
}

func TestExampleChains(t *testing.T) {
	s := load(t)
	type chain struct {
		dims    map[string]bool
		mechs   map[string]bool
		wps     map[string]bool
		byChain bool
	}
	chains := map[string]*chain{}
	for _, g := range s.segments {
		id := g["chain_id"]
		if id == "" {
			id = g["event_id"]
		}
		if id == "" {
			continue
		}
		c := chains[id]
		if c == nil {
			c = &chain{dims: map[string]bool{}, mechs: map[string]bool{}, wps: map[string]bool{}, byChain: g["chain_id"] != ""}
			chains[id] = c
		}
		dim := s.code[g["code"]]["dimension"]
		c.dims[dim] = true
		if dim == "M" {
			c.mechs[g["code"]] = true
		}
		c.wps[s.interview[g["interview_id"]]["work_package"]] = true
	}
	var byChain, byEvent, noM, noO, noC, twoM, spanning int
	for _, c := range chains {
		if c.byChain {
			byChain++
		} else {
			byEvent++
		}
		if !c.dims["M"] {
			noM++
		}
		if !c.dims["O"] {
			noO++
		}
		if !c.dims["C"] {
			noC++
		}
		if len(c.mechs) > 1 {
			twoM++
		}
		if len(c.wps) > 1 {
			spanning++
		}
	}
	assert.GreaterOrEqual(t, byChain, 20, "chains by chain_id")
	assert.GreaterOrEqual(t, byEvent, 90, "chains by event_id")
	assert.Positive(t, noM, "chains without mechanism")
	assert.Positive(t, noO, "chains without outcome")
	assert.Positive(t, noC, "chains without context")
	assert.Positive(t, twoM, "chains with two mechanisms")
	assert.Positive(t, spanning, "a chain spanning work packages")
}

// TestExampleInterventionOrder: as in the report, preconditions and basic
// conditions come early in a timeline and joint conversations later.
func TestExampleInterventionOrder(t *testing.T) {
	s := load(t)
	n := map[string]int{}
	for _, events := range s.cases() {
		n[events[0]["case_id"]] = len(events)
	}
	sum, count := map[string]float64{}, map[string]float64{}
	for _, g := range s.segments {
		if g["event_id"] == "" || s.code[g["code"]]["dimension"] != "I" {
			continue
		}
		e := s.event[g["event_id"]]
		seq, err := strconv.Atoi(e["seq"])
		require.NoError(t, err)
		cat := s.category(g["code"])
		sum[cat] += float64(seq-1) / float64(n[e["case_id"]]-1)
		count[cat]++
	}
	mean := func(cat string) float64 { return sum[cat] / count[cat] }
	assert.Less(t, mean("I1"), mean("I6"))
	assert.Less(t, mean("I2"), mean("I6"))
}

// row is one CSV record by column name.
type row = map[string]string

// study is the example read back from its files, as any consumer would.
type study struct {
	codes, respondents, interviews, events, segments []row
	code, respondent, interview, event               map[string]row
}

func load(t *testing.T) *study {
	t.Helper()
	dir := generate(t)
	s := &study{
		codes:       readCSV(t, dir, "codebook.csv"),
		respondents: readCSV(t, dir, "respondents.csv"),
		interviews:  readCSV(t, dir, "interviews.csv"),
		events:      readCSV(t, dir, "events.csv"),
	}
	for _, wp := range []string{"wp1", "wp2", "wp3", "wp4"} {
		s.segments = append(s.segments, readCSV(t, dir, "segments/"+wp+".csv")...)
	}
	s.code = index(s.codes, "code")
	s.respondent = index(s.respondents, "respondent_id")
	s.interview = index(s.interviews, "interview_id")
	s.event = index(s.events, "event_id")
	return s
}

// cases groups the events by case, in file order.
func (s *study) cases() map[string][]row {
	out := map[string][]row{}
	for _, e := range s.events {
		out[e["case_id"]] = append(out[e["case_id"]], e)
	}
	return out
}

func (s *study) category(code string) string {
	for s.code[code]["parent"] != "" {
		code = s.code[code]["parent"]
	}
	return code
}

func readCSV(t *testing.T, dir, name string) []row {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, name))
	require.NoError(t, err)
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err, name)
	require.NotEmpty(t, records, name)
	var rows []row
	for _, rec := range records[1:] {
		r := row{}
		for i, col := range records[0] {
			r[col] = rec[i]
		}
		rows = append(rows, r)
	}
	return rows
}

func index(rows []row, col string) map[string]row {
	m := map[string]row{}
	for _, r := range rows {
		m[r[col]] = r
	}
	return m
}

// periodStart turns a fuzzy date (2023, 2023-Q2, 2023-03, 2023-03-14) into
// the first day of its period, as a sortable string.
func periodStart(t *testing.T, date string) string {
	t.Helper()
	switch {
	case regexp.MustCompile(`^\d{4}$`).MatchString(date):
		return date + "-01-01"
	case regexp.MustCompile(`^\d{4}-Q[1-4]$`).MatchString(date):
		return date[:4] + []string{"-01-01", "-04-01", "-07-01", "-10-01"}[date[6]-'1']
	case regexp.MustCompile(`^\d{4}-\d\d$`).MatchString(date):
		return date + "-01"
	case regexp.MustCompile(`^\d{4}-\d\d-\d\d$`).MatchString(date):
		return date
	}
	t.Errorf("date %q is not a fuzzy date", date)
	return ""
}

func generate(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, data.WriteExample(dir))
	return dir
}

// files reads every file under dir by slash-separated relative name.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		out[filepath.ToSlash(rel)], err = os.ReadFile(path)
		return err
	})
	require.NoError(t, err)
	return out
}

func names(m map[string][]byte) []string {
	return slices.Sorted(maps.Keys(m))
}
