package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/cimo-tool/cimo/coding"
	"github.com/cimo-tool/cimo/reports"
)

// Study is a study file (study.yaml) with its paths resolved.
type Study struct {
	Path         string // the study file as given
	Dir          string // the folder every path in it is relative to
	Name         string
	Language     string
	WorkPackages []WorkPackage
	Sources      coding.Sources
	// ContextGroups gather context categories for the context table, in
	// the order written; none means one group per context category.
	ContextGroups []ContextGroup
}

// A WorkPackage is one part of a study; its id names its output folder.
type WorkPackage struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
}

// AllScope names the tables over the whole study, beside one per work package.
const AllScope = "all"

// studyFile is study.yaml as written; decoding is strict, so a misspelt key
// is an error rather than a silently missing file. Table entries are read
// from their nodes (tables.go), strictly as well.
type studyFile struct {
	Name         string        `yaml:"name"`
	Language     string        `yaml:"language"`
	WorkPackages []WorkPackage `yaml:"work_packages"`
	Codebook     yaml.Node     `yaml:"codebook"`
	Respondents  yaml.Node     `yaml:"respondents"`
	Interviews   yaml.Node     `yaml:"interviews"`
	Segments     yaml.Node     `yaml:"segments"`
	Events       yaml.Node     `yaml:"events"`
	// Projects are REFI-QDA projects: see projects.go.
	Projects yaml.Node `yaml:"projects"`
	// ContextGroups is optional: see contextgroups.go.
	ContextGroups contextGroupsNode `yaml:"context_groups"`
}

var languages = []string{"nl", "en"}

// LoadStudy reads and checks a study file. Faults in it come back as a
// *coding.Problems, like faults in the tables it names.
func LoadStudy(path string) (*Study, error) {
	name := filepath.Base(path)
	ps := &problemList{file: name}
	raw, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		ps.add(0, "cannot read the study file %s: %v", path, err)
		return nil, ps.err()
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		ps.add(0, "is empty: a study file names the study, its work packages and its tables (see the input contract in the README)")
		return nil, ps.err()
	}
	var f studyFile
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		ps.yamlError(err)
		return nil, ps.err()
	}
	var doc yaml.Node
	_ = yaml.Unmarshal(raw, &doc) // it decoded above; only line numbers are wanted
	line := func(key string) int { return keyLine(&doc, key) }

	st := &Study{Path: path, Dir: filepath.Dir(path), Name: strings.TrimSpace(f.Name), Language: f.Language}
	if st.Name == "" {
		ps.add(line("name"), "name is missing: give the study a name for the report")
	}
	if !slices.Contains(languages, f.Language) {
		ps.add(line("language"), "language %q is not supported: use nl or en", f.Language)
	}
	if len(f.WorkPackages) == 0 {
		ps.add(line("work_packages"), "work_packages is empty: list at least one, e.g. {id: WP1, title: ...}")
	}
	seen := map[string]bool{}
	for _, wp := range f.WorkPackages {
		wp.ID = strings.TrimSpace(wp.ID)
		switch {
		case wp.ID == "":
			ps.add(line("work_packages"), "a work package has no id")
		case wp.ID == AllScope:
			ps.add(line("work_packages"), "work package id %q is reserved for the tables of the whole study: choose another", wp.ID)
		case strings.EqualFold(wp.ID, reports.ReportDir) || strings.EqualFold(wp.ID, ParquetDir):
			ps.add(line("work_packages"), "work package id %q is reserved for the output folder's own %s/ folder: choose another", wp.ID, strings.ToLower(wp.ID))
		case !validFolderName(wp.ID):
			ps.add(line("work_packages"), "work package id %q cannot name an output folder: use letters, digits, '-', '_' or '.'", wp.ID)
		case seen[wp.ID]:
			ps.add(line("work_packages"), "work package id %q is listed twice: give each work package its own id", wp.ID)
		}
		seen[wp.ID] = true
		st.WorkPackages = append(st.WorkPackages, wp)
	}
	src := coding.Sources{Dir: st.Dir}
	for _, wp := range st.WorkPackages {
		src.WorkPackages = append(src.WorkPackages, wp.ID)
	}
	// A study of REFI-QDA projects may take its interviews, respondents and
	// segments from them alone.
	src.Projects = ps.projects(&f.Projects, src.WorkPackages)
	withProjects := !absent(&f.Projects) && (f.Projects.Kind != yaml.SequenceNode || len(f.Projects.Content) > 0)
	refiCodebook := ps.refiCodebook(st.Dir, &f.Codebook, &src)
	for _, field := range []struct {
		key      string
		node     *yaml.Node
		dst      *coding.Table
		optional bool
	}{
		{"codebook", &f.Codebook, &src.Codebook, false},
		{"respondents", &f.Respondents, &src.Respondents, withProjects},
		{"interviews", &f.Interviews, &src.Interviews, withProjects},
		{"events", &f.Events, &src.Events, true},
	} {
		if field.key == "codebook" && refiCodebook {
			continue
		}
		if absent(field.node) {
			if !field.optional {
				ps.add(line(field.key), "%s is missing: name its table file (.csv or .xlsx), relative to the study file", field.key)
			}
			continue
		}
		entries := ps.tableEntries(field.key, field.node)
		if len(entries) == 0 {
			continue
		}
		if ts := ps.expand(field.key, st.Dir, entries[0]); len(ts) == 1 {
			*field.dst = ts[0]
		}
	}
	if !withProjects && (absent(&f.Segments) || (f.Segments.Kind == yaml.SequenceNode && len(f.Segments.Content) == 0)) {
		ps.add(line("segments"), "segments is missing: name one or more files or globs, e.g. [segments/*.csv], or REFI-QDA projects under projects:")
	}
	segments := ps.tableEntries("segments", &f.Segments)
	for _, e := range segments {
		for _, t := range ps.expand("segments", st.Dir, e) {
			if !slices.ContainsFunc(src.Segments, func(s coding.Table) bool { return s.File == t.File }) {
				src.Segments = append(src.Segments, t)
			}
		}
	}
	st.Sources = src
	st.ContextGroups = ps.contextGroups(f.ContextGroups)
	return st, ps.err()
}

// Scopes are the output folders in order: each work package, then the whole study.
func (st *Study) Scopes() []string {
	out := make([]string, 0, len(st.WorkPackages)+1)
	for _, wp := range st.WorkPackages {
		out = append(out, wp.ID)
	}
	return append(out, AllScope)
}

func local(p string) bool { return p != "" && filepath.IsLocal(filepath.Clean(p)) }

var folderNameRe = regexp.MustCompile(`^[\p{L}\p{N}_][\p{L}\p{N}_.\-]*$`)

func validFolderName(id string) bool { return folderNameRe.MatchString(id) }

// keyLine finds the line of a top-level key, so that faults point at it.
func keyLine(doc *yaml.Node, key string) int {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return 0
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return 0
}

// problemList collects faults of the study file as coding.Problems.
type problemList struct {
	file string
	list coding.Problems
}

func (p *problemList) add(line int, format string, args ...any) {
	p.list.List = append(p.list.List, coding.Problem{File: p.file, Row: line, Msg: fmt.Sprintf(format, args...)})
}

func (p *problemList) err() error {
	if len(p.list.List) == 0 {
		return nil
	}
	return &p.list
}

var (
	// (?s): a value the decoder quotes may hold a line break.
	yamlLineRe    = regexp.MustCompile(`(?s)^(?:yaml: )?line (\d+): (.*)$`)
	yamlUnknownRe = regexp.MustCompile(`^field (\S+) not found in type`)
	yamlTypeRe    = regexp.MustCompile("(?s)^cannot unmarshal !!(\\w+) (?:`(.*)` )?into (\\S+)$")
)

// yamlKinds names YAML's node tags and Go's target types for a researcher.
var yamlKinds = map[string]string{
	"str": "a text", "int": "a number", "float": "a number", "bool": "yes or no", "null": "nothing",
	"map": "a set of keys", "seq": "a list",
	"string": "a text", "[]string": "a list of files", "[]pipeline.WorkPackage": "a list of work packages",
	"pipeline.WorkPackage": "a work package {id: ..., title: ...}", "pipeline.studyFile": "a set of keys",
}

func yamlKind(k string) string {
	if s, ok := yamlKinds[k]; ok {
		return s
	}
	return k
}

// yamlError turns the YAML decoder's messages into located problems, naming
// the keys a study file may have when one is unknown.
func (p *problemList) yamlError(err error) {
	msgs := []string{err.Error()}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	for _, m := range msgs {
		line := 0
		if sm := yamlLineRe.FindStringSubmatch(m); sm != nil {
			line, _ = strconv.Atoi(sm[1])
			m = sm[2]
		}
		if um := yamlUnknownRe.FindStringSubmatch(m); um != nil {
			m = fmt.Sprintf("unknown key %q: a study file has name, language, work_packages, codebook, respondents, interviews, segments, events, projects and context_groups", um[1])
		} else if tm := yamlTypeRe.FindStringSubmatch(m); tm != nil {
			m = fmt.Sprintf("expected %s here, found %s", yamlKind(tm[3]), yamlKind(tm[1]))
			if tm[2] != "" {
				m += fmt.Sprintf(" %q", tm[2])
			}
		} else {
			m = "not valid YAML: " + strings.TrimPrefix(m, "yaml: ") + ": check the quotes, brackets and indentation here and on the lines before"
		}
		p.add(line, "%s", m)
	}
}
