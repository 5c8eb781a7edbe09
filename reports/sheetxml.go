package reports

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"hash/crc32"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// A table's sheet is written here as the worksheet part itself, deflated,
// rather than through excelize's stream writer: a large study's workbook
// holds millions of cells, which excelize builds one at a time (a cell
// reference, a style lookup, an interface value) and cannot build for two
// sheets at once. Each sheet here is made on its own and the sheets side by
// side; excelize still writes everything else (the contents sheet, styles,
// the workbook's parts), and sortedZipWriter puts each sheet made here in
// place of the empty one excelize writes for it.

// sheetPart makes the deflated worksheet part of table t: header frozen in
// the first row, column widths fitted, and each cell as st.cell makes it.
func sheetPart(st *workbookStyles, t reportTable, lang string) (*zipPart, error) {
	p := &zipPart{crc: crc32.NewIEEE()}
	fw, err := flate.NewWriter(&p.data, workbookDeflate)
	if err != nil {
		return nil, err
	}
	w := bufio.NewWriterSize(io.MultiWriter(fw, p.crc, (*byteCounter)(&p.size)), 64<<10)
	writeSheetXML(w, st, t, lang)
	if err := w.Flush(); err != nil { // the first write error, if any
		return nil, err
	}
	if err := fw.Close(); err != nil {
		return nil, err
	}
	return p, nil
}

// byteCounter counts what is written through it.
type byteCounter uint64

func (c *byteCounter) Write(b []byte) (int, error) {
	*c += byteCounter(len(b))
	return len(b), nil
}

const sheetHead = xml.Header + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
	`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>` +
	`</sheetView></sheetViews>`

// writeSheetXML writes the worksheet of t; w keeps the first error for its
// Flush. A table with more rows than a sheet holds gets its header and a
// row that says so, in place of rows cut off without a word.
func writeSheetXML(w *bufio.Writer, st *workbookStyles, t reportTable, lang string) {
	header := t.records[0]
	rows := t.sheet.all()
	if t.rows+1 > sheetMaxRows {
		note := make([][]byte, len(header))
		note[0] = []byte(fmt.Sprintf(text(lang, "wb.toolong"), t.rows, sheetMaxRows-1))
		rows = func(yield func([][]byte) bool) { yield(note) }
	}
	widths := make([]float64, len(header))
	for j, h := range header {
		widen(widths, j, utf8.RuneCountInString(h))
	}
	for rec := range rows {
		for j, c := range rec {
			widen(widths, j, utf8.RuneCount(c))
		}
	}
	w.WriteString(sheetHead)
	w.WriteString("<cols>")
	for j, width := range bounded(widths) {
		n := strconv.Itoa(j + 1)
		fmt.Fprintf(w, `<col min="%s" max="%s" width="%s" customWidth="1"/>`, n, n, strconv.FormatFloat(width, 'f', -1, 64))
	}
	w.WriteString("</cols><sheetData>")

	cols := make([]string, len(header))
	for j := range cols {
		cols[j], _ = excelize.ColumnNumberToName(j + 1)
	}
	numeric := make([]bool, len(header))
	for j, h := range header {
		numeric[j] = t.spec.numeric(h)
	}
	// A cell's XML after its reference is made once per column kind and
	// text: a large table repeats its ids, codes and small counts.
	cells := [2]map[string][]byte{{}, {}} // text columns, numeric ones
	row := 1
	writeRow := func(rec [][]byte, cell func(j int, v []byte) []byte) {
		r := strconv.Itoa(row)
		w.WriteString(`<row r="`)
		w.WriteString(r)
		w.WriteString(`">`)
		for j, v := range rec {
			if j >= len(cols) {
				break
			}
			w.WriteString(`<c r="`)
			w.WriteString(cols[j])
			w.WriteString(r)
			w.WriteByte('"')
			w.Write(cell(j, v))
		}
		w.WriteString("</row>")
		row++
	}
	head := make([][]byte, len(header))
	for j, h := range header {
		head[j] = []byte(h)
	}
	writeRow(head, func(_ int, v []byte) []byte {
		return cellXML(excelize.Cell{StyleID: st.header, Value: neutralise(string(v))})
	})
	for rec := range rows {
		writeRow(rec, func(j int, v []byte) []byte {
			kind := 0
			if numeric[j] {
				kind = 1
			}
			c, ok := cells[kind][string(v)]
			if !ok {
				c = cellXML(st.cell(numeric[j], string(v)))
				if len(cells[kind]) < 1<<16 {
					cells[kind][string(v)] = c
				}
			}
			return c
		})
	}
	w.WriteString("</sheetData></worksheet>")
}

// cellXML is a cell's element after its reference: its style, its type and
// its value, as excelize writes them. An empty text cell has no value.
func cellXML(c excelize.Cell) []byte {
	var b bytes.Buffer
	if c.StyleID != 0 {
		b.WriteString(` s="`)
		b.WriteString(strconv.Itoa(c.StyleID))
		b.WriteByte('"')
	}
	switch v := c.Value.(type) {
	case int:
		b.WriteString(`><v>`)
		b.WriteString(strconv.Itoa(v))
		b.WriteString(`</v></c>`)
	case float64:
		b.WriteString(`><v>`)
		b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
		b.WriteString(`</v></c>`)
	case string:
		if v == "" {
			b.WriteString(`></c>`)
			break
		}
		b.WriteString(` t="inlineStr"><is><t`)
		if strings.ContainsAny(v[:1], "\t\n\r ") || strings.ContainsAny(v[len(v)-1:], "\t\n\r ") {
			b.WriteString(` xml:space="preserve"`)
		}
		b.WriteByte('>')
		b.WriteString(escapeCellText(v))
		b.WriteString(`</t></is></c>`)
	default:
		panic(fmt.Sprintf("cellXML: a %T", c.Value))
	}
	return b.Bytes()
}

// cellMaxUTF16 is the most a cell holds, in UTF-16 code units (Excel's
// limit, which excelize also applies).
const cellMaxUTF16 = 32767

// escapedChar is text that a reader of the part takes for an escaped
// character (ST_Xstring's _xHHHH_): such text in a cell is kept as it is by
// escaping its underscore.
var escapedChar = regexp.MustCompile(`_x[0-9A-Fa-f]{4}_`)

// escapeCellText is cell text as a worksheet holds it: cut to Excel's
// limit, escaped for XML (characters XML cannot hold become U+FFFD, a line
// break stays a line break), and _xHHHH_ escaped.
func escapeCellText(s string) string {
	if len(s) > cellMaxUTF16 {
		n := 0
		for i, r := range s {
			n += utf16.RuneLen(r)
			if n > cellMaxUTF16 {
				s = s[:i]
				break
			}
		}
	}
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	out := strings.ReplaceAll(b.String(), "&#xA;", "\n")
	if strings.Contains(out, "_x") {
		out = escapedChar.ReplaceAllString(out, "_x005F$0")
	}
	return out
}
