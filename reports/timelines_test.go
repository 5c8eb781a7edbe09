package reports

import (
	"context"
	"encoding/csv"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cimo-tool/cimo/coding"
	"github.com/cimo-tool/cimo/store"
)

// timelineStudy is the study of testdata/timelines, whose tables
// testdata/timelines/WORKING.md works out by hand.
const timelineStudy = "testdata/timelines"

// openHandStore reads the hand-worked study and loads it into a fresh store.
func openHandStore(t *testing.T) Queryer {
	t.Helper()
	ctx := context.Background()
	wps := []string{"A", "B", "C"}
	st, err := coding.Read(ctx, coding.Sources{Dir: timelineStudy, Codebook: coding.Table{File: "codebook.csv"}, Respondents: coding.Table{File: "respondents.csv"},
		Interviews: coding.Table{File: "interviews.csv"}, Events: coding.Table{File: "events.csv"}, Segments: []coding.Table{{File: "segments.csv"}}, WorkPackages: wps})
	require.NoError(t, err)
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "study.duckdb"))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	info := store.Info{Name: "hand", Language: "en"}
	for _, wp := range wps {
		info.WorkPackages = append(info.WorkPackages, store.WorkPackage{ID: wp})
	}
	require.NoError(t, s.Replace(ctx, func(ctx context.Context, tx *store.Tx) error { return tx.Load(ctx, info, st) }))
	return s.DB()
}

// handTables are the timeline tables of the hand-worked study, per scope and
// file, as WORKING.md derives them (header first).
var handTables = map[string]map[string]string{
	"A": {
		"category_order.csv": `category,label,cases,timelines,mean_position,sd_position,min_position,max_position,note
I1,Preconditions,3,3,0.111,0.192,0.000,0.333,
I2,Basic conditions,3,3,0.083,0.144,0.000,0.250,
I3,Awareness of the network,2,3,0.500,0.000,0.500,0.500,
I4,Enlarging the network,0,3,,,,,on no timeline
`,
		"category_order_w.csv": `treatment,cases,categories,category_list,w,chi_square,df,p,note
absent_tied_last,3,3,I1 I2 I3,0.8182,4.909,2,0.0859,"p from the chi-square approximation, df = categories - 1; a rough guide with few timelines"
present_in_every_case,3,2,I1 I2,0.0000,0.000,1,1.0000,"p from the chi-square approximation, df = categories - 1; a rough guide with few timelines"
`,
		"before_breakthrough.csv": `category,label,run_up_events,of_run_up_events,run_up_share,events,of_events,share,ratio,breakthroughs,of_breakthroughs,note
I1,Preconditions,4,8,0.500,6,20,0.300,1.667,3,5,
I2,Basic conditions,3,8,0.375,3,20,0.150,2.500,3,5,
I3,Awareness of the network,1,8,0.125,3,20,0.150,0.833,1,5,
I4,Enlarging the network,0,8,0.000,0,20,0.000,,0,5,"on no event: no base rate, no ratio"
`,
		"time_to_breakthrough.csv": `case_id,first_event,first_date,first_breakthrough,breakthrough_date,days_min,days_max,note
K1,K1-1,2023-01,K1-3,2023-03-14,42,72,
K2,K2-1,2023-02-01,K2-3,2023,0,333,
K3,K3-1,,K3-7,2023-09,,,the first event has no date
K4,K4-1,,,,,,no breakthrough
K5,K5-1,2022-12,K5-1,2022-12,0,0,the first event is the breakthrough
K6,K6-1,2023-06-15,K6-2,2023-02,,,the dates contradict the order (seq): breakthrough dated before the first event
K7,K7-1,2023-01-10,K7-2,,,,the breakthrough has no date
`,
	},
	"B": {
		"category_order.csv": `category,label,cases,timelines,mean_position,sd_position,min_position,max_position,note
I1,Preconditions,0,1,,,,,on no timeline
I2,Basic conditions,1,1,0.750,,0.750,0.750,on one timeline only: no spread
I3,Awareness of the network,0,1,,,,,on no timeline
I4,Enlarging the network,0,1,,,,,on no timeline
`,
		"category_order_w.csv": `treatment,cases,categories,category_list,w,chi_square,df,p,note
absent_tied_last,1,1,I2,,,,,"not defined: needs at least two timelines and two categories, not all tied"
present_in_every_case,1,1,I2,,,,,"not defined: needs at least two timelines and two categories, not all tied"
`,
		"before_breakthrough.csv": `category,label,run_up_events,of_run_up_events,run_up_share,events,of_events,share,ratio,breakthroughs,of_breakthroughs,note
I1,Preconditions,0,2,0.000,0,5,0.000,,0,1,"on no event: no base rate, no ratio"
I2,Basic conditions,0,2,0.000,1,5,0.200,0.000,0,1,
I3,Awareness of the network,0,2,0.000,0,5,0.000,,0,1,"on no event: no base rate, no ratio"
I4,Enlarging the network,0,2,0.000,0,5,0.000,,0,1,"on no event: no base rate, no ratio"
`,
		"time_to_breakthrough.csv": `case_id,first_event,first_date,first_breakthrough,breakthrough_date,days_min,days_max,note
K1,K1-1,2023-01,K1-3,2023-03-14,42,72,
`,
		"sequences.csv": `case_id,begin,end,kind,seq,event_id,phase,categories,date,date_from,date_to,note
K1,1,1,activity,1,K1-1,shelter,,2023-01,2023-01-01,2023-01-31,
K1,2,2,activity,2,K1-2,shelter,,2023-Q1,2023-01-01,2023-03-31,
K1,3,3,breakthrough,3,K1-3,own home,,2023-03-14,2023-03-14,2023-03-14,
K1,4,4,activity,4,K1-4,own home,I2,2023-04,2023-04-01,2023-04-30,
K1,5,5,setback,5,K1-5,own home,,2023-06-01,2023-06-01,2023-06-01,
`,
	},
	"C": {
		"category_order.csv": `category,label,cases,timelines,mean_position,sd_position,min_position,max_position,note
,,,,,,,,no timeline with at least two events and an intervention category: no order to tell
`,
		"category_order_w.csv": `treatment,cases,categories,category_list,w,chi_square,df,p,note
,,,,,,,,no timeline with at least two events and an intervention category: no order to tell
`,
		"before_breakthrough.csv": `category,label,run_up_events,of_run_up_events,run_up_share,events,of_events,share,ratio,breakthroughs,of_breakthroughs,note
,,,,,,,,,,,no timeline events here: nothing to count
`,
		"time_to_breakthrough.csv": `case_id,first_event,first_date,first_breakthrough,breakthrough_date,days_min,days_max,note
,,,,,,,no timeline events here: nothing to count
`,
		"sequences.csv": `case_id,begin,end,kind,seq,event_id,phase,categories,date,date_from,date_to,note
,,,,,,,,,,,no timeline events here: nothing to count
`,
	},
	"all": {
		"before_breakthrough.csv": `category,label,run_up_events,of_run_up_events,run_up_share,events,of_events,share,ratio,breakthroughs,of_breakthroughs,note
I1,Preconditions,4,8,0.500,6,20,0.300,1.667,3,5,
I2,Basic conditions,3,8,0.375,4,20,0.200,1.875,3,5,
I3,Awareness of the network,1,8,0.125,3,20,0.150,0.833,1,5,
I4,Enlarging the network,0,8,0.000,0,20,0.000,,0,5,"on no event: no base rate, no ratio"
`,
	},
}

// writeHandTimelines writes every scope's timeline tables and figures of the
// hand-worked study into a fresh folder.
func writeHandTimelines(t *testing.T) string {
	t.Helper()
	q := openHandStore(t)
	out := t.TempDir()
	for _, sc := range []string{"A", "B", "C", "all"} {
		require.NoError(t, WriteTimelines(context.Background(), q, "en", Scope{ID: sc}, filepath.Join(out, sc)))
	}
	return out
}

// TestTimelinesHandWorked writes the hand-worked study's timeline tables and
// figures once and checks them against WORKING.md.
func TestTimelinesHandWorked(t *testing.T) {
	out := writeHandTimelines(t)
	for _, c := range []struct {
		name  string
		check func(*testing.T, string)
	}{
		{"tables", checkHandTables},
		{"order same in all", checkOrderSameInAll},
		{"sequences", checkHandSequences},
		{"figures per scope", checkFiguresPerScope},
		{"no NaN", checkNoNaN},
		{"empty scope", checkEmptyScope},
		{"confidential text stays in the store", checkNoConfidentialText},
	} {
		t.Run(c.name, func(t *testing.T) { c.check(t, out) })
	}
}

func checkHandTables(t *testing.T, out string) {
	for scope, files := range handTables {
		for file, want := range files {
			t.Run(scope+"/"+file, func(t *testing.T) {
				got, err := os.ReadFile(filepath.Join(out, scope, file))
				require.NoError(t, err)
				assert.Equal(t, want, string(got))
			})
		}
	}
}

// The order of a category across timelines is the same in A and all (B's
// only coding comes after A's first I2 on K1): see WORKING.md.
func checkOrderSameInAll(t *testing.T, out string) {
	for _, file := range []string{"category_order.csv", "category_order_w.csv", "time_to_breakthrough.csv"} {
		assert.Equal(t, handTables["A"][file], readTimelineFile(t, filepath.Join(out, "all", file)), file)
	}
}

// sequences.csv in scope A: one row per event in rank order, ranks 1..n
// whatever the seq, categories rolled up from child codes and joined by +.
func checkHandSequences(t *testing.T, out string) {
	recs := readTimelineCSV(t, filepath.Join(out, "A", "sequences.csv"))
	require.Len(t, recs, 1+20, "header and one row per event of K1..K7")
	byEvent := map[string][]string{}
	for _, r := range recs[1:] {
		byEvent[r[5]] = r
	}
	want := [][]string{
		{"K1", "2", "2", "activity", "2", "K1-2", "shelter", "I1+I2", "2023-Q1", "2023-01-01", "2023-03-31", ""},
		{"K2", "2", "2", "activity", "2", "K2-2", "", "I1", "", "", "", ""},
		{"K2", "4", "4", "breakthrough", "4", "K2-4", "", "I1", "2023-05", "2023-05-01", "2023-05-31", ""},
		{"K3", "1", "1", "activity", "1", "K3-1", "", "I1+I2", "", "", "", ""},
		{"K3", "2", "2", "activity", "5", "K3-5", "", "I3", "2023-Q3", "2023-07-01", "2023-09-30", ""},
		{"K3", "3", "3", "breakthrough", "7", "K3-7", "", "", "2023-09", "2023-09-01", "2023-09-30", ""},
	}
	for _, w := range want {
		assert.Equal(t, w, byEvent[w[5]])
	}
	var order []string
	for _, r := range recs[1:] {
		order = append(order, r[5])
	}
	assert.Equal(t, []string{"K1-1", "K1-2", "K1-3", "K1-4", "K1-5", "K2-1", "K2-2", "K2-3", "K2-4",
		"K3-1", "K3-5", "K3-7", "K4-1", "K5-1", "K5-2", "K6-1", "K6-2", "K6-3", "K7-1", "K7-2"}, order)
}

// Each timeline the scope's codings touch gets a figure, and only those.
func checkFiguresPerScope(t *testing.T, out string) {
	want := map[string][]string{
		"A":   {"K1", "K2", "K3", "K4", "K5", "K6", "K7"},
		"B":   {"K1"},
		"C":   nil,
		"all": {"K1", "K2", "K3", "K4", "K5", "K6", "K7"},
	}
	for scope, cases := range want {
		var files []string
		for _, c := range cases {
			files = append(files, c+".pdf", c+".png", c+".svg")
		}
		entries, err := os.ReadDir(filepath.Join(out, scope, "figures", "timelines"))
		if len(cases) == 0 {
			assert.True(t, os.IsNotExist(err), "%s has no timelines, so no figure folder", scope)
			continue
		}
		require.NoError(t, err)
		var got []string
		for _, e := range entries {
			got = append(got, e.Name())
		}
		assert.Equal(t, files, got, scope)
	}
	// B's figure of K1 shows only what B coded: the I2 column, not I1 or I3.
	svg := readTimelineFile(t, filepath.Join(out, "B", "figures", "timelines", "K1.svg"))
	assert.Contains(t, svg, ">I2 Basic conditions</text>")
	assert.NotContains(t, svg, "Preconditions")
	assert.NotContains(t, svg, "Awareness")
}

// No table of any scope has a NaN or an infinity, and every row is as wide
// as its header.
func checkNoNaN(t *testing.T, out string) {
	for _, scope := range []string{"A", "B", "C", "all"} {
		for _, tt := range timelineTables {
			recs := readTimelineCSV(t, filepath.Join(out, scope, tt.file))
			for i, r := range recs {
				require.Len(t, r, len(recs[0]), "%s/%s row %d", scope, tt.file, i+1)
				for _, cell := range r {
					x, err := strconv.ParseFloat(cell, 64)
					assert.False(t, err == nil && (math.IsNaN(x) || math.IsInf(x, 0)), "%s/%s: %q", scope, tt.file, cell)
					assert.NotContains(t, cell, "NaN", "%s/%s", scope, tt.file)
				}
			}
		}
	}
}

// Every table of a scope without timelines is its header and one note.
func checkEmptyScope(t *testing.T, out string) {
	for _, tt := range timelineTables {
		recs := readTimelineCSV(t, filepath.Join(out, "C", tt.file))
		require.Len(t, recs, 2, tt.file)
		note := recs[1][len(recs[1])-1]
		assert.NotEmpty(t, note, tt.file)
		assert.Equal(t, "note", recs[0][len(recs[0])-1], tt.file)
		assert.Equal(t, make([]string, len(recs[1])-1), recs[1][:len(recs[1])-1], "%s: only the note is filled", tt.file)
	}
}

// The event descriptions and the quotes of testdata/timelines carry a
// marker; no table or figure may contain it.
func checkNoConfidentialText(t *testing.T, out string) {
	n := 0
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		assert.NotContains(t, readTimelineFile(t, path), "CONFIDENTIAL", path)
		n++
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, 4*len(timelineTables)+3*(7+1+7), n, "every table and figure was looked at")
}

// The tables come out in the study's language: Dutch notes for a Dutch study.
func TestTimelineTablesDutch(t *testing.T) {
	q := openHandStore(t)
	recs, err := timeToBreakthrough(context.Background(), q, "nl", "A")
	require.NoError(t, err)
	assert.Equal(t, "geen doorbraak", recs[4][7])
	assert.Equal(t, "de datums zijn in strijd met de volgorde (seq): doorbraak gedateerd vóór de eerste gebeurtenis", recs[6][7])
}

func TestFigureName(t *testing.T) {
	taken := map[string]bool{}
	tests := []struct{ id, want string }{
		{"T01", "T01"},
		{"K/1", "K_1"},
		{"K_1", "K_1_2"}, // taken by K/1
		{"Zoë 2", "Zoë_2"},
		{"..", "__"},
		{".", "_"},
		{"a.b", "a.b"},
		{`..\x`, `.._x`},
	}
	for _, tt := range tests {
		got := figureName(tt.id, taken)
		assert.Equal(t, tt.want, got, tt.id)
		assert.True(t, filepath.IsLocal(got) && filepath.Base(got) == got, "%q must be a plain file name", got)
	}
}

func TestFormatP(t *testing.T) {
	tests := []struct {
		p    float64
		want string
	}{
		{1, "1.0000"},
		{0.0859022, "0.0859"},
		{0.00006, "0.0001"},
		{0.0000499, "<0.0001"},
		{0, "<0.0001"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, timelineP(tt.p), "%g", tt.p)
	}
}

func readTimelineFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

func readTimelineCSV(t *testing.T, path string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(readTimelineFile(t, path))).ReadAll()
	require.NoError(t, err)
	return recs
}
