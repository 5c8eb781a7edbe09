package reports

import (
	"fmt"
	"iter"
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

// A reportTable is a table as its CSV holds it, before neutralising: the
// header and the rows a page shows (every row of codes.csv), and, packed,
// every row where a sheet holds them all, so that a run does not hold every
// row of every table as strings until the end.
type reportTable struct {
	scope   string
	name    string // inside the scope folder, slash-separated: "codes.csv", "matrices/cases_long.csv"
	records [][]string
	rows    int        // the table's rows, header not counted; records may hold fewer
	sheet   packedRows // every row, header not included; none past sheetMaxRows
	spec    tableSpec
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
	return d.stream(name, recs[0], slices.Values(recs[1:]))
}

// stream is table for a table whose rows are made as they are written: a
// long matrix of a large study has millions, and only the rows the report
// shows of it are kept, never all of them. rows yields each row once, in
// order; a row is read only during its yield, so its slice may be reused
// for the next.
func (d dest) stream(name string, header []string, rows iter.Seq[[]string]) error {
	spec, _ := specFor(name, header)
	withhold := spec.suppressor(header, d.minCell)
	// The rows a page and the text tables show are kept as they are, and
	// every row packed while a sheet holds them. codes.csv is kept whole:
	// the codebook page reads every code's counts.
	prefix := max(htmlMaxRows, textMaxRows) + 1
	whole := name == codesTable.file
	recs, n := [][]string{header}, 0
	var sheet packedRows
	keep := func(rec []string) {
		n++
		if whole || len(recs) < prefix {
			recs = append(recs, slices.Clone(rec))
		}
		if d.got != nil && n+1 <= sheetMaxRows {
			sheet.add(rec)
		} else {
			sheet = packedRows{}
		}
	}
	err := writeCSVRows(filepath.Join(d.dir, filepath.FromSlash(name)), header, func(yield func([]string) bool) {
		for rec := range rows {
			rec = withhold(rec)
			keep(rec)
			if !yield(rec) {
				return
			}
		}
	})
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	sheet.done()
	t := reportTable{scope: d.scope, name: name, records: recs, rows: n, sheet: sheet, spec: spec}
	if d.rep != nil {
		if err := d.rep.writeTextTables(t); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	if d.got != nil {
		if !whole {
			t.records = slices.Clone(recs[:min(len(recs), htmlMaxRows+1)])
		}
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
