package coding

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
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

// tableReader reads the CSV tables of one study, collecting problems and
// warnings across all of them.
type tableReader struct {
	dir      string
	problems *Problems
	warnings []Warning
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// read streams the rows of file (relative to the study folder) to each. It
// reports missing, duplicated and unknown columns, malformed CSV, rows of the
// wrong width and text that is not UTF-8; rows with such faults are skipped.
// It returns whether the file could be read as a table at all: when not,
// checks of other tables against it would only repeat the one fault.
func (tr *tableReader) read(ctx context.Context, file string, cols columns, each func(row)) (bool, error) {
	f, err := os.Open(filepath.Join(tr.dir, file))
	if err != nil {
		tr.problems.add(file, 0, "", "cannot open: %v (check its path in study.yaml)", unwrapPath(err))
		return false, nil
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	if head, _ := br.Peek(3); bytes.Equal(head, utf8BOM) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1 // checked here, to name the row and keep going
	cr.ReuseRecord = false

	header, err := cr.Read()
	if err == io.EOF {
		tr.problems.add(file, 0, "", "file is empty: expected a header row with %s", strings.Join(cols.required, ", "))
		return false, nil
	}
	if err != nil {
		tr.csvProblem(file, err)
		return false, nil
	}
	index := make(map[string]int, len(header))
	for i, h := range header {
		h = strings.TrimSpace(h)
		switch {
		case !utf8.ValidString(h):
			tr.problems.add(file, 1, "", "header is not valid UTF-8: save the file as UTF-8")
			return false, nil
		case h == "":
			if i < len(header)-1 || len(header) == 1 {
				tr.warnings = append(tr.warnings, Warning{File: file, Row: 1, Msg: fmt.Sprintf("column %d has no name and is ignored", i+1)})
			}
			continue
		}
		if j, dup := index[h]; dup {
			tr.problems.add(file, 1, h, "appears twice in the header (columns %d and %d): keep one", j+1, i+1)
			continue
		}
		index[h] = i
		if !cols.known(h) {
			tr.warnings = append(tr.warnings, Warning{File: file, Row: 1, Column: h,
				Msg: fmt.Sprintf("unknown column is ignored (known: %s)", strings.Join(append(slices.Clone(cols.required), cols.optional...), ", "))})
		}
	}
	missing := false
	for _, c := range cols.required {
		if _, ok := index[c]; !ok {
			tr.problems.add(file, 1, "", "missing column %q: the header must name %s", c, strings.Join(cols.required, ", "))
			missing = true
		}
	}
	if missing {
		return false, nil
	}

	rows := 0
	for {
		if rows%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return false, err
			}
		}
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			tr.csvProblem(file, err)
			return false, nil
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && rec[0] == "" {
			continue // a blank line, as spreadsheets leave at the end
		}
		rows++
		if len(rec) != len(header) {
			tr.problems.add(file, line, "", "row has %d fields but the header has %d: check the separators and quotes in this row", len(rec), len(header))
			continue
		}
		bad := false
		for i, v := range rec {
			if !utf8.ValidString(v) {
				tr.problems.add(file, line, strings.TrimSpace(header[i]), "text is not valid UTF-8: save the file as UTF-8")
				bad = true
			}
		}
		if bad {
			continue
		}
		each(row{file: file, line: line, fields: rec, index: index, cols: &cols})
	}
	if rows == 0 {
		tr.problems.add(file, 0, "", "has a header but no rows")
		return false, nil
	}
	return true, nil
}

func (tr *tableReader) csvProblem(file string, err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		tr.problems.add(file, pe.StartLine, "", "not valid CSV: %v (fields with commas, quotes or line breaks must be in double quotes, and quotes inside them doubled)", pe.Err)
		return
	}
	tr.problems.add(file, 0, "", "cannot read: %v", unwrapPath(err))
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
