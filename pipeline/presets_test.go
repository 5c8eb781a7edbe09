package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/cimo-tool/cimo/coding"
)

// The headers of the tools' exports as the README documents them for the
// presets, with columns the presets read nothing from.
var (
	maxqdaHeader = []string{"Color", "Document group", "Document name", "Code", "Beginning", "End", "Weight score",
		"Segment", "Comment", "Created by", "Created", "Area", "Coverage %"}
	atlastiHeader = []string{"ID", "Quotation Name", "Document", "Document Groups", "Quotation Content", "Codes",
		"Reference", "Density", "Comment", "Created by", "Created", "Modified by", "Modified"}
)

type exportCoding struct{ interview, code, coder, quote string }

// TestPresetsEndToEnd: the example's coded segments exported as MAXQDA and
// ATLAS.ti would (codes by label, as paths or lists), read with the presets
// and nothing else, give the codings the export was made from.
func TestPresetsEndToEnd(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"codebook.csv", "respondents.csv", "interviews.csv", "events.csv"} {
		b, err := os.ReadFile(filepath.Join(exampleDir, f))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), b, 0o644))
	}
	codebook := readRecords(t, filepath.Join(exampleDir, "codebook.csv"))
	label, parent := map[string]string{}, map[string]string{}
	for _, r := range codebook[1:] {
		label[r[0]], parent[r[0]] = r[1], r[3]
	}
	// path is a code as MAXQDA writes it: the labels from its top-level code.
	path := func(code string) string {
		p := label[code]
		for c := parent[code]; c != ""; c = parent[c] {
			p = label[c] + `\` + p
		}
		return p
	}

	// MAXQDA: one row per coding; the segment's paragraph is its place in
	// its interview, so that the rows of one segment share their positions.
	wp2 := readRecords(t, filepath.Join(exampleDir, "segments", "wp2.csv"))
	col := columnIndex(wp2[0])
	var want []exportCoding
	rows := [][]any{toAny(maxqdaHeader)}
	paragraph := map[[2]string]int{}
	perInterview := map[string]int{}
	for _, r := range wp2[1:] {
		iv, seg := r[col["interview_id"]], r[col["segment_id"]]
		p, ok := paragraph[[2]string{iv, seg}]
		if !ok {
			perInterview[iv]++
			p = perInterview[iv]
			paragraph[[2]string{iv, seg}] = p
		}
		rows = append(rows, []any{"", "WP2", iv, path(r[col["code"]]), p, p, 0, r[col["quote"]], "", r[col["coder"]], "14-3-2023 10:00", 0, 1.5})
		want = append(want, exportCoding{iv, r[col["code"]], r[col["coder"]], r[col["quote"]]})
	}
	writeSheet(t, filepath.Join(dir, "maxqda.xlsx"), "Coded segments", rows)

	// ATLAS.ti: one row per quotation, its codes one per line, written as
	// "code label" and as the label in turn; the ID is document:quotation.
	wp1 := readRecords(t, filepath.Join(exampleDir, "segments", "wp1.csv"))
	col = columnIndex(wp1[0])
	type quotation struct {
		interview, coder, quote string
		codes                   []string
	}
	var quotations []*quotation
	// A segment two coders coded becomes a quotation of each: the export
	// names one creator per quotation.
	bySegment := map[[3]string]*quotation{}
	for _, r := range wp1[1:] {
		key := [3]string{r[col["interview_id"]], r[col["segment_id"]], r[col["coder"]]}
		q := bySegment[key]
		if q == nil {
			q = &quotation{interview: key[0], coder: r[col["coder"]], quote: r[col["quote"]]}
			bySegment[key] = q
			quotations = append(quotations, q)
		}
		q.codes = append(q.codes, r[col["code"]])
	}
	rows = [][]any{toAny(atlastiHeader)}
	doc := map[string]int{}
	perDoc := map[string]int{}
	for i, q := range quotations {
		if _, ok := doc[q.interview]; !ok {
			doc[q.interview] = len(doc) + 1
		}
		perDoc[q.interview]++
		var cell []string
		for j, c := range q.codes {
			if (i+j)%2 == 0 {
				cell = append(cell, c+" "+label[c])
			} else {
				cell = append(cell, label[c])
			}
			want = append(want, exportCoding{q.interview, c, q.coder, q.quote})
		}
		id := fmt.Sprintf("%d:%d", doc[q.interview], perDoc[q.interview])
		rows = append(rows, []any{id, "", q.interview, "WP1", q.quote, strings.Join(cell, "\n"), "3 - 3", len(q.codes), "", q.coder, "14-3-2023", q.coder, "14-3-2023"})
	}
	writeSheet(t, filepath.Join(dir, "atlas.xlsx"), "Quotations", rows)

	yaml, err := os.ReadFile(filepath.Join(exampleDir, "study.yaml"))
	require.NoError(t, err)
	study := replaceLine(string(yaml), "segments:", "segments:\n  - {file: maxqda.xlsx, preset: maxqda}\n  - {file: atlas.xlsx, preset: atlasti}")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "study.yaml"), []byte(study), 0o644))

	_, res := runStudy(t, filepath.Join(dir, "study.yaml"))
	assert.Empty(t, res.Warnings)
	var got []exportCoding
	for _, s := range res.Data.Segments {
		got = append(got, exportCoding{s.InterviewID, s.Code, s.Coder, s.Quote})
	}
	assert.Equal(t, want, got)
	assert.Equal(t, len(paragraph)+len(quotations), res.Segments(), "a segment of the source is a segment of the export")
	assert.Equal(t, len(want), countRows(t, res.Store, "segments"))
}

// TestPresetHeadersDocumented: the README names every column a preset reads.
func TestPresetHeadersDocumented(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	for _, h := range append(maxqdaHeader, atlastiHeader...) {
		assert.Contains(t, string(readme), "`"+h+"`", "README documents the export column %q", h)
	}
	assert.ElementsMatch(t, []string{"atlasti", "maxqda"}, coding.Presets())
}

func columnIndex(header []string) map[string]int {
	m := map[string]int{}
	for i, h := range header {
		m[h] = i
	}
	return m
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func writeSheet(t *testing.T, path, sheet string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetName("Sheet1", sheet))
	for r, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, r+1)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow(sheet, cell, &row))
	}
	require.NoError(t, f.SaveAs(path))
}
