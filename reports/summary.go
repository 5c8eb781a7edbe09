package reports

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
)

// summaryCounts is one row of the summary: what was ingested per scope, and
// how its chains came out.
const summaryCounts = `
WITH f AS NOT MATERIALIZED (SELECT * FROM codings WHERE $1 = 'all' OR work_package = $1),
     iv AS NOT MATERIALIZED (SELECT * FROM interviews WHERE $1 = 'all' OR work_package = $1),
     ch AS NOT MATERIALIZED (SELECT * FROM chains WHERE scope = $1)
SELECT
  (SELECT count(*) FROM iv),
  (SELECT count(DISTINCT respondent_id) FROM iv),
  (SELECT count(DISTINCT case_id) FROM f),
  (SELECT count(DISTINCT segment_no) FROM f),
  (SELECT count(*) FROM f),
  (SELECT count(*) FROM ch),
  (SELECT count(*) FILTER (complete) FROM ch),
  (SELECT count(*) FILTER (NOT complete) FROM ch),
  (SELECT count(*) FILTER (NOT has_context) FROM ch),
  (SELECT count(*) FILTER (NOT has_intervention) FROM ch),
  (SELECT count(*) FILTER (NOT has_mechanism) FROM ch),
  (SELECT count(*) FILTER (NOT has_outcome) FROM ch)`

var summaryColumns = []string{"interviews", "respondents", "cases", "segments", "codings", "chains", "complete", "incomplete",
	"missing.C", "missing.I", "missing.M", "missing.O"}

// studyCounts is what was ingested from the whole study's files.
const studyCounts = `
SELECT
  (SELECT count(*) FROM codes),
  (SELECT count(*) FROM codes WHERE parent IS NULL),
  (SELECT count(*) FROM respondents),
  (SELECT count(*) FROM interviews),
  (SELECT count(DISTINCT case_id) FROM (SELECT case_id FROM interviews UNION ALL SELECT case_id FROM events)),
  (SELECT count(*) FROM events),
  (SELECT count(DISTINCT segment_no) FROM segments),
  (SELECT count(*) FROM segments),
  (SELECT count(DISTINCT coder) FROM segments)`

var studyColumns = []string{"codes", "categories", "respondents", "interviews", "cases", "events", "segments", "codings", "coders"}

// notCounted are the summary's numbers that count no units of the data:
// they are never withheld.
var notCounted = map[string]bool{"codes": true, "categories": true, "coders": true}

// summary is what the summary says: the study's counts (studyColumns) and
// one row of summaryColumns per scope, small counts withheld.
type summary struct {
	study  []string
	scopes [][]string
}

func loadSummary(ctx context.Context, q Queryer, opt Options) (*summary, error) {
	s := &summary{}
	vals, err := scalars(ctx, q, studyCounts, len(studyColumns))
	if err != nil {
		return nil, err
	}
	for i, key := range studyColumns {
		if !notCounted[key] {
			vals[i] = suppressCount(vals[i], opt.MinCell)
		}
	}
	s.study = vals
	for _, sc := range opt.Scopes {
		vals, err := scalars(ctx, q, summaryCounts, len(summaryColumns), sc.ID)
		if err != nil {
			return nil, err
		}
		for i := range vals {
			vals[i] = suppressCount(vals[i], opt.MinCell)
		}
		s.scopes = append(s.scopes, vals)
	}
	return s, nil
}

// summaryScopeName names a scope in the summary: id and title, or the whole study.
func summaryScopeName(lang string, sc Scope) string {
	if sc.ID == "all" {
		return text(lang, "all")
	}
	if sc.Title != "" {
		return sc.ID + " " + sc.Title
	}
	return sc.ID
}

// writeSummary writes OUT/summary.md from s: the counts of everything
// ingested, per work package, and of complete and incomplete chains.
func writeSummary(s *summary, opt Options) error {
	lang := opt.Language
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: %s\n\n", text(lang, "summary.title"), opt.Study)

	fmt.Fprintf(&b, "## %s\n\n", text(lang, "summary.ingested"))
	b.WriteString("| | |\n|---|--:|\n")
	for i, key := range studyColumns {
		fmt.Fprintf(&b, "| %s | %s |\n", text(lang, key), escapeCell(s.study[i]))
	}

	fmt.Fprintf(&b, "\n## %s\n\n", text(lang, "summary.perwp"))
	b.WriteString("| " + text(lang, "wp") + " |")
	for _, key := range summaryColumns {
		b.WriteString(" " + text(lang, key) + " |")
	}
	b.WriteString("\n|---|" + strings.Repeat("--:|", len(summaryColumns)) + "\n")
	for i, sc := range opt.Scopes {
		fmt.Fprintf(&b, "| %s | %s |\n", escapeCell(summaryScopeName(lang, sc)), strings.Join(s.scopes[i], " | "))
	}
	fmt.Fprintf(&b, "\n%s\n", text(lang, "summary.note"))
	if opt.MinCell > 1 {
		fmt.Fprintf(&b, "\n%s\n", escapeCell(minCellNote(lang, opt.MinCell)))
	}
	return writeFileAtomic(filepath.Join(opt.Out, "summary.md"), []byte(b.String()))
}

// minCellNote says how small counts are withheld.
func minCellNote(lang string, minCell int) string {
	return fmt.Sprintf(text(lang, "mincell.note"), minCell-1, smallCount(minCell), derivedMark, minCell)
}

// scalars runs a one-row query and returns its columns as text.
func scalars(ctx context.Context, q Queryer, query string, n int, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	vals := make([]string, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if !rows.Next() {
		return nil, fmt.Errorf("no summary row: %w", rows.Err())
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, err
	}
	return vals, rows.Err()
}

// escapeCell keeps a title from breaking its Markdown table row.
func escapeCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
