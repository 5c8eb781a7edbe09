package coding

import (
	"fmt"
	"strconv"
)

// The rows of one segment must describe one passage: a segment id is unique
// within its interview, so every row with the same (interview_id,
// segment_id) is the same passage with another code or coder.
//
//   - start, end and quote belong to the passage: where two rows both give
//     one, they must give the same (a quote written on the first row only is
//     fine);
//   - event_id and chain_id say which timeline event and chain one coder
//     linked the passage to: the rows of one coder must agree, empty or not,
//     or the passage would count in two chains at once. Two coders may link
//     it differently; that is what chain agreement measures.
//
// What each segment's rows gave is kept in its segState (read.go).

// coderLink is what one coder's first row of a segment linked it to.
type coderLink struct {
	coder string
	given [2]given // event_id, chain_id
}

// given is a value with the row it was first given on.
type given struct {
	value string
	at    place
	set   bool
}

// checkAgreement records the row of s at line of file in st, its segment's
// state, reporting every column that disagrees with an earlier row of the
// same segment, by the rules above; ok is false if any does.
func (r *refs) checkAgreement(st *segState, file string, line int, s Segment) (ok bool) {
	ok = true
	at := place{file, line}
	where := func(p place) string { return fmt.Sprintf("%s:%d", p.file, p.line) }

	pg := &st.passage
	for i, c := range []struct{ col, v string }{{"start", position(s.Start)}, {"end", position(s.End)}, {"quote", s.Quote}} {
		g := &pg[i]
		switch {
		case c.v == "":
		case !g.set:
			*g = given{value: c.v, at: at, set: true}
		case g.value != c.v && c.col == "quote":
			// The quote itself is not repeated: it is confidential, and long.
			r.add(file, line, c.col, "segment %q of interview %q has another quote here than at %s: a segment is one passage; "+
				"give its rows the same quote, or write it on one row only", s.SegmentID, s.InterviewID, where(g.at))
			ok = false
		case g.value != c.v:
			r.add(file, line, c.col, "segment %q of interview %q has %s %q here but %q at %s: a segment is one passage; give its rows the same %s",
				s.SegmentID, s.InterviewID, c.col, c.v, g.value, where(g.at), c.col)
			ok = false
		}
	}

	var lg *[2]given
	for i := range st.linked {
		if st.linked[i].coder == s.Coder {
			lg = &st.linked[i].given
			break
		}
	}
	if lg == nil {
		st.linked = append(st.linked, coderLink{coder: s.Coder,
			given: [2]given{{value: s.EventID, at: at, set: true}, {value: s.ChainID, at: at, set: true}}})
		return ok
	}
	for i, c := range []struct{ col, v string }{{"event_id", s.EventID}, {"chain_id", s.ChainID}} {
		if g := lg[i]; g.value != c.v {
			by := ""
			if s.Coder != "" {
				by = fmt.Sprintf(" from coder %q", s.Coder)
			}
			r.add(file, line, c.col, "segment %q of interview %q has %s here but %s at %s: give every row of the segment%s the same %s",
				s.SegmentID, s.InterviewID, valueOrNone(c.col, c.v), valueOrNone(c.col, g.value), where(g.at), by, c.col)
			ok = false
		}
	}
	return ok
}

// valueOrNone names a cell's value in a message, or says it is empty.
func valueOrNone(col, v string) string {
	if v == "" {
		return "no " + col
	}
	return fmt.Sprintf("%s %q", col, v)
}

// position writes a segment's position as a number, or "" for none.
func position(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}
