package coding

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// xlsxRecords is one sheet of an Excel workbook, read whole, each cell as the
// text of what Excel stores in it.
type xlsxRecords struct {
	sheet string
	rows  [][]string
	at    int // rows handed out so far
}

// openXLSX opens the sheet t names, or the workbook's first. Faults (no such
// file, not a workbook, no such sheet) are reported as one line each.
func (tr *tableReader) openXLSX(t Table) (records, bool) {
	f, err := excelize.OpenFile(filepath.Join(tr.dir, t.File), excelize.Options{RawCellValue: true})
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			tr.problems.add(t.File, 0, "", "cannot open: %v (check its path in study.yaml)", unwrapPath(err))
		} else if looksLikeText(filepath.Join(tr.dir, t.File)) {
			tr.problems.add(t.File, 0, "", "is not an Excel workbook but looks like delimited text: give it the extension .csv")
		} else {
			tr.problems.add(t.File, 0, "", "cannot be read as an Excel workbook (%s): open it in Excel and save it again as .xlsx", oneLine(err))
		}
		return nil, false
	}
	defer f.Close()
	sheets := f.GetSheetList()
	sheet := t.Sheet
	switch {
	case len(sheets) == 0:
		tr.problems.add(t.File, 0, "", "the workbook has no sheets")
		return nil, false
	case sheet == "":
		sheet = sheets[0]
	case !slices.Contains(sheets, sheet):
		tr.problems.add(t.File, 0, "", "has no sheet %q: its sheets are %s (check sheet: in study.yaml)", sheet, quoteList(sheets))
		return nil, false
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		tr.problems.add(t.File, 0, "", "cannot read sheet %q (%s): open it in Excel and save it again as .xlsx", sheet, oneLine(err))
		return nil, false
	}
	cv := cellValues{f: f, sheet: sheet, dateStyle: map[int]bool{}}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		cv.date1904 = *props.Date1904
	}
	for r, row := range rows {
		for c, v := range row {
			row[c] = cv.text(r+1, c+1, v)
		}
	}
	return &xlsxRecords{sheet: sheet, rows: rows}, true
}

func (x *xlsxRecords) next() ([]string, int, error) {
	if x.at >= len(x.rows) {
		return nil, 0, io.EOF
	}
	x.at++
	return x.rows[x.at-1], x.at, nil // GetRows keeps empty rows, so the index is the sheet's row
}

func (x *xlsxRecords) bad(string) string { return "" }
func (x *xlsxRecords) ragged() bool      { return true }
func (x *xlsxRecords) empty() string     { return "sheet " + strconv.Quote(x.sheet) + " is empty" }
func (x *xlsxRecords) close()            {}

// cellValues turns raw cell values into the text a table holds: a number as
// Excel stores it (a whole number without ".0"), a date stored as a serial
// number in a date format as an ISO date, and text, even text typed into a
// date-formatted cell, as it was typed.
type cellValues struct {
	f         *excelize.File
	sheet     string
	date1904  bool
	dateStyle map[int]bool // style index -> has a date or time format
}

func (cv cellValues) text(row, col int, raw string) string {
	x, err := strconv.ParseFloat(raw, 64)
	if raw == "" || err != nil {
		return raw // text, or empty: nothing Excel could have formatted
	}
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return raw
	}
	typ, err := cv.f.GetCellType(cv.sheet, cell)
	if err != nil {
		return raw
	}
	switch typ {
	case excelize.CellTypeBool:
		if raw == "1" {
			return "TRUE"
		}
		return "FALSE"
	case excelize.CellTypeNumber, excelize.CellTypeUnset: // a number, or a formula's number
	default:
		return raw // text that looks like a number stays text
	}
	if cv.isDate(cell) {
		if s, ok := excelDate(x, cv.date1904); ok {
			return s
		}
	}
	return formatNumber(x)
}

func (cv cellValues) isDate(cell string) bool {
	idx, err := cv.f.GetCellStyle(cv.sheet, cell)
	if err != nil {
		return false
	}
	if d, ok := cv.dateStyle[idx]; ok {
		return d
	}
	d := false
	if st, err := cv.f.GetStyle(idx); err == nil {
		d = isDateFormat(st.NumFmt, st.CustomNumFmt)
	}
	cv.dateStyle[idx] = d
	return d
}

// formatNumber writes x as its shortest decimal form: 361, not 361.0.
func formatNumber(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return strconv.FormatInt(int64(x), 10)
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// excelDate writes a date serial as an ISO date (2023-03-14), with the time
// where it has one (2023-03-14T09:30:00), or a time alone below one day.
func excelDate(serial float64, date1904 bool) (string, bool) {
	if serial < 0 {
		return "", false
	}
	t, err := excelize.ExcelDateToTime(serial, date1904)
	if err != nil {
		return "", false
	}
	switch {
	case serial == math.Trunc(serial):
		return t.Format("2006-01-02"), true
	case serial < 1:
		return t.Format("15:04:05"), true
	}
	return t.Format("2006-01-02T15:04:05"), true
}

// builtinDateFormats are Excel's built-in number formats for dates and
// times (ECMA-376 part 1, 18.8.30), with the East Asian ones (27-36, 50-58).
func builtinDateFormat(id int) bool {
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)
}

// isDateFormat says whether a cell's number format shows a date or time: a
// built-in date format, or a custom format code with a date or time part
// (d, m, y, h or s) outside quoted text, escaped characters and [...]
// sections such as colours and locales.
func isDateFormat(id int, custom *string) bool {
	if custom == nil {
		return builtinDateFormat(id)
	}
	code := *custom
	if i := strings.IndexByte(code, ';'); i >= 0 {
		code = code[:i] // the format for positive numbers decides
	}
	var b strings.Builder
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				i = len(code)
			} else {
				i += j + 1
			}
		case '\\', '_', '*':
			i++ // the next character is literal, or padding
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				i = len(code)
			} else {
				i += j
			}
		default:
			b.WriteByte(c)
		}
	}
	return strings.ContainsAny(strings.ToLower(b.String()), "dmyhs") && !strings.EqualFold(code, "general")
}

// oneLine keeps an error to one line, as every problem is.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// looksLikeText says whether a file's first bytes are text with a line
// break: a CSV file given a workbook's extension.
func looksLikeText(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if i := bytes.LastIndexByte(head, '\n'); i > 0 && n == len(head) {
		head = head[:i] // a character cut off at the end is not a fault
	}
	return n > 0 && bytes.IndexByte(head, '\n') >= 0 && bytes.IndexByte(head, 0) < 0 && utf8.Valid(head)
}
