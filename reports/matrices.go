package reports

import (
	"context"
	"fmt"
)

// A matrixUnit is what the rows of a matrix are: cases or respondents.
type matrixUnit struct {
	name   string   // file name prefix
	idCols []string // the columns naming a unit, the first its id
	// units lists the scope's units, one row each, columns idCols, from the
	// CTEs iv (the scope's interviews) and f (its codings).
	units string
}

var matrixUnits = []matrixUnit{
	{"cases", []string{"case_id"},
		`SELECT DISTINCT case_id FROM (SELECT case_id FROM f UNION ALL SELECT case_id FROM iv) WHERE case_id IS NOT NULL`},
	{"respondents", []string{"respondent_id", "role", "city"},
		`SELECT respondent_id, role, city FROM respondents WHERE respondent_id IN (SELECT respondent_id FROM iv)`},
}

// codeItems are the rows every code table has: each category, then each code
// (a category is also a code of its own), with the dimension to sort by.
const codeItems = `SELECT 'category' AS level, code, label, dimension FROM codes WHERE parent IS NULL
  UNION ALL SELECT 'code', code, label, dimension FROM codes`

// matrixQuery gives, for every unit of the scope and every code and category
// (zeros included), the distinct segments of that unit coded with it, and
// whether there is any. A case's segments are those whose case it is (the
// event's, else the interview's); a respondent's, those of their interviews.
const matrixQuery = `
WITH iv AS (SELECT respondent_id, case_id FROM interviews WHERE $1 = 'all' OR work_package = $1),
f AS (SELECT segment_no, code, category, respondent_id, case_id FROM codings WHERE $1 = 'all' OR work_package = $1),
u AS (%[1]s),
items AS (` + codeItems + `),
fx AS (
  SELECT 'code' AS level, code AS item, %[2]s AS unit, segment_no FROM f
  UNION ALL SELECT 'category', category, %[2]s, segment_no FROM f),
cnt AS (SELECT level, item, unit, count(DISTINCT segment_no) AS n FROM fx WHERE unit IS NOT NULL GROUP BY level, item, unit)
SELECT u.*, i.level, i.code, i.dimension, CASE WHEN cnt.n > 0 THEN 1 ELSE 0 END, coalesce(cnt.n, 0)
FROM u CROSS JOIN items i
LEFT JOIN cnt ON cnt.level = i.level AND cnt.item = i.code AND cnt.unit = u.%[2]s
ORDER BY u.%[2]s, i.level, i.dimension, i.code`

// writeMatrices writes the unit × code matrices of a scope into dir: per unit
// a long (tidy) table of every unit, code and category, and wide tables of
// one row per unit and one column per code, or per category, holding the
// presence (0/1) or the segment count.
func writeMatrices(ctx context.Context, q Queryer, scope string, d dest) error {
	items, err := queryText(ctx, q, "matrices", `SELECT level, code FROM (`+codeItems+`) ORDER BY level, dimension, code`, 2)
	if err != nil {
		return err
	}
	for _, u := range matrixUnits {
		long, err := matrixLong(ctx, q, u, scope)
		if err != nil {
			return err
		}
		if err := d.table("matrices/"+u.name+"_long.csv", long); err != nil {
			return err
		}
		for _, level := range []string{"category", "code"} {
			for _, measure := range []string{"present", "segments"} {
				name := fmt.Sprintf("%s_%s_%s.csv", u.name, plural(level), measure)
				if err := d.table("matrices/"+name, matrixWide(long, u, items, level, measure)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func plural(level string) string {
	if level == "category" {
		return "categories"
	}
	return "codes"
}

// matrixLong is <unit>_long.csv: header, then one row per unit, level and code.
func matrixLong(ctx context.Context, q Queryer, u matrixUnit, scope string) ([][]string, error) {
	name := u.name + "_long.csv"
	header := append(append([]string(nil), u.idCols...), "level", "code", "dimension", "present", "segments")
	recs, err := queryText(ctx, q, name, fmt.Sprintf(matrixQuery, u.units, u.idCols[0]), len(header), scope)
	if err != nil {
		return nil, err
	}
	return append([][]string{header}, recs...), nil
}

// matrixWide reshapes the long matrix: one row per unit (in the long table's
// order), its id columns, then the measure for every code of level in items'
// order, which is the order of each unit's rows in the long table.
func matrixWide(long [][]string, u matrixUnit, items [][]string, level, measure string) [][]string {
	nid := len(u.idCols)
	col := nid + 3 // present
	if measure == "segments" {
		col++
	}
	header := append([]string(nil), u.idCols...)
	for _, it := range items {
		if it[0] == level {
			header = append(header, it[1])
		}
	}
	out := [][]string{header}
	var row []string
	for _, rec := range long[1:] {
		if row == nil || row[0] != rec[0] {
			row = append([]string(nil), rec[:nid]...)
			out = append(out, row)
		}
		if rec[nid] == level {
			row = append(row, rec[col])
			out[len(out)-1] = row
		}
	}
	return out
}
