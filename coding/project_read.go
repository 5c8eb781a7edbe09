package coding

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/cimo-tool/cimo/coding/refi"
)

// projectRun is one project of the study as it is being read.
type projectRun struct {
	spec Project
	f    *refiFile
	// codes maps the GUID of each code whose codings become segments to
	// the study's code; skip holds the codes whose codings are left out.
	codes map[string]string
	skip  map[string]bool
	// interviews maps the GUID of each text source to its interview.
	interviews map[string]string
	users      map[string]string // user GUID -> coder
	cases      map[string]*refi.Case
}

func (pr *projectRun) at(line int) string { return pr.f.at(pr.spec.File, line) }

// readProjects reads every project, adding its sources as interviews (with
// their respondents and cases) and mapping its codes to the codebook's.
// Segments follow in projectSegments, once the tables' segments are read.
func (r *refs) readProjects(ctx context.Context) error {
	r.interviewAt = map[string]string{}
	r.madeRespondents = map[string]bool{}
	for _, spec := range r.src.Projects {
		f, err := r.openREFI(ctx, spec.File)
		if err != nil {
			return err
		}
		if !f.ok {
			continue
		}
		if f.project == nil {
			r.tr.problems.add(spec.File, 0, "", "is a codebook, not a project: name it under codebook: in study.yaml")
			continue
		}
		if r.tr.scanPII {
			r.projectPII(spec.File, f.project)
		}
		pr := &projectRun{spec: spec, f: f, codes: map[string]string{}, skip: map[string]bool{},
			interviews: map[string]string{}, users: map[string]string{}}
		for _, u := range f.project.Users {
			pr.users[u.GUID] = firstOf(strings.TrimSpace(u.Name), u.GUID)
		}
		if r.have.codebook {
			r.mapCodes(pr)
		}
		// Sources are checked against the tables: not against one that
		// could not be read, as each would only repeat its fault.
		if r.checkVariables(pr) && r.have.interviews && r.have.respondents {
			r.caseOfSources(pr)
			r.addInterviews(pr)
		}
		r.projects = append(r.projects, pr)
	}
	return nil
}

// firstOf returns the first of its arguments that is not empty.
func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// mapCodes finds the study's code of every code of the project: the same
// code when the codebook is this file, or a code whose GUID it shares (a
// code of a REFI-QDA codebook, or of the .qdc cimo writes, which QDA
// programs keep when they import it); otherwise the code its id or its name
// names, read as segments tables are read.
func (r *refs) mapCodes(pr *projectRun) {
	p := pr.f.project
	coded := map[string]int{}
	for _, s := range p.Selections {
		for _, c := range s.Codings {
			coded[c.CodeGUID]++
		}
	}
	rc := r.refiCB
	same := rc != nil && rc.file == filepath.Clean(pr.spec.File)
	ids := pr.spec.CodeIDs
	if ids == "" {
		ids = CodeIDsName
	}
	stable := map[string]string{} // the GUIDs of the .qdc cimo writes
	for _, c := range r.st.Codebook.Codes {
		stable[refi.StableGUID(c.Code)] = c.Code
	}
	var unused []string
	for _, c := range refi.All(p.Codes) {
		if rc != nil {
			if code, ok := rc.guids[c.GUID]; ok {
				pr.codes[c.GUID] = code
				continue
			}
		}
		if code, ok := stable[c.GUID]; ok && !same {
			pr.codes[c.GUID] = code
			continue
		}
		switch {
		case same && rc.leftOut[c.GUID]:
			pr.skip[c.GUID] = true
			rc.skipped += coded[c.GUID]
			continue
		case same && rc.containers[c.GUID] != "":
			if n := coded[c.GUID]; n > 0 {
				r.tr.problems.add(pr.at(c.Line), 0, "", "code %q is a folder that dimensions: maps to a dimension, so it is no code of the study, yet %d selections are coded with it: code them with a code below it, or map the code's own parent instead",
					c.Name, n)
			}
			continue
		case same:
			continue // a duplicate id, reported with the codebook
		}
		id, _ := ids.idLabel(c)
		code, msg := r.codeOf(id, c.Name)
		switch {
		case code != "":
			pr.codes[c.GUID] = code
		case coded[c.GUID] == 0:
			unused = append(unused, c.Name)
		case msg != "":
			r.tr.problems.add(pr.at(c.Line), 0, "", "code %q, which %d codings use: %s", c.Name, coded[c.GUID], msg)
		default:
			r.tr.problems.add(pr.at(c.Line), 0, "", "code %q, which %d codings use, is not in %s: add it to the codebook, or name it in your QDA program by a code, a label or \"code label\" of the codebook (code_ids: %s reads its id as %q)",
				c.Name, coded[c.GUID], r.src.Codebook.File, ids, id)
		}
	}
	if len(unused) > 0 {
		r.tr.warnings = append(r.tr.warnings, Warning{File: pr.spec.File,
			Msg: fmt.Sprintf("left out %d codes that are not in %s and code no text: %s", len(unused), r.src.Codebook.File, quoteSome(unused, 5))})
	}
}

// codeOf resolves a project code by its id, else by its whole name, as a
// cell of a segments table; msg says why a name that could be two codes is
// none.
func (r *refs) codeOf(id, name string) (code, msg string) {
	for _, v := range []string{id, strings.TrimSpace(name)} {
		c, m := r.tr.codes.resolve(v, false)
		if m != "" {
			return "", m
		}
		if _, ok := r.st.Codebook.Lookup(c); ok {
			return c, ""
		}
	}
	return "", ""
}

// checkVariables checks that the variables study.yaml maps are the project's.
func (r *refs) checkVariables(pr *projectRun) bool {
	var names []string
	for _, v := range pr.f.project.Variables {
		names = append(names, v.Name)
	}
	ok := true
	for _, attr := range RespondentVariables {
		name, mapped := pr.spec.Variables[attr]
		if mapped && !slices.Contains(names, name) {
			r.tr.problems.add(pr.spec.File, 0, "", "has no variable %q, which study.yaml maps %s to: its variables are %s", name, attr, quoteSome(names, 12))
			ok = false
		}
	}
	return ok
}

// caseOfSources gives each text source the first case, by name, that
// holds it, warning about a source that two cases hold.
func (r *refs) caseOfSources(pr *projectRun) {
	cases := slices.Clone(pr.f.project.Cases)
	slices.SortStableFunc(cases, func(a, b refi.Case) int { return strings.Compare(caseID(&a), caseID(&b)) })
	pr.cases = map[string]*refi.Case{}
	for i := range cases {
		c := &cases[i]
		for _, g := range c.SourceGUIDs {
			if first, dup := pr.cases[g]; dup {
				if caseID(first) != caseID(c) {
					r.tr.warnings = append(r.tr.warnings, Warning{File: pr.spec.File, Msg: fmt.Sprintf(
						"source %s is in case %q and in case %q: its interview informs %q, the first by name", sourceName(pr.f.project, g), caseID(first), caseID(c), caseID(first))})
				}
				continue
			}
			pr.cases[g] = c
		}
	}
}

func caseID(c *refi.Case) string { return firstOf(strings.TrimSpace(c.Name), c.GUID) }

func sourceName(p *refi.Project, guid string) string {
	for _, s := range p.Sources {
		if s.GUID == guid {
			return fmt.Sprintf("%q", s.Name)
		}
	}
	return guid
}

// extension is what InterviewID drops from a source's name: a dot and a
// few letters or digits, as in "Interview 1.txt" or "WP2_03.docx".
var extension = regexp.MustCompile(`\.[\p{L}\p{N}]{1,5}$`)

// InterviewID is the interview a text source of a project gives: its name
// without an extension.
func InterviewID(sourceName string) string {
	return strings.TrimSpace(extension.ReplaceAllString(strings.TrimSpace(sourceName), ""))
}

// addInterviews makes each text source an interview: the row of
// interviews.csv with its id where there is one, else a new interview in
// the project's work package, with a respondent from the mapped variables
// (or respondents.csv) and the case that holds the source.
func (r *refs) addInterviews(pr *projectRun) {
	var unplaced []refi.TextSource
	seen := map[string]int{} // interview id -> line of the source giving it
	for _, s := range pr.f.project.Sources {
		id := InterviewID(s.Name)
		if line, dup := seen[id]; dup {
			r.tr.problems.add(pr.at(s.Line), 0, "", "source %q gives interview id %q, as does the source on line %d: rename one in your QDA program", s.Name, id, line)
			continue
		}
		seen[id] = s.Line
		if other, dup := r.interviewAt[id]; dup {
			r.tr.problems.add(pr.at(s.Line), 0, "", "source %q gives interview id %q, as does %s: rename one in your QDA program", s.Name, id, other)
			continue
		}
		c := pr.cases[s.GUID]
		if i, listed := r.interviews[id]; listed {
			// interviews.csv says who, when and in which work package
			if iv := &r.st.Interviews[i]; iv.CaseID == "" && c != nil {
				iv.CaseID = caseID(c)
			}
			pr.interviews[s.GUID] = id
			r.interviewAt[id] = pr.at(s.Line)
			continue
		}
		if pr.spec.WorkPackage == "" {
			unplaced = append(unplaced, s)
			continue
		}
		respondent := firstOf(pr.value("respondent_id", &s), id)
		if !r.projectRespondent(pr, respondent, &s) {
			continue
		}
		iv := Interview{ID: id, RespondentID: respondent, WorkPackage: pr.spec.WorkPackage, File: pr.spec.File, Row: s.Line}
		if c != nil {
			iv.CaseID = caseID(c)
		}
		r.interviews[id] = len(r.st.Interviews)
		r.st.Interviews = append(r.st.Interviews, iv)
		pr.interviews[s.GUID] = id
		r.interviewAt[id] = pr.at(s.Line)
	}
	if len(unplaced) > 0 {
		where := "in no interviews table"
		if f := r.src.Interviews.File; f != "" {
			where = "not in " + f
		}
		r.tr.problems.add(pr.at(unplaced[0].Line), 0, "", "%d text sources (the first is %q) are interviews %s, and study.yaml gives the project no work_package: give it one, or list the interviews in an interviews table",
			len(unplaced), unplaced[0].Name, where)
	}
}

// value is the value of the variable mapped to attr: the source's own,
// else its case's; "" when neither has one.
func (pr *projectRun) value(attr string, s *refi.TextSource) string {
	name, ok := pr.spec.Variables[attr]
	if !ok {
		return ""
	}
	find := func(vs []refi.VariableValue) string {
		for _, v := range vs {
			if v.Name == name && strings.TrimSpace(v.Value) != "" {
				return strings.TrimSpace(v.Value)
			}
		}
		return ""
	}
	if v := find(s.Values); v != "" {
		return v
	}
	if c := pr.cases[s.GUID]; c != nil {
		return find(c.Values)
	}
	return ""
}

// projectRespondent makes sure the respondent of source s exists: listed in
// respondents.csv, made for an earlier source with the same attributes, or
// made now from the mapped variables. It says whether it does.
func (r *refs) projectRespondent(pr *projectRun, id string, s *refi.TextSource) bool {
	p := Respondent{ID: id, Role: pr.value("role", s), City: pr.value("city", s), Organisation: pr.value("organisation", s),
		File: pr.spec.File, Row: s.Line}
	i, known := r.respondents[id]
	if known {
		if !r.madeRespondents[id] {
			return true // respondents.csv wins
		}
		q := r.st.Respondents[i]
		for _, a := range []struct{ name, was, is string }{{"role", q.Role, p.Role}, {"city", q.City, p.City}, {"organisation", q.Organisation, p.Organisation}} {
			if a.was != a.is {
				r.tr.problems.add(pr.at(s.Line), 0, "", "respondent %q of source %q has %s %q, but %q for the source at %s:%d: give a respondent the same variables everywhere, or list them in respondents.csv",
					id, s.Name, a.name, a.is, a.was, q.File, q.Row)
				return false
			}
		}
		return true
	}
	var missing []string
	if p.Role == "" {
		missing = append(missing, "role")
	}
	if p.City == "" {
		missing = append(missing, "city")
	}
	if len(missing) > 0 {
		r.tr.problems.add(pr.at(s.Line), 0, "", "respondent %q of source %q has no %s: map the project's variables in study.yaml (variables: {role: ..., city: ...}), or list the respondent in a respondents table",
			id, s.Name, strings.Join(missing, " and no "))
		return false
	}
	r.respondents[id] = len(r.st.Respondents)
	r.madeRespondents[id] = true
	r.st.Respondents = append(r.st.Respondents, p)
	return true
}

// projectSegments makes every coding of a coded text selection a segment:
// its id the selection's GUID, its positions rune offsets into the source's
// text, its quote the text between them, its coder the coding's user.
func (r *refs) projectSegments(ctx context.Context) error {
	for _, pr := range r.projects {
		if err := ctx.Err(); err != nil {
			return err
		}
		for _, sel := range pr.f.project.Selections {
			iv, ok := pr.interviews[sel.SourceGUID]
			if !ok {
				continue // its source is reported already
			}
			for _, c := range sel.Codings {
				code, ok := pr.codes[c.CodeGUID]
				if !ok {
					continue // left out, or reported
				}
				user := firstOf(c.CreatingUser, sel.CreatingUser)
				start, end := sel.Start, sel.End
				s := Segment{InterviewID: iv, SegmentID: sel.GUID, Code: code, Coder: firstOf(pr.users[user], user),
					Start: &start, End: &end, Quote: sel.Quote, File: pr.spec.File, Row: sel.Line}
				st := r.segment(s)
				if first, dup := codedBefore(st, s); dup {
					r.tr.problems.add(pr.at(sel.Line), 0, "", "selection %s carries code %q of coder %q twice (first at %s:%d): remove one coding in your QDA program",
						sel.GUID, code, s.Coder, first.file, first.line)
					continue
				}
				r.keepSegment(st, s, place{pr.at(0), sel.Line})
			}
		}
	}
	if w, ok := r.refiCB.leftOutWarning(); ok {
		r.tr.warnings = append(r.tr.warnings, w)
	}
	return nil
}

// interviewSources names where interviews come from, for a message.
func (r *refs) interviewSources() string {
	var from []string
	if f := r.src.Interviews.File; f != "" {
		from = append(from, f)
	}
	for _, p := range r.src.Projects {
		from = append(from, p.File)
	}
	if len(from) == 0 {
		return "any interviews table"
	}
	return strings.Join(from, " or ")
}
