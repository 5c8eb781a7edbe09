package reports

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cimo-tool/cimo/cimo"
	"github.com/cimo-tool/cimo/coding"
	"github.com/cimo-tool/cimo/store"
)

// handStudy is the study of testdata/handworked/README.md, where every count
// of its tables is worked out by hand.
func handStudy() *coding.Study {
	codes := []coding.Code{
		{Code: "C1", Dimension: "C", Category: "C1"},
		{Code: "C1.1", Dimension: "C", Category: "C1", Parent: "C1", Depth: 1},
		{Code: "C2", Dimension: "C", Category: "C2"},
		{Code: "I1", Dimension: "I", Category: "I1"},
		{Code: "I1.1", Dimension: "I", Category: "I1", Parent: "I1", Depth: 1},
		{Code: "I2", Dimension: "I", Category: "I2"},
		{Code: "M1", Dimension: "M", Category: "M1"},
		{Code: "M2", Dimension: "M", Category: "M2"},
		{Code: "O1", Dimension: "O", Category: "O1"},
		{Code: "O2", Dimension: "O", Category: "O2"},
	}
	for i := range codes {
		codes[i].Label, codes[i].File, codes[i].Row = "label of "+codes[i].Code, "codebook.csv", i+2
	}
	st := &coding.Study{Codebook: &coding.Codebook{Codes: codes}}
	st.Respondents = []coding.Respondent{{ID: "R1", Role: "client", City: "Haarlem"}, {ID: "R2", Role: "professional", City: "Amsterdam"}}
	st.Interviews = []coding.Interview{
		{ID: "IV1", RespondentID: "R1", WorkPackage: "A", CaseID: "T1"},
		{ID: "IV2", RespondentID: "R2", WorkPackage: "A", CaseID: "T1"},
		{ID: "IV3", RespondentID: "R2", WorkPackage: "B"},
		{ID: "IV4", RespondentID: "R1", WorkPackage: "D"},
	}
	st.Events = []coding.Event{
		{CaseID: "T1", ID: "E1", Seq: 1, Kind: "activity"},
		{CaseID: "T1", ID: "E2", Seq: 2, Kind: "breakthrough"},
		{CaseID: "T2", ID: "E3", Seq: 1, Kind: "activity"},
	}
	seg := func(no int, iv, code, event, chain, valence string) coding.Segment {
		return coding.Segment{No: no, InterviewID: iv, SegmentID: "S" + string(rune('0'+no/10)) + string(rune('0'+no%10)),
			Code: code, EventID: event, ChainID: chain, Valence: valence}
	}
	st.Segments = []coding.Segment{
		seg(1, "IV1", "C1.1", "E1", "", "hindering"), seg(1, "IV1", "I1.1", "E1", "", ""), seg(1, "IV1", "M1", "E1", "", ""),
		seg(2, "IV1", "C1.1", "E1", "", "promoting"), seg(2, "IV1", "I2", "E1", "", ""), seg(2, "IV1", "M1", "E1", "", ""), seg(2, "IV1", "O1", "E1", "", ""),
		seg(3, "IV1", "O2", "E2", "", ""),
		seg(4, "IV2", "C2", "", "K1", "promoting"), seg(4, "IV2", "I1", "", "K1", ""),
		seg(5, "IV2", "M1", "", "K1", ""), seg(5, "IV2", "M2", "", "K1", ""), seg(5, "IV2", "O2", "", "K1", ""),
		seg(6, "IV2", "I2", "", "", ""),
		seg(7, "IV3", "C1", "E3", "", ""), seg(7, "IV3", "I1", "E3", "", ""), seg(7, "IV3", "O1", "E3", "", ""),
		seg(8, "IV3", "M1", "E3", "", ""),
		seg(9, "IV2", "I1", "", "", ""), seg(9, "IV2", "I1.1", "", "", ""),
		seg(10, "IV1", "I2", "", "K2", ""), seg(10, "IV1", "O2", "", "K2", ""),
		seg(11, "IV3", "M2", "", "K2", ""),
		seg(12, "IV4", "I2", "", "K3", ""),
		seg(13, "IV4", "M2", "", "K3", ""),
	}
	return st
}

var handScopes = []Scope{{ID: "A"}, {ID: "B"}, {ID: "D"}, {ID: "E"}, {ID: "all"}}

// handStore loads handStudy into a fresh store and links its chains.
func handStore(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "s.duckdb"))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	info := store.Info{Name: "hand-worked", Language: "en"}
	for _, sc := range handScopes[:4] {
		info.WorkPackages = append(info.WorkPackages, store.WorkPackage{ID: sc.ID})
	}
	require.NoError(t, s.Replace(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := tx.Load(ctx, info, handStudy()); err != nil {
			return err
		}
		return cimo.Link(ctx, tx)
	}))
	return s
}

// TestHandWorked writes every scope of the hand-worked study through Write
// and compares each co-occurrence and configuration table with the one
// worked out by hand in testdata/handworked. In "all" only the configuration
// tables were worked by hand; its co-occurrence is checked by the recount.
func TestHandWorked(t *testing.T) {
	s := handStore(t)
	out := t.TempDir()
	require.NoError(t, Write(context.Background(), s.DB(), Options{Out: out, Language: "en", Study: "hand-worked", Scopes: handScopes}))
	files := []string{"cooccurrence.csv", "cooccurrence_categories.csv", "configurations.csv", "configuration_contexts.csv", "chain_completeness.csv"}
	for _, sc := range handScopes {
		for _, f := range files {
			want := filepath.Join("testdata", "handworked", sc.ID, f)
			if _, err := os.Stat(want); os.IsNotExist(err) && sc.ID == "all" {
				continue
			}
			t.Run(sc.ID+"/"+f, func(t *testing.T) {
				assert.Equal(t, readCSVFile(t, want), readCSVFile(t, filepath.Join(out, sc.ID, f)))
			})
		}
		for _, fig := range []string{"cooccurrence", "configurations", "flow"} {
			for _, ext := range []string{".png", ".svg"} {
				assert.FileExists(t, filepath.Join(out, sc.ID, "figures", fig+ext))
			}
		}
	}
}

// The heat maps of scope A, worked by hand from its chains E1 {I1, I2; M1;
// O1}, K1 {I1; M1, M2; O2} and K2 {I2; no mechanism; O2}: a cell counts the
// chains with the row's category and the column's code.
func TestHandWorkedHeatMaps(t *testing.T) {
	s := handStore(t)
	ctx := context.Background()
	cb, err := readCodebook(ctx, s.DB())
	require.NoError(t, err)
	cells, err := chainCells(ctx, s.DB(), "A")
	require.NoError(t, err)
	cooc, config := chainHeatMaps(cb, cells, "en", Scope{ID: "A"}, false)

	assert.Equal(t, []string{"I1 label of I1", "I2 label of I2"}, cooc.Rows)
	assert.Equal(t, []string{"M1 label of M1", "M2 label of M2", "O1 label of O1", "O2 label of O2"}, cooc.Columns)
	assert.Equal(t, []int{2}, cooc.Breaks, "a rule between mechanisms and outcomes")
	assert.Equal(t, [][]int{
		{2, 1, 1, 1}, // I1: M1 in E1 and K1; M2, O2 in K1; O1 in E1
		{1, 0, 1, 1}, // I2: M1, O1 in E1; O2 in K2
	}, cooc.Counts)

	assert.Equal(t, []string{"M1 label of M1", "M2 label of M2", "(no mechanism)"}, config.Columns)
	assert.Equal(t, [][]int{
		{2, 1, 0}, // I1: every chain with I1 has a mechanism
		{1, 0, 1}, // I2: K2 has none
	}, config.Counts)
}

// The flow of "all", from its seven configuration rows (README): node 2 of
// each column is "not coded"; (I2, M2, O2) and (I2, M2, "") are two paths.
func TestHandWorkedFlow(t *testing.T) {
	s := handStore(t)
	ctx := context.Background()
	cb, err := readCodebook(ctx, s.DB())
	require.NoError(t, err)
	cfgs, err := configurations(ctx, s.DB(), "all")
	require.NoError(t, err)
	f := flowChart(cb, cfgs, "en", Scope{ID: "all"})
	assert.Equal(t, [3][]string{
		{"I1 label of I1", "I2 label of I2", "(no intervention)"},
		{"M1 label of M1", "M2 label of M2", "(no mechanism)"},
		{"O1 label of O1", "O2 label of O2", "(no outcome)"},
	}, f.Nodes)
	assert.Equal(t, []FlowPath{
		{[3]int{0, 0, 0}, 2}, // (I1, M1, O1): E1, E3
		{[3]int{0, 0, 1}, 1}, // (I1, M1, O2): K1
		{[3]int{0, 1, 1}, 1}, // (I1, M2, O2): K1
		{[3]int{1, 0, 0}, 1}, // (I2, M1, O1): E1
		{[3]int{1, 1, 1}, 1}, // (I2, M2, O2): K2
		{[3]int{1, 1, 2}, 1}, // (I2, M2, ""): K3
		{[3]int{2, 2, 1}, 1}, // ("", "", O2): E2
	}, f.Paths)
	assert.Equal(t, FlowNoneColor, f.Colors[2])
}

// TestCooccurrenceRecords checks the formatting of c and the fivefold flag on
// the example of ATLAS.ti's manual ("Code Co-occurrence Coefficient",
// ATLAS.ti 22 Windows): codes applied to 100 and 10 quotations, 5 together,
// give c = 5/105 = 0.048 and are marked, since 100 > 5 × 10.
func TestCooccurrenceRecords(t *testing.T) {
	got := cooccurrenceRecords([]pair{
		{Level: "segment", Units: 400, A: "A", B: "B", NA: 100, NB: 10, Both: 5, Paired: true},
		{Level: "segment", Units: 400, A: "A", B: "C", NA: 50, NB: 10, Both: 10, Paired: true}, // exactly fivefold: not marked
		{Level: "event", Units: 3},
		{Level: "case"},
	}, "en", "code")
	assert.Equal(t, [][]string{
		{"level", "code_a", "code_b", "units", "n_a", "n_b", "both", "c", "fivefold", "note"},
		{"segment", "A", "B", "400", "100", "10", "5", "0.048", "1", "frequencies differ more than fivefold: c is at most 0.100 here, read the counts"},
		{"segment", "A", "C", "400", "50", "10", "10", "0.200", "0", ""},
		{"event", "", "", "3", "", "", "", "", "", "no unit at this level has two different codes"},
		{"case", "", "", "0", "", "", "", "", "", "no coded units at this level"},
	}, got)
}

func TestContextsCell(t *testing.T) {
	tests := []struct {
		xs   []contextCount
		want string
	}{
		{nil, ""},
		{[]contextCount{{Code: "C1", Chains: 3, Unvalued: 3}}, "C1 (3)"},
		{[]contextCount{{Code: "C1", Chains: 3, Promoting: 1, Unvalued: 2}, {Code: "C2", Chains: 1, Hindering: 1}},
			"C1 (3: 1 promoting, 2 without valence); C2 (1: 1 hindering)"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, contextsCell(tt.xs, "en"))
	}
	assert.Equal(t, "C1 (2: 1 bevorderend, 1 belemmerend)", contextsCell([]contextCount{{Code: "C1", Chains: 2, Promoting: 1, Hindering: 1}}, "nl"))
}

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = 0
	recs, err := r.ReadAll()
	require.NoError(t, err)
	return recs
}
