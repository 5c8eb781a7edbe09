package coding

import (
	"fmt"
	"slices"
	"strings"
)

// codeNames reads a code as researchers and their tools write it in a table
// of coded segments. A cell names a codebook code when it is
//
//   - the code itself ("I1.1"),
//   - the code's label ("Tijd"), or
//   - the code and its label, apart by spaces, a colon or a dash ("I1.1 Tijd",
//     "I1.1: Tijd", "I1.1 - Tijd"), as codes are often named in the tools.
//
// It must name exactly one code by these three together: a cell that names
// two (a label two codes share, or a label that is another code's id) is an
// error asking for the code itself. A MAXQDA code path "Parent\Child" is read
// by its last part (the whole only where that names nothing); a label shared
// by codes under different parents is told apart by the part before it.
// A cell that names no code is left as written, to be reported unknown.
type codeNames struct {
	cb     *Codebook
	labels map[string][]int // label -> codes with it, in codebook order
	// seen remembers each cell read: a study writes few codes many times.
	seen map[cell]resolved
}

type cell struct {
	v     string
	paths bool
}

type resolved struct{ code, msg string }

func newCodeNames(cb *Codebook) *codeNames {
	cn := &codeNames{cb: cb, labels: map[string][]int{}, seen: map[cell]resolved{}}
	for i, c := range cb.Codes {
		if c.Label != "" {
			cn.labels[c.Label] = append(cn.labels[c.Label], i)
		}
	}
	return cn
}

// named returns the codes (indexes in the codebook, ascending) that v names.
func (cn *codeNames) named(v string) []int {
	var out []int
	add := func(i int) {
		if !slices.Contains(out, i) {
			out = append(out, i)
		}
	}
	if i, ok := cn.cb.index[v]; ok {
		add(i)
	}
	for _, i := range cn.labels[v] {
		add(i)
	}
	if k := strings.IndexAny(v, " \t:"); k > 0 {
		if i, ok := cn.cb.index[v[:k]]; ok && strings.TrimLeft(v[k:], " \t:-–") == cn.cb.Codes[i].Label {
			add(i)
		}
	}
	slices.Sort(out)
	return out
}

// resolve returns the code v names, or v itself when it names none; msg is
// set when v names more than one. paths reads v as a MAXQDA code path.
func (cn *codeNames) resolve(v string, paths bool) (code, msg string) {
	if cn == nil || v == "" {
		return v, ""
	}
	if r, ok := cn.seen[cell{v, paths}]; ok {
		return r.code, r.msg
	}
	code, msg = cn.lookup(v, paths)
	cn.seen[cell{v, paths}] = resolved{code, msg}
	return code, msg
}

func (cn *codeNames) lookup(v string, paths bool) (code, msg string) {
	var found []int
	if paths && strings.Contains(v, `\`) {
		parts := strings.Split(v, `\`)
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		found = cn.named(parts[len(parts)-1])
		if len(found) > 1 {
			parents := cn.named(parts[len(parts)-2])
			if told := slices.DeleteFunc(slices.Clone(found), func(i int) bool {
				p, ok := cn.cb.index[cn.cb.Codes[i].Parent]
				return !ok || !slices.Contains(parents, p)
			}); len(told) > 0 {
				found = told
			}
		}
	}
	if len(found) == 0 {
		found = cn.named(v)
	}
	switch len(found) {
	case 0:
		return v, ""
	case 1:
		return cn.cb.Codes[found[0]].Code, ""
	}
	ids := make([]string, len(found))
	for i, j := range found {
		ids[i] = fmt.Sprintf("%s (%s)", cn.cb.Codes[j].Code, cn.cb.Codes[j].Label)
	}
	return "", fmt.Sprintf("%q could be code %s: write the code itself", v, strings.Join(ids, " or "))
}
