package refi

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ParseUnit reads a unit as a study file may give it: "", "auto",
// "codepoints" or "utf16".
func ParseUnit(s string) (Unit, error) {
	switch u := Unit(strings.ToLower(strings.TrimSpace(s))); u {
	case "", UnitAuto:
		return UnitAuto, nil
	case UnitCodePoints, UnitUTF16:
		return u, nil
	}
	return "", fmt.Errorf("unknown position unit %q: use auto, codepoints or utf16", s)
}

// ReadProject reads a REFI-QDA project from path: a .qdpx file, a folder
// holding the unzipped project (project.qde, or another single .qde, with a
// Sources/ or sources/ folder), or a .qde file with its sources beside it.
//
// Input that cannot be read gives an *Errors; what was read despite a
// departure from the standard is listed in Project.Warnings.
func ReadProject(ctx context.Context, path string, opt Options) (*Project, error) {
	unit, err := ParseUnit(string(opt.Unit))
	if err != nil {
		return nil, fmt.Errorf("refi: %w", err)
	}
	maxBytes := opt.MaxEntryBytes
	if maxBytes <= 0 {
		maxBytes = DefaultMaxEntryBytes
	}
	dir, qde := path, ""
	if fi, err := os.Stat(path); err == nil && !fi.IsDir() && strings.EqualFold(filepath.Ext(path), ".qde") {
		dir, qde = filepath.Dir(path), filepath.Base(path)
	}
	a, err := openArchive(dir, maxBytes)
	if err != nil {
		return nil, relabel(err, path)
	}
	defer a.Close()
	base := ""
	if qde == "" {
		if qde, base, err = a.findQDE(); err != nil {
			return nil, err
		}
	}
	c := &collector{file: path, entry: qde}
	p, err := parseProject(ctx, a, c, qde)
	if err != nil {
		return nil, err
	}
	r := &resolver{ctx: ctx, a: a, base: base, c: c, p: p}
	if err := r.loadTexts(); err != nil {
		return nil, err
	}
	r.positions(unit)
	r.references()
	if err := c.err(); err != nil {
		return nil, err
	}
	p.p.QDE = qde
	return p.p, nil
}

// relabel names path, not the folder opened for it, in an archive's errors.
func relabel(err error, path string) error {
	var es *Errors
	if errors.As(err, &es) {
		for _, e := range es.List {
			e.File = path
		}
	}
	return err
}

// parseProject reads the project's XML.
func parseProject(ctx context.Context, a *archive, c *collector, qde string) (*parser, error) {
	e := a.entries[strings.ToLower(qde)]
	if e == nil {
		return nil, fail(c.file, qde, "cannot be found: check the path")
	}
	rc, err := a.openEntry(e)
	if errors.Is(err, errTooBig) {
		return nil, fail(c.file, qde, "%s", a.tooBig())
	}
	if err != nil {
		return nil, fail(c.file, qde, "cannot be read (%v): export the project again", reason(err))
	}
	defer rc.Close()
	p := newParser(bufio.NewReader(rc), c, "Project", projectNS)
	p.tooBig = a.tooBig()
	if err := p.run(ctx); err != nil {
		return nil, err
	}
	p.finish()
	return p, nil
}
