package refi

import (
	"context"
	"errors"
	"fmt"
)

// resolver completes a parsed project: it reads the source texts, turns
// positions into rune offsets and quotes, and checks what refers to what.
type resolver struct {
	ctx  context.Context
	a    *archive
	base string // the folder of the .qde inside the archive
	c    *collector
	p    *parser
	idx  []*runeIndex // by source
	// unread marks the sources whose text could not be read: their
	// selections are not checked, as each would only repeat the fault.
	unread []bool
}

func (r *resolver) loadTexts() error {
	unnamed := 0
	for i := range r.p.p.Sources {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		s := &r.p.p.Sources[i]
		if s.Name == "" {
			unnamed++
			s.Name = s.GUID
			if s.Path != "" {
				s.Name = baseName(s.Path)
			}
		}
		ok := true
		if s.Path != "" {
			s.Text, ok = r.readText(s)
		}
		r.idx = append(r.idx, newRuneIndex(s.Text))
		r.unread = append(r.unread, !ok)
	}
	if unnamed > 0 {
		r.p.warnf("%d text sources have no name; each is named after its text file, or else its GUID", unnamed)
	}
	return nil
}

// readText reads and decodes the file of source s, reporting what fails.
func (r *resolver) readText(s *TextSource) (string, bool) {
	e, err := r.a.sourceEntry(r.base, s.Path)
	if err != nil {
		r.c.add(s.Line, 0, "text source %q: %v", s.Name, err)
		return "", false
	}
	b, err := r.a.readEntry(e)
	if err != nil {
		msg := fmt.Sprintf("cannot be read (%v): export the project again", reason(err))
		if errors.Is(err, errTooBig) {
			msg = r.a.tooBig()
		}
		r.addIn(e.name, "text of source %q %s", s.Name, msg)
		return "", false
	}
	text, err := decodeText(b)
	if err != nil {
		r.addIn(e.name, "text of source %q %v", s.Name, err)
		return "", false
	}
	return text, true
}

// addIn reports a fault of a file other than the .qde.
func (r *resolver) addIn(entry, format string, args ...any) {
	qde := r.c.entry
	r.c.entry = entry
	r.c.add(0, 0, format, args...)
	r.c.entry = qde
}

// sourceOf is the index of the source each selection is in.
func (r *resolver) sourceOf() []int {
	at := make(map[string]int, len(r.p.p.Sources))
	for i, s := range r.p.p.Sources {
		at[s.GUID] = i
	}
	out := make([]int, len(r.p.p.Selections))
	for i, s := range r.p.p.Selections {
		out[i] = at[s.SourceGUID]
	}
	return out
}

// positions chooses the unit (detecting it for UnitAuto) and sets each
// selection's rune offsets and quote.
func (r *resolver) positions(unit Unit) {
	sels := r.p.p.Selections
	src := r.sourceOf()
	if unit == UnitAuto {
		spans := make([]span, len(sels))
		for i, s := range sels {
			spans[i] = span{start: s.RawStart, end: s.RawEnd, text: r.idx[src[i]]}
		}
		var why string
		if unit, why = detectUnit(spans); why != "" {
			r.p.warnf("%s", why)
		}
	}
	r.p.p.Unit = unit
	empty := 0
	for i := range sels {
		s := &sels[i]
		if r.unread[src[i]] {
			continue
		}
		x, at := r.idx[src[i]], r.p.selAt[i]
		a, okA := x.toRune(s.RawStart, unit)
		b, okB := x.toRune(s.RawEnd, unit)
		switch {
		case s.RawEnd < s.RawStart:
			r.c.add(at.line, at.col, "selection %q ends (endPosition %d) before it starts (startPosition %d): export the project again", s.GUID, s.RawEnd, s.RawStart)
		case !okA || !okB:
			r.c.add(at.line, at.col, "selection %q runs from %d to %d, outside the text of source %q (%d %s) or inside one of its characters: check that the source text belongs to this project, or set the position unit (codepoints or utf16)",
				s.GUID, s.RawStart, s.RawEnd, r.p.p.Sources[src[i]].Name, x.len(unit), unitWords(unit))
		default:
			s.Start, s.End = a, b
			s.Quote = string(x.runes[a:b])
			if a == b {
				empty++
			}
		}
	}
	if empty > 0 {
		r.p.warnf("%d selections are empty (startPosition equals endPosition; ATLAS.ti writes such); they are kept with an empty quote", empty)
	}
}

func unitWords(u Unit) string {
	if u == UnitUTF16 {
		return "UTF-16 code units"
	}
	return "code points"
}

// references checks the links between users, codings, cases and variables
// that the parser could not check on its own, dropping the ones to nothing.
func (r *resolver) references() {
	p := r.p.p
	users := map[string]bool{}
	for _, u := range p.Users {
		users[u.GUID] = true
	}
	unknownUser := 0
	for i := range p.Selections {
		s := &p.Selections[i]
		if s.CreatingUser != "" && !users[s.CreatingUser] {
			unknownUser++
		}
		for _, cd := range s.Codings {
			if cd.CreatingUser != "" && !users[cd.CreatingUser] {
				unknownUser++
			}
			if cd.CodeGUID == "" {
				at := r.p.selAt[i]
				r.c.add(at.line, at.col, "a coding of selection %q has no CodeRef naming its code: export the project again", s.GUID)
			}
		}
	}
	if unknownUser > 0 {
		r.p.warnf("%d selections or codings name a creating user that is not among the project's users", unknownUser)
	}
	r.caseRefs()
	r.variableRefs()
}

func (r *resolver) caseRefs() {
	p := r.p.p
	sources, selections := map[string]bool{}, map[string]bool{}
	for _, s := range p.Sources {
		sources[s.GUID] = true
	}
	for _, s := range p.Selections {
		selections[s.GUID] = true
	}
	dropped := 0
	keep := func(gs []string, known map[string]bool) []string {
		var out []string
		for _, g := range gs {
			if known[g] {
				out = append(out, g)
			} else {
				dropped++
			}
		}
		return out
	}
	for i := range p.Cases {
		cs := &p.Cases[i]
		cs.SourceGUIDs = keep(cs.SourceGUIDs, sources)
		cs.SelectionGUIDs = keep(cs.SelectionGUIDs, selections)
	}
	if dropped > 0 {
		r.p.warnf("left out %d references of cases to sources or selections that were not read (not plain text, or not in the project)", dropped)
	}
}

func (r *resolver) variableRefs() {
	p := r.p.p
	names := map[string]string{}
	for _, v := range p.Variables {
		names[v.GUID] = v.Name
	}
	dropped := 0
	fill := func(vs []VariableValue) []VariableValue {
		var out []VariableValue
		for _, v := range vs {
			name, ok := names[v.VariableGUID]
			if !ok {
				dropped++
				continue
			}
			v.Name = name
			out = append(out, v)
		}
		return out
	}
	for i := range p.Cases {
		p.Cases[i].Values = fill(p.Cases[i].Values)
	}
	for i := range p.Sources {
		p.Sources[i].Values = fill(p.Sources[i].Values)
	}
	if dropped > 0 {
		r.p.warnf("left out %d variable values of variables the project does not define", dropped)
	}
}
