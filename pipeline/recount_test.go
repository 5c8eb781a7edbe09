package pipeline

// An independent recount of the frequency tables, written from the input
// contract and the counting rules alone: plain Go maps over the CSV files, no
// DuckDB and no other package of this module. The end-to-end test compares the
// pipeline's OUT/<scope>/{codes,categories,chains}.csv against recount.

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// recountTables holds the three tables of one scope as CSV records (header
// first), exactly as the pipeline must write them.
type recountTables struct{ Codes, Categories, Chains [][]string }

// recountAll is the scope of the whole study.
const recountAll = "all"

// recountDimensionOrder is the sort order of the dimensions.
var recountDimensionOrder = map[string]int{"C": 0, "I": 1, "M": 2, "O": 3}

// recountStudy is the part of study.yaml the recount needs.
type recountStudy struct {
	WorkPackages []struct {
		ID string `yaml:"id"`
	} `yaml:"work_packages"`
	Codebook   string           `yaml:"codebook"`
	Interviews string           `yaml:"interviews"`
	Segments   recountPathsList `yaml:"segments"`
	Events     string           `yaml:"events"`
}

// recountPathsList accepts `segments: x.csv` as well as `segments: [a, b]`.
type recountPathsList []string

func (p *recountPathsList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*p = recountPathsList{n.Value}
		return nil
	}
	var l []string
	if err := n.Decode(&l); err != nil {
		return err
	}
	*p = l
	return nil
}

type recountCode struct{ label, dimension, parent string }

type recountInterview struct{ respondent, workPackage, caseID string }

// recountRow is one segment row, resolved.
type recountRow struct {
	segment    string // interview_id + "\x00" + segment_id
	respondent string // "" when none
	caseID     string // "" when none
	code       string
	chain      string // "chain:<chain_id>", "event:<event_id>" or "" when none
	scopes     [2]string
}

// recountCounter collects distinct segments, respondents and cases.
type recountCounter struct{ segments, respondents, cases map[string]bool }

func newRecountCounter() *recountCounter {
	return &recountCounter{map[string]bool{}, map[string]bool{}, map[string]bool{}}
}

func (c *recountCounter) add(r recountRow) {
	c.segments[r.segment] = true
	if r.respondent != "" {
		c.respondents[r.respondent] = true
	}
	if r.caseID != "" {
		c.cases[r.caseID] = true
	}
}

func (c *recountCounter) numbers() []string {
	if c == nil {
		return []string{"0", "0", "0"}
	}
	return []string{strconv.Itoa(len(c.segments)), strconv.Itoa(len(c.respondents)), strconv.Itoa(len(c.cases))}
}

// recountChain is one chain within one scope.
type recountChain struct {
	interventions, mechanisms, outcomes map[string]bool // I categories, M codes, O codes
	cases                               map[string]bool
}

// recountReadCSV reads a CSV table into one map per row, keyed by header name
// (a leading UTF-8 BOM and spaces around header names are dropped).
func recountReadCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	records, err := r.ReadAll()
	require.NoError(t, err, "reading %s", path)
	require.NotEmpty(t, records, "%s has no header row", path)
	header := records[0]
	for i := range header {
		if i == 0 {
			header[i] = strings.TrimPrefix(header[i], "\ufeff")
		}
		header[i] = strings.TrimSpace(header[i])
	}
	rows := make([]map[string]string, 0, len(records)-1)
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, name := range header {
			if i < len(rec) {
				row[name] = rec[i]
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// recountID returns an id field of a row, spaces trimmed ("" when absent).
func recountID(row map[string]string, name string) string {
	return strings.TrimSpace(row[name])
}

// recount reads the study at studyYAML (the path to study.yaml) with
// encoding/csv and yaml, and returns the tables per scope: each work package id
// and "all".
func recount(t *testing.T, studyYAML string) map[string]recountTables {
	t.Helper()
	raw, err := os.ReadFile(studyYAML)
	require.NoError(t, err)
	var st recountStudy
	require.NoError(t, yaml.Unmarshal(raw, &st), "parsing %s", studyYAML)
	dir := filepath.Dir(studyYAML)
	rel := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(dir, p)
	}

	// Scopes.
	scopes := []string{}
	isWP := map[string]bool{}
	for _, wp := range st.WorkPackages {
		id := strings.TrimSpace(wp.ID)
		require.NotEmpty(t, id, "work package without id")
		require.False(t, isWP[id], "duplicate work package %q", id)
		isWP[id] = true
		scopes = append(scopes, id)
	}
	scopes = append(scopes, recountAll)

	// Codebook and categories.
	require.NotEmpty(t, st.Codebook, "study.yaml has no codebook")
	codes := map[string]recountCode{}
	var codeOrder []string
	for i, row := range recountReadCSV(t, rel(st.Codebook)) {
		code := recountID(row, "code")
		require.NotEmpty(t, code, "codebook row %d has no code", i+2)
		_, dup := codes[code]
		require.False(t, dup, "duplicate code %q in codebook", code)
		dim := recountID(row, "dimension")
		_, ok := recountDimensionOrder[dim]
		require.True(t, ok, "code %q has dimension %q, want C, I, M or O", code, dim)
		codes[code] = recountCode{label: row["label"], dimension: dim, parent: recountID(row, "parent")}
		codeOrder = append(codeOrder, code)
	}
	category := map[string]string{}
	for _, code := range codeOrder {
		seen := map[string]bool{code: true}
		top := code
		for codes[top].parent != "" {
			p := codes[top].parent
			_, ok := codes[p]
			require.True(t, ok, "code %q has unknown parent %q", top, p)
			require.False(t, seen[p], "parent cycle through code %q", p)
			seen[p] = true
			top = p
		}
		category[code] = top
	}
	sort.Slice(codeOrder, func(i, j int) bool {
		a, b := codeOrder[i], codeOrder[j]
		da, db := recountDimensionOrder[codes[a].dimension], recountDimensionOrder[codes[b].dimension]
		if da != db {
			return da < db
		}
		return a < b
	})

	// Interviews and events.
	require.NotEmpty(t, st.Interviews, "study.yaml has no interviews")
	interviews := map[string]recountInterview{}
	for i, row := range recountReadCSV(t, rel(st.Interviews)) {
		id := recountID(row, "interview_id")
		require.NotEmpty(t, id, "interviews row %d has no interview_id", i+2)
		wp := recountID(row, "work_package")
		require.True(t, isWP[wp], "interview %q has unknown work package %q", id, wp)
		interviews[id] = recountInterview{
			respondent:  recountID(row, "respondent_id"),
			workPackage: wp,
			caseID:      recountID(row, "case_id"),
		}
	}
	eventCase := map[string]string{}
	if st.Events != "" {
		for _, row := range recountReadCSV(t, rel(st.Events)) {
			eventCase[recountID(row, "event_id")] = recountID(row, "case_id")
		}
	}

	// Segment rows.
	var files []string
	seenFile := map[string]bool{}
	require.NotEmpty(t, st.Segments, "study.yaml has no segments")
	for _, pattern := range st.Segments {
		matches, err := filepath.Glob(rel(pattern))
		require.NoError(t, err, "segments pattern %q", pattern)
		require.NotEmpty(t, matches, "segments pattern %q matches no file", pattern)
		sort.Strings(matches)
		for _, m := range matches {
			if !seenFile[m] {
				seenFile[m] = true
				files = append(files, m)
			}
		}
	}
	var rows []recountRow
	for _, file := range files {
		for i, row := range recountReadCSV(t, file) {
			ivID, segID, code := recountID(row, "interview_id"), recountID(row, "segment_id"), recountID(row, "code")
			iv, ok := interviews[ivID]
			require.True(t, ok, "%s row %d: unknown interview %q", file, i+2, ivID)
			_, ok = codes[code]
			require.True(t, ok, "%s row %d: unknown code %q", file, i+2, code)
			r := recountRow{
				segment:    ivID + "\x00" + segID,
				respondent: iv.respondent,
				caseID:     iv.caseID,
				code:       code,
				scopes:     [2]string{iv.workPackage, recountAll},
			}
			ev, ch := recountID(row, "event_id"), recountID(row, "chain_id")
			if ev != "" {
				if c, ok := eventCase[ev]; ok {
					r.caseID = c
				} else {
					t.Logf("%s row %d: event %q is not in the events table; using the interview's case", file, i+2, ev)
				}
			}
			switch {
			case ch != "":
				r.chain = "chain:" + ch
			case ev != "":
				r.chain = "event:" + ev
			}
			rows = append(rows, r)
		}
	}

	// Count per scope.
	out := map[string]recountTables{}
	for _, scope := range scopes {
		byCode := map[string]*recountCounter{}
		byCategory := map[string]*recountCounter{}
		chains := map[string]*recountChain{}
		for _, r := range rows {
			if r.scopes[0] != scope && r.scopes[1] != scope {
				continue
			}
			if byCode[r.code] == nil {
				byCode[r.code] = newRecountCounter()
			}
			byCode[r.code].add(r)
			cat := category[r.code]
			if byCategory[cat] == nil {
				byCategory[cat] = newRecountCounter()
			}
			byCategory[cat].add(r)
			if r.chain == "" {
				continue
			}
			c := chains[r.chain]
			if c == nil {
				c = &recountChain{map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}}
				chains[r.chain] = c
			}
			switch codes[r.code].dimension {
			case "I":
				c.interventions[cat] = true
			case "M":
				c.mechanisms[r.code] = true
			case "O":
				c.outcomes[r.code] = true
			}
			if r.caseID != "" {
				c.cases[r.caseID] = true
			}
		}

		var tb recountTables
		tb.Codes = [][]string{{"code", "label", "dimension", "category", "segments", "respondents", "cases"}}
		tb.Categories = [][]string{{"category", "label", "dimension", "segments", "respondents", "cases"}}
		for _, code := range codeOrder {
			cb := codes[code]
			tb.Codes = append(tb.Codes, append([]string{code, cb.label, cb.dimension, category[code]}, byCode[code].numbers()...))
			if cb.parent == "" {
				tb.Categories = append(tb.Categories, append([]string{code, cb.label, cb.dimension}, byCategory[code].numbers()...))
			}
		}

		type config struct{ i, m, o string }
		configChains := map[config]int{}
		configCases := map[config]map[string]bool{}
		orEmpty := func(set map[string]bool) []string {
			if len(set) == 0 {
				return []string{""}
			}
			l := make([]string, 0, len(set))
			for k := range set {
				l = append(l, k)
			}
			return l
		}
		for _, c := range chains {
			for i := range c.interventions { // no I code: no configuration
				for _, m := range orEmpty(c.mechanisms) {
					for _, o := range orEmpty(c.outcomes) {
						k := config{i, m, o}
						configChains[k]++
						if configCases[k] == nil {
							configCases[k] = map[string]bool{}
						}
						for cs := range c.cases {
							configCases[k][cs] = true
						}
					}
				}
			}
		}
		configs := make([]config, 0, len(configChains))
		for k := range configChains {
			configs = append(configs, k)
		}
		sort.Slice(configs, func(x, y int) bool {
			a, b := configs[x], configs[y]
			if configChains[a] != configChains[b] {
				return configChains[a] > configChains[b]
			}
			if a.i != b.i {
				return a.i < b.i
			}
			if a.m != b.m {
				return a.m < b.m
			}
			return a.o < b.o
		})
		tb.Chains = [][]string{{"intervention_category", "mechanism", "outcome", "chains", "cases"}}
		for _, k := range configs {
			tb.Chains = append(tb.Chains, []string{k.i, k.m, k.o, strconv.Itoa(configChains[k]), strconv.Itoa(len(configCases[k]))})
		}
		out[scope] = tb
	}
	return out
}

// recountCSV parses a CSV literal of the hand-worked expectations.
func recountCSV(t *testing.T, text string) [][]string {
	t.Helper()
	records, err := csv.NewReader(strings.NewReader(strings.TrimSpace(text) + "\n")).ReadAll()
	require.NoError(t, err)
	return records
}

// TestRecountHandWorked checks recount on the tiny invented study in
// testdata/recount, whose tables are worked out by hand below.
//
// Codebook (category = top-level ancestor; I1 > I1a > I1a1 is three levels):
//
//	C: S1 (cat S1), S1a -> S1
//	I: I1, I1a -> I1, I1a1 -> I1a -> I1, I1b -> I1, I10 (never coded), I3, I3a -> I3
//	M: M1, M2
//	O: O1, O1a -> O1, O2
//
// Byte-wise order inside I: I1 < I10 < I1a < I1a1 < I1b < I3 < I3a ('0' < 'a').
// C codes come first although "S" > "I", because dimension sorts first.
//
// Interviews: INT1 R1 A case K1; INT2 R1 A no case (R1 interviewed twice);
// INT3 R2 B case K2; INT4 R3 B no case. Events: E1 -> K1, E2 -> K1, E3 -> K2.
//
// Segment rows resolved (case = the event's case if event_id is set, else the
// interview's; chain = chain_id, else event_id; c: and e: are separate):
//
//	     seg       code  event chain  case  resp  wp
//	r1   INT1/s1   S1    -     c:ch1  K1    R1    A
//	r2   INT1/s1   I1a1  -     c:ch1  K1    R1    A   } r2, r3: two codes of
//	r3   INT1/s1   I1b   -     c:ch1  K1    R1    A   } category I1, one segment
//	r4   INT1/s1   M1    -     c:ch1  K1    R1    A   } ch1 has two mechanisms
//	r5   INT1/s1   M2    -     c:ch1  K1    R1    A   }
//	r6   INT1/s2   O1a   -     c:ch1  K1    R1    A
//	r7   INT1/s3   S1a   E3    e:E3   K2    R1    A   event's case beats K1
//	r8   INT2/s1   I3a   E3    e:E3   K2    R1    A   event in a case, no case on INT2
//	r9   INT2/s1   O2    E3    e:E3   K2    R1    A
//	r10  INT2/s2   M1    E1    e:E1   K1    R1    A
//	r11  INT2/s3   S1    -     -      -     R1    A   no chain, no case
//	r12  INT3/s1   I1a   -     c:ch1  K2    R2    B   ch1 spans A and B
//	r13  INT3/s1   O1    -     c:ch1  K2    R2    B
//	r14  INT3/s2   I3    -     c:E1   K2    R2    B   chain_id "E1" is not event E1
//	r15  INT3/s2   M1    -     c:E1   K2    R2    B
//	r16  INT4/s1   I1a1  E2    e:E2   K1    R3    B
//	r17  INT4/s1   M1    E2    e:E2   K1    R3    B
//	r18  INT4/s1   O1    E2    e:E2   K1    R3    B
//	r19  INT4/s2   I1a1  E1    e:E1   K1    R3    B   event E1 spans A and B
//	r20  INT4/s3   O2    -     c:ch9  -     R3    B   chain without I
//	r21  INT1/s1   M1    -     c:ch1  K1    R1    A   } a second coder (cd) repeats r4
//	r22  INT2/s2   M1    E1    e:E1   K1    R1    A   } and r10: double coding, so no
//	                                                    count below changes
//
// Scope A (r1-r11, r21-r22):
//
//	S1 {INT1/s1 K1, INT2/s3 -} = 2,1,1; S1a {INT1/s3 K2} = 1,1,1
//	I1a1, I1b, I3a, M2, O1a, O2: one segment each = 1,1,1; M1 {INT1/s1, INT2/s2} both R1, K1 = 2,1,1
//	category S1 = {INT1/s1, INT2/s3, INT1/s3}, R1, {K1,K2} = 3,1,2
//	category I1 = {INT1/s1} only (I1a1 and I1b in one segment) = 1,1,1
//	chains: c:ch1 = I{I1} x M{M1,M2} x O{O1a} -> (I1,M1,O1a), (I1,M2,O1a), cases {K1}
//	        e:E3 = I{I3} x M{} x O{O2} -> (I3,"",O2), cases {K2}  (without M)
//	        e:E1 = M1 only: no I, no configuration (incomplete)
//
// Scope B (r12-r20):
//
//	I1a {INT3/s1 K2} = 1,1,1; I1a1 {INT4/s1, INT4/s2} R3, K1 = 2,1,1; I3 = 1,1,1
//	M1 {INT3/s2 R2 K2, INT4/s1 R3 K1} = 2,2,2; O1 {INT3/s1 R2 K2, INT4/s1 R3 K1} = 2,2,2
//	O2 {INT4/s3} R3, no case = 1,1,0
//	category I1 = {INT3/s1, INT4/s1, INT4/s2}, {R2,R3}, {K1,K2} = 3,2,2
//	chains: c:ch1 = (I1,"",O1) {K2}; c:E1 = (I3,M1,"") {K2}; e:E2 = (I1,M1,O1) {K1};
//	        e:E1 = I1a1 only -> (I1,"","") {K1}; c:ch9 = O2 only: none
//	sorted (all 1 chain): I1 before I3; "" sorts before "M1" and before "O1"
//
// Scope all (r1-r22):
//
//	I1a1 {INT1/s1 R1, INT4/s1 R3, INT4/s2 R3}, all K1 = 3,2,1
//	M1 {INT1/s1, INT2/s2, INT3/s2, INT4/s1}, {R1,R2,R3}, {K1,K2} = 4,3,2
//	O2 {INT2/s1 R1 K2, INT4/s3 R3 -} = 2,2,1
//	category I1 = {INT1/s1, INT3/s1, INT4/s1, INT4/s2}, {R1,R2,R3}, {K1,K2} = 4,3,2
//	category I3 = {INT2/s1 R1, INT3/s2 R2}, {K2} = 2,2,1
//	category O1 = {INT1/s2 R1 K1, INT3/s1 R2 K2, INT4/s1 R3 K1} = 3,3,2
//	chains: c:ch1 = r1-r6 + r12-r13 = I{I1} x M{M1,M2} x O{O1,O1a}, cases {K1,K2}
//	          -> (I1,M1,O1), (I1,M1,O1a), (I1,M2,O1), (I1,M2,O1a)
//	        e:E2 -> (I1,M1,O1) {K1}, so (I1,M1,O1) = 2 chains, cases {K1,K2} = 2
//	        e:E1 = r10 + r19 = I{I1} x M{M1} -> (I1,M1,"") {K1}
//	        c:E1 -> (I3,M1,"") {K2}; e:E3 -> (I3,"",O2) {K2}; c:ch9: none
//	(had c:E1 and e:E1 been one chain, (I1,M1,"") would have 2 cases.)
func TestRecountHandWorked(t *testing.T) {
	got := recount(t, filepath.Join("testdata", "recount", "study.yaml"))

	want := map[string]recountTables{
		"A": {
			Codes: recountCSV(t, `
code,label,dimension,category,segments,respondents,cases
S1,Small network,C,S1,2,1,1
S1a,No contact with family,C,S1,1,1,1
I1,Attention to preconditions,I,I1,0,0,0
I10,Unused category,I,I10,0,0,0
I1a,Enough time,I,I1,0,0,0
I1a1,"Time in the first weeks, before intake",I,I1,1,1,1
I1b,Careful hand-over,I,I1,1,1,1
I3,Raising awareness of the network,I,I3,0,0,0
I3a,Mapping the network,I,I3,1,1,1
M1,Trust,M,M1,2,1,1
M2,Awareness,M,M2,1,1,1
O1,Contact restored,O,O1,0,0,0
O1a,Contact with a sister,O,O1,1,1,1
O2,No result,O,O2,1,1,1
`),
			Categories: recountCSV(t, `
category,label,dimension,segments,respondents,cases
S1,Small network,C,3,1,2
I1,Attention to preconditions,I,1,1,1
I10,Unused category,I,0,0,0
I3,Raising awareness of the network,I,1,1,1
M1,Trust,M,2,1,1
M2,Awareness,M,1,1,1
O1,Contact restored,O,1,1,1
O2,No result,O,1,1,1
`),
			Chains: recountCSV(t, `
intervention_category,mechanism,outcome,chains,cases
I1,M1,O1a,1,1
I1,M2,O1a,1,1
I3,,O2,1,1
`),
		},
		"B": {
			Codes: recountCSV(t, `
code,label,dimension,category,segments,respondents,cases
S1,Small network,C,S1,0,0,0
S1a,No contact with family,C,S1,0,0,0
I1,Attention to preconditions,I,I1,0,0,0
I10,Unused category,I,I10,0,0,0
I1a,Enough time,I,I1,1,1,1
I1a1,"Time in the first weeks, before intake",I,I1,2,1,1
I1b,Careful hand-over,I,I1,0,0,0
I3,Raising awareness of the network,I,I3,1,1,1
I3a,Mapping the network,I,I3,0,0,0
M1,Trust,M,M1,2,2,2
M2,Awareness,M,M2,0,0,0
O1,Contact restored,O,O1,2,2,2
O1a,Contact with a sister,O,O1,0,0,0
O2,No result,O,O2,1,1,0
`),
			Categories: recountCSV(t, `
category,label,dimension,segments,respondents,cases
S1,Small network,C,0,0,0
I1,Attention to preconditions,I,3,2,2
I10,Unused category,I,0,0,0
I3,Raising awareness of the network,I,1,1,1
M1,Trust,M,2,2,2
M2,Awareness,M,0,0,0
O1,Contact restored,O,2,2,2
O2,No result,O,1,1,0
`),
			Chains: recountCSV(t, `
intervention_category,mechanism,outcome,chains,cases
I1,,,1,1
I1,,O1,1,1
I1,M1,O1,1,1
I3,M1,,1,1
`),
		},
		"all": {
			Codes: recountCSV(t, `
code,label,dimension,category,segments,respondents,cases
S1,Small network,C,S1,2,1,1
S1a,No contact with family,C,S1,1,1,1
I1,Attention to preconditions,I,I1,0,0,0
I10,Unused category,I,I10,0,0,0
I1a,Enough time,I,I1,1,1,1
I1a1,"Time in the first weeks, before intake",I,I1,3,2,1
I1b,Careful hand-over,I,I1,1,1,1
I3,Raising awareness of the network,I,I3,1,1,1
I3a,Mapping the network,I,I3,1,1,1
M1,Trust,M,M1,4,3,2
M2,Awareness,M,M2,1,1,1
O1,Contact restored,O,O1,2,2,2
O1a,Contact with a sister,O,O1,1,1,1
O2,No result,O,O2,2,2,1
`),
			Categories: recountCSV(t, `
category,label,dimension,segments,respondents,cases
S1,Small network,C,3,1,2
I1,Attention to preconditions,I,4,3,2
I10,Unused category,I,0,0,0
I3,Raising awareness of the network,I,2,2,1
M1,Trust,M,4,3,2
M2,Awareness,M,1,1,1
O1,Contact restored,O,3,3,2
O2,No result,O,2,2,1
`),
			Chains: recountCSV(t, `
intervention_category,mechanism,outcome,chains,cases
I1,M1,O1,2,2
I1,M1,,1,1
I1,M1,O1a,1,2
I1,M2,O1,1,2
I1,M2,O1a,1,2
I3,,O2,1,1
I3,M1,,1,1
`),
		},
	}

	require.Len(t, got, len(want))
	for scope, w := range want {
		g, ok := got[scope]
		require.True(t, ok, "scope %q missing", scope)
		assert.Equal(t, w.Codes, g.Codes, "%s/codes.csv", scope)
		assert.Equal(t, w.Categories, g.Categories, "%s/categories.csv", scope)
		assert.Equal(t, w.Chains, g.Chains, "%s/chains.csv", scope)
	}
}
