package bench

// Benchmarks of each stage of a run, the way pipeline.Run calls them, at
// every size of Sizes. Run them with `make bench`, or alone:
//
//	go test -run '^$' -bench . -benchtime 1x ./bench/
//
// Every benchmark reports segments/s: coded-segment rows (codings) per
// second. Only the stage itself is timed; what it needs is made beforehand
// and cached for the other benchmarks.

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cimo-tool/cimo/cimo"
	"github.com/cimo-tool/cimo/coding"
	"github.com/cimo-tool/cimo/pipeline"
	"github.com/cimo-tool/cimo/reports"
	"github.com/cimo-tool/cimo/store"
)

var scratch string // a folder for this process, removed by TestMain

func TestMain(m *testing.M) {
	var err error
	if scratch, err = os.MkdirTemp("", "cimo-bench-stages-"); err != nil {
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(scratch)
	os.Exit(code)
}

// A fixture is one size's study, read, and stored once loaded and linked.
type fixture struct {
	study  *pipeline.Study
	data   *coding.Study
	linked string // a store file holding the study, loaded and linked
}

var fixtures = map[int]*fixture{}

func (f *fixture) info() store.Info {
	info := store.Info{Name: f.study.Name, Language: f.study.Language}
	for _, wp := range f.study.WorkPackages {
		info.WorkPackages = append(info.WorkPackages, store.WorkPackage{ID: wp.ID, Title: wp.Title})
	}
	return info
}

// reportOptions are what pipeline.Run gives reports.Write.
func (f *fixture) reportOptions(out string) reports.Options {
	opts := reports.Options{Out: out, Language: f.study.Language, Study: f.study.Name}
	for _, wp := range f.study.WorkPackages {
		opts.Scopes = append(opts.Scopes, reports.Scope{ID: wp.ID, Title: wp.Title})
	}
	opts.Scopes = append(opts.Scopes, reports.Scope{ID: pipeline.AllScope})
	return opts
}

// studyOf loads the study file of size n, generating the study if needed.
func studyOf(b *testing.B, n int) *pipeline.Study {
	b.Helper()
	path, _, err := Study(context.Background(), Dir(), n)
	if err != nil {
		b.Fatal(err)
	}
	st, err := pipeline.LoadStudy(path)
	if err != nil {
		b.Fatal(err)
	}
	return st
}

// fixtureOf reads the study of size n once per process.
func fixtureOf(b *testing.B, n int) *fixture {
	b.Helper()
	if f, ok := fixtures[n]; ok {
		return f
	}
	f := &fixture{study: studyOf(b, n)}
	var err error
	if f.data, err = coding.Read(context.Background(), f.study.Sources); err != nil {
		b.Fatal(err)
	}
	fixtures[n] = f
	return f
}

// linkedStore returns a store file holding the study of size n, loaded and
// linked, made once per process.
func linkedStore(b *testing.B, n int) (*fixture, string) {
	b.Helper()
	f := fixtureOf(b, n)
	if f.linked != "" {
		return f, f.linked
	}
	path := filepath.Join(scratch, "linked", filepath.Base(StudyDir(Dir(), n)), "study.duckdb")
	ctx := context.Background()
	s, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	err = s.Replace(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := tx.Load(ctx, f.info(), f.data); err != nil {
			return err
		}
		return cimo.Link(ctx, tx)
	})
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		b.Fatal(err)
	}
	f.linked = path
	return f, path
}

// eachSize runs bench as a sub-benchmark N=<label> per size.
func eachSize(b *testing.B, bench func(b *testing.B, n int)) {
	for _, sz := range Sizes {
		b.Run("N="+sz.Label, func(b *testing.B) {
			bench(b, sz.N)
			b.ReportMetric(float64(sz.N)*float64(b.N)/b.Elapsed().Seconds(), "segments/s")
		})
	}
}

// BenchmarkRead: reading and validating every file of the study in Go
// (coding.Read): the Go path, which a run takes when the segment files are
// not plain delimited text, or when the fast path's checks flag them.
func BenchmarkRead(b *testing.B) {
	eachSize(b, func(b *testing.B, n int) {
		st := studyOf(b, n)
		ctx := context.Background()
		b.ResetTimer()
		for range b.N {
			if _, err := coding.Read(ctx, st.Sources); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkLoad: a new store file, the read study loaded into it
// (store.Open, Replace with tx.Load), and the store closed with its
// checkpoint, so the tables are persisted: the Go path's loading.
func BenchmarkLoad(b *testing.B) {
	eachSize(b, func(b *testing.B, n int) {
		f := fixtureOf(b, n)
		ctx := context.Background()
		b.ResetTimer()
		for range b.N {
			s, err := store.Open(ctx, filepath.Join(b.TempDir(), "study.duckdb"))
			if err != nil {
				b.Fatal(err)
			}
			err = s.Replace(ctx, func(ctx context.Context, tx *store.Tx) error { return tx.Load(ctx, f.info(), f.data) })
			if cerr := s.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkReadLoad: reading and loading as a run does it when it takes
// the fast path (pipeline/load.go): coding.ReadDeferred (the Go reader on
// every table but the segment files, and a scan of those to see that DuckDB
// can read them as they are), a new store file, the segment files read by
// read_csv, checked in SQL and loaded with the other tables into the
// store built by Replace (tx.LoadSegmentFiles), and the store closed with
// its checkpoint. It fails when the fast path is not taken.
func BenchmarkReadLoad(b *testing.B) {
	eachSize(b, func(b *testing.B, n int) {
		f := &fixture{study: studyOf(b, n)}
		ctx := context.Background()
		b.ResetTimer()
		for range b.N {
			data, files, err := coding.ReadDeferred(ctx, f.study.Sources)
			if err != nil {
				b.Fatal(err)
			}
			if files == nil {
				b.Fatal("the fast path is not taken: the segment files are not plain delimited text")
			}
			s, err := store.Open(ctx, filepath.Join(b.TempDir(), "study.duckdb"))
			if err != nil {
				b.Fatal(err)
			}
			err = s.Replace(ctx, func(ctx context.Context, tx *store.Tx) error {
				return tx.LoadSegmentFiles(ctx, f.info(), data, files)
			})
			if cerr := s.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkLink: cimo.Link on the store Replace builds, as a run calls it;
// only the linking is timed.
func BenchmarkLink(b *testing.B) {
	eachSize(b, func(b *testing.B, n int) {
		f := fixtureOf(b, n)
		ctx := context.Background()
		b.StopTimer()
		b.ResetTimer()
		for range b.N {
			s, err := store.Open(ctx, filepath.Join(b.TempDir(), "study.duckdb"))
			if err != nil {
				b.Fatal(err)
			}
			err = s.Replace(ctx, func(ctx context.Context, tx *store.Tx) error {
				if err := tx.Load(ctx, f.info(), f.data); err != nil {
					return err
				}
				b.StartTimer()
				err := cimo.Link(ctx, tx)
				b.StopTimer()
				return err
			})
			if cerr := s.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkReports: every table and figure of every scope and the summary
// (reports.Write), from a store already loaded and linked.
func BenchmarkReports(b *testing.B) {
	eachSize(b, func(b *testing.B, n int) {
		f, path := linkedStore(b, n)
		ctx := context.Background()
		s, err := store.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		b.ResetTimer()
		for range b.N {
			if err := reports.Write(ctx, s.DB(), f.reportOptions(b.TempDir())); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
	})
}
