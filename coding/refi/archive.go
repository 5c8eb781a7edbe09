package refi

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
)

// archive gives the files of a project, zipped (.qdpx) or unzipped in a
// folder, by their slash-separated name, and bounds what is read of each.
type archive struct {
	path    string            // as given, for messages
	entries map[string]*entry // by lower-cased name: Sources/ and sources/ are one
	max     int64
	close   func() error
}

type entry struct {
	name string // as stored, with forward slashes
	size int64  // as the archive says: a crafted zip may lie
	open func() (io.ReadCloser, error)
}

// openArchive opens the zip at p, or indexes the folder p (its files and
// those of its immediate subfolders, which is where sources live).
func openArchive(p string, max int64) (*archive, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, fail(p, "", "cannot be opened (%v): check the path", reason(err))
	}
	a := &archive{path: p, entries: map[string]*entry{}, max: max}
	if fi.IsDir() {
		return a, a.indexFolder()
	}
	return a, a.indexZip()
}

func (a *archive) indexZip() error {
	zr, err := zip.OpenReader(a.path)
	if err != nil {
		return fail(a.path, "", "is not a readable zip archive (%v): a .qdpx project is a zip file; export it again from your QDA program, or check that it was copied whole", reason(err))
	}
	a.close = zr.Close
	if len(zr.File) > MaxEntries {
		a.close()
		return fail(a.path, "", "holds %d entries, more than the %d a project may have: refusing to read it; export the project again from your QDA program", len(zr.File), MaxEntries)
	}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue // a folder
		}
		name, ok := localName(f.Name)
		if !ok {
			a.close()
			return fail(a.path, "", "holds an entry %q whose path leaves the archive: refusing to read it; export the project again from your QDA program", f.Name)
		}
		if f.Mode()&fs.ModeSymlink != 0 {
			a.close()
			return fail(a.path, "", "holds an entry %q that is a link: refusing to read it; a project holds files only", f.Name)
		}
		if limit := inflateLimit(f.CompressedSize64); f.UncompressedSize64 > limit {
			a.close()
			return fail(a.path, "", "holds an entry %q that inflates from %d to %d bytes, more than %d times: refusing to read it as a zip bomb", f.Name, f.CompressedSize64, f.UncompressedSize64, MaxRatio)
		}
		f := f
		open := func() (io.ReadCloser, error) {
			rc, err := f.Open()
			if err != nil {
				return nil, err
			}
			// The header may lie about the size: bound what is read by
			// the compressed size too.
			return &capped{r: rc, left: int64(min(inflateLimit(f.CompressedSize64), 1<<62))}, nil
		}
		a.add(&entry{name: name, size: int64(min(f.UncompressedSize64, 1<<62)), open: open})
	}
	return nil
}

// inflateLimit is the most bytes an entry of compressed size c may inflate
// to: its first MiB free, then MaxRatio times c.
func inflateLimit(c uint64) uint64 {
	return 1<<20 + min(c, 1<<50)*MaxRatio
}

func (a *archive) indexFolder() error {
	root, err := os.OpenRoot(a.path)
	if err != nil {
		return fail(a.path, "", "cannot be opened (%v): check the path", reason(err))
	}
	a.close = root.Close
	fsys := root.FS()
	var walk func(dir string, depth int) error
	walk = func(dir string, depth int) error {
		des, err := fs.ReadDir(fsys, dir)
		if err != nil {
			return fail(a.path, "", "folder %s cannot be read (%v): check its permissions", dir, reason(err))
		}
		for _, de := range des {
			name := path.Join(dir, de.Name())
			switch {
			case de.IsDir() && depth == 0:
				if err := walk(name, 1); err != nil {
					return err
				}
			case de.Type()&fs.ModeSymlink != 0:
				return fail(a.path, name, "is a link: refusing to follow it; copy the file itself into the project folder")
			case de.Type().IsRegular():
				info, err := de.Info()
				if err != nil {
					return fail(a.path, name, "cannot be read (%v): check its permissions", reason(err))
				}
				a.add(&entry{name: name, size: info.Size(), open: func() (io.ReadCloser, error) { return root.Open(name) }})
			}
		}
		return nil
	}
	if err := walk(".", 0); err != nil {
		a.close()
		return err
	}
	return nil
}

func (a *archive) add(e *entry) {
	key := strings.ToLower(e.name)
	if _, dup := a.entries[key]; !dup {
		a.entries[key] = e
	}
}

// localName turns a zip entry's name into a slash path inside the archive,
// or reports that it would leave it (absolute, a drive, or "..").
func localName(name string) (string, bool) {
	name = strings.ReplaceAll(name, `\`, "/")
	if len(name) >= 2 && name[1] == ':' {
		return "", false
	}
	clean := path.Clean(name)
	if !fs.ValidPath(clean) || clean == "." {
		return "", false
	}
	return clean, true
}

func (a *archive) Close() error {
	if a.close == nil {
		return nil
	}
	return a.close()
}

// findQDE names the project's XML file: project.qde, else the single .qde
// at the top (ATLAS.ti names it after the project), else the single .qde one
// folder down (a project folder zipped with its folder). base is the folder
// that holds it, where its sources are looked for.
func (a *archive) findQDE() (name, base string, err error) {
	var top, deeper []string
	for _, e := range a.entries {
		if !strings.EqualFold(path.Ext(e.name), ".qde") {
			continue
		}
		if strings.Contains(e.name, "/") {
			deeper = append(deeper, e.name)
		} else {
			top = append(top, e.name)
		}
	}
	slices.Sort(top)
	slices.Sort(deeper)
	for _, n := range top {
		if strings.EqualFold(n, "project.qde") {
			return n, "", nil
		}
	}
	switch {
	case len(top) == 1:
		return top[0], "", nil
	case len(top) > 1:
		return "", "", fail(a.path, "", "holds several project files (%s): keep only the one to read", strings.Join(top, ", "))
	case len(deeper) == 1:
		return deeper[0], path.Dir(deeper[0]), nil
	case len(deeper) > 1:
		return "", "", fail(a.path, "", "holds several project files (%s): keep only the one to read", strings.Join(deeper, ", "))
	}
	return "", "", fail(a.path, "", "holds no project.qde: is it a REFI-QDA project? Export the project from your QDA program as REFI-QDA (.qdpx)")
}

// sourceEntry finds the file of a plainTextPath, as "internal://x.txt" or a
// bare "x.txt", in base's Sources/ or sources/ folder, else beside the .qde.
func (a *archive) sourceEntry(base, plainTextPath string) (*entry, error) {
	p := plainTextPath
	if i := strings.Index(p, "://"); i >= 0 {
		if !strings.EqualFold(p[:i], "internal") {
			return nil, fmt.Errorf("is stored outside the project (%s): export the project with its sources included", plainTextPath)
		}
		p = p[i+3:]
	}
	rel, ok := localName(p)
	if !ok {
		return nil, fmt.Errorf("path %q leaves the project: export the project again", plainTextPath)
	}
	for _, dir := range []string{"sources", ""} {
		if e, ok := a.entries[strings.ToLower(path.Join(base, dir, rel))]; ok {
			return e, nil
		}
	}
	return nil, fmt.Errorf("file %q is not in the project: export the project again with its sources", plainTextPath)
}

// errTooBig is what reading an entry past the archive's bound gives.
var errTooBig = errors.New("too big")

// openEntry opens e for reading at most a.max bytes: reading more gives
// errTooBig, whatever the archive's header claimed.
func (a *archive) openEntry(e *entry) (io.ReadCloser, error) {
	if e.size > a.max {
		return nil, errTooBig
	}
	rc, err := e.open()
	if err != nil {
		return nil, err
	}
	return &capped{r: rc, left: a.max}, nil
}

// readEntry reads all of e.
func (a *archive) readEntry(e *entry) ([]byte, error) {
	rc, err := a.openEntry(e)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// tooBig is the message for an entry past the bound.
func (a *archive) tooBig() string {
	return fmt.Sprintf("is larger than %d bytes uncompressed, the most read from one file of a project: if it is real, raise the limit (Options.MaxEntryBytes)", a.max)
}

type capped struct {
	r    io.ReadCloser
	left int64
}

func (c *capped) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// One byte more tells a file of exactly the bound from a longer one.
		var one [1]byte
		n, err := c.r.Read(one[:])
		if n > 0 {
			return 0, errTooBig
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

func (c *capped) Close() error { return c.r.Close() }

// reason is err without the path that os errors repeat.
func reason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
