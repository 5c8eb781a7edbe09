package data

import "slices"

// Columns of a segment row (segmentHeader).
const (
	synthColSegment = 1
	synthColCode    = 2
	synthColCoder   = 5
	synthColValence = 8
)

// secondCoders adds, for a share of the segments, the rows of a second
// coder: mostly the first coder's codes, now and then another code of the
// same dimension or one more. Unless RepeatAgreed, a code the first coder
// gave too is left out, so each (interview, segment, code) stays unique.
// double holds the index in out of the first second-coder row of each
// segment that has one.
func (g *synth) secondCoders(rows [][]string) (out [][]string, double []int) {
	if g.opt.DoubleCoded == 0 {
		return rows, nil
	}
	out = make([][]string, 0, len(rows)+len(rows)/4)
	for len(rows) > 0 {
		n := 1
		for n < len(rows) && rows[n][synthColSegment] == rows[0][synthColSegment] {
			n++
		}
		seg := rows[:n]
		rows = rows[n:]
		out = append(out, seg...)
		if !g.r.chance(g.opt.DoubleCoded) {
			continue
		}
		at := len(out)
		first := make([]string, len(seg))
		for i, row := range seg {
			first[i] = row[synthColCode]
		}
		coder := g.people.coder(g.r, seg[0][synthColCoder])
		for _, code := range g.r.recodeSynthetic(first) {
			if !g.opt.RepeatAgreed && slices.Contains(first, code) {
				continue
			}
			row := slices.Clone(seg[0])
			row[synthColCode], row[synthColCoder], row[synthColValence] = code, coder, g.r.valence(code)
			out = append(out, row)
		}
		if len(out) > at {
			double = append(double, at)
		}
	}
	return out, double
}

// recodeSynthetic is how a second coder codes a segment the first coded with codes:
// each code agreed four times in five, else another of its dimension, and
// one time in ten a code more. No code twice.
func (r *rng) recodeSynthetic(codes []string) []string {
	var out []string
	add := func(c string) {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	for _, c := range codes {
		if r.chance(0.8) {
			add(c)
		} else {
			add(r.draw(byID[c].dim, nil, 0.12))
		}
	}
	if r.chance(0.1) {
		add(r.draw(r.pick([]string{"C", "I", "M", "O"}), nil, 0.12))
	}
	return out
}
