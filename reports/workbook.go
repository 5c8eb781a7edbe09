package reports

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/sync/errgroup"
)

// WorkbookFile is the workbook's name inside the output folder.
const WorkbookFile = "report.xlsx"

// The workbook holds every table of every scope on a sheet of its own,
// after a contents sheet that names each sheet's scope, file and caption
// and links to it. Each table sheet has its header in the frozen first row,
// columns as wide as their text, counts as whole numbers and shares and
// statistics as numbers with the decimals the CSV has; a cell that is not a
// number there ("<5", "x", "<0.0001") stays text. Text cells are
// neutralised as in the CSV files.

// sheetNames gives each table a sheet name: the scope and the file name
// (matrices abbreviated), unique, at most 31 characters and without the
// characters Excel forbids, by the tables' order alone.
func sheetNames(tables []reportTable, contents string) []string {
	abbrev := strings.NewReplacer("matrices/", "", ".csv", "", "respondents_", "resp_", "categories_", "cat_",
		"codes_", "code_", "_segments", "_seg", "_present", "_pres")
	clean := strings.NewReplacer(":", "_", `\`, "_", "/", "_", "?", "_", "*", "_", "[", "(", "]", ")", "'", "_")
	taken := map[string]bool{strings.ToLower(contents): true}
	out := make([]string, len(tables))
	for i, t := range tables {
		base := clean.Replace(t.scope + " " + abbrev.Replace(t.name))
		name := truncateRunes(base, 31)
		for k := 2; taken[strings.ToLower(name)]; k++ {
			suffix := "~" + strconv.Itoa(k)
			name = truncateRunes(base, 31-len(suffix)) + suffix
		}
		taken[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

func truncateRunes(s string, n int) string {
	for utf8.RuneCountInString(s) > n {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s
}

// workbookStyles are the cell styles of the workbook, by purpose.
type workbookStyles struct {
	header, link int
	decimals     map[int]int // number of decimals -> style
}

func newWorkbookStyles(f *excelize.File) (*workbookStyles, error) {
	s := &workbookStyles{decimals: map[int]int{}}
	var err error
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}}); err != nil {
		return nil, err
	}
	if s.link, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "1F4E79", Underline: "single"}}); err != nil {
		return nil, err
	}
	for k := 0; k <= 4; k++ {
		format := "0"
		if k > 0 {
			format = "0." + strings.Repeat("0", k)
		}
		if s.decimals[k], err = f.NewStyle(&excelize.Style{CustomNumFmt: &format}); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// cell is a cell's value: a number where the table declares its column
// numeric and the text is a plain number, else neutralised text.
func (s *workbookStyles) cell(numeric bool, v string) excelize.Cell {
	if numeric && isPlainNumber(v) {
		decimals := 0
		if i := strings.IndexByte(v, '.'); i >= 0 {
			decimals = min(len(v)-i-1, 4)
		}
		if decimals == 0 {
			if n, err := strconv.Atoi(v); err == nil {
				return excelize.Cell{StyleID: s.decimals[0], Value: n}
			}
		}
		if x, err := strconv.ParseFloat(v, 64); err == nil {
			return excelize.Cell{StyleID: s.decimals[decimals], Value: x}
		}
	}
	return excelize.Cell{Value: neutralise(v)}
}

// columnWidths fits each column to its longest cell, within bounds.
func columnWidths(recs [][]string) []float64 {
	w := make([]float64, len(recs[0]))
	for _, rec := range recs {
		for i, c := range rec {
			widen(w, i, utf8.RuneCountInString(c))
		}
	}
	return bounded(w)
}

// widen makes column i of w as wide as a cell of n characters.
func widen(w []float64, i, n int) {
	if i < len(w) {
		w[i] = max(w[i], float64(n))
	}
}

// bounded is w within the bounds of a column's width.
func bounded(w []float64) []float64 {
	for i := range w {
		w[i] = min(max(w[i]+2, 6), 60)
	}
	return w
}

// writeWorkbook writes the workbook of the tables in r, their rows in
// sheets (by table), each released once its sheet is made. The table
// sheets are made side by side, one per CPU (sheetPart).
func writeWorkbook(r *report, sheets []packedRows) error {
	f := excelize.NewFile()
	defer f.Close()
	lang := r.lang()
	contents := text(lang, "wb.contents")
	if err := f.SetSheetName("Sheet1", contents); err != nil {
		return err
	}
	st, err := newWorkbookStyles(f)
	if err != nil {
		return err
	}
	names := sheetNames(r.got.tables, contents)
	for _, name := range names {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	parts := make([]*zipPart, len(names))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, t := range r.got.tables {
		t.sheet, sheets[i] = sheets[i], packedRows{}
		g.Go(func() error {
			p, err := sheetPart(st, t, lang)
			if err != nil {
				return fmt.Errorf("sheet %s: %w", names[i], err)
			}
			parts[i] = p
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	made := make(map[string]*zipPart, len(names))
	for id, name := range f.GetSheetMap() {
		if i := slices.Index(names, name); i >= 0 {
			made[fmt.Sprintf("xl/worksheets/sheet%d.xml", id)] = parts[i]
		}
	}
	f.SetZipWriter(newSortedZipWriter(made))

	// The contents sheet: one row per table, its name linking to it.
	head := []string{text(lang, "wb.sheet"), text(lang, "wb.scope"), text(lang, "wb.file"), text(lang, "wb.caption")}
	rows := [][]string{head}
	for i, t := range r.got.tables {
		rows = append(rows, []string{names[i], r.scopeTitle(t.scope), t.scope + "/" + t.name, r.tableCaption(t)})
	}
	for i, row := range rows {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellStr(contents, cell, neutralise(v)); err != nil {
				return err
			}
			switch {
			case i == 0:
				err = f.SetCellStyle(contents, cell, cell, st.header)
			case j == 0:
				if err = f.SetCellHyperLink(contents, cell, "'"+v+"'!A1", "Location"); err == nil {
					err = f.SetCellStyle(contents, cell, cell, st.link)
				}
			}
			if err != nil {
				return err
			}
		}
	}
	for j, w := range columnWidths(rows) {
		col, _ := excelize.ColumnNumberToName(j + 1)
		if err := f.SetColWidth(contents, col, col, min(w, 100)); err != nil {
			return err
		}
	}
	if err := f.SetPanes(contents, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	// The contents sheet, the file's first, is the active one from the
	// start; excelize's SetActiveSheet would parse every streamed sheet back.
	setCoreProperties(f, r.opt.Study, lang)

	return writeAtomic(filepath.Join(r.opt.Out, WorkbookFile), 0o644, func(w *bufio.Writer) error {
		_, err := f.WriteTo(w)
		return err
	})
}

// sheetMaxRows is the most rows a sheet gets, header included: a tenth of
// Excel's limit. Past it a table (the long matrices of a study of tens of
// thousands of respondents) is for R or SPSS, not for reading in a sheet,
// and writing it would take most of a run. A variable for the tests.
var sheetMaxRows = 100_000 + 1

// setCoreProperties replaces the workbook's document properties, which
// excelize fills with a creation and modification date, by the study's
// title and language and cimo as creator: no date, so that the same study
// gives the same bytes.
func setCoreProperties(f *excelize.File, title, lang string) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">`)
	b.WriteString("<dc:title>")
	xml.EscapeText(&b, []byte(title))
	b.WriteString("</dc:title><dc:creator>cimo</dc:creator><dc:language>")
	xml.EscapeText(&b, []byte(lang))
	b.WriteString("</dc:language></cp:coreProperties>")
	f.Pkg.Store("docProps/core.xml", []byte(b.String()))
}
