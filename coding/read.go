package coding

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Sources names a study's tables, their files relative to Dir, as the study
// file gives them.
type Sources struct {
	Dir string
	// Codebook is a table, or a REFI-QDA file (IsREFI) whose codes become
	// the codebook as CodebookCodes says.
	Codebook      Table
	CodebookCodes REFICodebook
	Respondents   Table // optional with Projects: File is empty for none
	Interviews    Table // optional with Projects
	Events        Table // optional
	Segments      []Table
	// Projects are REFI-QDA projects whose sources, cases and coded
	// selections add interviews, respondents and segments to the tables'.
	Projects     []Project
	WorkPackages []string // the ids interviews may name
	// AllowPII turns off the check that no cell holds personal data (an
	// e-mail address, phone number, BSN or IBAN: see FindPII), which
	// otherwise makes each such cell a problem.
	AllowPII bool
}

// Read reads and validates a whole study. Bad input gives a *Problems listing
// every fault found; a cancelled context gives its error.
func Read(ctx context.Context, src Sources) (*Study, error) {
	tr := &tableReader{dir: src.Dir, problems: &Problems{}, scanPII: !src.AllowPII}
	st := &Study{}
	var err error
	r := &refs{src: src, tr: tr, st: st, segs: map[segKey]*segState{}}
	if src.Codebook.File != "" && IsREFI(filepath.Join(src.Dir, src.Codebook.File)) {
		st.Codebook, r.have.codebook, err = r.readREFICodebook(ctx)
	} else {
		st.Codebook, r.have.codebook, err = tr.readCodebook(ctx, src.Codebook)
	}
	if err != nil {
		return nil, err
	}
	// Projects come after the tables they may be listed in and before the
	// segments tables, which may code their interviews.
	steps := []func(context.Context) error{r.readRespondents, r.readInterviews, r.readProjects, r.readEvents, r.readSegments, r.projectSegments}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return nil, err
		}
	}
	st.Segments = r.segments.all()
	st.Warnings = tr.warnings
	if err := tr.problems.err(); err != nil {
		return nil, err
	}
	return st, nil
}

// refs reads the tables that refer to each other, keeping the indexes that
// later tables are checked against.
type refs struct {
	src         Sources
	tr          *tableReader
	st          *Study
	respondents map[string]int
	interviews  map[string]int
	events      map[string]int
	// have says which tables could be read: references into a table that
	// could not are not checked, as each would only repeat its fault.
	have struct{ codebook, respondents, interviews, events bool }
	// segs span tables and projects: see segState.
	segs     map[segKey]*segState
	free     []segState    // allocated in blocks, for segs
	ints     []int         // allocated in blocks, for positions
	lastNo   int           // the number of the last segment numbered
	segments segmentBlocks // the study's, until the last table is read
	projectState
}

func (r *refs) add(file string, line int, col, format string, args ...any) {
	r.tr.problems.add(file, line, col, format, args...)
}

// unique records id at line in seen, reporting an earlier row with the same id.
func (r *refs) unique(seen map[string]int, rows func(int) int, file string, line int, col, id string, at int) bool {
	if id == "" {
		r.add(file, line, col, "is empty: every row needs one")
		return false
	}
	if j, dup := seen[id]; dup {
		r.add(file, line, col, "%q is already used on row %d: ids must be unique", id, rows(j))
		return false
	}
	seen[id] = at
	return true
}

func (r *refs) readRespondents(ctx context.Context) error {
	file := r.src.Respondents.File
	r.respondents = map[string]int{}
	if file == "" { // a study of projects may have none
		r.have.respondents = true
		return nil
	}
	cols := respondentColumns
	var err error
	r.have.respondents, err = r.tr.read(ctx, r.src.Respondents, cols, func(w row) {
		p := Respondent{ID: w.get("respondent_id"), Role: w.get("role"), City: w.get("city"),
			Organisation: w.get("organisation"), File: file, Row: w.line}
		if !r.unique(r.respondents, func(j int) int { return r.st.Respondents[j].Row }, file, w.line, "respondent_id", p.ID, len(r.st.Respondents)) {
			return
		}
		if p.Role == "" {
			r.add(file, w.line, "role", "is empty: give respondent %q a role", p.ID)
		}
		if p.City == "" {
			r.add(file, w.line, "city", "is empty: give respondent %q a city", p.ID)
		}
		r.st.Respondents = append(r.st.Respondents, p)
	})
	return err
}

func (r *refs) readInterviews(ctx context.Context) error {
	file := r.src.Interviews.File
	r.interviews = map[string]int{}
	if file == "" {
		r.have.interviews = true
		return nil
	}
	cols := interviewColumns
	var err error
	r.have.interviews, err = r.tr.read(ctx, r.src.Interviews, cols, func(w row) {
		iv := Interview{ID: w.get("interview_id"), RespondentID: w.get("respondent_id"),
			WorkPackage: w.get("work_package"), CaseID: w.get("case_id"), File: file, Row: w.line}
		if !r.unique(r.interviews, func(j int) int { return r.st.Interviews[j].Row }, file, w.line, "interview_id", iv.ID, len(r.st.Interviews)) {
			return
		}
		if _, ok := r.respondents[iv.RespondentID]; !ok && r.have.respondents {
			if r.src.Respondents.File == "" {
				r.add(file, w.line, "respondent_id", "unknown respondent %q: study.yaml names no respondents table; add one that lists the respondents of %s", iv.RespondentID, file)
			} else {
				r.add(file, w.line, "respondent_id", "unknown respondent %q (not in %s)", iv.RespondentID, r.src.Respondents.File)
			}
		}
		if !slices.Contains(r.src.WorkPackages, iv.WorkPackage) {
			r.add(file, w.line, "work_package", "unknown work package %q: study.yaml lists %s", iv.WorkPackage, strings.Join(r.src.WorkPackages, ", "))
		}
		var err error
		if iv.Date, err = ParseDate(w.get("date")); err != nil {
			r.add(file, w.line, "date", "%v", err)
		}
		r.st.Interviews = append(r.st.Interviews, iv)
	})
	return err
}

func (r *refs) readEvents(ctx context.Context) error {
	r.events = map[string]int{}
	file := r.src.Events.File
	if file == "" {
		return nil
	}
	seqs := map[[2]string]int{} // (case, seq) -> row
	cols := eventColumns
	var err error
	r.have.events, err = r.tr.read(ctx, r.src.Events, cols, func(w row) {
		ev := Event{CaseID: w.get("case_id"), ID: w.get("event_id"), Kind: w.get("kind"), Phase: w.get("phase"),
			Description: w.get("description"), File: file, Row: w.line}
		if !r.unique(r.events, func(j int) int { return r.st.Events[j].Row }, file, w.line, "event_id", ev.ID, len(r.st.Events)) {
			return
		}
		if ev.CaseID == "" {
			r.add(file, w.line, "case_id", "is empty: name the case (timeline) event %q belongs to", ev.ID)
		}
		seq, err := strconv.Atoi(w.get("seq"))
		if err != nil {
			r.add(file, w.line, "seq", "%q is not a whole number: seq orders the events of a case (1, 2, 3, ...)", w.get("seq"))
		} else if prev, dup := seqs[[2]string{ev.CaseID, w.get("seq")}]; dup {
			r.add(file, w.line, "seq", "case %q already has seq %d on row %d: give each event of a case its own place", ev.CaseID, seq, prev)
		} else {
			seqs[[2]string{ev.CaseID, w.get("seq")}] = w.line
		}
		ev.Seq = seq
		if !slices.Contains(EventKinds, ev.Kind) {
			r.add(file, w.line, "kind", "%q is not an event kind: use %s", ev.Kind, strings.Join(EventKinds, ", "))
		}
		if ev.Date, err = ParseDate(w.get("date")); err != nil {
			r.add(file, w.line, "date", "%v", err)
		}
		r.st.Events = append(r.st.Events, ev)
	})
	return err
}

var segmentColumns = columns{
	required: []string{"interview_id", "segment_id", "code"},
	optional: []string{"event_id", "chain_id", "coder", "start", "end", "valence", "quote"},
	verbatim: []string{"quote"},
}

type segKey struct{ interview, segment string }

// segState is what the rows of one segment read so far gave: its number,
// its codings, and what checkAgreement compares. One map of these, rather
// than a map per rule, keeps reading a large study to one lookup a row:
// with four maps of a million keys each, most of the time went to hashing
// and to cache misses, and more of it the larger the study.
type segState struct {
	no      int // 0 until a row of it is kept
	codings []codingAt
	passage [3]given // start, end, quote
	linked  []coderLink
	// The first coding and coder's links are kept in place: most segments
	// have one of each, and a million of them each allocated on their own
	// kept Go's collector busy for a third of the reading.
	coding1 [1]codingAt
	linked1 [1]coderLink
}

// A coding is one code given to a segment by one coder: two coders may give
// the same segment the same code (double coding), one coder not twice.
type codingAt struct {
	code, coder string
	at          place
}

// segment returns the state of s's segment, made on first sight.
func (r *refs) segment(s Segment) *segState {
	k := segKey{s.InterviewID, s.SegmentID}
	st := r.segs[k]
	if st == nil {
		if len(r.free) == 0 {
			r.free = make([]segState, 1024)
		}
		st, r.free = &r.free[0], r.free[1:]
		st.codings, st.linked = st.coding1[:0], st.linked1[:0]
		r.segs[k] = st
	}
	return st
}

// newInt returns a pointer to n, one of a block: a segment's start and end
// each took an allocation of their own.
func (r *refs) newInt(n int) *int {
	if len(r.ints) == 0 {
		r.ints = make([]int, 4096)
	}
	p := &r.ints[0]
	*p, r.ints = n, r.ints[1:]
	return p
}

// place is where a coding was read: a file, or a project's XML file, and line.
type place struct {
	file string
	line int
}

// codedBefore says where s's coding was read before, if it was; st is its
// segment's state.
func codedBefore(st *segState, s Segment) (first place, dup bool) {
	for _, c := range st.codings {
		if c.code == s.Code && c.coder == s.Coder {
			return c.at, true
		}
	}
	return place{}, false
}

// keepSegment adds s to the study, read at at, numbering the distinct
// (interview, segment) pairs in reading order; st is its segment's state.
func (r *refs) keepSegment(st *segState, s Segment, at place) {
	st.codings = append(st.codings, codingAt{code: s.Code, coder: s.Coder, at: at})
	if st.no == 0 {
		r.lastNo++
		st.no = r.lastNo
	}
	s.No = st.no
	r.segments.add(s)
}

// segmentBlocks gathers segments in blocks of a fixed size, made into one
// slice once all are read. Appended to one slice, a million segments
// (170 MB) were copied again at each of its growths, into fresh memory,
// each discarded copy garbage to collect: with blocks, reading the 1M-row
// study took 5.0 to 5.6 s rather than 6.1 to 6.3 s, the 100k study 0.43 s
// rather than 0.6 s.
type segmentBlocks struct {
	full [][]Segment
	cur  []Segment
	n    int
}

const segmentBlock = 1 << 14

func (b *segmentBlocks) add(s Segment) {
	if len(b.cur) == cap(b.cur) {
		if b.cur != nil {
			b.full = append(b.full, b.cur)
		}
		b.cur = make([]Segment, 0, segmentBlock)
	}
	b.cur = append(b.cur, s)
	b.n++
}

// all returns the segments in the order added; nil for none.
func (b *segmentBlocks) all() []Segment {
	if b.n == 0 {
		return nil
	}
	out := make([]Segment, 0, b.n)
	for _, blk := range b.full {
		out = append(out, blk...)
	}
	return append(out, b.cur...)
}

func (r *refs) readSegments(ctx context.Context) error {
	for _, table := range r.src.Segments {
		file := table.File
		noEvents := 0 // rows naming an event though the study has no events file
		_, err := r.tr.read(ctx, table, segmentColumns, func(w row) {
			s := Segment{InterviewID: w.get("interview_id"), SegmentID: w.get("segment_id"), Code: w.get("code"),
				EventID: w.get("event_id"), ChainID: w.get("chain_id"), Coder: w.get("coder"),
				Valence: w.get("valence"), Quote: w.get("quote"), File: file, Row: w.line}
			ok := true
			need := func(col, v string) {
				if v == "" {
					r.add(file, w.line, col, "is empty: every coded segment needs one")
					ok = false
				}
			}
			need("interview_id", s.InterviewID)
			need("segment_id", s.SegmentID)
			need("code", s.Code)
			if !ok {
				return
			}
			ivAt, ivKnown := r.interviews[s.InterviewID]
			if !ivKnown {
				if r.have.interviews {
					r.add(file, w.line, "interview_id", "unknown interview %q (not in %s)", s.InterviewID, r.interviewSources())
				}
				ok = false
			}
			if _, known := r.st.Codebook.Lookup(s.Code); !known {
				if r.have.codebook {
					r.add(file, w.line, "code", "unknown code %q (not in %s)", s.Code, r.src.Codebook.File)
				}
				ok = false
			}
			if s.EventID != "" {
				evAt, known := r.events[s.EventID]
				switch {
				case r.src.Events.File == "":
					if noEvents++; noEvents == 1 { // one fault, reported once per file
						r.add(file, w.line, "event_id", "names event %q but study.yaml has no events file: "+
							"name it in study.yaml (events: ...), or leave event_id empty in this file", s.EventID)
					}
					ok = false
				case !known:
					if r.have.events {
						r.add(file, w.line, "event_id", "unknown event %q (not in %s)", s.EventID, r.src.Events.File)
					}
					ok = false
				case ivKnown:
					iv, ev := r.st.Interviews[ivAt], r.st.Events[evAt]
					if iv.CaseID != "" && iv.CaseID != ev.CaseID {
						r.tr.warnings = append(r.tr.warnings, Warning{File: file, Row: w.line, Column: "event_id",
							Msg: fmt.Sprintf("event %q is in case %q but interview %q informs case %q: the segment counts for %q, its event's case",
								ev.ID, ev.CaseID, iv.ID, iv.CaseID, ev.CaseID)})
					}
				}
			}
			if s.Valence != "" && !slices.Contains(Valences, s.Valence) {
				r.add(file, w.line, "valence", "%q is not a valence: use %s or leave it empty", s.Valence, strings.Join(Valences, " or "))
				ok = false
			}
			// Not through pointers to s's fields: they moved every row's
			// Segment to the heap.
			pos := func(col string) *int {
				v := w.get(col)
				if v == "" {
					return nil
				}
				n, err := strconv.Atoi(v)
				if err != nil || n < 0 {
					r.add(file, w.line, col, "%q is not a position: use a whole number of characters from 0", v)
					ok = false
					return nil
				}
				return r.newInt(n)
			}
			s.Start = pos("start")
			s.End = pos("end")
			if s.Start != nil && s.End != nil && *s.End < *s.Start {
				r.add(file, w.line, "end", "segment ends (%d) before it starts (%d)", *s.End, *s.Start)
				ok = false
			}
			st := r.segment(s)
			if first, dup := codedBefore(st, s); dup {
				by := ""
				if s.Coder != "" {
					by = fmt.Sprintf(" from coder %q", s.Coder)
				}
				r.add(file, w.line, "code", "segment %q of interview %q already has code %q%s at %s:%d: remove the duplicate row",
					s.SegmentID, s.InterviewID, s.Code, by, first.file, first.line)
				ok = false
			}
			if ok && !r.checkAgreement(st, file, w.line, s) {
				ok = false
			}
			if ok {
				r.keepSegment(st, s, place{file, w.line})
			}
		})
		if err != nil {
			return err
		}
	}
	return nil
}
