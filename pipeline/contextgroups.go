package pipeline

import (
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/cimo-tool/cimo/coding"
)

// A ContextGroup gathers context categories into one factor of the context
// table (reports' context.csv), such as person-bound or organisational.
type ContextGroup struct {
	Name       string
	Categories []string
	lines      []int // of each category in study.yaml, for problems
}

// contextGroupsNode keeps context_groups as parsed, so that LoadStudy can
// check it with the line of every fault rather than the decoder's words.
type contextGroupsNode struct{ node *yaml.Node }

func (c *contextGroupsNode) UnmarshalYAML(n *yaml.Node) error {
	c.node = n
	return nil
}

const contextGroupsExample = "e.g. {persoonsgebonden: [C1], organisatorisch: [C2, C3, C4]}"

// contextGroups reads context_groups: a mapping from a group's name to the
// list of context categories in it, in the order written.
func (p *problemList) contextGroups(c contextGroupsNode) []ContextGroup {
	n := c.node
	if n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		p.add(n.Line, "context_groups should name groups of context categories, %s", contextGroupsExample)
		return nil
	}
	if len(n.Content) == 0 {
		p.add(n.Line, "context_groups is empty: name at least one group, %s, or leave the key out", contextGroupsExample)
	}
	var out []ContextGroup
	names := map[string]bool{}
	inGroup := map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		g := ContextGroup{Name: strings.TrimSpace(k.Value)}
		switch {
		case k.Kind != yaml.ScalarNode || g.Name == "":
			p.add(k.Line, "context_groups: a group has no name: write name: [codes]")
			continue
		case names[g.Name]:
			p.add(k.Line, "context_groups: group %q is named twice", g.Name)
			continue
		}
		names[g.Name] = true
		items := []*yaml.Node{v}
		if v.Kind == yaml.SequenceNode {
			items = v.Content
		}
		for _, it := range items {
			code := strings.TrimSpace(it.Value)
			switch {
			case it.Kind != yaml.ScalarNode || it.Tag == "!!null" || code == "":
				p.add(it.Line, "context_groups: group %q should list context categories, e.g. [C1, C2]", g.Name)
			case inGroup[code] != "":
				p.add(it.Line, "context_groups: %q is in group %q and in group %q: put it in one", code, inGroup[code], g.Name)
			default:
				inGroup[code] = g.Name
				g.Categories = append(g.Categories, code)
				g.lines = append(g.lines, it.Line)
			}
		}
		if len(items) == 0 {
			p.add(v.Line, "context_groups: group %q lists no categories", g.Name)
		}
		out = append(out, g)
	}
	return out
}

// CheckCodebook checks what the study file says about codes against the
// codebook: every context group lists context categories (top-level C
// codes). Faults come back as a *coding.Problems located in the study file.
func (st *Study) CheckCodebook(cb *coding.Codebook) error {
	p := &problemList{file: filepath.Base(st.Path)}
	for _, g := range st.ContextGroups {
		for i, code := range g.Categories {
			c, ok := cb.Lookup(code)
			switch {
			case !ok:
				p.add(g.lines[i], "context_groups: unknown code %q (not in %s): list context categories of the codebook", code, cb.File)
			case c.Dimension != "C":
				p.add(g.lines[i], "context_groups: %q is not a context code (its dimension is %s): list C categories only", code, c.Dimension)
			case c.Parent != "":
				p.add(g.lines[i], "context_groups: %q is not a category: list its category %q instead", code, c.Category)
			}
		}
	}
	return p.err()
}
