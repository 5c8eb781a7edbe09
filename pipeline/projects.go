package pipeline

import (
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/cimo-tool/cimo/coding"
	"github.com/cimo-tool/cimo/coding/refi"
)

// REFI-QDA files in study.yaml: a codebook taken from one, and projects
// whose coded selections add to the tables.
//
//	codebook: {file: coding/project.qdpx, code_ids: prefix, dimensions: {Context: C, I1: I}}
//	projects:
//	  - {file: coding/wp2.qdpx, work_package: WP2, unit: auto, code_ids: prefix,
//	     variables: {role: Rol, city: Stad}}
//
// Both are read strictly, like the rest of the study file.

var (
	refiCodebookKeys = []string{"file", "code_ids", "dimensions"}
	projectKeys      = []string{"file", "work_package", "unit", "code_ids", "variables"}
)

// refiCodebook reads the codebook entry when it names a REFI-QDA file
// (.qdc, .qdpx, .qde or a project folder) into src; it returns false,
// reading nothing, when the entry names a table.
func (p *problemList) refiCodebook(dir string, n *yaml.Node, src *coding.Sources) bool {
	file := ""
	switch n.Kind {
	case yaml.ScalarNode:
		file = n.Value
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "file" {
				file = n.Content[i+1].Value
			}
		}
	}
	if file == "" || !local(file) || !coding.IsREFI(filepath.Join(dir, file)) {
		return false
	}
	src.Codebook = coding.Table{File: filepath.Clean(file)}
	if n.Kind == yaml.ScalarNode {
		p.add(n.Line, "codebook %q is a REFI-QDA file: say which dimension each top-level code is in, e.g. codebook: {file: %s, code_ids: prefix, dimensions: {C1: C, I1: I}}", file, file)
		return true
	}
	m := coding.REFICodebook{CodeIDs: coding.CodeIDsName}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "file":
		case "code_ids":
			m.CodeIDs = p.codeIDs("codebook", v)
		case "dimensions":
			m.Dimensions = p.dimensions(v)
		default:
			p.add(k.Line, "unknown key %q in codebook: a REFI-QDA codebook has %s", k.Value, strings.Join(refiCodebookKeys, ", "))
		}
	}
	if m.Dimensions == nil {
		p.add(n.Line, "codebook %q is a REFI-QDA file: map its top-level codes to dimensions, e.g. dimensions: {C1: C, I1: I}", file)
	}
	src.CodebookCodes = m
	return true
}

// dimensions reads {top-level code: C, ...}.
func (p *problemList) dimensions(n *yaml.Node) map[string]string {
	if n.Kind != yaml.MappingNode || len(n.Content) == 0 {
		p.add(n.Line, "codebook: dimensions should map top-level codes (by id or name) to C, I, M or O, e.g. {C1: C, I1: I}")
		return map[string]string{}
	}
	dims := map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		d := strings.ToUpper(strings.TrimSpace(v.Value))
		switch {
		case v.Kind != yaml.ScalarNode || !slices.Contains(coding.Dimensions, d):
			p.add(v.Line, "codebook: dimensions: %q is mapped to %q, which is not a CIMO dimension: use C, I, M or O", k.Value, v.Value)
		case dims[k.Value] != "":
			p.add(k.Line, "codebook: dimensions: %q is mapped twice", k.Value)
		default:
			dims[k.Value] = d
		}
	}
	return dims
}

func (p *problemList) codeIDs(key string, v *yaml.Node) coding.CodeIDs {
	ids, ok := coding.ParseCodeIDs(v.Value)
	if v.Kind != yaml.ScalarNode || !ok {
		p.add(v.Line, "%s: code_ids %q is not known: use %s", key, v.Value, strings.Join(coding.CodeIDModes, ", "))
	}
	return ids
}

// projects reads the list of REFI-QDA projects.
func (p *problemList) projects(n *yaml.Node, workPackages []string) []coding.Project {
	if absent(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.add(n.Line, "projects: expected a list of REFI-QDA projects here, e.g. [{file: coding/wp2.qdpx, work_package: WP2}]")
		return nil
	}
	var out []coding.Project
	for _, e := range n.Content {
		pj, ok := p.project(e, workPackages)
		if !ok {
			continue
		}
		if slices.ContainsFunc(out, func(q coding.Project) bool { return q.File == pj.File }) {
			p.add(e.Line, "projects: %q is listed twice", pj.File)
			continue
		}
		out = append(out, pj)
	}
	return out
}

func (p *problemList) project(n *yaml.Node, workPackages []string) (coding.Project, bool) {
	pj := coding.Project{CodeIDs: coding.CodeIDsName, Unit: refi.UnitAuto}
	ok := true
	bad := func(line int, format string, args ...any) {
		p.add(line, format, args...)
		ok = false
	}
	switch n.Kind {
	case yaml.ScalarNode:
		pj.File = n.Value
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if !slices.Contains(projectKeys, k.Value) {
				bad(k.Line, "unknown key %q in a project: a project has %s", k.Value, strings.Join(projectKeys, ", "))
				continue
			}
			if k.Value == "variables" {
				pj.Variables = p.variables(v, &ok)
				continue
			}
			if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
				bad(v.Line, "projects: %s should be a text here", k.Value)
				continue
			}
			switch k.Value {
			case "file":
				pj.File = v.Value
			case "work_package":
				if !slices.Contains(workPackages, v.Value) {
					bad(v.Line, "projects: unknown work package %q: study.yaml lists %s", v.Value, strings.Join(workPackages, ", "))
				}
				pj.WorkPackage = v.Value
			case "unit":
				u, err := refi.ParseUnit(v.Value)
				if err != nil {
					bad(v.Line, "projects: %v", err)
				}
				pj.Unit = u
			case "code_ids":
				if pj.CodeIDs = p.codeIDs("projects", v); pj.CodeIDs == "" {
					ok = false
				}
			}
		}
	default:
		p.add(n.Line, "projects: expected a file or {file: ..., work_package: ...} here, found %s", yamlKind(strings.TrimPrefix(n.Tag, "!!")))
		return pj, false
	}
	switch {
	case pj.File == "":
		bad(n.Line, "projects: the entry has no file: add file: with the project's path (.qdpx, .qde or an unzipped project folder)")
	case !local(pj.File):
		bad(n.Line, "projects: %q is outside the study folder: keep the study's files in or below the folder of study.yaml", pj.File)
	case coding.IsREFICodebook(pj.File):
		bad(n.Line, "projects: %q is a REFI-QDA codebook, not a project: name it under codebook:", pj.File)
	}
	pj.File = filepath.Clean(pj.File)
	return pj, ok
}

// variables reads {respondent attribute: variable name, ...}.
func (p *problemList) variables(n *yaml.Node, ok *bool) map[string]string {
	if n.Kind != yaml.MappingNode {
		p.add(n.Line, "projects: variables should map respondent attributes to the project's variables, e.g. {role: Rol, city: Stad}")
		*ok = false
		return nil
	}
	vars := map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case !slices.Contains(coding.RespondentVariables, k.Value):
			p.add(k.Line, "projects: variables: %q is not a respondent attribute: use %s", k.Value, strings.Join(coding.RespondentVariables, ", "))
			*ok = false
		case v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "":
			p.add(v.Line, "projects: variables: %s should name a variable of the project, e.g. %s: Rol", k.Value, k.Value)
			*ok = false
		default:
			vars[k.Value] = strings.TrimSpace(v.Value)
		}
	}
	return vars
}
