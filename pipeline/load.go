package pipeline

import (
	"context"
	"errors"
	"io/fs"
	"os"

	"github.com/cimo-tool/cimo/cimo"
	"github.com/cimo-tool/cimo/coding"
	"github.com/cimo-tool/cimo/store"
)

// Reading and loading take one of two paths, with the same store as result:
//
//   - the fast path: when every segment table is a coding.SegmentFile, the
//     Go reader reads the other tables and the store reads the segment files
//     itself with DuckDB's read_csv, checking them in SQL
//     (store.(*Tx).LoadSegmentFiles);
//   - the Go path: coding.Read reads everything and tx.Load appends it.
//
// Whatever the SQL checks flag sends the study down the Go path, from the
// start: every message, warning and exit status is the Go reader's.

// deferredRead is a study read with its segment files, if any, left to the
// store.
type deferredRead struct {
	src   coding.Sources
	data  *coding.Study
	files []coding.SegmentFile // nil on the Go path
}

func readDeferred(ctx context.Context, src coding.Sources) (*deferredRead, error) {
	data, files, err := coding.ReadDeferred(ctx, src)
	if err != nil {
		return nil, err
	}
	return &deferredRead{src: src, data: data, files: files}, nil
}

// badInput returns the Go reader's problems with the whole study when it
// has any, else err: on the fast path, a failure before the segment files
// were checked must not hide a fault in them, which the Go path would have
// reported first.
func (d *deferredRead) badInput(ctx context.Context, err error) error {
	if d.files == nil {
		return err
	}
	if _, rerr := coding.Read(ctx, d.src); rerr != nil {
		return rerr
	}
	return err
}

// load replaces the store's content with the study, loaded and linked in
// a new store that takes the old one's place in one go (store.Replace). When the fast path's checks flag the segment files, the
// new store is dropped and the study read again by coding.Read: bad
// input comes back as its *coding.Problems, and a store that did not exist
// before is removed with the folder made for it, as though it had never been
// opened.
func (d *deferredRead) load(ctx context.Context, s *store.Store, info store.Info, fresh freshPaths) error {
	fill := func(ctx context.Context, tx *store.Tx) error {
		var err error
		if d.files != nil {
			err = tx.LoadSegmentFiles(ctx, info, d.data, d.files)
		} else {
			err = tx.Load(ctx, info, d.data)
		}
		if err != nil {
			return err
		}
		return cimo.Link(ctx, tx)
	}
	err := s.Replace(ctx, fill)
	if !errors.Is(err, store.ErrSegmentsFlagged) {
		return err
	}
	data, err := coding.Read(ctx, d.src)
	if err != nil {
		if _, bad := errors.AsType[*coding.Problems](err); bad {
			fresh.remove(s)
		}
		return err
	}
	d.data, d.files = data, nil
	return s.Replace(ctx, fill)
}

// freshPaths are the store file and output folder a run is about to
// create, empty for those that exist.
type freshPaths struct{ store, out string }

func newFreshPaths(storePath, out string) freshPaths {
	var f freshPaths
	if _, err := os.Stat(storePath); errors.Is(err, fs.ErrNotExist) {
		f.store = storePath
	}
	if _, err := os.Stat(out); errors.Is(err, fs.ErrNotExist) {
		f.out = out
	}
	return f
}

// remove closes s and removes what opening it created.
func (f freshPaths) remove(s *store.Store) {
	if f.store == "" {
		return
	}
	_ = s.Close()
	_ = os.Remove(f.store)
	_ = os.Remove(f.store + ".wal")
	if f.out != "" {
		_ = os.Remove(f.out) // only when empty
	}
}
