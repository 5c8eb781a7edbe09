package reports

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"

	"golang.org/x/sync/errgroup"
)

// Scope is one output folder: a work package, or the whole study.
type Scope struct {
	ID    string // the folder name; "all" for the whole study
	Title string
}

// Options say where and in which language reports are written.
type Options struct {
	Out      string
	Language string // nl or en
	Study    string // the study's name, for the summary
	Scopes   []Scope
	// ContextGroups gather context categories for context.csv; without
	// them each context category is a group of its own.
	ContextGroups []ContextGroup
	// MinCell, above 1, withholds every count from 1 to MinCell-1 in every
	// output: the cell reads "<MinCell", and what is computed from it "x".
	MinCell int
	// IncludeQuotes puts each code's quotes, with respondent id and role,
	// on the codebook page of the HTML report. Without it no output has a
	// quote.
	IncludeQuotes bool
	// MaxTimelines is the most timeline figures drawn per scope, for the
	// first cases in case order; the tables hold every case. 0 means
	// DefaultMaxTimelines, a negative number none.
	MaxTimelines int
	// Progress, when set, is told as each step of the reports is done:
	// done of total steps, and what was done.
	Progress func(done, total int, what string)
}

// Write writes every scope's tables and figures, the summary, and the
// report made of them: the HTML pages, the workbook, and every table as
// Markdown and LaTeX.
//
// Scopes are written side by side, as many at a time as there are CPUs,
// the largest started first (largestFirst): each reads the store on a connection of its own and writes its own
// folder. What each wrote is gathered in scope order and progress is told
// in scope order, so the report and the log read as if they ran one after
// the other.
func Write(ctx context.Context, q Queryer, opt Options) error {
	got, timelines := &collected{}, newTimelineMemo()
	r, err := newReport(ctx, q, opt, got)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	steps := len(opt.Scopes) + 1
	each := make([]*collected, len(opt.Scopes))
	done := make([]chan struct{}, len(opt.Scopes))
	for i := range done {
		each[i] = &collected{}
		done[i] = make(chan struct{})
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	// The summary's counts are read beside the scopes: they were the only
	// work left for a CPU while the last scope was written.
	var sum *summary
	sumDone := make(chan error, 1)
	go func() {
		var err error
		sum, err = loadSummary(gctx, q, opt)
		sumDone <- err
	}()
	go func() {
		for _, i := range largestFirst(opt.Scopes) {
			sc := opt.Scopes[i]
			g.Go(func() error {
				defer close(done[i])
				return writeScope(gctx, q, opt, sc, dest{dir: filepath.Join(opt.Out, sc.ID), scope: sc.ID,
					minCell: opt.MinCell, got: each[i], rep: r, timelines: timelines})
			})
		}
	}()
	for i, sc := range opt.Scopes {
		select {
		case <-done[i]:
		case <-gctx.Done():
		}
		if gctx.Err() != nil {
			break
		}
		opt.progress(i+1, steps, sc.ID)
	}
	// Every scope's goroutine has been started by now, or g.Go is about to
	// start it; wait for the last.
	for i := range done {
		<-done[i]
	}
	serr := <-sumDone
	if err := g.Wait(); err != nil {
		return err
	}
	if serr != nil {
		return fmt.Errorf("summary: %w", serr)
	}
	r.summary = sum
	for _, c := range each {
		got.tables = append(got.tables, c.tables...)
		got.figures = append(got.figures, c.figures...)
		got.notes = append(got.notes, c.notes...)
	}
	if err := writeSummary(sum, opt); err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	if err := writeReport(ctx, q, r); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	opt.progress(steps, steps, "report")
	return nil
}

// largestFirst orders the scopes' indexes for starting: "all", which holds
// every work package's codings, first, and then the work packages in order.
// The largest scope started last would run alone after the others are done;
// started first, the smaller ones fill the other CPUs beside it.
func largestFirst(scopes []Scope) []int {
	order := make([]int, 0, len(scopes))
	for i, sc := range scopes {
		if sc.ID == "all" {
			order = append(order, i)
		}
	}
	for i, sc := range scopes {
		if sc.ID != "all" {
			order = append(order, i)
		}
	}
	return order
}

// writeScope writes one scope's tables and figures into d.
func writeScope(ctx context.Context, q Queryer, opt Options, sc Scope, d dest) error {
	recs, err := writeTables(ctx, q, sc.ID, d)
	if err != nil {
		return fmt.Errorf("tables of %s: %w", sc.ID, err)
	}
	if err := writeAnalyses(ctx, q, opt, sc.ID, d); err != nil {
		return fmt.Errorf("analyses of %s: %w", sc.ID, err)
	}
	if err := writeAgreement(ctx, q, sc.ID, opt.Language, d); err != nil {
		return fmt.Errorf("agreement of %s: %w", sc.ID, err)
	}
	chart := categoryChart(recs[categoriesTable.file], opt.Language, sc)
	if err := WriteBarChart(chart, d.sub("figures"), "categories"); err != nil {
		return fmt.Errorf("figures of %s: %w", sc.ID, err)
	}
	d.figure(reportFigure{name: "figures/categories", section: "frequencies", title: chart.Title,
		caption: text(opt.Language, "figure.categories"), units: []string{"respondents"}})
	if err := writeTimelines(ctx, q, opt.Language, sc, opt.maxTimelines(), d); err != nil {
		return fmt.Errorf("timelines of %s: %w", sc.ID, err)
	}
	if err := writeCIMOViews(ctx, q, opt.Language, sc, d); err != nil {
		return fmt.Errorf("co-occurrence and configurations of %s: %w", sc.ID, err)
	}
	return nil
}

// DefaultMaxTimelines is the most timeline figures drawn per scope unless
// Options say otherwise: one figure per case is for reading cases one by
// one, and a study of thousands of cases would spend most of its run, and
// of its output folder, on figures nobody pages through.
const DefaultMaxTimelines = 20

func (opt Options) maxTimelines() int {
	switch {
	case opt.MaxTimelines == 0:
		return DefaultMaxTimelines
	case opt.MaxTimelines < 0:
		return 0
	}
	return opt.MaxTimelines
}

func (opt Options) progress(done, total int, what string) {
	if opt.Progress != nil {
		opt.Progress(done, total, what)
	}
}

// categoryChart shows the intervention categories by respondents, from the
// rows of categories.csv, in codebook code order.
//
// Each bar has its category's colour; a count withheld by --min-cell ("<5")
// is drawn as no bar, with the mark at its end.
func categoryChart(categories [][]string, lang string, sc Scope) BarChart {
	const label, dimension, respondents = 1, 2, 4
	c := BarChart{Title: text(lang, "categories.title") + " — " + scopeName(lang, sc), Axis: text(lang, "categories.axis")}
	for _, rec := range categories[1:] {
		if rec[dimension] != "I" {
			continue
		}
		b := Bar{Label: rec[label], Color: categoryColor(len(c.Bars))}
		n, err := strconv.Atoi(rec[respondents])
		if err != nil {
			b.Text = rec[respondents]
		}
		b.Value = n
		c.Bars = append(c.Bars, b)
	}
	return c
}

// scopeName names a scope in titles: the work package's id, or the whole study.
func scopeName(lang string, sc Scope) string {
	if sc.ID == "all" {
		return text(lang, "all")
	}
	return sc.ID
}
