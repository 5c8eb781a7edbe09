package pipeline

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"golang.org/x/sync/errgroup"

	"github.com/cimo-tool/cimo/cimo"
	"github.com/cimo-tool/cimo/coding"
	"github.com/cimo-tool/cimo/reports"
	"github.com/cimo-tool/cimo/store"
)

// StoreFile is the store's name inside the output folder.
const StoreFile = "study.duckdb"

// ParquetDir holds every store table as Parquet, inside the output folder.
const ParquetDir = "parquet"

// Options are a run's settings beyond the study file.
type Options struct {
	Out string    // output folder; the store and every table go here
	Log io.Writer // warnings, one line each; nil for none
	// AllowPII reads a study whose cells look like personal data (e-mail
	// addresses, phone numbers, BSNs, IBANs), which is otherwise refused.
	AllowPII bool
	OutputOptions
	// Progress, when set, is told as each stage is done: done of total
	// steps, and the stage's name.
	Progress func(done, total int, stage string)
}

// OutputOptions are the settings that change what a run writes; the
// manifest records them.
type OutputOptions struct {
	// MinCell, above 1, withholds every count from 1 to MinCell-1 in every
	// output (reports.Options.MinCell).
	MinCell int `json:"min_cell"`
	// IncludeQuotes puts the quotes on the codebook page of the HTML
	// report; without it no output holds a quote.
	IncludeQuotes bool `json:"include_quotes"`
	// Timelines is the most timeline figures drawn per scope
	// (reports.Options.MaxTimelines): 0 for the default, negative for none.
	Timelines int `json:"timelines,omitempty"`
}

// Result is what a run did.
type Result struct {
	Study    *Study
	Data     *coding.Study
	Store    string
	Warnings []coding.Warning
	Manifest *Manifest
}

// Run runs every stage on the study at studyPath. Bad input comes back as a
// *coding.Problems before the store is opened, so a bad study never touches
// it; any later failure rolls the store back to what it held.
func Run(ctx context.Context, studyPath string, opt Options) (*Result, error) {
	logf := func(format string, args ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format+"\n", args...)
		}
	}
	st, err := LoadStudy(studyPath)
	if err != nil {
		return nil, err
	}
	st.Sources.AllowPII = opt.AllowPII
	// Steps: reading, loading and linking, each scope's reports and the
	// report pages, the Parquet export, the manifest.
	steps := 2 + len(st.WorkPackages) + 2 + 2
	step := 0
	progress := func(stage string) {
		step++
		if opt.Progress != nil {
			opt.Progress(step, steps, stage)
		}
	}
	data, err := coding.Read(ctx, st.Sources)
	if err != nil {
		return nil, err
	}
	progress("read")
	if err := st.CheckCodebook(data.Codebook); err != nil {
		return nil, err
	}
	for _, w := range data.Warnings {
		logf("warning: %s", w)
	}
	res := &Result{Study: st, Data: data, Store: filepath.Join(opt.Out, StoreFile), Warnings: data.Warnings}

	s, err := store.Open(ctx, res.Store)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	inputs, err := hashInputs(st)
	if err != nil {
		return nil, err
	}
	info := store.Info{Name: st.Name, Language: st.Language}
	for _, f := range inputs {
		info.Inputs = append(info.Inputs, store.InputFile{File: f.Path, SHA256: f.SHA256, Bytes: f.Bytes})
	}
	for _, wp := range st.WorkPackages {
		info.WorkPackages = append(info.WorkPackages, store.WorkPackage{ID: wp.ID, Title: wp.Title})
	}
	err = s.Replace(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := tx.Load(ctx, info, data); err != nil {
			return err
		}
		return cimo.Link(ctx, tx)
	})
	if err != nil {
		return nil, err
	}
	progress("load")

	opts := reports.Options{Out: opt.Out, Language: st.Language, Study: st.Name,
		MinCell: opt.MinCell, IncludeQuotes: opt.IncludeQuotes, MaxTimelines: opt.Timelines,
		Progress: func(_, _ int, what string) { progress("reports " + what) }}
	for _, g := range st.ContextGroups {
		opts.ContextGroups = append(opts.ContextGroups, reports.ContextGroup{Name: g.Name, Categories: g.Categories})
	}
	for _, wp := range st.WorkPackages {
		opts.Scopes = append(opts.Scopes, reports.Scope{ID: wp.ID, Title: wp.Title})
	}
	opts.Scopes = append(opts.Scopes, reports.Scope{ID: AllScope})
	// The codebook first, so that the report's codebook page can link it.
	if err := writeCodebook(data.Codebook, opt.Out); err != nil {
		return nil, err
	}
	// The Parquet export only reads the store, which the reports do not
	// change, so it runs beside them: DuckDB sorts and compresses while the
	// reports' Go side draws and writes. Its step is told after the
	// reports', so the steps keep their order.
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return reports.Write(gctx, s.DB(), opts) })
	g.Go(func() error { return s.ExportParquet(gctx, filepath.Join(opt.Out, ParquetDir), false) })
	if err := g.Wait(); err != nil {
		return nil, err
	}
	progress("parquet")
	if res.Manifest, err = writeManifest(ctx, s.DB(), st, data, inputs, opt.Out, opt.OutputOptions); err != nil {
		return nil, err
	}
	progress("manifest")
	if err := s.Close(); err != nil {
		return nil, err
	}
	return res, nil
}

// Segments is the number of distinct coded segments read.
func (r *Result) Segments() int {
	n := 0
	for _, s := range r.Data.Segments {
		n = max(n, s.No)
	}
	return n
}
