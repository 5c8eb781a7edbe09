package reports

import (
	"fmt"
	"path/filepath"
	"slices"
)

// A dest is one scope's output folder as its tables and figures are written
// into it. Every table goes through dest.table, which withholds small
// counts, neutralises formulas and writes the CSV, the Markdown and the
// LaTeX, and remembers what the report pages and the workbook show of the
// table; figures are remembered by dest.figure.
type dest struct {
	dir     string
	scope   string
	minCell int        // counts from 1 to minCell-1 are withheld; 0 or 1: off
	got     *collected // nil: nothing is remembered (the exported writers)
	// timelines draws each distinct timeline figure of a run once; nil:
	// each is drawn.
	timelines *timelineMemo
	rep       *report // nil: no Markdown or LaTeX (the exported writers)
}

// collected is what a run wrote, in the order it wrote it, for the HTML
// report, the workbook and the Markdown and LaTeX tables.
type collected struct {
	tables  []reportTable
	figures []reportFigure
	notes   []reportNote
}

// A reportNote is a paragraph in one section of a scope's page, saying
// something the tables and figures themselves cannot: what was left out.
type reportNote struct {
	scope, section, text string
}

// A reportTable is a table as its CSV holds it, before neutralising: every
// row where the workbook shows them all, else (a matrix of a large study)
// only the rows a page shows, so that a run does not hold every row of
// every table until the end.
type reportTable struct {
	scope   string
	name    string // inside the scope folder, slash-separated: "codes.csv", "matrices/cases_long.csv"
	records [][]string
	rows    int // the table's rows, header not counted; records may hold fewer
	spec    tableSpec
}

// kept is what a reportTable keeps of recs (header first): all of them if
// a sheet holds them, or the table is codes.csv (the codebook page reads
// every code's counts), else the rows a page shows.
func kept(name string, recs [][]string) [][]string {
	if len(recs) <= sheetMaxRows || name == codesTable.file {
		return recs
	}
	// A copy, so that the rows left out are not held by the slice.
	return slices.Clone(recs[:min(len(recs), htmlMaxRows+1)])
}

// A unitCount is one n of a caption: "18 respondents".
type unitCount struct {
	unit string // a key of unitPhrase
	n    int
}

// A reportFigure is a figure written as name.png, name.svg and name.pdf.
type reportFigure struct {
	scope   string
	name    string // inside the scope folder, without extension: "figures/categories"
	section string
	title   string
	caption string
	units   []string    // the scope's n that the caption gives, or
	ns      []unitCount // the figure's own n
}

// table withholds small counts in recs (header first) as the table's spec
// declares, writes it as name (slash-separated, inside the scope folder),
// and remembers it.
func (d dest) table(name string, recs [][]string) error {
	if len(recs) == 0 {
		return fmt.Errorf("%s: no header", name)
	}
	spec, _ := specFor(name, recs[0])
	recs = d.withheld(name, recs)
	if err := writeCSV(filepath.Join(d.dir, filepath.FromSlash(name)), recs); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	t := reportTable{scope: d.scope, name: name, records: recs, rows: len(recs) - 1, spec: spec}
	if d.rep != nil {
		if err := d.rep.writeTextTables(t); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	if d.got != nil {
		t.records = kept(name, recs)
		d.got.tables = append(d.got.tables, t)
	}
	return nil
}

// withheld is recs (header first) of table name as written: small counts
// withheld as the table's spec declares.
func (d dest) withheld(name string, recs [][]string) [][]string {
	spec, _ := specFor(name, recs[0])
	return spec.suppress(recs, d.minCell)
}

// figure remembers a figure that was written as name.{png,svg,pdf} in dir
// (a folder inside the scope folder).
func (d dest) figure(f reportFigure) {
	if d.got != nil {
		f.scope = d.scope
		d.got.figures = append(d.got.figures, f)
	}
}

// note remembers a paragraph for a section of the scope's page.
func (d dest) note(section, text string) {
	if d.got != nil {
		d.got.notes = append(d.got.notes, reportNote{scope: d.scope, section: section, text: text})
	}
}

// sub is the path of a folder inside the scope folder.
func (d dest) sub(rel string) string { return filepath.Join(d.dir, filepath.FromSlash(rel)) }
