package reports

import (
	"context"
	"slices"
)

// Group kinds of the frequency table, in the order it lists them: the whole
// scope, then each role, then each city of respondents.csv.
const (
	kindAll  = "all"
	kindRole = "role"
	kindCity = "city"
)

// freqUnits are the units a code is counted in, each as a phrase key of
// lang.go naming it in notes: distinct coded segments, chains (intervention
// moments), respondents and cases.
var freqUnits = []string{"segments", "chains", "respondents", "cases"}

// The units' places in freqRow.counts.
const (
	unitSegments = iota
	unitChains
	unitRespondents
	unitCases
)

// A freqRow counts one code or category in one group of respondents, each
// unit k of the n units of that group in the scope.
type freqRow struct {
	level, code, label, dimension string // level is "category" or "code"
	kind, group                   string
	counts                        [4]count // in freqUnits order
}

// frequenciesQuery counts every code and category (zeros included) in every
// group of respondents, for scope $1. A respondent is in three groups: "all",
// their role and their city. The denominators (the n of each unit) are the
// group's coded segments and chains in the scope, its respondents with an
// interview in the scope, and its cases: those its interviews in the scope
// name and those its coded segments sit in. Every k is therefore counted
// from a subset of what its n counts.
//
// Each coding is counted as its code, as its category, and (with an empty
// level and item) as a coding at all, which gives the denominators. The
// counts are reduced per respondent before the groups are joined, since a
// respondent is in three of them: a segment belongs to one interview and
// so to one respondent, so a group's segments are the sum of its
// respondents' and its respondents those with any; chains and cases can
// reach across respondents and are made distinct per group.
const frequenciesQuery = `
WITH iv AS (SELECT respondent_id, case_id FROM interviews WHERE $1 = 'all' OR work_package = $1),
f AS NOT MATERIALIZED (SELECT segment_no, code, category, respondent_id, case_id, chain_kind, chain_ref
      FROM codings WHERE $1 = 'all' OR work_package = $1),
member AS (
  SELECT 'all' AS kind, 'all' AS grp, respondent_id FROM respondents
  UNION ALL SELECT 'role', role, respondent_id FROM respondents
  UNION ALL SELECT 'city', city, respondent_id FROM respondents),
groups AS (
  SELECT 1 AS kind_ord, 'all' AS kind, 'all' AS grp
  UNION ALL SELECT DISTINCT 2, 'role', role FROM respondents
  UNION ALL SELECT DISTINCT 3, 'city', city FROM respondents),
items AS (` + codeItems + `),
fl AS NOT MATERIALIZED (
  SELECT 'code' AS level, code AS item, respondent_id, segment_no, chain_kind, chain_ref, case_id FROM f
  UNION ALL SELECT 'category', category, respondent_id, segment_no, chain_kind, chain_ref, case_id FROM f
  UNION ALL SELECT '', '', respondent_id, segment_no, chain_kind, chain_ref, case_id FROM f),
seg AS (
  SELECT level, item, respondent_id, count(*) AS segments
  FROM (SELECT DISTINCT level, item, respondent_id, segment_no FROM fl)
  GROUP BY level, item, respondent_id),
segg AS (
  SELECT level, item, m.kind, m.grp, sum(segments)::BIGINT AS segments, count(*) AS respondents
  FROM seg JOIN member m USING (respondent_id) GROUP BY level, item, m.kind, m.grp),
chg AS (
  SELECT level, item, kind, grp, count(*) AS chains FROM (
    SELECT DISTINCT level, item, m.kind, m.grp, chain_kind, chain_ref
    FROM (SELECT DISTINCT level, item, respondent_id, chain_kind, chain_ref FROM fl WHERE chain_ref IS NOT NULL)
    JOIN member m USING (respondent_id))
  GROUP BY level, item, kind, grp),
cag AS (
  SELECT level, item, kind, grp, count(*) AS cases FROM (
    SELECT DISTINCT level, item, m.kind, m.grp, case_id
    FROM (SELECT DISTINCT level, item, respondent_id, case_id FROM fl WHERE case_id IS NOT NULL
          UNION SELECT '', '', respondent_id, case_id FROM iv WHERE case_id IS NOT NULL)
    JOIN member m USING (respondent_id))
  GROUP BY level, item, kind, grp),
rden AS (SELECT m.kind, m.grp, count(DISTINCT respondent_id) AS respondents_of FROM iv JOIN member m USING (respondent_id) GROUP BY m.kind, m.grp)
SELECT i.level, i.code, i.label, i.dimension, g.kind, g.grp,
       coalesce(c.segments, 0), coalesce(d.segments, 0),
       coalesce(ch.chains, 0), coalesce(dch.chains, 0),
       coalesce(c.respondents, 0), coalesce(rd.respondents_of, 0),
       coalesce(ca.cases, 0), coalesce(dca.cases, 0)
FROM items i CROSS JOIN groups g
LEFT JOIN segg c ON c.level = i.level AND c.item = i.code AND c.kind = g.kind AND c.grp = g.grp
LEFT JOIN segg d ON d.level = '' AND d.kind = g.kind AND d.grp = g.grp
LEFT JOIN chg ch ON ch.level = i.level AND ch.item = i.code AND ch.kind = g.kind AND ch.grp = g.grp
LEFT JOIN chg dch ON dch.level = '' AND dch.kind = g.kind AND dch.grp = g.grp
LEFT JOIN cag ca ON ca.level = i.level AND ca.item = i.code AND ca.kind = g.kind AND ca.grp = g.grp
LEFT JOIN cag dca ON dca.level = '' AND dca.kind = g.kind AND dca.grp = g.grp
LEFT JOIN rden rd ON rd.kind = g.kind AND rd.grp = g.grp
ORDER BY i.level, i.dimension, i.code, g.kind_ord, g.grp`

// frequencies counts every code and category of scope in every group.
func frequencies(ctx context.Context, q Queryer, scope string) ([]freqRow, error) {
	const file = "frequencies.csv"
	recs, err := queryText(ctx, q, file, frequenciesQuery, 14, scope)
	if err != nil {
		return nil, err
	}
	out := make([]freqRow, 0, len(recs))
	for _, rec := range recs {
		n, err := ints(file, rec[6:])
		if err != nil {
			return nil, err
		}
		r := freqRow{level: rec[0], code: rec[1], label: rec[2], dimension: rec[3], kind: rec[4], group: rec[5]}
		for u := range r.counts {
			r.counts[u] = count{n[2*u], n[2*u+1]}
		}
		out = append(out, r)
	}
	return out, nil
}

var frequenciesHeader = []string{"level", "code", "label", "dimension", "group_kind", "group",
	"segments", "segments_of", "segments_pct", "chains", "chains_of", "chains_pct",
	"respondents", "respondents_of", "respondents_pct", "cases", "cases_of", "cases_pct", "note"}

// frequencyRecords is frequencies.csv: each count beside the n it is a share
// of, and a note wherever a group has none of a unit to count from.
func frequencyRecords(rows []freqRow, lang string) [][]string {
	out := [][]string{frequenciesHeader}
	for _, r := range rows {
		rec := []string{r.level, r.code, r.label, r.dimension, r.kind, r.group}
		for _, c := range r.counts {
			rec = append(rec, c.cells()...)
		}
		rec = append(rec, noShareNote(lang, freqUnits, r.counts[:]))
		out = append(out, rec)
	}
	return out
}

// groupsOf returns the rows of one group kind, in the table's order.
func groupsOf(rows []freqRow, kind string) []freqRow {
	return slices.DeleteFunc(slices.Clone(rows), func(r freqRow) bool { return r.kind != kind })
}
