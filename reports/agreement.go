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

// doubleCodedQuery returns the codings of the scope's double-coded segments:
// those that two or more coders coded. Codings without a coder cannot be
// attributed and are left out.
const doubleCodedQuery = `
WITH f AS (SELECT * FROM codings WHERE coder IS NOT NULL AND ($1 = 'all' OR work_package = $1)),
     d AS (SELECT segment_no FROM f GROUP BY segment_no HAVING count(DISTINCT coder) >= 2)
SELECT f.segment_no, f.coder, f.code, f.dimension, f.category,
       coalesce(f.chain_kind || ':' || f.chain_ref, '')
FROM f
WHERE f.segment_no IN (SELECT segment_no FROM d)
ORDER BY f.segment_no, f.coder, f.code, 6`

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
	coder, code, dimension, category, chain string // chain: kind:ref, "" for none
}

// doubleCoded is what agreement is computed from, for one scope.
type doubleCoded struct {
	codebook []agCode
	codings  []dcCoding
	segments []int                              // double-coded segments, ascending
	coders   []string                           // their coders, sorted
	codes    map[int]map[string]map[string]bool // segment -> coder -> codes given
}

func loadDoubleCoded(ctx context.Context, q Queryer, scope string) (*doubleCoded, error) {
	d := &doubleCoded{codes: map[int]map[string]map[string]bool{}}
	err := scanRows(ctx, q, codebookQuery, nil, func(scan func(...any) error) error {
		var c agCode
		if err := scan(&c.code, &c.label, &c.dimension, &c.category, &c.top); err != nil {
			return err
		}
		d.codebook = append(d.codebook, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("codebook: %w", err)
	}
	coders := map[string]bool{}
	err = scanRows(ctx, q, doubleCodedQuery, []any{scope}, func(scan func(...any) error) error {
		var c dcCoding
		if err := scan(&c.segment, &c.coder, &c.code, &c.dimension, &c.category, &c.chain); err != nil {
			return err
		}
		d.codings = append(d.codings, c)
		if d.codes[c.segment] == nil {
			d.codes[c.segment] = map[string]map[string]bool{}
			d.segments = append(d.segments, c.segment)
		}
		if d.codes[c.segment][c.coder] == nil {
			d.codes[c.segment][c.coder] = map[string]bool{}
		}
		d.codes[c.segment][c.coder][c.code] = true
		coders[c.coder] = true
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("double-coded segments: %w", err)
	}
	d.coders = slices.Sorted(maps.Keys(coders))
	return d, nil
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

// binaryUnits is the reliability data of one yes/no question per segment:
// units[u][c] is "1" when coder c gave segment u a code for which has holds,
// "0" when c coded the segment otherwise, and "" (missing) when c did not
// code it at all.
func (d *doubleCoded) binaryUnits(has func(code string) bool) [][]string {
	units := make([][]string, 0, len(d.segments))
	for _, seg := range d.segments {
		u := make([]string, len(d.coders))
		for i, coder := range d.coders {
			given, ok := d.codes[seg][coder]
			if !ok {
				continue
			}
			u[i] = "0"
			for code := range given {
				if has(code) {
					u[i] = "1"
					break
				}
			}
		}
		units = append(units, u)
	}
	return units
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
	row := func(level string, c agCode, units [][]string, extra string) {
		rec := []string{level, c.code, c.label, c.dimension, strconv.Itoa(len(d.segments)), strconv.Itoa(len(units)),
			strconv.Itoa(len(d.coders)), "", "", "", "", ""}
		var notes []string
		if len(d.segments) == 0 {
			rec[11] = text(lang, "agreement.none")
			out = append(out, rec)
			return
		}
		m := measure(units, len(d.coders))
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
		row("code", c, d.binaryUnits(func(code string) bool { return code == c.code }), "")
	}
	category := map[string]string{}
	for _, c := range d.codebook {
		category[c.code] = c.category
	}
	for _, c := range d.codebook {
		if c.top {
			row("category", c, d.binaryUnits(func(code string) bool { return category[code] == c.code }), "")
		}
	}
	// Overall: the codes some coder applied here, each asked of every segment.
	applied := map[string]bool{}
	for _, x := range d.codings {
		applied[x.code] = true
	}
	var inPlay []string
	for _, c := range d.codebook {
		if applied[c.code] {
			inPlay = append(inPlay, c.code)
		}
	}
	var pooled [][]string
	for _, code := range inPlay {
		pooled = append(pooled, d.binaryUnits(func(x string) bool { return x == code })...)
	}
	extra := ""
	if len(d.segments) > 0 {
		extra = fmt.Sprintf(text(lang, "agreement.pooled"), len(inPlay))
	}
	row("overall", agCode{}, pooled, extra)
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
