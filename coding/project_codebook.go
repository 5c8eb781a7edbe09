package coding

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cimo-tool/cimo/coding/refi"
)

// refiCodebook is how the codes of a REFI-QDA file became the study's
// codebook, kept to match the codings of projects to it.
type refiCodebook struct {
	file       string            // clean path
	guids      map[string]string // code GUID -> the study's code
	leftOut    map[string]bool   // GUIDs of the codes under unmapped top-level codes
	containers map[string]string // GUIDs of mapped folders -> their names
	leftTop    []string          // names of the unmapped top-level codes
	leftCodes  int               // codes left out, top-level ones included
	skipped    int               // codings of left-out codes in projects of this file
}

// readREFICodebook reads the codebook from a REFI-QDA file: the code tree,
// each top-level code mapped to its dimension by CodebookCodes.Dimensions.
// A mapped folder (a code that is not codable) is no code of the study: its
// children are the categories of its dimension. ok is false when the file
// could not be read at all.
func (r *refs) readREFICodebook(ctx context.Context) (cb *Codebook, ok bool, err error) {
	file := r.src.Codebook.File
	cb = &Codebook{File: file, index: map[string]int{}}
	f, err := r.openREFI(ctx, file)
	if err != nil {
		return nil, false, err
	}
	if !f.ok {
		r.tr.codes = newCodeNames(cb)
		return cb, false, nil
	}
	m := r.src.CodebookCodes
	ids := m.CodeIDs
	if ids == "" {
		ids = CodeIDsName
	}
	rc := &refiCodebook{file: filepath.Clean(file), guids: map[string]string{}, leftOut: map[string]bool{}, containers: map[string]string{}}
	r.refiCB = rc

	var walk func(c *refi.Code, parent, dim string)
	walk = func(c *refi.Code, parent, dim string) {
		id, label := ids.idLabel(c)
		if j, dup := cb.index[id]; dup {
			hint := ""
			if ids != CodeIDsPath {
				hint = ", or read ids with code_ids: path"
			}
			r.tr.problems.add(f.at(file, c.Line), 0, "", "code %q has the id %q (code_ids: %s), as the code on line %d has: ids must be unique; rename one in your QDA program%s",
				c.Name, id, ids, cb.Codes[j].Row, hint)
			return // its children would repeat the fault
		}
		cb.index[id] = len(cb.Codes)
		cb.Codes = append(cb.Codes, Code{Code: id, Label: label, Dimension: dim, Parent: parent, Description: c.Description, File: file, Row: c.Line})
		rc.guids[c.GUID] = id
		for _, ch := range c.Children {
			walk(ch, id, dim)
		}
	}
	used := map[string]bool{}
	for _, top := range f.codes {
		id, _ := ids.idLabel(top)
		key, dim := dimensionOf(m.Dimensions, id, top.Name)
		if key == "" {
			rc.leftTop = append(rc.leftTop, top.Name)
			for _, c := range refi.All([]*refi.Code{top}) {
				rc.leftOut[c.GUID] = true
				rc.leftCodes++
			}
			continue
		}
		used[key] = true
		if !slices.Contains(Dimensions, dim) {
			r.tr.problems.add(file, 0, "", "dimensions: %q maps %q to %q, which is not a CIMO dimension: use C, I, M or O", key, top.Name, dim)
			continue
		}
		if !top.IsCodable {
			rc.containers[top.GUID] = top.Name
			for _, ch := range top.Children {
				walk(ch, "", dim)
			}
			continue
		}
		walk(top, "", dim)
	}
	var unused []string
	for key := range m.Dimensions {
		if !used[key] {
			unused = append(unused, key)
		}
	}
	slices.Sort(unused)
	for _, key := range unused {
		r.tr.problems.add(file, 0, "", "dimensions: %q is not the id or name of a top-level code here: its top-level codes are %s",
			key, quoteSome(topNames(f.codes), 12))
	}
	if len(cb.Codes) == 0 && r.tr.problems.empty() {
		r.tr.problems.add(file, 0, "", "gives the study no code: map its top-level codes to C, I, M or O with dimensions: in study.yaml (its top-level codes are %s)",
			quoteSome(topNames(f.codes), 12))
	}
	r.tr.resolveHierarchy(cb)
	r.tr.codes = newCodeNames(cb)
	return cb, true, nil
}

// dimensionOf finds the dimension a top-level code is mapped to, by its id
// first, then by its name; key is the key that matched, "" for none.
func dimensionOf(dims map[string]string, id, name string) (key, dim string) {
	for _, k := range []string{id, strings.TrimSpace(name)} {
		if d, ok := dims[k]; ok {
			return k, strings.ToUpper(strings.TrimSpace(d))
		}
	}
	return "", ""
}

// leftOutWarning says which codes of the codebook's file were left out,
// with the codings of them that were skipped.
func (rc *refiCodebook) leftOutWarning() (Warning, bool) {
	if rc == nil || len(rc.leftTop) == 0 {
		return Warning{}, false
	}
	msg := fmt.Sprintf("left out the top-level codes %s", quoteSome(rc.leftTop, 12))
	if below := rc.leftCodes - len(rc.leftTop); below > 0 {
		msg += fmt.Sprintf(" and the %d codes below them", below)
	}
	msg += ", which dimensions: in study.yaml does not map to C, I, M or O"
	if rc.skipped > 0 {
		msg += fmt.Sprintf("; %d codings of them were skipped", rc.skipped)
	}
	return Warning{File: rc.file, Msg: msg}, true
}

func topNames(codes []*refi.Code) []string {
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = c.Name
	}
	return names
}

// quoteSome quotes the first n of names, and says how many more there are.
func quoteSome(names []string, n int) string {
	if len(names) == 0 {
		return "none"
	}
	q := make([]string, 0, min(n, len(names)))
	for _, s := range names[:min(n, len(names))] {
		q = append(q, fmt.Sprintf("%q", s))
	}
	s := strings.Join(q, ", ")
	if more := len(names) - n; more > 0 {
		s += fmt.Sprintf(" and %d more", more)
	}
	return s
}
