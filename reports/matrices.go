package reports

import (
	"context"
	"fmt"
	"iter"
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
// presence (0/1) or the segment count. Each is made row by row as it is
// written, from the units and the counts that are not zero: a large study's
// long matrix has millions of rows, most of them zeros.
func writeMatrices(ctx context.Context, q Queryer, scope string, d dest) error {
	items, err := queryText(ctx, q, "matrices", matrixItemsQuery, 3)
	if err != nil {
		return err
	}
	for _, u := range matrixUnits {
		m, err := loadMatrix(ctx, q, u, items, scope)
		if err != nil {
			return err
		}
		if err := d.stream("matrices/"+u.name+"_long.csv", m.longHeader(), m.long); err != nil {
			return err
		}
		for _, level := range []string{"category", "code"} {
			for _, measure := range []string{"present", "segments"} {
				name := fmt.Sprintf("%s_%s_%s.csv", u.name, plural(level), measure)
				if err := d.stream("matrices/"+name, m.wideHeader(level), m.wide(level, measure)); err != nil {
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

// A matrix is what the matrices of one kind of unit are made of: the
// scope's units, the items (level, code, dimension) and the distinct
// segments of each unit and item that has any.
type matrix struct {
	u      matrixUnit
	items  [][]string
	units  [][]string
	counts map[matrixKey]string
}

type matrixKey struct{ level, item, unit string }

// loadMatrix reads the units of u and their counts that are not zero.
func loadMatrix(ctx context.Context, q Queryer, u matrixUnit, items [][]string, scope string) (*matrix, error) {
	name := u.name + "_long.csv"
	units, err := queryText(ctx, q, name, fmt.Sprintf(matrixUnitsQuery, u.units, u.idCols[0]), len(u.idCols), scope)
	if err != nil {
		return nil, err
	}
	counts, err := queryText(ctx, q, name, fmt.Sprintf(matrixCountsQuery, u.idCols[0]), 4, scope)
	if err != nil {
		return nil, err
	}
	n := make(map[matrixKey]string, len(counts))
	for _, c := range counts {
		n[matrixKey{c[0], c[1], c[2]}] = c[3]
	}
	return &matrix{u: u, items: items, units: units, counts: n}, nil
}

func (m *matrix) longHeader() []string {
	return append(append([]string(nil), m.u.idCols...), "level", "code", "dimension", "present", "segments")
}

// long yields the rows of <unit>_long.csv: one per unit, level and code,
// zeros included, in the order of units and then items. The row is reused.
func (m *matrix) long(yield func([]string) bool) {
	nid := len(m.u.idCols)
	rec := make([]string, nid+5)
	for _, unit := range m.units {
		copy(rec, unit)
		for _, it := range m.items {
			rec[nid], rec[nid+1], rec[nid+2] = it[0], it[1], it[2]
			rec[nid+3], rec[nid+4] = "0", "0"
			if segs, ok := m.counts[matrixKey{it[0], it[1], unit[0]}]; ok {
				rec[nid+3], rec[nid+4] = "1", segs
			}
			if !yield(rec) {
				return
			}
		}
	}
}

// wideHeader is the header of a wide matrix: the id columns, then every
// code of level in items' order, which is the order of each unit's rows in
// the long table.
func (m *matrix) wideHeader(level string) []string {
	header := append([]string(nil), m.u.idCols...)
	for _, it := range m.items {
		if it[0] == level {
			header = append(header, it[1])
		}
	}
	return header
}

// wide yields the rows of a wide matrix: one per unit that has a row in the
// long table (none without items), its ids and measure (present or
// segments) for every code of level. The row is reused.
func (m *matrix) wide(level, measure string) iter.Seq[[]string] {
	return func(yield func([]string) bool) {
		if len(m.items) == 0 {
			return
		}
		var rec []string
		for _, unit := range m.units {
			rec = append(rec[:0], unit...)
			for _, it := range m.items {
				if it[0] != level {
					continue
				}
				v := "0"
				if segs, ok := m.counts[matrixKey{it[0], it[1], unit[0]}]; ok {
					v = "1"
					if measure == "segments" {
						v = segs
					}
				}
				rec = append(rec, v)
			}
			if !yield(rec) {
				return
			}
		}
	}
}
