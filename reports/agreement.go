package reports

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/cimo-tool/cimo/stats"
)

// Intercoder agreement: where a segment carries the codings of two or more
// coders, how far do they agree on each code, each category and overall
// (agreement.csv), and on the chains they link (chain_agreement.csv, in
// chain_agreement.go)? The README defines both tables.

// The double-coded segments of a scope are those that two or more coders
// coded (codings.coders, counted once as the store is loaded); codings
// without a coder cannot be attributed and are left out.
// Agreement on codes and categories is counted in SQL (binaryQuery,
// coderQuery): per code or category, how many segments of m coders have
// ones of them giving it, and how many segments each coder gave it. That is
// all that percent agreement, alpha and kappa need of yes/no data, so Go
// reads a few rows per code, not one per segment.
const doubleCodedCTE = `
WITH dc AS NOT MATERIALIZED (SELECT segment_no, coder, code, dimension, category, chain_kind, chain_ref, coders AS m FROM codings
            WHERE coder IS NOT NULL AND coders >= 2 AND ($1 = 'all' OR work_package = $1)),
seg AS (SELECT DISTINCT segment_no, m FROM dc),
g AS (SELECT DISTINCT 'code' AS level, code AS item, segment_no, coder FROM dc
      UNION ALL
      SELECT DISTINCT 'category', category, segment_no, coder FROM dc)
`

// segmentsQuery counts the double-coded segments by their number of coders.
const segmentsQuery = doubleCodedCTE + `SELECT m, count(*) FROM seg GROUP BY m ORDER BY m`

// codersQuery lists the coders of the double-coded segments.
const codersQuery = doubleCodedCTE + `SELECT DISTINCT coder FROM dc ORDER BY coder`

// binaryQuery counts, per code and category given in a double-coded
// segment, the segments by their number of coders (m) and by how many of
// those gave it (ones, at least 1).
const binaryQuery = doubleCodedCTE + `
SELECT level, item, m, ones, count(*)
FROM (SELECT level, item, segment_no, count(*) AS ones FROM g GROUP BY level, item, segment_no)
JOIN seg USING (segment_no)
GROUP BY level, item, m, ones
ORDER BY level, item, m, ones`

// coderQuery counts, per code and category, the double-coded segments each
// coder gave it (for Cohen's kappa).
const coderQuery = doubleCodedCTE + `
SELECT level, item, coder, count(*) FROM g GROUP BY level, item, coder ORDER BY level, item, coder`

// chainCodingsQuery returns the codings of double-coded segments that are
// linked to a chain, for chain agreement; segmentCodersQuery the coders of
// those segments.
const chainCodingsQuery = doubleCodedCTE + `
SELECT segment_no, coder, code, dimension, category, chain_kind || ':' || chain_ref
FROM dc WHERE chain_kind IS NOT NULL AND chain_ref IS NOT NULL
ORDER BY segment_no, coder, code, 6`

const segmentCodersQuery = doubleCodedCTE + `
SELECT DISTINCT segment_no, coder FROM dc
WHERE segment_no IN (SELECT segment_no FROM dc WHERE chain_kind IS NOT NULL AND chain_ref IS NOT NULL)
ORDER BY segment_no, coder`

// codebookQuery lists the codebook in the order of codes.csv.
const codebookQuery = `
SELECT code, label, dimension, category, parent IS NULL FROM codes ORDER BY dimension, code`

type agCode struct {
	code, label, dimension, category string
	top                              bool // a category
}

// A dcCoding is one coding of a double-coded segment.
type dcCoding struct {
	segment                                 int
	coder, code, dimension, category, chain string // chain: kind:ref
}

// An agItem is a code or a category ("code" or "category" level).
type agItem struct{ level, code string }

// binaryCounts are the reliability data of one yes/no question asked of
// the double-coded segments, counted: units[{m, ones}] segments have m
// coders, ones of whom said yes; gave[coder] is how many segments coder
// said yes to.
type binaryCounts struct {
	units map[[2]int]int
	gave  map[string]int
}

func newBinaryCounts() binaryCounts {
	return binaryCounts{units: map[[2]int]int{}, gave: map[string]int{}}
}

// add pools b into a: the units of both.
func (a binaryCounts) add(b binaryCounts) {
	for k, n := range b.units {
		a.units[k] += n
	}
	for k, n := range b.gave {
		a.gave[k] += n
	}
}

// doubleCoded is what agreement is computed from, for one scope.
type doubleCoded struct {
	codebook  []agCode
	segments  int                     // double-coded segments
	byCoders  map[int]int             // number of coders -> double-coded segments
	coders    []string                // their coders, sorted
	yes       map[agItem]binaryCounts // segments given a code or category, by m and ones >= 1
	codings   []dcCoding              // the codings of double-coded segments linked to a chain
	segCoders map[int][]string        // the coders of those codings' segments, sorted
}

func loadDoubleCoded(ctx context.Context, q Queryer, scope string) (*doubleCoded, error) {
	d := &doubleCoded{byCoders: map[int]int{}, yes: map[agItem]binaryCounts{}, segCoders: map[int][]string{}}
	args := []any{scope}
	steps := []struct {
		name, query string
		args        []any
		row         func(scan func(...any) error) error
	}{
		{"codebook", codebookQuery, nil, func(scan func(...any) error) error {
			var c agCode
			if err := scan(&c.code, &c.label, &c.dimension, &c.category, &c.top); err != nil {
				return err
			}
			d.codebook = append(d.codebook, c)
			return nil
		}},
		{"double-coded segments", segmentsQuery, args, func(scan func(...any) error) error {
			var m, n int
			if err := scan(&m, &n); err != nil {
				return err
			}
			d.byCoders[m] = n
			d.segments += n
			return nil
		}},
		{"coders", codersQuery, args, func(scan func(...any) error) error {
			var c string
			if err := scan(&c); err != nil {
				return err
			}
			d.coders = append(d.coders, c)
			return nil
		}},
		{"codes given", binaryQuery, args, func(scan func(...any) error) error {
			var it agItem
			var m, ones, n int
			if err := scan(&it.level, &it.code, &m, &ones, &n); err != nil {
				return err
			}
			d.item(it).units[[2]int{m, ones}] += n
			return nil
		}},
		{"codes given by coder", coderQuery, args, func(scan func(...any) error) error {
			var it agItem
			var coder string
			var n int
			if err := scan(&it.level, &it.code, &coder, &n); err != nil {
				return err
			}
			d.item(it).gave[coder] += n
			return nil
		}},
		{"chain codings", chainCodingsQuery, args, func(scan func(...any) error) error {
			var c dcCoding
			if err := scan(&c.segment, &c.coder, &c.code, &c.dimension, &c.category, &c.chain); err != nil {
				return err
			}
			d.codings = append(d.codings, c)
			return nil
		}},
		{"coders of chain segments", segmentCodersQuery, args, func(scan func(...any) error) error {
			var seg int
			var coder string
			if err := scan(&seg, &coder); err != nil {
				return err
			}
			d.segCoders[seg] = append(d.segCoders[seg], coder)
			return nil
		}},
	}
	for _, s := range steps {
		if err := scanRows(ctx, q, s.query, s.args, s.row); err != nil {
			return nil, fmt.Errorf("%s: %w", s.name, err)
		}
	}
	// DuckDB sorts text by its bytes, as Go does; sort again so that the
	// coders' order does not rest on that.
	slices.Sort(d.coders)
	for _, cs := range d.segCoders {
		slices.Sort(cs)
	}
	return d, nil
}

func (d *doubleCoded) item(it agItem) binaryCounts {
	b, ok := d.yes[it]
	if !ok {
		b = newBinaryCounts()
		d.yes[it] = b
	}
	return b
}

// scanRows runs query and calls row for each result row.
func scanRows(ctx context.Context, q Queryer, query string, args []any, row func(scan func(...any) error) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}

// binary is the reliability data of one yes/no question per double-coded
// segment, does it have it: a coder's value is 1 when the coder gave the
// segment the code (for level "category", a code of the category), 0 when
// the coder coded the segment otherwise, missing when the coder did not
// code it at all.
func (d *doubleCoded) binary(level, code string) binaryCounts {
	b := newBinaryCounts()
	for m, n := range d.byCoders {
		b.units[[2]int{m, 0}] = n
	}
	if y, ok := d.yes[agItem{level, code}]; ok {
		for k, n := range y.units {
			b.units[k] += n
			b.units[[2]int{k[0], 0}] -= n
		}
		maps.Copy(b.gave, y.gave)
	}
	return b
}

// measureBinary computes percent agreement, Krippendorff's alpha and, for
// exactly two coders, Cohen's kappa on counted yes/no data, as measure
// does on the units themselves.
func measureBinary(b binaryCounts, coders []string) measured {
	m := measured{allAbsent: true, allGiven: true}
	var patterns []stats.Pattern
	n, agree := 0, 0
	for k, units := range b.units {
		values, ones := k[0], k[1]
		if units == 0 {
			continue
		}
		m.allAbsent = m.allAbsent && ones == 0
		m.allGiven = m.allGiven && ones == values
		patterns = append(patterns, stats.Pattern{Values: map[string]int{"1": ones, "0": values - ones}, Units: units})
		if values < 2 {
			continue
		}
		m.pairable += units
		n += units
		if ones == 0 || ones == values {
			m.agreeing += units
			agree += units
		}
	}
	m.alpha, m.alphaErr = stats.KrippendorffAlphaPatterns(patterns)
	m.kappaErr = errNotTwo
	if len(coders) == 2 {
		// Two coders: every double-coded segment has both.
		a, c := b.gave[coders[0]], b.gave[coders[1]]
		m.kappa, m.kappaErr = stats.CohenKappaCounts(n, agree,
			map[string]int{"1": a, "0": n - a}, map[string]int{"1": c, "0": n - c})
	}
	return m
}

// measured are the agreement statistics of one set of reliability data.
type measured struct {
	pairable  int // units with two or more values
	agreeing  int // of which every value is the same
	kappa     float64
	kappaErr  error // ErrUndefined, or errNotTwo when there are not two coders
	alpha     float64
	alphaErr  error
	allAbsent bool // every value "0" (binary data)
	allGiven  bool // every value "1"
}

var errNotTwo = errors.New("kappa needs exactly two coders")

// measure computes percent agreement, Krippendorff's alpha and, for exactly
// two coders, Cohen's kappa on units (units[u][c], "" for missing).
func measure(units [][]string, coders int) measured {
	m := measured{allAbsent: true, allGiven: true}
	for _, u := range units {
		var vals []string
		for _, v := range u {
			if v != "" {
				vals = append(vals, v)
				m.allAbsent = m.allAbsent && v == "0"
				m.allGiven = m.allGiven && v == "1"
			}
		}
		if len(vals) < 2 {
			continue
		}
		m.pairable++
		if !slices.ContainsFunc(vals, func(v string) bool { return v != vals[0] }) {
			m.agreeing++
		}
	}
	m.alpha, m.alphaErr = stats.KrippendorffAlpha(units)
	m.kappaErr = errNotTwo
	if coders == 2 {
		a, b := make([]string, len(units)), make([]string, len(units))
		for i, u := range units {
			a[i], b[i] = u[0], u[1]
		}
		m.kappa, m.kappaErr = stats.CohenKappa(a, b)
	}
	return m
}

// percent is the share of pairable units on which every coder agrees, "" when none.
func (m measured) percent() string {
	if m.pairable == 0 {
		return ""
	}
	return fixed(100*float64(m.agreeing)/float64(m.pairable), 1)
}

// fixed formats x with k decimals, without a minus sign on a zero.
func fixed(x float64, k int) string {
	s := strconv.FormatFloat(x, 'f', k, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}

// alphaCells formats alpha and its verdict, judged on the printed value, by
// Krippendorff's (2004) conventional thresholds.
func alphaCells(lang string, m measured) (alpha, verdict string) {
	if m.alphaErr != nil {
		return "", ""
	}
	alpha = fixed(m.alpha, 3)
	v, _ := strconv.ParseFloat(alpha, 64)
	switch {
	case v >= 0.8:
		return alpha, text(lang, "verdict.reliable")
	case v >= 0.667:
		return alpha, text(lang, "verdict.tentative")
	}
	return alpha, text(lang, "verdict.unreliable")
}

// noVariation says why alpha is not defined on binary data that has units.
func noVariation(lang string, m measured) string {
	switch {
	case m.allAbsent:
		return text(lang, "agreement.absent")
	case m.allGiven:
		return text(lang, "agreement.everywhere")
	}
	return text(lang, "agreement.novariation")
}

var agreementHeader = []string{"level", "code", "label", "dimension", "segments", "units", "coders",
	"agreement_percent", "kappa", "alpha", "verdict", "note"}

// agreementRecords builds agreement.csv: one row per code of the codebook,
// one per category, and one overall row that pools (segment, code) pairs of
// the codes applied in the double-coded segments.
func agreementRecords(d *doubleCoded, lang string) [][]string {
	out := [][]string{agreementHeader}
	row := func(level string, c agCode, units int, b binaryCounts, extra string) {
		rec := []string{level, c.code, c.label, c.dimension, strconv.Itoa(d.segments), strconv.Itoa(units),
			strconv.Itoa(len(d.coders)), "", "", "", "", ""}
		var notes []string
		if d.segments == 0 {
			rec[11] = text(lang, "agreement.none")
			out = append(out, rec)
			return
		}
		m := measureBinary(b, d.coders)
		rec[7] = m.percent()
		rec[9], rec[10] = alphaCells(lang, m)
		switch {
		case m.kappaErr == nil:
			rec[8] = fixed(m.kappa, 3)
		case errors.Is(m.kappaErr, errNotTwo):
			notes = append(notes, fmt.Sprintf(text(lang, "agreement.kappa"), len(d.coders)))
		}
		if m.alphaErr != nil {
			notes = append(notes, noVariation(lang, m))
		}
		if extra != "" {
			notes = append(notes, extra)
		}
		rec[11] = strings.Join(notes, "; ")
		out = append(out, rec)
	}
	for _, c := range d.codebook {
		row("code", c, d.segments, d.binary("code", c.code), "")
	}
	for _, c := range d.codebook {
		if c.top {
			row("category", c, d.segments, d.binary("category", c.code), "")
		}
	}
	// Overall: the codes some coder applied here, each asked of every segment.
	pooled := newBinaryCounts()
	inPlay := 0
	for _, c := range d.codebook {
		if _, ok := d.yes[agItem{"code", c.code}]; ok {
			pooled.add(d.binary("code", c.code))
			inPlay++
		}
	}
	extra := ""
	if d.segments > 0 {
		extra = fmt.Sprintf(text(lang, "agreement.pooled"), inPlay)
	}
	row("overall", agCode{}, inPlay*d.segments, pooled, extra)
	return out
}

// WriteAgreement writes agreement.csv and chain_agreement.csv of scope into
// dir, in the study's language.
func WriteAgreement(ctx context.Context, q Queryer, scope, dir, lang string) error {
	return writeAgreement(ctx, q, scope, lang, dest{dir: dir, scope: scope})
}

func writeAgreement(ctx context.Context, q Queryer, scope, lang string, out dest) error {
	d, err := loadDoubleCoded(ctx, q, scope)
	if err != nil {
		return err
	}
	if err := out.table("agreement.csv", agreementRecords(d, lang)); err != nil {
		return err
	}
	return out.table("chain_agreement.csv", chainAgreementRecords(d, lang))
}
