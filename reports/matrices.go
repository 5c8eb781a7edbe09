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

// matrixScope are the CTEs the matrix queries read: iv, the scope's
// interviews, and f, its codings.
const matrixScope = `
WITH iv AS (SELECT respondent_id, case_id FROM interviews WHERE $1 = 'all' OR work_package = $1),
f AS (SELECT segment_no, code, category, respondent_id, case_id FROM codings WHERE $1 = 'all' OR work_package = $1)`

// matrixUnitsQuery lists the scope's units in the order of the long
// table's rows.
const matrixUnitsQuery = matrixScope + `
SELECT * FROM (%[1]s) u ORDER BY u.%[2]s`

// matrixCountsQuery gives the distinct segments of each unit coded with
// each code and category, where there are any. A case's segments are those
// whose case it is (the event's, else the interview's); a respondent's,
// those of their interviews.
const matrixCountsQuery = matrixScope + `,
fx AS (
  SELECT 'code' AS level, code AS item, %[1]s AS unit, segment_no FROM f
  UNION ALL SELECT 'category', category, %[1]s, segment_no FROM f)
SELECT level, item, unit, count(DISTINCT segment_no) FROM fx WHERE unit IS NOT NULL GROUP BY level, item, unit`

// matrixItemsQuery lists the categories and codes in the order of each
// unit's rows in the long table.
const matrixItemsQuery = `SELECT level, code, dimension FROM (` + codeItems + `) ORDER BY level, dimension, code`

// writeMatrices writes the unit × code matrices of a scope into dir: per unit
// a long (tidy) table of every unit, code and category, and wide tables of
// one row per unit and one column per code, or per category, holding the
// presence (0/1) or the segment count.
func writeMatrices(ctx context.Context, q Queryer, scope string, d dest) error {
	items, err := queryText(ctx, q, "matrices", matrixItemsQuery, 3)
	if err != nil {
		return err
	}
	for _, u := range matrixUnits {
		long, err := matrixLong(ctx, q, u, items, scope)
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

// matrixLong is <unit>_long.csv: header, then one row per unit, level and
// code (items: level, code, dimension), zeros included. Only the counts
// that are not zero come from the store; the rows, most of them zeros in a
// large study, are made here, in the order of units and then items.
func matrixLong(ctx context.Context, q Queryer, u matrixUnit, items [][]string, scope string) ([][]string, error) {
	name := u.name + "_long.csv"
	header := append(append([]string(nil), u.idCols...), "level", "code", "dimension", "present", "segments")
	units, err := queryText(ctx, q, name, fmt.Sprintf(matrixUnitsQuery, u.units, u.idCols[0]), len(u.idCols), scope)
	if err != nil {
		return nil, err
	}
	counts, err := queryText(ctx, q, name, fmt.Sprintf(matrixCountsQuery, u.idCols[0]), 4, scope)
	if err != nil {
		return nil, err
	}
	type key struct{ level, item, unit string }
	n := make(map[key]string, len(counts))
	for _, c := range counts {
		n[key{c[0], c[1], c[2]}] = c[3]
	}
	out := make([][]string, 1, 1+len(units)*len(items))
	out[0] = header
	width := len(header)
	// Rows share backing arrays a block of rows at a time, so that the few
	// rows the report keeps of a long table do not hold all of it.
	const block = 1024
	var cells []string
	for _, unit := range units {
		for _, it := range items {
			if len(cells) < width {
				cells = make([]string, width*block)
			}
			rec := cells[:width:width]
			cells = cells[width:]
			copy(rec, unit)
			rec[len(unit)], rec[len(unit)+1], rec[len(unit)+2] = it[0], it[1], it[2]
			rec[width-2], rec[width-1] = "0", "0"
			if segs, ok := n[key{it[0], it[1], unit[0]}]; ok {
				rec[width-2], rec[width-1] = "1", segs
			}
			out = append(out, rec)
		}
	}
	return out, nil
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
			row = append(make([]string, 0, len(header)), rec[:nid]...)
			out = append(out, row)
		}
		if rec[nid] == level {
			row = append(row, rec[col])
			out[len(out)-1] = row
		}
	}
	return out
}
