package coding

import (
	"context"
	"slices"
	"strings"
)

// Dimensions are the four parts of a CIMO chain, in the order tables list them.
var Dimensions = []string{"C", "I", "M", "O"}

// A Code is one entry of the codebook.
type Code struct {
	Code        string
	Label       string
	Dimension   string // C, I, M or O
	Parent      string // empty for a category
	Description string
	// Category is the top-level ancestor: the unit most tables count in.
	Category string
	Depth    int // 0 for a category
	File     string
	Row      int
}

// Codebook is the study's codes in file order, with their hierarchy resolved.
type Codebook struct {
	File  string
	Codes []Code
	index map[string]int
}

// Lookup returns the code named c.
func (cb *Codebook) Lookup(c string) (Code, bool) {
	i, ok := cb.index[c]
	if !ok {
		return Code{}, false
	}
	return cb.Codes[i], true
}

var codebookColumns = columns{
	required: []string{"code", "label", "dimension"},
	optional: []string{"parent", "description"},
	verbatim: []string{"description"},
}

// readCodebook reads the codebook; ok is false when it could not be read as a
// table, so that codes are not reported unknown one segment at a time.
func (tr *tableReader) readCodebook(ctx context.Context, t Table) (cb *Codebook, ok bool, err error) {
	file := t.File
	cb = &Codebook{File: file, index: map[string]int{}}
	ok, err = tr.read(ctx, t, codebookColumns, func(r row) {
		c := Code{
			Code: r.get("code"), Label: r.get("label"), Dimension: strings.ToUpper(r.get("dimension")),
			Parent: r.get("parent"), Description: r.get("description"), File: file, Row: r.line,
		}
		if c.Label == "" {
			tr.problems.add(file, r.line, "label", "is empty: give code %q a label for tables and figures", c.Code)
		}
		if !slices.Contains(Dimensions, c.Dimension) {
			tr.problems.add(file, r.line, "dimension", "%q is not a CIMO dimension: use C, I, M or O", r.get("dimension"))
		}
		if c.Code == "" {
			tr.problems.add(file, r.line, "code", "is empty: every codebook row needs a code")
			return
		}
		if j, dup := cb.index[c.Code]; dup {
			tr.problems.add(file, r.line, "code", "code %q is already defined on row %d: codes must be unique", c.Code, cb.Codes[j].Row)
			return
		}
		// Kept even with a bad dimension: the run fails anyway, and segments
		// with this code are not to be reported as unknown.
		cb.index[c.Code] = len(cb.Codes)
		cb.Codes = append(cb.Codes, c)
	})
	if err != nil {
		return nil, false, err
	}
	tr.resolveHierarchy(cb)
	tr.codes = newCodeNames(cb)
	return cb, ok, nil
}

// resolveHierarchy checks every parent and sets each code's category and
// depth. A parent must exist, share its child's dimension, and not lead back
// to the child.
func (tr *tableReader) resolveHierarchy(cb *Codebook) {
	for i := range cb.Codes {
		c := &cb.Codes[i]
		if c.Parent == "" {
			continue
		}
		j, ok := cb.index[c.Parent]
		switch {
		case !ok:
			tr.problems.add(cb.File, c.Row, "parent", "unknown parent %q of code %q: add it to the codebook or leave parent empty", c.Parent, c.Code)
		case c.Parent == c.Code:
			tr.problems.add(cb.File, c.Row, "parent", "code %q is its own parent: leave parent empty for a category", c.Code)
		case cb.Codes[j].Dimension != c.Dimension:
			tr.problems.add(cb.File, c.Row, "parent", "parent %q is in dimension %s but code %q is in %s: a code and its parent share a dimension",
				c.Parent, cb.Codes[j].Dimension, c.Code, c.Dimension)
		}
	}
	if !tr.problems.empty() {
		return // categories of a broken hierarchy would only add noise
	}
	reported := map[string]bool{}
	for i := range cb.Codes {
		c := &cb.Codes[i]
		path := []string{c.Code}
		cur := *c
		for cur.Parent != "" {
			if slices.Contains(path, cur.Parent) {
				if !reported[cur.Parent] {
					loop := append(path[slices.Index(path, cur.Parent):], cur.Parent)
					for _, code := range loop {
						reported[code] = true
					}
					tr.problems.add(cb.File, c.Row, "parent", "codes form a cycle (%s): one of them must have a different parent", strings.Join(loop, " -> "))
				}
				break
			}
			path = append(path, cur.Parent)
			cur = cb.Codes[cb.index[cur.Parent]]
		}
		c.Category = path[len(path)-1]
		c.Depth = len(path) - 1
	}
}
