package refi

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
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

func (p *parser) parent() frame { return p.stack[len(p.stack)-1] }

// start handles an element below the root.
func (p *parser) start(t xml.StartElement, at pos) {
	parent := p.parent()
	f := frame{local: t.Name.Local}
	switch f.local {
	case "User":
		if parent.local == "Users" {
			p.p.Users = append(p.p.Users, User{GUID: p.guid(t, at, true), Name: attr(t, "name"), ID: attr(t, "id")})
		}
	case "Code":
		if parent.local == "Codes" || parent.role == roleCode {
			p.startCode(t, at)
			f.role = roleCode
		}
	case "Description":
		if set := p.describes(parent.role); set != nil {
			f.role = p.keepText(func(s string) { set(strings.TrimSpace(s)) })
		}
	case "Variable":
		if parent.local == "Variables" {
			p.p.Variables = append(p.p.Variables, Variable{GUID: p.guid(t, at, true), Name: attr(t, "name"), Type: attr(t, "typeOfVariable")})
			f.role = roleVariable
		}
	case "Case":
		if parent.local == "Cases" {
			p.p.Cases = append(p.p.Cases, Case{GUID: p.guid(t, at, true), Name: attr(t, "name"), Line: at.line})
			f.role = roleCase
		}
	case "VariableValue":
		switch parent.role {
		case roleCase:
			p.value, p.valueTo = &VariableValue{}, &p.p.Cases[len(p.p.Cases)-1].Values
			f.role = roleValue
		case roleSource:
			p.value, p.valueTo = &VariableValue{}, &p.p.Sources[p.source].Values
			f.role = roleValue
		}
	case "VariableRef":
		if parent.role == roleValue {
			p.value.VariableGUID = p.guidAttr(t, "targetGUID")
		}
	case "TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue":
		if parent.role == roleValue {
			v := p.value
			v.Type = strings.TrimSuffix(f.local, "Value")
			f.role = p.keepText(func(s string) { v.Value = strings.TrimSpace(s) })
		}
	case "CodeRef", "SourceRef", "SelectionRef":
		p.ref(t, at, parent.role)
	case "TextSource":
		if parent.local == "Sources" {
			p.startSource(t, at)
			f.role = roleSource
		}
	case "PlainTextContent":
		if parent.role == roleSource {
			i := p.source
			f.role = p.keepText(func(s string) { p.p.Sources[i].Text = s })
		}
	case "PlainTextSelection":
		if parent.role == roleSource {
			p.startSelection(t, at)
			f.role = roleSelection
		}
	case "Coding":
		if parent.role == roleSelection {
			s := &p.p.Selections[len(p.p.Selections)-1]
			s.Codings = append(s.Codings, Coding{GUID: p.guid(t, at, false), CreatingUser: p.guidAttr(t, "creatingUser")})
			f.role = roleCoding
		} else {
			p.skipped["Coding"]++
		}
	case "PictureSource", "PDFSource", "AudioSource", "VideoSource":
		if parent.local == "Sources" {
			p.skipped[f.local]++
		}
	}
	p.stack = append(p.stack, f)
}

// end closes the innermost open element.
func (p *parser) end() {
	f := p.stack[len(p.stack)-1]
	p.stack = p.stack[:len(p.stack)-1]
	switch f.role {
	case roleCode:
		p.codes = p.codes[:len(p.codes)-1]
	case roleText:
		p.keep(p.text.String())
		p.text, p.keep = nil, nil
	case roleValue:
		*p.valueTo = append(*p.valueTo, *p.value)
		p.value, p.valueTo = nil, nil
	case roleSource:
		p.source = -1
	}
}

// keepText starts keeping the character data of the element just opened.
func (p *parser) keepText(set func(string)) role {
	p.text, p.keep = &strings.Builder{}, set
	return roleText
}

// describes says where a Description inside an element of role r goes.
func (p *parser) describes(r role) func(string) {
	switch r {
	case roleCode:
		c := p.codes[len(p.codes)-1]
		return func(s string) { c.Description = s }
	case roleSource:
		i := p.source
		return func(s string) { p.p.Sources[i].Description = s }
	case roleSelection:
		i := len(p.p.Selections) - 1
		return func(s string) { p.p.Selections[i].Description = s }
	case roleCase:
		i := len(p.p.Cases) - 1
		return func(s string) { p.p.Cases[i].Description = s }
	case roleVariable:
		i := len(p.p.Variables) - 1
		return func(s string) { p.p.Variables[i].Description = s }
	}
	return nil
}

func (p *parser) startCode(t xml.StartElement, at pos) {
	c := &Code{GUID: p.guid(t, at, true), Name: attr(t, "name"), Color: attr(t, "color"), IsCodable: true, Line: at.line}
	if v := strings.TrimSpace(attr(t, "isCodable")); v == "false" || v == "0" {
		c.IsCodable = false
	}
	if c.Name == "" {
		p.noName++
		c.Name = c.GUID
	}
	if prev, dup := p.codeAt[c.GUID]; dup && c.GUID != "" {
		p.c.add(at.line, at.col, "code %q has the GUID %s of the code on line %d: GUIDs must be unique; export the project again", c.Name, c.GUID, prev.line)
	}
	p.codeAt[c.GUID] = at
	if n := len(p.codes); n > 0 {
		parent := p.codes[n-1]
		c.Parent = parent.GUID
		c.Path = append(append([]string{}, parent.Path...), c.Name)
		parent.Children = append(parent.Children, c)
	} else {
		c.Path = []string{c.Name}
		p.p.Codes = append(p.p.Codes, c)
	}
	p.codes = append(p.codes, c)
}

func (p *parser) startSource(t xml.StartElement, at pos) {
	s := TextSource{GUID: p.guid(t, at, true), Name: attr(t, "name"), Path: attr(t, "plainTextPath"), Line: at.line}
	if prev, dup := p.sourceAt[s.GUID]; dup && s.GUID != "" {
		p.c.add(at.line, at.col, "text source %q has the GUID %s of the source on line %d: GUIDs must be unique; export the project again", s.Name, s.GUID, prev.line)
	}
	p.sourceAt[s.GUID] = at
	p.p.Sources = append(p.p.Sources, s)
	p.source = len(p.p.Sources) - 1
}

func (p *parser) startSelection(t xml.StartElement, at pos) {
	s := Selection{GUID: p.guid(t, at, true), Name: attr(t, "name"), SourceGUID: p.p.Sources[p.source].GUID,
		CreatingUser: p.guidAttr(t, "creatingUser"), Line: at.line}
	s.RawStart = p.position(t, at, "startPosition")
	s.RawEnd = p.position(t, at, "endPosition")
	p.p.Selections = append(p.p.Selections, s)
	p.selAt = append(p.selAt, at)
}

// position reads a required whole-number attribute of a selection.
func (p *parser) position(t xml.StartElement, at pos, name string) int {
	v := strings.TrimSpace(attr(t, name))
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		p.c.add(at.line, at.col, "selection %q: %s %q is not a whole number of 0 or more: export the project again", attr(t, "guid"), name, v)
		return 0
	}
	return n
}

// ref reads a CodeRef, SourceRef or SelectionRef inside a coding or case.
func (p *parser) ref(t xml.StartElement, at pos, in role) {
	g := p.guidAttr(t, "targetGUID")
	switch {
	case in == roleCoding && t.Name.Local == "CodeRef":
		s := &p.p.Selections[len(p.p.Selections)-1]
		s.Codings[len(s.Codings)-1].CodeGUID = g
		p.codeRefs = append(p.codeRefs, codeRef{guid: g, at: at, what: fmt.Sprintf("a coding of selection %q", s.GUID)})
	case in == roleCase:
		cs := &p.p.Cases[len(p.p.Cases)-1]
		switch t.Name.Local {
		case "CodeRef":
			cs.CodeGUIDs = append(cs.CodeGUIDs, g)
			p.codeRefs = append(p.codeRefs, codeRef{guid: g, at: at, what: fmt.Sprintf("case %q", cs.Name)})
		case "SourceRef":
			cs.SourceGUIDs = append(cs.SourceGUIDs, g)
		case "SelectionRef":
			cs.SelectionGUIDs = append(cs.SelectionGUIDs, g)
		}
	}
}

// guid reads an element's guid attribute, reporting it missing when the
// model needs it to link things.
func (p *parser) guid(t xml.StartElement, at pos, required bool) string {
	raw, ok := attrOK(t, "guid")
	if !ok && required {
		p.c.add(at.line, at.col, "<%s> has no guid attribute: export the project again from your QDA program", t.Name.Local)
	}
	p.guids.see(raw)
	return normGUID(raw)
}

// guidAttr reads an attribute that refers to a GUID.
func (p *parser) guidAttr(t xml.StartElement, name string) string {
	raw := attr(t, name)
	p.guids.see(raw)
	return normGUID(raw)
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

func attr(t xml.StartElement, name string) string {
	v, _ := attrOK(t, name)
	return v
}

func attrOK(t xml.StartElement, name string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value, true
		}
	}
	return "", false
}

// baseName is the file name of a plainTextPath, for a source without a name.
func baseName(p string) string {
	if i := strings.Index(p, "://"); i >= 0 {
		p = p[i+3:]
	}
	return path.Base(strings.ReplaceAll(p, `\`, "/"))
}
