package coding

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"path/filepath"
	"unicode/utf8"
)

// csvRecords reads a delimited text file in the dialect it was written in.
type csvRecords struct {
	cr       *csv.Reader
	encoding string
	declared bool
	valid    bool // known to be valid UTF-8: nothing to check per field
}

// openCSV reads file whole, decodes it and sniffs its separator; known tells
// the sniffer which header names the table expects. Faults are reported.
func (tr *tableReader) openCSV(t Table, known func(string) bool) (records, bool) {
	raw, err := readText(filepath.Join(tr.dir, t.File))
	var long errLineTooLong
	switch {
	case errors.As(err, &long):
		tr.problems.add(t.File, long.line, "", "line is longer than %s, more than any table's row: check that this is delimited text, "+
			"and that no cell holds more than %s", mebibytes(MaxLineBytes), mebibytes(MaxCellBytes))
		return nil, false
	case err != nil:
		tr.problems.add(t.File, 0, "", "cannot open: %v (check its path in study.yaml)", unwrapPath(err))
		return nil, false
	}
	if msg := notText(raw); msg != "" {
		tr.problems.add(t.File, 0, "", "%s", msg)
		return nil, false
	}
	dec, err := decode(raw, t.Encoding)
	if err != nil {
		tr.problems.add(t.File, 0, "", "cannot read: %v: save it as CSV UTF-8", err)
		return nil, false
	}
	if line := nulLine(dec.text); line > 0 {
		tr.problems.add(t.File, line, "", "holds a NUL byte, which no text does: this is binary data or a damaged file; "+
			"save the table as CSV UTF-8 or .xlsx")
		return nil, false
	}
	if dec.detected {
		tr.warnings = append(tr.warnings, Warning{File: t.File, Msg: `is not UTF-8, so it was read as Windows-1252 ` +
			`(as Excel saves "CSV (gescheiden door lijstscheidingsteken)"): check that letters such as ë and é came out right, ` +
			`or save it as "CSV UTF-8"`})
	}
	d := t.Delimiter
	if d == 0 {
		d = sniffDelimiter(dec.text, known)
	}
	cr := csv.NewReader(bytes.NewReader(dec.text))
	cr.Comma = d
	cr.FieldsPerRecord = -1 // checked by the reader, to name the row and keep going
	cr.ReuseRecord = true   // a record is read into a row's fields before the next
	return &csvRecords{cr: cr, encoding: dec.encoding, declared: !dec.detected, valid: dec.valid}, true
}

func (c *csvRecords) next() ([]string, int, error) {
	rec, err := c.cr.Read()
	if err != nil {
		return nil, 0, err
	}
	line, _ := c.cr.FieldPos(0)
	return rec, line, nil
}

func (c *csvRecords) bad(field string) string {
	if c.encoding == EncodingWindows1252 {
		if b, ok := undefinedByte(field); ok {
			why := "which it was read as because it is not UTF-8"
			if c.declared {
				why = "which study.yaml says it is in"
			}
			return fmt.Sprintf("byte 0x%02X is not a character in Windows-1252, %s: "+
				"check how the file was saved (CSV UTF-8 is safest) or retype this cell", b, why)
		}
		return ""
	}
	if !c.valid && !utf8.ValidString(field) {
		return "text is not valid UTF-8: save the file as UTF-8"
	}
	return ""
}

func (c *csvRecords) ragged() bool  { return false }
func (c *csvRecords) empty() string { return "file is empty" }
func (c *csvRecords) close()        {}
