package data

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Synthetic says what WriteSynthetic generates.
type Synthetic struct {
	// Segments is the number of coded-segment rows to write: rows of the
	// segments CSV files, one per segment and code (codings), not distinct
	// segments. At least 1.
	Segments int
	// Seed fixes every draw: the same options give the same bytes.
	Seed uint64
	// DoubleCoded is the share of segments (0 to 1) that a second coder
	// coded as well.
	DoubleCoded float64
	// RepeatAgreed writes a second coder's codes that agree with the first
	// coder's too, so that the same (interview, segment, code) appears once
	// per coder, as in a QDA tool's export of double coding. Without it
	// only the codes a second coder gave differently are written.
	RepeatAgreed bool
}

// DefaultDoubleCoded is the share of double-coded segments `cimo generate`
// writes unless told otherwise.
const DefaultDoubleCoded = 0.10

// ErrFolderNotEmpty means WriteSynthetic was given a folder that already
// holds files: stale segment files would join the new study through its glob.
var ErrFolderNotEmpty = errors.New("folder is not empty")

// SyntheticSummary counts what WriteSynthetic wrote.
type SyntheticSummary struct {
	Respondents, Interviews, Cases, Events int
	// DoubleCoded counts the segments with rows of a second coder.
	DoubleCoded  int
	WorkPackages []SyntheticWorkPackage
}

// SyntheticWorkPackage counts one work package's share of a synthetic study.
type SyntheticWorkPackage struct {
	ID               string
	Interviews, Rows int
	Files            []string // segment files, relative to the study folder
}

// WriteSynthetic writes a synthetic study of opt.Segments coded-segment rows
// into dir, which must be new or empty. It has the shape of the example
// study at any size (its codebook and code weights, timelines, chains,
// fuzzy dates, several coders) and streams every file, so memory does not
// grow with the number of rows. A failed call may leave part of the study
// in dir.
func WriteSynthetic(ctx context.Context, dir string, opt Synthetic) (*SyntheticSummary, error) {
	if opt.Segments < 1 {
		return nil, fmt.Errorf("synthetic study: %d segments: give at least 1", opt.Segments)
	}
	if !(opt.DoubleCoded >= 0 && opt.DoubleCoded <= 1) {
		return nil, fmt.Errorf("synthetic study: double-coded share %v: give a share from 0 to 1", opt.DoubleCoded)
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("synthetic study %s: %w: give a new folder", dir, ErrFolderNotEmpty)
	}
	if err := os.MkdirAll(filepath.Join(dir, "segments"), 0o755); err != nil {
		return nil, fmt.Errorf("synthetic study: %w", err)
	}
	g, err := newSynth(dir, opt)
	if err != nil {
		return nil, err
	}
	err = g.run(ctx)
	if cerr := g.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("synthetic study %s: %w", dir, err)
	}
	for _, f := range []file{{"study.yaml", syntheticYAML(opt)}, {"codebook.csv", codebookCSV()}, {"README.md", syntheticReadme(opt, &g.sum)}} {
		if err := os.WriteFile(filepath.Join(dir, f.name), f.body, 0o644); err != nil {
			return nil, fmt.Errorf("synthetic study: %w", err)
		}
	}
	return &g.sum, nil
}

// Shape of a synthetic study. A unit is a thematic interview (WP1, WP3,
// WP4) or a WP2 case with its timeline interviews; a case yields about five
// times the rows of an interview, so WP2 holds about 45% of the rows.
var (
	unitWeights = []float64{0.42, 0.16, 0.27, 0.15} // per work package, in workPackages order
	// roleMix are the roles interviewed in the thematic work packages,
	// after the real study's numbers (DOMAIN.md).
	roleMix = map[string][]weightedRole{
		"WP1": {{roleClient, 7}, {roleRelative, 2}, {roleSupporter, 6}, {roleProfessional, 6}, {rolePolicy, 1}, {roleLead, 3}},
		"WP3": {{roleLead, 4}, {roleManager, 4}, {rolePolicy, 3}},
		"WP4": {{roleTrainer, 1}, {rolePeer, 2}, {roleSupporter, 1}},
	}
	filesPerWorkPackage = 3 // interviews go round-robin into this many segment files
	syntheticStart      = day("2023-01-02")
	syntheticDays       = 900 // first interviews spread over about two and a half years
)

type weightedRole struct {
	role   string
	weight float64
}

// synth is one run of the synthetic generator.
type synth struct {
	opt  Synthetic
	dir  string
	r    *rng
	c    *coding
	left int // rows still to write

	respondents, interviews, events *csvFile
	segments                        [][]*csvFile // per work package, per part; opened on first use
	people                          *people
	ivNo                            []int // interviews so far, per work package
	sum                             SyntheticSummary
}

func newSynth(dir string, opt Synthetic) (*synth, error) {
	g := &synth{
		opt:      opt,
		dir:      dir,
		r:        &rng{rand.New(rand.NewPCG(opt.Seed, 0x5c41e))},
		c:        &coding{chainsOf: map[*respondent][]string{}},
		left:     opt.Segments,
		segments: make([][]*csvFile, len(workPackages)),
		ivNo:     make([]int, len(workPackages)),
	}
	g.people = newPeople(g.r)
	for _, wp := range workPackages {
		g.sum.WorkPackages = append(g.sum.WorkPackages, SyntheticWorkPackage{ID: wp[0]})
	}
	for i := range g.segments {
		g.segments[i] = make([]*csvFile, filesPerWorkPackage)
	}
	var err error
	open := func(name string, header []string) *csvFile {
		if err != nil {
			return nil
		}
		var f *csvFile
		f, err = createCSV(filepath.Join(dir, name), header)
		return f
	}
	g.respondents = open("respondents.csv", []string{"respondent_id", "role", "city", "organisation"})
	g.interviews = open("interviews.csv", []string{"interview_id", "respondent_id", "work_package", "date", "case_id"})
	g.events = open("events.csv", []string{"case_id", "event_id", "seq", "kind", "date", "phase", "description"})
	if err != nil {
		g.close()
		return nil, fmt.Errorf("synthetic study: %w", err)
	}
	return g, nil
}

// run writes units until the rows are all written.
func (g *synth) run(ctx context.Context) error {
	for g.left > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		wp := g.r.weighted(unitWeights)
		var err error
		if workPackages[wp][0] == "WP2" {
			err = g.caseUnit(wp)
		} else {
			err = g.thematicUnit(wp)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// thematicUnit is one WP1, WP3 or WP4 interview.
func (g *synth) thematicUnit(wp int) error {
	mix := roleMix[workPackages[wp][0]]
	w := make([]float64, len(mix))
	for i, m := range mix {
		w[i] = m.weight
	}
	p, err := g.person(mix[g.r.weighted(w)].role, "", true)
	if err != nil {
		return err
	}
	iv, err := g.interview(wp, p, nil, g.date())
	if err != nil {
		return err
	}
	var rows [][]string
	g.c.thematic(g.r, &transcript{iv: iv, coder: g.people.coder(g.r, ""), rows: &rows})
	return g.emit(wp, rows)
}

// caseUnit is one client's trajectory: a network supporter's timeline
// interview, sometimes a second one that splits the timeline, sometimes the
// client's own account, and the case's 5 to 40 events.
func (g *synth) caseUnit(wp int) error {
	sup, err := g.person(roleSupporter, "", true)
	if err != nil {
		return err
	}
	g.sum.Cases++
	cf := &caseFile{id: fmt.Sprintf("T%06d", g.sum.Cases), city: sup.city}
	plan := []*respondent{sup}
	if g.r.chance(0.4) {
		client, err := g.person(roleClient, cf.city, false) // a case has its own client
		if err != nil {
			return err
		}
		plan = append(plan, client)
	}
	if g.r.chance(0.25) { // interviewed twice, or a colleague who took over
		second := sup
		if g.r.chance(0.5) {
			if second, err = g.person(roleSupporter, cf.city, true); err != nil {
				return err
			}
		}
		plan = append(plan, second)
	}
	date := g.date()
	for _, p := range plan {
		if _, err := g.interview(wp, p, cf, date); err != nil {
			return err
		}
		date = date.AddDate(0, 0, g.r.between(7, 60))
	}
	u := g.r.Float64()
	cf.events = g.r.events(cf, 5+int(36*u*u)) // 5 to 40, most cases short
	for _, e := range cf.events {
		g.sum.Events++
		if err := g.events.write(cf.id, e.id, fmt.Sprint(e.seq), e.kind, e.date, e.phase, e.desc); err != nil {
			return err
		}
	}
	for _, iv := range cf.interviews {
		var rows [][]string
		tellCase(g.r, &transcript{iv: iv, coder: g.people.coder(g.r, ""), rows: &rows}, cf)
		if err := g.emit(wp, rows); err != nil {
			return err
		}
	}
	return nil
}

// date draws a first interview date.
func (g *synth) date() time.Time {
	return syntheticStart.AddDate(0, 0, g.r.IntN(syntheticDays))
}

// person returns a respondent of role: now and then (when repeat) someone
// interviewed before, else a new person (in city, when given), written at once.
func (g *synth) person(role, city string, repeat bool) (*respondent, error) {
	if repeat {
		if p := g.people.again(g.r, role, city); p != nil {
			return p, nil
		}
	}
	p := g.people.add(g.r, role, city)
	g.sum.Respondents++
	return p, g.respondents.write(p.id, p.role, p.city, p.org)
}

func (g *synth) interview(wp int, p *respondent, cf *caseFile, date time.Time) (*interview, error) {
	g.ivNo[wp]++
	g.sum.Interviews++
	g.sum.WorkPackages[wp].Interviews++
	id := workPackages[wp][0]
	iv := &interview{id: fmt.Sprintf("%s_%06d", id, g.ivNo[wp]), wp: id, resp: p, date: date}
	if cf != nil {
		iv.caseID = cf.id
		cf.interviews = append(cf.interviews, iv)
	}
	return iv, g.interviews.write(iv.id, p.id, iv.wp, date.Format(time.DateOnly), iv.caseID)
}

// emit writes an interview's rows, with its second coders' rows, into the
// work package's segment file for this interview, up to the rows left.
func (g *synth) emit(wp int, rows [][]string) error {
	rows, double := g.secondCoders(rows)
	rows = rows[:min(len(rows), g.left)]
	if len(rows) == 0 {
		return nil
	}
	for _, at := range double {
		if at < len(rows) {
			g.sum.DoubleCoded++
		}
	}
	part := (g.ivNo[wp] - 1) % filesPerWorkPackage
	f := g.segments[wp][part]
	if f == nil {
		name := fmt.Sprintf("segments/%s-%d.csv", strings.ToLower(workPackages[wp][0]), part+1)
		var err error
		if f, err = createCSV(filepath.Join(g.dir, filepath.FromSlash(name)), segmentHeader); err != nil {
			return err
		}
		g.segments[wp][part] = f
		s := &g.sum.WorkPackages[wp]
		s.Files = append(s.Files, name)
	}
	for _, row := range rows {
		if err := f.write(row...); err != nil {
			return err
		}
	}
	g.left -= len(rows)
	g.sum.WorkPackages[wp].Rows += len(rows)
	return nil
}

// close flushes and closes every file, returning the first error.
func (g *synth) close() error {
	var errs []error
	for _, f := range []*csvFile{g.respondents, g.interviews, g.events} {
		errs = append(errs, f.close())
	}
	for _, parts := range g.segments {
		for _, f := range parts {
			errs = append(errs, f.close())
		}
	}
	return errors.Join(errs...)
}
