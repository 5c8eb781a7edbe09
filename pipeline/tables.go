package pipeline

import (
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/cimo-tool/cimo/coding"
)

// A table entry of study.yaml is a path (a glob for segments), or a mapping
// that says how to read the file:
//
//	segments:
//	  - segments/*.csv
//	  - {file: export.xlsx, sheet: Codings, preset: maxqda, columns: {coder: "Author"}}
//
// The mapping is read strictly, like the study file: an unknown key or a
// value that cannot be right is a problem on its line.

// tableEntry is one table entry as written: File may still be a glob.
type tableEntry struct {
	line  int
	table coding.Table
}

var tableKeys = []string{"file", "sheet", "delimiter", "encoding", "preset", "columns"}

// tableEntries reads the entry of table key: one entry, or for segments
// also a list of them. An absent key gives none.
func (p *problemList) tableEntries(key string, n *yaml.Node) []tableEntry {
	if absent(n) {
		return nil
	}
	if n.Kind == yaml.SequenceNode && key == "segments" {
		var out []tableEntry
		for _, e := range n.Content {
			if t, ok := p.tableEntry(key, e); ok {
				out = append(out, t)
			}
		}
		return out
	}
	if t, ok := p.tableEntry(key, n); ok {
		return []tableEntry{t}
	}
	return nil
}

// absent says whether a key was left out or left empty.
func absent(n *yaml.Node) bool {
	return n.Kind == 0 || (n.Kind == yaml.ScalarNode && (n.Tag == "!!null" || n.Value == ""))
}

func (p *problemList) tableEntry(key string, n *yaml.Node) (tableEntry, bool) {
	e := tableEntry{line: n.Line}
	switch n.Kind {
	case yaml.ScalarNode:
		e.table.File = n.Value
		return e, p.checkFile(key, e)
	case yaml.MappingNode:
	default:
		what := "a file name or {file: ...}"
		if key == "segments" {
			what = "a file name, a glob or {file: ...}, or a list of them"
		}
		p.add(n.Line, "%s: expected %s here, found %s", key, what, yamlKind(strings.TrimPrefix(n.Tag, "!!")))
		return e, false
	}
	ok := true
	bad := func(line int, format string, args ...any) {
		p.add(line, format, args...)
		ok = false
	}
	hasFile := false
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !slices.Contains(tableKeys, k.Value) {
			if key == "codebook" && slices.Contains(refiCodebookKeys, k.Value) {
				bad(k.Line, "%s is for a REFI-QDA codebook (.qdc, .qdpx, .qde or a project folder); a table has %s", k.Value, strings.Join(tableKeys, ", "))
				continue
			}
			bad(k.Line, "unknown key %q in %s: a table has %s", k.Value, key, strings.Join(tableKeys, ", "))
			continue
		}
		if k.Value == "columns" {
			ok = p.columnMapping(key, v, &e.table) && ok
			continue
		}
		if v.Kind != yaml.ScalarNode || v.Tag == "!!null" || v.Value == "" {
			bad(v.Line, "%s: %s should be a text here", key, k.Value)
			continue
		}
		switch k.Value {
		case "file":
			e.table.File, hasFile = v.Value, true
		case "sheet":
			e.table.Sheet = v.Value
		case "delimiter":
			d, good := parseDelimiter(v.Value)
			if !good {
				bad(v.Line, "%s: delimiter %q is not one character: use \";\", \",\", tab or another single character", key, v.Value)
			}
			e.table.Delimiter = d
		case "encoding":
			enc, good := coding.ParseEncoding(v.Value)
			if !good {
				bad(v.Line, "%s: encoding %q is not supported: use utf-8, windows-1252 (also cp1252) or auto", key, v.Value)
			}
			e.table.Encoding = enc
		case "preset":
			switch {
			case key != "segments":
				bad(v.Line, "%s: preset is for coded segments exported from a tool; map this table's columns with columns:", key)
			case !slices.Contains(coding.Presets(), v.Value):
				bad(v.Line, "%s: unknown preset %q: use %s", key, v.Value, strings.Join(coding.Presets(), " or "))
			default:
				e.table.Preset = v.Value
			}
		}
	}
	if !hasFile {
		bad(n.Line, "%s: the entry has no file: add file: with the table's path", key)
		return e, false
	}
	return e, ok && p.checkFile(key, e)
}

// checkFile checks an entry's path, and the options against the file's
// format (a glob's files are checked once it is expanded).
func (p *problemList) checkFile(key string, e tableEntry) bool {
	t := e.table
	switch {
	case !local(t.File):
		p.add(e.line, "%s %q is outside the study folder: keep the study's files in or below the folder of study.yaml", key, t.File)
		return false
	case isGlob(t.File) && key != "segments":
		p.add(e.line, "%s %q is a glob: name one file (only segments may be several)", key, t.File)
		return false
	case isGlob(t.File):
		return true
	}
	return p.checkFormat(key, e.line, t, t.File)
}

func isGlob(path string) bool { return strings.ContainsAny(path, "*?[") }

// checkFormat checks that file is a table cimo reads and that t's options
// fit its format.
func (p *problemList) checkFormat(key string, line int, t coding.Table, file string) bool {
	switch {
	case !coding.IsTableFile(file):
		p.add(line, "%s %q is not a table cimo reads: use .csv, .tsv or .txt (delimited text) or .xlsx (Excel)", key, file)
		return false
	case coding.IsWorkbook(file) && (t.Delimiter != 0 || t.Encoding != ""):
		p.add(line, "%s %q is an Excel workbook: delimiter and encoding are for CSV files", key, file)
		return false
	case !coding.IsWorkbook(file) && t.Sheet != "":
		p.add(line, "%s %q is delimited text: sheet is for .xlsx workbooks", key, file)
		return false
	}
	return true
}

// columnMapping reads columns: {contract column: "file header", ...}.
func (p *problemList) columnMapping(key string, n *yaml.Node, t *coding.Table) bool {
	if n.Kind != yaml.MappingNode {
		p.add(n.Line, "%s: columns should map contract columns to the file's headers, e.g. {interview_id: \"Document name\"}", key)
		return false
	}
	known := coding.ContractColumns(key)
	ok := true
	t.Columns = map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case !slices.Contains(known, k.Value):
			p.add(k.Line, "%s: columns: %q is not a column of %s: its columns are %s", key, k.Value, key, strings.Join(known, ", "))
			ok = false
		case v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "":
			p.add(v.Line, "%s: columns: %s should name a column of the file, e.g. %s: \"Document name\"", key, k.Value, k.Value)
			ok = false
		default:
			t.Columns[k.Value] = strings.TrimSpace(v.Value)
		}
	}
	return ok
}

// parseDelimiter reads a delimiter: one character, or the word tab.
func parseDelimiter(s string) (rune, bool) {
	if strings.EqualFold(s, "tab") {
		return '\t', true
	}
	r, size := utf8.DecodeRuneInString(s)
	if size != len(s) || r == utf8.RuneError || r == '"' || r == '\n' || r == '\r' {
		return 0, false
	}
	return r, true
}

// expand resolves an entry into the tables it names: itself, or one per
// file its glob matches, each with the entry's options.
func (p *problemList) expand(key, dir string, e tableEntry) []coding.Table {
	if !isGlob(e.table.File) {
		t := e.table
		t.File = filepath.Clean(t.File)
		return []coding.Table{t}
	}
	matches, err := filepath.Glob(filepath.Join(dir, e.table.File))
	if err != nil {
		p.add(e.line, "%s %q is not a valid glob: %v", key, e.table.File, err)
		return nil
	}
	if len(matches) == 0 {
		p.add(e.line, "%s %q matches no file in %s: check the pattern, which is relative to the folder of study.yaml", key, e.table.File, dir)
	}
	slices.Sort(matches)
	var out []coding.Table
	for _, m := range matches {
		rel, err := filepath.Rel(dir, m)
		if err != nil {
			continue
		}
		t := e.table
		t.File = rel
		if p.checkFormat(key, e.line, t, rel) {
			out = append(out, t)
		}
	}
	return out
}
