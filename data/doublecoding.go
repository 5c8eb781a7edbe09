package data

import "slices"

// doubleShare is the chance that a passage of a work package is coded again
// by the other coder, so that intercoder agreement can be computed: about
// one in seven WP2 segments and a few WP1 segments.
var doubleShare = map[string]float64{"WP1": 0.025, "WP2": 0.14}

// Columns of a segment row (segmentHeader) that double coding changes.
const (
	colCode = iota + 2
	colEvent
	colChain
	colCoder
)

// doubleCode has the other coder code some passages again, in rows right
// after the first coder's: a whole intervention moment (the segments of one
// interview on one event or chain), or a loose segment, as coders check each
// other on whole passages. The second coder mostly agrees, but not always: a
// code is now and then left out or swapped for a sibling, a code is
// sometimes added, and a segment is sometimes linked to a neighbouring event
// (WP2) or left out of its chain (WP1). It draws from its own stream, so the
// first coding stays exactly as it was.
func (d *design) doubleCode(segs map[string][][]string) {
	r := newRNG(30)
	near := d.neighbours()
	for _, wp := range workPackages {
		share := doubleShare[wp[0]]
		if share == 0 {
			continue
		}
		rows := segs[wp[0]]
		var out [][]string
		for i := 0; i < len(rows); {
			j := i // the passage: one segment, or a moment's segments
			for j < len(rows) && samePassage(rows[i], rows[j]) {
				j++
			}
			twice := r.chance(share)
			for k := i; k < j; {
				l := k // the segment
				for l < j && rows[l][1] == rows[k][1] {
					l++
				}
				out = append(out, rows[k:l]...)
				if twice {
					out = append(out, r.recode(rows[k:l], near)...)
				}
				k = l
			}
			i = j
		}
		segs[wp[0]] = out
	}
}

// samePassage says whether two segment rows belong to one passage: the
// same segment, or the same interview's telling of one event or chain.
func samePassage(a, b []string) bool {
	if a[0] != b[0] {
		return false
	}
	if a[colEvent] != "" || a[colChain] != "" {
		return a[colEvent] == b[colEvent] && a[colChain] == b[colChain]
	}
	return a[1] == b[1]
}

// recode is the other coder's coding of one segment (its rows).
func (r *rng) recode(seg [][]string, near map[string]string) [][]string {
	other := map[string]string{"codeur-A": "codeur-B", "codeur-B": "codeur-A"}[seg[0][colCoder]]
	event, chain := seg[0][colEvent], seg[0][colChain]
	if r.chance(0.08) {
		switch {
		case event != "":
			event = near[event]
		case chain != "":
			chain = ""
		}
	}
	var out [][]string
	add := func(src []string, code string) {
		for _, row := range out {
			if row[colCode] == code {
				return
			}
		}
		row := slices.Clone(src)
		row[colCode], row[colEvent], row[colChain], row[colCoder] = code, event, chain, other
		out = append(out, row)
	}
	for _, row := range seg {
		switch x := r.Float64(); {
		case x < 0.08: // left out
		case x < 0.16:
			add(row, r.sibling(row[colCode]))
		default:
			add(row, row[colCode])
		}
	}
	if len(out) == 0 {
		add(seg[0], seg[0][colCode])
	}
	if len(out) < 3 && r.chance(0.06) {
		src := seg[r.IntN(len(seg))]
		add(src, r.sibling(src[colCode]))
	}
	return out
}

// sibling picks another code with the same parent (another category of the
// same dimension for a category), the likeliest mix-up between coders.
func (r *rng) sibling(id string) string {
	c := byID[id]
	var ids []string
	for _, s := range children(c.dim, c.parent) {
		if s.id != id {
			ids = append(ids, s.id)
		}
	}
	return r.pick(ids)
}

// neighbours maps every event to the next event of its case (the previous
// one for the last): where a coder might place a moment instead.
func (d *design) neighbours() map[string]string {
	near := map[string]string{}
	for _, c := range d.cases {
		for i, e := range c.events {
			if i+1 < len(c.events) {
				near[e.id] = c.events[i+1].id
			} else {
				near[e.id] = c.events[i-1].id
			}
		}
	}
	return near
}
