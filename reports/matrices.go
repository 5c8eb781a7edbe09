package reports

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"slices"
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
f AS NOT MATERIALIZED (SELECT segment_no, code, category, respondent_id, case_id FROM codings WHERE $1 = 'all' OR work_package = $1)`

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
// segments of each unit and item that has any, in the order of the long
// table's rows, so that its rows are made walking the two in step, without
// looking each up.
type matrix struct {
	u      matrixUnit
	items  [][]string
	units  [][]string
	counts []matrixCount
}

// A matrixCount is the segments of the unit and the item at those indexes.
type matrixCount struct {
	unit, item int
	segments   string
}

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
	unitAt := make(map[string]int, len(units))
	for i, unit := range units {
		if _, ok := unitAt[unit[0]]; !ok {
			unitAt[unit[0]] = i
		}
	}
	itemAt := make(map[[2]string]int, len(items))
	for i, it := range items {
		if _, ok := itemAt[[2]string{it[0], it[1]}]; !ok {
			itemAt[[2]string{it[0], it[1]}] = i
		}
	}
	m := &matrix{u: u, items: items, units: units, counts: make([]matrixCount, 0, len(counts))}
	for _, c := range counts {
		ui, ok := unitAt[c[2]]
		it, ok2 := itemAt[[2]string{c[0], c[1]}]
		if ok && ok2 {
			m.counts = append(m.counts, matrixCount{ui, it, c[3]})
		}
	}
	slices.SortFunc(m.counts, func(a, b matrixCount) int {
		return cmp.Or(cmp.Compare(a.unit, b.unit), cmp.Compare(a.item, b.item))
	})
	return m, nil
}

// rows calls row for each unit and item in the long table's order, with
// the unit's segments of the item, "" where there are none.
func (m *matrix) rows(row func(unit, item int, segments string) bool) {
	k := 0
	for ui := range m.units {
		for ii := range m.items {
			segs := ""
			if k < len(m.counts) && m.counts[k].unit == ui && m.counts[k].item == ii {
				segs = m.counts[k].segments
				k++
			}
			if !row(ui, ii, segs) {
				return
			}
		}
	}
}

func (m *matrix) longHeader() []string {
	return append(append([]string(nil), m.u.idCols...), "level", "code", "dimension", "present", "segments")
}

// long yields the rows of <unit>_long.csv: one per unit, level and code,
// zeros included, in the order of units and then items. The row is reused.
func (m *matrix) long(yield func([]string) bool) {
	nid := len(m.u.idCols)
	rec := make([]string, nid+5)
	m.rows(func(ui, ii int, segs string) bool {
		it := m.items[ii]
		copy(rec, m.units[ui])
		rec[nid], rec[nid+1], rec[nid+2] = it[0], it[1], it[2]
		rec[nid+3], rec[nid+4] = "0", "0"
		if segs != "" {
			rec[nid+3], rec[nid+4] = "1", segs
		}
		return yield(rec)
	})
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
		var rec []string
		last := len(m.items) - 1
		m.rows(func(ui, ii int, segs string) bool {
			if ii == 0 {
				rec = append(rec[:0], m.units[ui]...)
			}
			if m.items[ii][0] == level {
				v := "0"
				if segs != "" {
					v = "1"
					if measure == "segments" {
						v = segs
					}
				}
				rec = append(rec, v)
			}
			return ii != last || yield(rec)
		})
	}
}
