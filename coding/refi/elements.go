package refi

import (
	"encoding/xml"
	"fmt"
	"path"
	"strconv"
	"strings"
)

// This file maps each element of the standard that the model keeps onto
// it; parser.run calls start and end for every element below the root.

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
