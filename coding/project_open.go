package coding

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/cimo-tool/cimo/coding/refi"
)

// projectState is what Read keeps of a study's REFI-QDA files between steps.
type projectState struct {
	// opened holds each REFI-QDA file read, by its clean path: a project
	// that is also the codebook is read once.
	opened map[string]*refiFile
	// refiCB is the codebook's REFI-QDA mapping; nil for a codebook table.
	refiCB   *refiCodebook
	projects []*projectRun
	// interviewAt says where a project gave each of its interviews, for
	// messages; madeRespondents are the respondents projects made.
	interviewAt     map[string]string
	madeRespondents map[string]bool
}

// refiFile is one REFI-QDA file as read: a project, or a codebook's codes.
type refiFile struct {
	project *refi.Project // nil for a .qdc
	codes   []*refi.Code
	qde     string // the project's XML file, empty for a .qdc
	ok      bool
}

// at names a place in a REFI-QDA file for a problem: the file, the XML
// file inside a project, and a line, as refi.Error does.
func (f *refiFile) at(file string, line int) string {
	s := file
	if f.qde != "" {
		s += ": " + f.qde
	}
	if line > 0 {
		s += fmt.Sprintf(":%d", line)
	}
	return s
}

// openREFI reads the REFI-QDA file file (relative to the study folder) once,
// reporting a file that cannot be read as problems naming it; ok is false then.
func (r *refs) openREFI(ctx context.Context, file string) (*refiFile, error) {
	key := filepath.Clean(file)
	if f, done := r.opened[key]; done {
		return f, nil
	}
	if r.opened == nil {
		r.opened = map[string]*refiFile{}
	}
	f := &refiFile{}
	r.opened[key] = f
	path := filepath.Join(r.src.Dir, file)
	var warnings []string
	var err error
	if IsREFICodebook(file) {
		var cb *refi.Codebook
		if cb, err = refi.ReadCodebook(ctx, path); err == nil {
			f.codes, warnings = cb.Codes, cb.Warnings
		}
	} else {
		opt := refi.Options{}
		for _, p := range r.src.Projects {
			if filepath.Clean(p.File) == key {
				opt.Unit = p.Unit
			}
		}
		var p *refi.Project
		if p, err = refi.ReadProject(ctx, path, opt); err == nil {
			f.project, f.codes, f.qde, warnings = p, p.Codes, p.QDE, p.Warnings
		}
	}
	var es *refi.Errors
	switch {
	case errors.As(err, &es):
		r.refiProblems(file, es)
		return f, nil
	case err != nil:
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	for _, w := range warnings {
		r.tr.warnings = append(r.tr.warnings, Warning{File: file, Msg: w})
	}
	f.ok = true
	return f, nil
}

// refiProblems lists what refi found wrong with file as the study's
// problems, each naming file as the study file does, not as it was opened.
func (r *refs) refiProblems(file string, es *refi.Errors) {
	for _, e := range es.List {
		at := file
		if e.Entry != "" {
			at += ": " + e.Entry
		}
		if e.Line > 0 {
			at += fmt.Sprintf(":%d", e.Line)
			if e.Column > 0 {
				at += fmt.Sprintf(":%d", e.Column)
			}
		}
		r.tr.problems.add(at, 0, "", "%s", e.Msg)
	}
	if es.Omitted > 0 {
		r.tr.problems.add(file, 0, "", "and %d more problems in this file", es.Omitted)
	}
}
