package data

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

var segmentHeader = []string{"interview_id", "segment_id", "code", "event_id", "chain_id", "coder", "start", "end", "valence", "quote"}

// transcript numbers the coded segments of one interview and places them at
// increasing character offsets.
type transcript struct {
	iv    *interview
	coder string
	n     int // segments so far
	pos   int // offset where the previous segment ended
	rows  *[][]string
}

// segment adds one coded passage: one row per code, sharing id, offsets and quote.
func (t *transcript) segment(r *rng, items []item, event, chain string) {
	t.n++
	id := fmt.Sprintf("S%03d", t.n)
	q := r.quote(items[0].code)
	start := t.pos + r.between(15, 400)
	end := start + utf8.RuneCountInString(q) + r.between(0, 240)
	t.pos = end
	for _, it := range items {
		*t.rows = append(*t.rows, []string{
			t.iv.id, id, it.code, event, chain, t.coder,
			strconv.Itoa(start), strconv.Itoa(end), it.valence, q,
		})
	}
}

// tell adds a whole moment, packed into segments.
func (t *transcript) tell(r *rng, items []item, event, chain string) {
	for _, seg := range r.pack(items) {
		t.segment(r, seg, event, chain)
	}
}

// coding carries what the work packages share while they are coded.
type coding struct {
	d        *design
	chains   int                      // chain ids given so far, across the study
	chainsOf map[*respondent][]string // WP1 chains per respondent, to continue in WP3
}

// codeSegments invents the coded segments of every work package, each from
// its own random stream, and returns their rows by work package id.
func (d *design) codeSegments() map[string][][]string {
	c := &coding{d: d, chainsOf: map[*respondent][]string{}}
	out := map[string][][]string{}
	for i, wp := range workPackages {
		r := newRNG(uint64(10 + i))
		var rows [][]string
		for _, iv := range d.interviews {
			if iv.wp != wp[0] {
				continue
			}
			coder := "codeur-A"
			if r.chance(0.45) {
				coder = "codeur-B"
			}
			t := &transcript{iv: iv, coder: coder, rows: &rows}
			if iv.wp == "WP2" {
				c.timeline(r, t)
			} else {
				c.thematic(r, t)
			}
		}
		out[wp[0]] = rows
	}
	return out
}

// timeline codes a WP2 interview on the events of its case. The chain of an
// event is its event_id, so a client's and a professional's accounts of the
// same moment form one chain; both only ever use the moment's codes.
func (c *coding) timeline(r *rng, t *transcript) {
	tellCase(r, t, c.d.caseOf(t.iv.caseID))
}

// tellCase codes an interview on the events of case cf.
func tellCase(r *rng, t *transcript, cf *caseFile) {
	client := t.iv.resp.role == roleClient
	for _, e := range covered(r, cf, t.iv) {
		items := e.moment
		if client {
			items = told(r, items)
		}
		t.tell(r, items, e.id, "")
		extra := r.between(0, 3)
		if client {
			extra = r.between(0, 1)
		}
		for range extra { // the interviewee returns to the moment later on
			t.segment(r, []item{items[r.IntN(len(items))]}, e.id, "")
		}
	}
}

// covered returns the events an interview talks about. Professionals who are
// interviewed more than once about a case split its timeline, overlapping by
// one event; clients tell only part of it, but every breakthrough.
func covered(r *rng, cf *caseFile, iv *interview) []*event {
	var profs []*interview
	for _, x := range cf.interviews {
		if x.resp.role != roleClient {
			profs = append(profs, x)
		}
	}
	if iv.resp.role != roleClient || len(profs) == 0 {
		k := 0
		for k < len(profs) && profs[k] != iv {
			k++
		}
		n := len(cf.events)
		m := max(len(profs), 1)
		from, to := max(k*n/m-1, 0), (k+1)*n/m
		return cf.events[from:to]
	}
	var out []*event
	for _, e := range cf.events {
		if e.kind == "breakthrough" || r.chance(0.5) {
			out = append(out, e)
		}
	}
	return out
}

// told is what a client tells of a moment: what it did to them, sometimes the
// context or what the worker did.
func told(r *rng, items []item) []item {
	var out []item
	for _, it := range items {
		switch byID[it.code].dim {
		case "M", "O":
			out = append(out, it)
		case "C":
			if r.chance(0.5) {
				out = append(out, it)
			}
		case "I":
			if r.chance(0.4) {
				out = append(out, it)
			}
		}
	}
	if len(out) == 0 {
		return items
	}
	return out
}

func (d *design) caseOf(id string) *caseFile {
	for _, c := range d.cases {
		if c.id == id {
			return c
		}
	}
	panic("no case " + id)
}
