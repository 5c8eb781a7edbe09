package reports

import (
	"bufio"
	"context"
	"fmt"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sync/errgroup"
)

// The report gathers every table and figure a run wrote into forms for
// reading and for the text of a publication: the HTML pages (html.go),
// the workbook (workbook.go), and each table as Markdown and LaTeX in
// OUT/<scope>/tables/ (textables.go). All are built from what the tables
// hold as written, so a count withheld there is withheld everywhere.

// scopeNQuery gives the n of a scope that captions name: its coded
// segments, chains, respondents (with an interview in the scope) and cases
// (named by its interviews or holding its segments), as in frequencies.csv;
// its timelines and their events, as in the timeline tables; and its
// double-coded segments, as in agreement.csv.
const scopeNQuery = `
WITH f AS NOT MATERIALIZED (SELECT * FROM codings WHERE $1 = 'all' OR work_package = $1),
iv AS NOT MATERIALIZED (SELECT * FROM interviews WHERE $1 = 'all' OR work_package = $1),
tl AS (SELECT DISTINCT case_id FROM f WHERE case_id IS NOT NULL)
SELECT
  (SELECT count(DISTINCT segment_no) FROM f),
  (SELECT count(*) FROM chains WHERE scope = $1),
  (SELECT count(DISTINCT respondent_id) FROM iv),
  (SELECT count(DISTINCT case_id) FROM (SELECT case_id FROM f UNION ALL SELECT case_id FROM iv) WHERE case_id IS NOT NULL),
  (SELECT count(DISTINCT case_id) FROM events WHERE case_id IN (SELECT case_id FROM tl)),
  (SELECT count(*) FROM events WHERE case_id IN (SELECT case_id FROM tl)),
  (SELECT count(*) FROM (SELECT segment_no FROM f WHERE coder IS NOT NULL GROUP BY segment_no HAVING count(DISTINCT coder) >= 2))`

// nUnits are the units of scopeNQuery, in its order; each is also the key
// of its phrase.
var nUnits = []string{"segments", "chains", "respondents", "cases", "timelines", "events", "double"}

func loadScopeN(ctx context.Context, q Queryer, scope string) (map[string]int, error) {
	vals := make([]int, len(nUnits))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := scanOne(ctx, q, scopeNQuery, []any{scope}, ptrs...); err != nil {
		return nil, fmt.Errorf("n of %s: %w", scope, err)
	}
	n := make(map[string]int, len(nUnits))
	for i, u := range nUnits {
		n[u] = vals[i]
	}
	return n, nil
}

// report is what the report's forms share: the run's options, what it
// wrote, and each scope's n.
type report struct {
	opt    Options
	got    *collected
	n      map[string]map[string]int // scope -> unit -> n
	scopes map[string]Scope
	// summary is the study's counts, read while the scopes were written.
	summary *summary
}

func (r *report) lang() string { return r.opt.Language }

// nText is "n = 760 coded segments, 18 respondents", small counts withheld.
func (r *report) nText(ns []unitCount) string {
	parts := make([]string, len(ns))
	for i, x := range ns {
		parts[i] = suppressCount(strconv.Itoa(x.n), r.opt.MinCell) + " " + text(r.lang(), "unit."+x.unit)
	}
	return "n = " + strings.Join(parts, ", ")
}

// scopeUnits are a scope's n for units.
func (r *report) scopeUnits(scope string, units []string) []unitCount {
	out := make([]unitCount, len(units))
	for i, u := range units {
		out[i] = unitCount{u, r.n[scope][u]}
	}
	return out
}

// tableCaption is a table's caption without scope: what it holds and its n.
func (r *report) tableCaption(t reportTable) string {
	c := text(r.lang(), t.spec.caption)
	if len(t.spec.units) > 0 {
		c += " (" + r.nText(r.scopeUnits(t.scope, t.spec.units)) + ")"
	}
	return c
}

// figureCaption is a figure's caption: what it shows and its n.
func (r *report) figureCaption(f reportFigure) string {
	ns := f.ns
	if ns == nil {
		ns = r.scopeUnits(f.scope, f.units)
	}
	return f.caption + " (" + r.nText(ns) + ")"
}

// scopeTitle names a scope in captions and headings: "WP2 Wat werkt", or
// the whole study.
func (r *report) scopeTitle(scope string) string {
	sc := r.scopes[scope]
	if scope == "all" {
		return capitalise(text(r.lang(), "all"))
	}
	if sc.Title != "" {
		return sc.ID + " " + sc.Title
	}
	return sc.ID
}

// textTableName is where a table's Markdown or LaTeX goes, inside the
// scope folder: tables/codes.md for codes.csv.
func textTableName(name, ext string) string {
	return path.Join("tables", strings.TrimSuffix(name, ".csv")+ext)
}

// newReport starts the report of a run: each scope's n, for the captions.
func newReport(ctx context.Context, q Queryer, opt Options, got *collected) (*report, error) {
	r := &report{opt: opt, got: got, n: map[string]map[string]int{}, scopes: map[string]Scope{}}
	for _, sc := range opt.Scopes {
		n, err := loadScopeN(ctx, q, sc.ID)
		if err != nil {
			return nil, err
		}
		r.n[sc.ID] = n
		r.scopes[sc.ID] = sc
	}
	return r, nil
}

// writeTextTables writes t as Markdown and LaTeX into its scope's tables/
// folder, as soon as the table is made: t holds the rows they show, at
// least textMaxRows of a longer table.
func (r *report) writeTextTables(t reportTable) error {
	caption := r.scopeTitle(t.scope) + " — " + r.tableCaption(t)
	dir := filepath.Join(r.opt.Out, t.scope)
	recs, omitted := t.records, ""
	if t.rows > textMaxRows {
		omitted = fmt.Sprintf(text(r.lang(), "text.rowsomitted"), textMaxRows, t.rows)
		recs = recs[:textMaxRows+1]
	}
	md := filepath.Join(dir, filepath.FromSlash(textTableName(t.name, ".md")))
	if err := writeAtomic(md, 0o644, func(w *bufio.Writer) error {
		writeMarkdownTable(w, caption, recs, t.spec.numeric)
		if omitted != "" {
			fmt.Fprintf(w, "\n%s\n", markdownCell(omitted))
		}
		return nil
	}); err != nil {
		return err
	}
	label := latexLabel(t.scope, strings.TrimSuffix(t.name, ".csv"))
	tex := filepath.Join(dir, filepath.FromSlash(textTableName(t.name, ".tex")))
	return writeAtomic(tex, 0o644, func(w *bufio.Writer) error {
		writeLatexTable(w, caption, label, recs, t.spec.numeric)
		if omitted != "" {
			fmt.Fprintf(w, "\n\\noindent %s\n", latexCell(omitted))
		}
		return nil
	})
}

// writeReport writes the workbook and the HTML pages of what the run wrote,
// side by side: both only read r, and each writes files of its own. The
// Markdown and LaTeX tables are written with their CSV files.
func writeReport(ctx context.Context, q Queryer, r *report) error {
	// The workbook takes the tables' packed rows, which only it reads, so
	// that each table's go as soon as its sheet is written.
	sheets := make([]packedRows, len(r.got.tables))
	for i := range r.got.tables {
		sheets[i], r.got.tables[i].sheet = r.got.tables[i].sheet, packedRows{}
	}
	var g errgroup.Group
	g.Go(func() error {
		if err := writeWorkbook(r, sheets); err != nil {
			return fmt.Errorf("workbook: %w", err)
		}
		return nil
	})
	g.Go(func() error { return writeHTML(ctx, q, r) })
	return g.Wait()
}
