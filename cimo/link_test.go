package cimo_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cimo-tool/cimo/cimo"
	"github.com/cimo-tool/cimo/coding"
	"github.com/cimo-tool/cimo/store"
)

// A hand-made study: codes, interviews in two work packages, and codings
// whose chains are worked out by hand below.
func linkStudy() *coding.Study {
	codes := []coding.Code{
		{Code: "C1", Dimension: "C", Category: "C1"},
		{Code: "I1", Dimension: "I", Category: "I1"},
		{Code: "I1.a", Dimension: "I", Category: "I1", Parent: "I1", Depth: 1},
		{Code: "I2", Dimension: "I", Category: "I2"},
		{Code: "M1", Dimension: "M", Category: "M1"},
		{Code: "M2", Dimension: "M", Category: "M2"},
		{Code: "O1", Dimension: "O", Category: "O1"},
		{Code: "O2", Dimension: "O", Category: "O2"},
	}
	for i := range codes {
		codes[i].Label, codes[i].File, codes[i].Row = codes[i].Code, "codebook.csv", i+2
	}
	st := &coding.Study{Codebook: &coding.Codebook{Codes: codes}}
	st.Respondents = []coding.Respondent{{ID: "R1", Role: "x", City: "y"}}
	st.Interviews = []coding.Interview{
		{ID: "IV1", RespondentID: "R1", WorkPackage: "A", CaseID: "T1"},
		{ID: "IV2", RespondentID: "R1", WorkPackage: "B"},
	}
	st.Events = []coding.Event{{CaseID: "T1", ID: "K1", Seq: 1, Kind: "activity"}}
	seg := func(no int, iv, code, event, chain string) coding.Segment {
		return coding.Segment{No: no, InterviewID: iv, SegmentID: "S", Code: code, EventID: event, ChainID: chain}
	}
	st.Segments = []coding.Segment{
		// Chain "K1" by chain_id, in A and B: I1.a and I2, two mechanisms, two outcomes.
		seg(1, "IV1", "C1", "", "K1"), seg(1, "IV1", "I1.a", "", "K1"), seg(1, "IV1", "M1", "", "K1"),
		seg(2, "IV1", "I2", "", "K1"), seg(2, "IV1", "M2", "", "K1"), seg(2, "IV1", "O1", "", "K1"),
		seg(3, "IV2", "O2", "", "K1"), seg(3, "IV2", "I1", "", "K1"),
		// Event "K1" (another chain than chain_id "K1"): an I code, no mechanism, no outcome.
		seg(4, "IV1", "I1", "K1", ""),
		// Chain "X" without any intervention.
		seg(5, "IV2", "M1", "", "X"), seg(5, "IV2", "O1", "", "X"),
		// No chain at all.
		seg(6, "IV2", "I2", "", ""),
	}
	return st
}

func TestLink(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "s.duckdb"))
	require.NoError(t, err)
	defer s.Close()
	info := store.Info{Name: "t", Language: "en", WorkPackages: []store.WorkPackage{{ID: "A"}, {ID: "B"}}}
	require.NoError(t, s.Replace(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := tx.Load(ctx, info, linkStudy()); err != nil {
			return err
		}
		return cimo.Link(ctx, tx)
	}))

	// Worked by hand. Chain_id K1 in A: C1; I1 (via I1.a), I2; M1, M2; O1
	// -> 2 categories x 2 mechanisms x 1 outcome = 4 configurations, complete.
	// In B: I1; O2 -> (I1, '', O2), incomplete. In all: I1, I2 x M1, M2 x O1, O2 = 8.
	// Event K1 (only in A): I1 -> (I1, '', ''), incomplete.
	// Chain X (only in B): M1, O1, no intervention -> no configuration, incomplete.
	want := map[string][]string{
		"A": {
			"chain_id K1 I1 M1 O1", "chain_id K1 I1 M2 O1", "chain_id K1 I2 M1 O1", "chain_id K1 I2 M2 O1",
			"event_id K1 I1 - -",
		},
		"B": {"chain_id K1 I1 - O2"},
		"all": {
			"chain_id K1 I1 M1 O1", "chain_id K1 I1 M1 O2", "chain_id K1 I1 M2 O1", "chain_id K1 I1 M2 O2",
			"chain_id K1 I2 M1 O1", "chain_id K1 I2 M1 O2", "chain_id K1 I2 M2 O1", "chain_id K1 I2 M2 O2",
			"event_id K1 I1 - -",
		},
	}
	for scope, w := range want {
		assert.Equal(t, w, queryLines(t, s, `
			SELECT chain_kind || ' ' || chain_ref || ' ' || intervention_category || ' ' ||
			       coalesce(nullif(mechanism, ''), '-') || ' ' || coalesce(nullif(outcome, ''), '-')
			FROM chain_configurations WHERE scope = ? ORDER BY 1`, scope), "configurations in %s", scope)
	}

	assert.Equal(t, []string{
		"A chain_id K1 true 2",
		"A event_id K1 false 1",
		"B chain_id K1 false 1",
		"B chain_id X false 1",
		"all chain_id K1 true 3",
		"all chain_id X false 1",
		"all event_id K1 false 1",
	}, queryLines(t, s, `SELECT scope || ' ' || chain_kind || ' ' || chain_ref || ' ' || complete || ' ' || segments FROM chains ORDER BY 1`))
}

func queryLines(t *testing.T, s *store.Store, q string, args ...any) []string {
	t.Helper()
	rows, err := s.DB().Query(q, args...)
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var line string
		require.NoError(t, rows.Scan(&line))
		out = append(out, strings.TrimSpace(line))
	}
	require.NoError(t, rows.Err())
	return out
}
