package reports

import (
	"context"
	"fmt"
	"strings"
)

// A ContextGroup gathers context categories into one factor of the context
// table, as the WP1 report's table 1 sets person-bound against organisational
// factors. It comes from study.yaml's context_groups.
type ContextGroup struct {
	Name       string
	Categories []string // top-level C codes
}

// contextGroup is a ContextGroup resolved against the codebook.
type contextGroup struct {
	name   string
	cats   []string
	labels []string
}

// contextValences are the rows of each group: the two valences a segment may
// give a context code, codings without one ("none", shown rather than
// dropped), and any context coding of the group whatever its valence ("any",
// which is not the sum of the others: a respondent or segment can be in
// several).
var contextValences = []string{"promoting", "hindering", "none", "any"}

var contextUnits = []string{"segments", "respondents", "cases"}

var contextHeader = []string{"group", "categories", "labels", "valence",
	"segments", "segments_of", "segments_pct", "respondents", "respondents_of", "respondents_pct",
	"cases", "cases_of", "cases_pct", "note"}

// resolveContextGroups lists the groups of the context table: those of the
// study file in its order, then every context category not in one of them as
// a group of its own, in code order. Without context_groups, that is one
// group per context category.
func resolveContextGroups(ctx context.Context, q Queryer, groups []ContextGroup) ([]contextGroup, error) {
	recs, err := queryText(ctx, q, "context.csv",
		`SELECT code, label FROM codes WHERE parent IS NULL AND dimension = 'C' ORDER BY code`, 2)
	if err != nil {
		return nil, err
	}
	label := map[string]string{}
	for _, r := range recs {
		label[r[0]] = r[1]
	}
	var out []contextGroup
	listed := map[string]bool{}
	for _, g := range groups {
		cg := contextGroup{name: g.Name}
		for _, c := range g.Categories {
			cg.cats, cg.labels = append(cg.cats, c), append(cg.labels, label[c])
			listed[c] = true
		}
		out = append(out, cg)
	}
	for _, r := range recs {
		if !listed[r[0]] {
			out = append(out, contextGroup{name: r[0], cats: []string{r[0]}, labels: []string{r[1]}})
		}
	}
	return out, nil
}

// contextQuery counts, per group (ord) and valence, the scope's context
// codings: distinct segments, respondents and cases, each beside its n: the
// scope's segments with any context coding, its respondents with an
// interview, and its cases. The groups come in as VALUES (%s), built from
// parameters $2 on.
const contextQuery = `
WITH g(ord, category) AS (VALUES %s),
iv AS (SELECT respondent_id, case_id FROM interviews WHERE $1 = 'all' OR work_package = $1),
sc AS NOT MATERIALIZED (SELECT segment_no, dimension, category, respondent_id, case_id, valence
       FROM codings WHERE $1 = 'all' OR work_package = $1),
f AS NOT MATERIALIZED (SELECT * FROM sc WHERE dimension = 'C'),
fv AS (
  SELECT g.ord, f.segment_no, f.respondent_id, f.case_id, coalesce(f.valence, 'none') AS valence
  FROM f JOIN g USING (category)
  UNION ALL
  SELECT g.ord, f.segment_no, f.respondent_id, f.case_id, 'any' FROM f JOIN g USING (category)),
v(vord, valence) AS (VALUES (1, 'promoting'), (2, 'hindering'), (3, 'none'), (4, 'any')),
cnt AS (
  SELECT ord, valence, count(DISTINCT segment_no) AS s, count(DISTINCT respondent_id) AS r, count(DISTINCT case_id) AS c
  FROM fv GROUP BY ord, valence)
SELECT gs.ord, v.valence,
       coalesce(cnt.s, 0), (SELECT count(DISTINCT segment_no) FROM f),
       coalesce(cnt.r, 0), (SELECT count(DISTINCT respondent_id) FROM iv),
       coalesce(cnt.c, 0), (SELECT count(DISTINCT case_id) FROM (SELECT case_id FROM sc UNION ALL SELECT case_id FROM iv))
FROM (SELECT DISTINCT ord FROM g) gs CROSS JOIN v
LEFT JOIN cnt ON cnt.ord = gs.ord AND cnt.valence = v.valence
ORDER BY gs.ord, v.vord`

// contextRecords is context.csv: every group crossed with promoting,
// hindering, no valence and any, with segments, respondents and cases, each
// k of n. A codebook without context categories gives the header alone.
func contextRecords(ctx context.Context, q Queryer, scope string, groups []contextGroup, lang string) ([][]string, error) {
	out := [][]string{contextHeader}
	var values []string
	args := []any{scope}
	for i, g := range groups {
		for _, c := range g.cats {
			values = append(values, fmt.Sprintf("($%d::INTEGER, $%d::VARCHAR)", len(args)+1, len(args)+2))
			args = append(args, i, c)
		}
	}
	if len(values) == 0 {
		return out, nil
	}
	recs, err := queryText(ctx, q, "context.csv", fmt.Sprintf(contextQuery, strings.Join(values, ", ")), 8, args...)
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		n, err := ints("context.csv", append([]string{rec[0]}, rec[2:]...))
		if err != nil {
			return nil, err
		}
		g := groups[n[0]]
		counts := []count{{n[1], n[2]}, {n[3], n[4]}, {n[5], n[6]}}
		row := []string{g.name, strings.Join(g.cats, " "), strings.Join(g.labels, "; "), rec[1]}
		for _, c := range counts {
			row = append(row, c.cells()...)
		}
		out = append(out, append(row, noShareNote(lang, contextUnits, counts)))
	}
	if len(out)-1 != len(groups)*len(contextValences) {
		return nil, fmt.Errorf("context.csv: expected %d rows, got %d", len(groups)*len(contextValences), len(out)-1)
	}
	return out, nil
}
