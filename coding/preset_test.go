package coding

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The headers of the two tools' exports, as the README documents them for
// the presets (with the columns the presets read nothing from).
var (
	maxqdaHeader = []any{"Color", "Document group", "Document name", "Code", "Beginning", "End", "Weight score",
		"Segment", "Comment", "Created by", "Created", "Area", "Coverage %"}
	atlastiHeader = []any{"ID", "Quotation Name", "Document", "Document Groups", "Quotation Content", "Codes",
		"Reference", "Density", "Comment", "Created by", "Created", "Modified by", "Modified"}
)

// coding is what a test expects of one Segment.
type coding struct{ interview, code, coder, quote string }

func codingsOf(st *Study) []coding {
	var out []coding
	for _, s := range st.Segments {
		out = append(out, coding{s.InterviewID, s.Code, s.Coder, s.Quote})
	}
	return out
}

// readSegments reads the small valid study with segments from a workbook.
func readSegmentsWorkbook(t *testing.T, table Table, rows ...[]any) (*Study, error) {
	t.Helper()
	files := map[string]string{}
	for k, v := range validFiles {
		files[k] = v
	}
	delete(files, "segments/a.csv")
	dir := writeFiles(t, files)
	writeWorkbook(t, filepath.Join(dir, table.File), sheet{name: "Coded segments", rows: rows})
	src := validSources
	src.Dir = dir
	src.Segments = []Table{table}
	return Read(t.Context(), src)
}

// TestMAXQDAPreset: coded segments as MAXQDA exports them, read with the
// preset alone. Codes are paths of labels; a segment has no id, so rows of
// the same passage (same positions and text) are one segment.
func TestMAXQDAPreset(t *testing.T) {
	row := func(doc, code string, begin, end int, text, by string) []any {
		return []any{"", "Interviews", doc, code, begin, end, 0, text, "", by, "14-3-2023 10:12:00", 0, 0.5}
	}
	st, err := readSegmentsWorkbook(t, Table{File: "maxqda.xlsx", Preset: "maxqda"},
		maxqdaHeader,
		row("IV1", `Randvoorwaarden\Tijd\Tijd nemen`, 3, 3, "Ik belde, samen met haar", "anna"),
		row("IV1", "Vertrouwen", 3, 3, "Ik belde, samen met haar", "anna"),
		row("IV1", "C1 Klein netwerk", 3, 3, "Hij heeft bijna niemand meer", "anna"),
		row("IV2", "Contact hersteld", 7, 9, "Ze bellen weer elke week", "ben"),
	)
	require.NoError(t, err)
	assert.Empty(t, st.Warnings, "the export's other columns are known to the preset")
	assert.Equal(t, []coding{
		{"IV1", "I1.1.a", "anna", "Ik belde, samen met haar"},
		{"IV1", "M1", "anna", "Ik belde, samen met haar"},
		{"IV1", "C1", "anna", "Hij heeft bijna niemand meer"},
		{"IV2", "O1", "ben", "Ze bellen weer elke week"},
	}, codingsOf(st))
	s := st.Segments
	assert.Equal(t, s[0].SegmentID, s[1].SegmentID, "one passage with two codes is one segment")
	assert.NotEqual(t, s[0].SegmentID, s[2].SegmentID, "two passages in the same paragraph are two segments")
	assert.Regexp(t, `^3-3:[0-9a-f]{8}$`, s[0].SegmentID)
	assert.Regexp(t, `^7-9:[0-9a-f]{8}$`, s[3].SegmentID)
	assert.Equal(t, []int{1, 1, 2, 3}, []int{s[0].No, s[1].No, s[2].No, s[3].No})
	assert.Nil(t, s[0].Start, "MAXQDA's positions are paragraphs, not character positions")
	assert.Equal(t, []int{2, 3, 4, 5}, []int{s[0].Row, s[1].Row, s[2].Row, s[3].Row}, "rows of the sheet")
}

// TestATLASTIPreset: quotations as ATLAS.ti exports them: several codes in
// one cell, one per line, and quotations nobody coded.
func TestATLASTIPreset(t *testing.T) {
	row := func(id, doc, text, codes, by string) []any {
		return []any{id, "", doc, "Interviews", text, codes, "3 - 3", 0, "", by, "14-3-2023", by, "14-3-2023"}
	}
	st, err := readSegmentsWorkbook(t, Table{File: "atlas.xlsx", Preset: "atlasti"},
		atlastiHeader,
		row("1:1", "IV1", "Ik belde, samen met haar", "I1.1.a Tijd nemen\nVertrouwen", "anna"),
		row("1:2", "IV1", "Hij heeft bijna niemand meer", "C1: Klein netwerk", "anna"),
		row("2:1", "IV2", "Een vrije quotation", "", "ben"),
		row("2:2", "IV2", "Ze bellen weer elke week", "Contact hersteld\r\nRandvoorwaarden\n", "ben"),
	)
	require.NoError(t, err)
	assert.Equal(t, []coding{
		{"IV1", "I1.1.a", "anna", "Ik belde, samen met haar"},
		{"IV1", "M1", "anna", "Ik belde, samen met haar"},
		{"IV1", "C1", "anna", "Hij heeft bijna niemand meer"},
		{"IV2", "O1", "ben", "Ze bellen weer elke week"},
		{"IV2", "I1", "ben", "Ze bellen weer elke week"},
	}, codingsOf(st))
	var ids []string
	for _, s := range st.Segments {
		ids = append(ids, s.SegmentID)
	}
	assert.Equal(t, []string{"1:1", "1:1", "1:2", "2:2", "2:2"}, ids, "the quotation's ID is the segment")
	require.Len(t, st.Warnings, 1)
	assert.Equal(t, "atlas.xlsx: 1 rows have no code and are skipped (quotations nobody coded)", st.Warnings[0].String())
}

// TestPresetColumns: columns: overrides single columns of a preset, and
// problems name the contract's column with the file's.
func TestPresetColumns(t *testing.T) {
	german := []any{"Farbe", "Dokumentgruppe", "Dokumentname", "Code", "Beginning", "End", "Segment", "Autor"}
	row := []any{"", "Interviews", "IV1", "Vertrouwen", 3, 3, "Ik belde", "anna"}

	st, err := readSegmentsWorkbook(t, Table{File: "m.xlsx", Preset: "maxqda",
		Columns: map[string]string{"interview_id": "Dokumentname", "coder": "Autor"}}, german, row)
	require.NoError(t, err)
	assert.Equal(t, []coding{{"IV1", "M1", "anna", "Ik belde"}}, codingsOf(st))
	require.Len(t, st.Warnings, 2)
	assert.Contains(t, st.Warnings[0].String(), `m.xlsx:1: column "Farbe": column is not read (this table reads "Dokumentname", "Beginning", "End", "Code", `)

	tests := []struct {
		name  string
		table Table
		rows  [][]any
		want  string
	}{
		{"a preset column the header lacks", Table{File: "m.xlsx", Preset: "maxqda"}, [][]any{german, row},
			`m.xlsx:1: missing column "interview_id": the maxqda preset reads it from "Document name", which the header does not have ` +
				`(it has "Farbe", "Dokumentgruppe", "Dokumentname", "Code", "Beginning", "End", "Segment", "Autor")`},
		{"a mapped column the header lacks", Table{File: "m.xlsx", Preset: "maxqda", Columns: map[string]string{"interview_id": "Document"}}, [][]any{german, row},
			`m.xlsx:1: missing column "interview_id": study.yaml reads it from "Document", which the header does not have`},
		{"no positions to make segment ids from", Table{File: "m.xlsx", Preset: "maxqda", Columns: map[string]string{"interview_id": "Dokumentname"}},
			[][]any{{"Dokumentname", "Code"}, {"IV1", "M1"}},
			`m.xlsx:1: missing column "Beginning": the maxqda preset makes segment_id from "Beginning", "End", which the header does not have; or map segment_id with columns: in study.yaml`},
		{"an unknown code", Table{File: "a.xlsx", Preset: "atlasti"}, [][]any{atlastiHeader, {"1:1", "", "IV1", "", "x", "Vertrouwen\nWantrouwen"}},
			`a.xlsx:2: column "code" (file column "Codes"): unknown code "Wantrouwen" (not in codebook.csv)`},
		{"an unknown document", Table{File: "m.xlsx", Preset: "maxqda"}, [][]any{maxqdaHeader, {"", "", "Interview Anna", "Vertrouwen", 1, 1}},
			`m.xlsx:2: column "interview_id" (file column "Document name"): unknown interview "Interview Anna" (not in interviews.csv)`},
		{"a derived segment id without positions", Table{File: "m.xlsx", Preset: "maxqda"}, [][]any{maxqdaHeader, {"", "", "IV1", "Vertrouwen"}},
			`m.xlsx:2: column "segment_id" (made from file columns "Beginning", "End", "Segment"): is empty: every coded segment needs one`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readSegmentsWorkbook(t, tt.table, tt.rows...)
			var ps *Problems
			require.ErrorAs(t, err, &ps)
			require.Len(t, ps.List, 1, "%v", err)
			assert.Contains(t, ps.List[0].String(), tt.want)
		})
	}
}
