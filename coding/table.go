package coding

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// columns is what a table of the input contract must and may hold.
type columns struct {
	required []string
	optional []string
	// verbatim columns keep their surrounding white space (free text).
	verbatim []string
}

func (c columns) known(name string) bool {
	return slices.Contains(c.required, name) || slices.Contains(c.optional, name)
}

// row is one data row of a table, read by column name.
type row struct {
	file   string
	line   int
	fields []string
	index  map[string]int
	cols   *columns
}

// get returns the named column's value, trimmed unless the column is free
// text; a column the file does not have reads as empty.
func (r row) get(name string) string {
	i, ok := r.index[name]
	if !ok || i >= len(r.fields) {
		return ""
	}
	if slices.Contains(r.cols.verbatim, name) {
		return r.fields[i]
	}
	return strings.TrimSpace(r.fields[i])
}

// Warning is a remark about the input that does not stop a run.
type Warning = Problem

// tableReader reads the tables of one study, collecting problems and
// warnings across all of them.
type tableReader struct {
	dir      string
	problems *Problems
	warnings []Warning
	// codes reads codes by id or label in tables of coded segments, once
	// the codebook is read.
	codes *codeNames
	// scanPII: every cell is checked for personal data (pii.go).
	scanPII bool
}

// records is a table file opened for reading: its records as text, in order.
type records interface {
	// next returns the next record and its row number (the line in a text
	// file, the row in a sheet); io.EOF after the last. The record's slice
	// may be reused by the next call: a caller that keeps it clones it.
	next() ([]string, int, error)
	// bad says what is wrong with the text of a field, or "" when nothing is.
	bad(field string) string
	// ragged: a record may be shorter than the header, as a spreadsheet
	// leaves a row's empty cells at its end out.
	ragged() bool
	// empty is the problem of a file without a header.
	empty() string
}

// open opens a table file in the format its extension names.
func (tr *tableReader) open(t Table, cols *columns) (records, bool) {
	switch formatOf(t.File) {
	case formatCSV:
		return tr.openCSV(t, tr.knownHeaders(t, cols))
	case formatXLSX:
		return tr.openXLSX(t)
	}
	if strings.EqualFold(filepath.Ext(t.File), ".xls") {
		tr.problems.add(t.File, 0, "", "is an old Excel workbook (.xls): open it in Excel and save it as .xlsx")
	} else {
		tr.problems.add(t.File, 0, "", "is not a table cimo reads: use .csv, .tsv or .txt (delimited text) or .xlsx (Excel)")
	}
	return nil, false
}

// knownHeaders tells the delimiter sniffer which header names to expect.
func (tr *tableReader) knownHeaders(t Table, cols *columns) func(string) bool {
	known := map[string]bool{}
	for _, c := range cols.names() {
		known[c] = true
	}
	if p := presets[t.Preset]; p != nil {
		for _, h := range p.columns {
			known[h] = true
		}
		for _, h := range p.segmentFrom {
			known[h] = true
		}
		for _, h := range p.ignored {
			known[h] = true
		}
	}
	for _, h := range t.Columns {
		known[h] = true
	}
	return func(h string) bool { return known[h] }
}

// read streams the rows of table t to each, as contract columns. It reports
// missing, duplicated and unknown columns, malformed files, rows of the
// wrong width and text that cannot be decoded; rows with such faults are
// skipped. It returns whether every row of the file could be read: when
// not, checks of other tables against it would only repeat the one fault.
func (tr *tableReader) read(ctx context.Context, t Table, cols columns, each func(row)) (bool, error) {
	file := t.File
	src, ok := tr.open(t, &cols)
	if !ok {
		return false, nil
	}
	var header []string
	hline := 0
	for header == nil {
		rec, line, err := src.next()
		if err == io.EOF {
			tr.problems.add(file, 0, "", "%s: expected a header row with %s", src.empty(), strings.Join(cols.required, ", "))
			return false, nil
		}
		if err != nil {
			tr.readProblem(file, err)
			return false, nil
		}
		if !blank(rec) {
			header, hline = slices.Clone(rec), line
		}
	}
	for _, h := range header {
		if msg := src.bad(h); msg != "" {
			tr.problems.add(file, hline, "", "header: %s", msg)
			return false, nil
		}
	}
	l, ok := tr.newLayout(t, &cols, header, hline)
	if !ok {
		return false, nil
	}

	// damaged: a row was skipped for a fault in the file itself, so that
	// ids it holds are missing; references to them are not checked.
	rows, damaged := 0, false
	for {
		if rows%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return false, err
			}
		}
		rec, line, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			tr.readProblem(file, err)
			return false, nil
		}
		if blank(rec) {
			continue // a blank line, as spreadsheets leave at the end
		}
		rows++
		if src.ragged() {
			rec = trimEmpty(rec)
			if len(rec) > len(header) {
				tr.problems.add(file, line, "", "row has a value in column %d but the header has %d columns: give that column a header or clear it", len(rec), len(header))
				damaged = true
				continue
			}
		} else if len(rec) != len(header) {
			tr.problems.add(file, line, "", "row has %d fields but the header has %d: check the separators and quotes in this row", len(rec), len(header))
			damaged = true
			continue
		}
		bad := false
		for i, v := range rec {
			if msg := src.bad(v); msg != "" {
				tr.problems.add(file, line, l.label[i], "%s", msg)
				bad = true
			} else if len(v) > MaxCellBytes {
				tr.problems.add(file, line, l.label[i], "holds %d bytes, more than the %s a cell may hold: split the passage into segments, "+
					"or check that the quotes in this row are closed", len(v), mebibytes(MaxCellBytes))
				bad = true
			}
		}
		if bad {
			damaged = true
			continue
		}
		if tr.scanPII {
			tr.findPII(file, line, l.label, rec)
		}
		l.rows(tr, rec, line, each)
	}
	if rows == 0 {
		tr.problems.add(file, 0, "", "has a header but no rows: add the table's rows below its header")
		return false, nil
	}
	if l.uncoded > 0 {
		tr.warnings = append(tr.warnings, Warning{File: file,
			Msg: fmt.Sprintf("%d rows have no code and are skipped (quotations nobody coded)", l.uncoded)})
	}
	return !damaged, nil
}

// blank says whether a record holds nothing: a blank line, or a row of empty
// cells as spreadsheets write below their data.
func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// trimEmpty drops the empty cells at the end of a spreadsheet row.
func trimEmpty(rec []string) []string {
	n := len(rec)
	for n > 0 && strings.TrimSpace(rec[n-1]) == "" {
		n--
	}
	return rec[:n]
}

// readProblem reports a file that stopped being readable part way.
func (tr *tableReader) readProblem(file string, err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		tr.problems.add(file, pe.StartLine, "", "not valid CSV: %v (fields with separators, quotes or line breaks must be in double quotes, and quotes inside them doubled)", pe.Err)
		return
	}
	tr.problems.add(file, 0, "", "cannot read: %s", oneLine(unwrapPath(err)))
}

// unwrapPath drops the *os.PathError's own path, which names the file again
// in an absolute form the researcher did not write.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
