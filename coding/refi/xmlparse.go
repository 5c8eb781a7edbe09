package refi

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The namespaces of the standard's two documents. Versions other than 1.0
// are read with a warning; no namespace at all, too.
const (
	projectNS  = "urn:QDA-XML:project:1.0"
	codebookNS = "urn:QDA-XML:codebook:1.0"
)

// pos is where an element starts in its XML file.
type pos struct{ line, col int }

// role is what an open element is being read into.
type role int

const (
	roleNone role = iota
	roleCode
	roleText // character data kept by keep
	roleValue
	roleSource
	roleSelection
	roleCoding
	roleCase
	roleVariable
)

type frame struct {
	local string
	role  role
}

// codeRef is a reference to a code, checked once every code is known.
type codeRef struct {
	guid string
	at   pos
	what string // the referring element, for messages
}

// parser reads one .qde or .qdc, token by token, into a Project. It keeps
// what the model holds and counts what it leaves out.
type parser struct {
	dec      *xml.Decoder
	c        *collector
	rootName string // Project or CodeBook
	rootNS   string
	guids    guidCheck
	stack    []frame
	codes    []*Code // the open Code elements, innermost last
	text     *strings.Builder
	keep     func(string)

	p        *Project
	selAt    []pos // where each of p.Selections starts
	codeRefs []codeRef
	source   int // index of the open TextSource in p.Sources, or -1
	value    *VariableValue
	valueTo  *[]VariableValue

	codeAt   map[string]pos
	sourceAt map[string]pos
	skipped  map[string]int // left-out elements by name
	noName   int            // codes without a name
	tooBig   string         // the message for a file past the size bound
}

func newParser(r io.Reader, c *collector, rootName, rootNS string) *parser {
	dec := xml.NewDecoder(r)
	return &parser{dec: dec, c: c, rootName: rootName, rootNS: rootNS, p: &Project{}, source: -1,
		codeAt: map[string]pos{}, sourceAt: map[string]pos{}, skipped: map[string]int{}}
}

// run reads the whole file. It returns a non-nil error only when reading
// cannot go on (the file is not well-formed, not REFI-QDA, or the context is
// done); faults in the content are gathered in the collector.
func (p *parser) run(ctx context.Context) error {
	seenRoot := false
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		line, col := p.dec.InputPos()
		tok, err := p.dec.Token()
		if err == io.EOF {
			if !seenRoot {
				p.c.add(0, 0, "holds no XML element: the file is empty or cut off; export it again from your QDA program")
				return p.c.err()
			}
			return nil
		}
		if err != nil {
			return p.syntaxError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			at := pos{line, col}
			if seenRoot && len(p.stack) == 0 {
				// encoding/xml reads on after the root element closes.
				p.c.add(line, col, "has a second root element <%s> after the first one closed: the file is damaged; export it again from your QDA program", t.Name.Local)
				return p.c.err()
			}
			if !seenRoot {
				seenRoot = true
				if err := p.root(t, at); err != nil {
					return err
				}
				p.stack = append(p.stack, frame{local: t.Name.Local})
				continue
			}
			p.start(t, at)
		case xml.EndElement:
			p.end()
		case xml.CharData:
			if p.text != nil {
				p.text.Write(t)
			}
		case xml.Directive:
			// REFI-QDA files declare no document type; a DOCTYPE or
			// ENTITY could expand or fetch what the file does not hold.
			d := strings.ToUpper(strings.TrimSpace(string(t)))
			if strings.HasPrefix(d, "DOCTYPE") || strings.HasPrefix(d, "ENTITY") {
				p.c.add(line, col, "declares a DOCTYPE or ENTITY: REFI-QDA files have none, so this one is refused; export it again from your QDA program")
				return p.c.err()
			}
		}
	}
}

func (p *parser) syntaxError(err error) error {
	if errors.Is(err, errTooBig) {
		p.c.add(0, 0, "%s", p.tooBig)
		return p.c.err()
	}
	line, col := p.dec.InputPos()
	var se *xml.SyntaxError
	switch {
	case errors.As(err, &se):
		p.c.add(se.Line, col, "is not well-formed XML (%s): the file is damaged; export it again from your QDA program", se.Msg)
		return p.c.err()
	case strings.Contains(err.Error(), "CharsetReader"):
		// encoding/xml reads only UTF-8; this is its error for the rest.
		p.c.add(line, 0, "declares an encoding other than UTF-8 (%v): save the file as UTF-8 and export it again", err)
		return p.c.err()
	}
	p.c.add(0, 0, "cannot be read (%v): check the file", reason(err))
	return p.c.err()
}

// root checks that the file is the REFI-QDA document expected.
func (p *parser) root(t xml.StartElement, at pos) error {
	ns := t.Name.Space
	family := strings.TrimSuffix(p.rootNS, "1.0")
	if t.Name.Local != p.rootName || ns != "" && !strings.HasPrefix(ns, family) {
		got := "<" + t.Name.Local + ">"
		if ns != "" {
			got = fmt.Sprintf("<%s xmlns=%q>", t.Name.Local, ns)
		}
		what := "project"
		if p.rootName == "CodeBook" {
			what = "codebook"
		}
		p.c.add(at.line, at.col, "is not a REFI-QDA %s: it starts with %s where <%s xmlns=%q> was expected; export the %s from your QDA program as REFI-QDA",
			what, got, p.rootName, p.rootNS, what)
		return p.c.err()
	}
	switch {
	case ns == "":
		p.warnf("the root element has no namespace (expected %q); read as REFI-QDA 1.0", p.rootNS)
	case ns != p.rootNS:
		p.warnf("namespace %q is not %q; read as REFI-QDA 1.0", ns, p.rootNS)
	}
	p.p.Name = attr(t, "name")
	p.p.Origin = attr(t, "origin")
	return nil
}

// warnf adds a warning, naming the file inside the project if there is one.
func (p *parser) warnf(format string, args ...any) {
	w := fmt.Sprintf(format, args...)
	if p.c.entry != "" {
		w = p.c.entry + ": " + w
	}
	p.p.Warnings = append(p.p.Warnings, w)
}

// finish adds the warnings about what the file held that the model leaves
// out or had to repair, and checks code references.
func (p *parser) finish() {
	if w := p.guids.warning(); w != "" {
		p.warnf("%s", w)
	}
	if p.noName > 0 {
		p.warnf("%d codes have no name; they are named by their GUID", p.noName)
	}
	var media []string
	for _, k := range []string{"PictureSource", "PDFSource", "AudioSource", "VideoSource"} {
		if n := p.skipped[k]; n > 0 {
			media = append(media, fmt.Sprintf("%d %s", n, strings.TrimSuffix(k, "Source")))
		}
	}
	if len(media) > 0 {
		p.warnf("left out sources that are not plain text (%s): only text sources are read", strings.Join(media, ", "))
	}
	if n := p.skipped["Coding"]; n > 0 {
		p.warnf("left out %d codings that are not on a plain-text selection (on a whole source, or on a picture, PDF, audio or video)", n)
	}
	for _, r := range p.codeRefs {
		if _, ok := p.codeAt[r.guid]; !ok {
			p.c.add(r.at.line, r.at.col, "%s refers to code %q, which the codebook does not have: export the project again from your QDA program", r.what, r.guid)
		}
	}
}
