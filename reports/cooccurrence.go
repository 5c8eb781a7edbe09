package reports

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/cimo-tool/cimo/stats"
)

// Co-occurrence: how often two codes (or two categories) are found in the
// same unit. The units are the levels below, from the smallest to the
// largest; a case reaches across interviews, which is what a QDA tool's
// co-occurrence table cannot do.
var cooccurrenceLevels = []string{"segment", "chain", "event", "interview", "case"}

// cooccurrenceQuery counts, per level, the distinct units, the units having
// each item (a code or a category, %[1]s), and the units having both items
// of every pair with item_a < item_b (bytes). A level without any pair
// still gives one row, with NULL items, so that it can say so.
//
// The units are reduced to distinct (unit, item) pairs first, so a segment
// coded with two codes of one category counts once for that category. Each
// level is paired on its own key, of its own type (a segment's number, a
// chain's kind and reference, an id): most pairs are of cases and
// interviews, millions in a large study, and a join on one text key made
// of every level's took half as long again.
const cooccurrenceQuery = `
WITH f AS NOT MATERIALIZED (
  SELECT segment_no, interview_id, case_id, event_id, %[1]s AS item
  FROM codings WHERE $1 = 'all' OR work_package = $1),
u1 AS (SELECT DISTINCT segment_no AS unit, item FROM f),
u2 AS (SELECT DISTINCT chain_kind, chain_ref, %[1]s AS item FROM chain_codings WHERE scope = $1),
u3 AS (SELECT DISTINCT event_id AS unit, item FROM f WHERE event_id IS NOT NULL),
u4 AS (SELECT DISTINCT interview_id AS unit, item FROM f),
u5 AS (SELECT DISTINCT case_id AS unit, item FROM f WHERE case_id IS NOT NULL),
levels(lvl) AS (VALUES (1), (2), (3), (4), (5)),
units AS (
  SELECT 1 AS lvl, count(DISTINCT unit) AS units FROM u1
  UNION ALL SELECT 2, count(*) FROM (SELECT DISTINCT chain_kind, chain_ref FROM u2)
  UNION ALL SELECT 3, count(DISTINCT unit) FROM u3
  UNION ALL SELECT 4, count(DISTINCT unit) FROM u4
  UNION ALL SELECT 5, count(DISTINCT unit) FROM u5),
n AS (
  SELECT 1 AS lvl, item, count(*) AS n FROM u1 GROUP BY item
  UNION ALL SELECT 2, item, count(*) FROM u2 GROUP BY item
  UNION ALL SELECT 3, item, count(*) FROM u3 GROUP BY item
  UNION ALL SELECT 4, item, count(*) FROM u4 GROUP BY item
  UNION ALL SELECT 5, item, count(*) FROM u5 GROUP BY item),
p AS (
  SELECT 1 AS lvl, a.item AS item_a, b.item AS item_b, count(*) AS nboth
  FROM u1 a JOIN u1 b ON a.unit = b.unit AND a.item < b.item GROUP BY a.item, b.item
  UNION ALL SELECT 2, a.item, b.item, count(*)
  FROM u2 a JOIN u2 b ON a.chain_kind = b.chain_kind AND a.chain_ref = b.chain_ref AND a.item < b.item GROUP BY a.item, b.item
  UNION ALL SELECT 3, a.item, b.item, count(*)
  FROM u3 a JOIN u3 b ON a.unit = b.unit AND a.item < b.item GROUP BY a.item, b.item
  UNION ALL SELECT 4, a.item, b.item, count(*)
  FROM u4 a JOIN u4 b ON a.unit = b.unit AND a.item < b.item GROUP BY a.item, b.item
  UNION ALL SELECT 5, a.item, b.item, count(*)
  FROM u5 a JOIN u5 b ON a.unit = b.unit AND a.item < b.item GROUP BY a.item, b.item)
SELECT l.lvl, coalesce(units.units, 0), p.item_a, p.item_b, na.n, nb.n, p.nboth
FROM levels l
LEFT JOIN units ON units.lvl = l.lvl
LEFT JOIN p ON p.lvl = l.lvl
LEFT JOIN n na ON na.lvl = p.lvl AND na.item = p.item_a
LEFT JOIN n nb ON nb.lvl = p.lvl AND nb.item = p.item_b
ORDER BY l.lvl, p.item_a NULLS FIRST, p.item_b NULLS FIRST`

// pair is one row of a co-occurrence table: a pair of items at a level, or
// (Paired false) a level where no unit has two items.
type pair struct {
	Level  string
	Units  int // distinct units at the level, in the scope
	A, B   string
	NA, NB int  // units having A, units having B
	Both   int  // units having both
	Paired bool // false for the row of a level without pairs
}

// cooccurrence reads the pairs of scope, items being "code" or "category".
func cooccurrence(ctx context.Context, q Queryer, scope, item string) ([]pair, error) {
	rows, err := q.QueryContext(ctx, fmt.Sprintf(cooccurrenceQuery, item), scope)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []pair
	for rows.Next() {
		var (
			lvl, units int
			a, b       sql.NullString
			na, nb, n  sql.NullInt64
		)
		if err := rows.Scan(&lvl, &units, &a, &b, &na, &nb, &n); err != nil {
			return nil, err
		}
		out = append(out, pair{Level: cooccurrenceLevels[lvl-1], Units: units, A: a.String, B: b.String,
			NA: int(na.Int64), NB: int(nb.Int64), Both: int(n.Int64), Paired: a.Valid})
	}
	return out, rows.Err()
}

// fivefold says whether one item of a pair is found in more than five times
// as many units as the other. Then c cannot exceed min/max < 0.2 even when
// the rarer item always comes with the other, so c reads as weak where the
// counts say otherwise. ATLAS.ti marks the same pairs ("Code Co-occurrence
// Coefficient", ATLAS.ti 22 Windows manual, section "Distortion due to
// unequal frequencies").
func fivefold(na, nb int) bool {
	return max(na, nb) > 5*min(na, nb)
}

// cooccurrenceRecords turns pairs into the table's rows, header first. c is
// Jaccard's coefficient with three decimals, computed from the integers.
func cooccurrenceRecords(pairs []pair, lang, item string) [][]string {
	out := [][]string{{"level", item + "_a", item + "_b", "units", "n_a", "n_b", "both", "c", "fivefold", "note"}}
	for _, p := range pairs {
		if !p.Paired {
			note := text(lang, "cooc.nounits")
			if p.Units > 0 {
				note = text(lang, "cooc.nopairs."+item)
			}
			out = append(out, []string{p.Level, "", "", strconv.Itoa(p.Units), "", "", "", "", "", note})
			continue
		}
		c, flag, note := "", "0", ""
		if v, err := stats.Jaccard(p.NA, p.NB, p.Both); err == nil {
			c = strconv.FormatFloat(v, 'f', 3, 64)
		}
		if fivefold(p.NA, p.NB) {
			flag = "1"
			bound := float64(min(p.NA, p.NB)) / float64(max(p.NA, p.NB))
			note = fmt.Sprintf(text(lang, "cooc.fivefold"), strconv.FormatFloat(bound, 'f', 3, 64))
		}
		out = append(out, []string{p.Level, p.A, p.B, strconv.Itoa(p.Units), strconv.Itoa(p.NA), strconv.Itoa(p.NB),
			strconv.Itoa(p.Both), c, flag, note})
	}
	return out
}
