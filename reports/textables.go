package reports

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Every table is also written for the text of a report: as Markdown
// (pandoc's pipe table with a "Table:" caption, which GitHub also shows)
// and as LaTeX (a booktabs longtable, so that a long table breaks across
// pages), both with the caption the HTML report gives it. They hold the
// cells as the CSV does before neutralising: small counts withheld, no
// quote ever.

// textMaxRows is the most rows a Markdown or LaTeX table holds, as a page
// of the report shows: they are for the text of a report, and a matrix of
// tens of thousands of rows is no table anyone pastes into one, while
// writing it took a large study longer than every table behind it. A longer
// table ends with a line saying so; its CSV holds every row.
var textMaxRows = 500 // a variable for the tests

// A textWriter is a buffer the text tables are rendered into: a
// bytes.Buffer, or a bufio.Writer on the file.
type textWriter interface {
	io.Writer
	io.StringWriter
}

// markdownTable renders recs (header first) with caption.
func markdownTable(caption string, recs [][]string, numeric func(col string) bool) []byte {
	var b bytes.Buffer
	writeMarkdownTable(&b, caption, recs, numeric)
	return b.Bytes()
}

// writeMarkdownTable is markdownTable into w, a buffer: a write error is
// the buffer's to keep (bufio.Writer keeps it for Flush).
func writeMarkdownTable(b textWriter, caption string, recs [][]string, numeric func(col string) bool) {
	fmt.Fprintf(b, "Table: %s\n\n", markdownCell(caption))
	header := recs[0]
	row := func(rec []string) {
		b.WriteString("|")
		for _, c := range rec {
			b.WriteString(" ")
			b.WriteString(markdownCell(c))
			b.WriteString(" |")
		}
		b.WriteString("\n")
	}
	row(header)
	b.WriteString("|")
	for _, h := range header {
		if numeric(h) {
			b.WriteString("--:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteString("\n")
	for _, rec := range recs[1:] {
		row(rec)
	}
}

// markdownEscaper keeps a cell's text as it is when rendered: the
// characters Markdown gives a meaning (and the pipe that ends a cell) get a
// backslash, and a line break becomes a space.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "#", `\#`, "\r\n", " ", "\n", " ", "\r", " ")

// markdownSpecial are the bytes markdownEscaper replaces: a cell without
// any (a count, most codes) is written as it is, without the replacer's
// scan, which the many cells of a large matrix would feel.
const markdownSpecial = "\\|*_`[]<>#\r\n"

func markdownCell(s string) string {
	if strings.IndexAny(s, markdownSpecial) < 0 {
		return s
	}
	return markdownEscaper.Replace(s)
}

// latexTable renders recs (header first) as a booktabs longtable with
// caption and label. Numeric columns are right-aligned; a text column with
// a cell longer than latexWrapAt characters wraps in a paragraph column.
func latexTable(caption, label string, recs [][]string, numeric func(col string) bool) []byte {
	var b bytes.Buffer
	writeLatexTable(&b, caption, label, recs, numeric)
	return b.Bytes()
}

// writeLatexTable is latexTable into w, a buffer, as writeMarkdownTable.
func writeLatexTable(b textWriter, caption, label string, recs [][]string, numeric func(col string) bool) {
	const latexWrapAt = 30
	header := recs[0]
	var spec strings.Builder
	for i, h := range header {
		long := false
		for _, rec := range recs[1:] {
			if i < len(rec) && utf8.RuneCountInString(rec[i]) > latexWrapAt {
				long = true
				break
			}
		}
		switch {
		case numeric(h):
			spec.WriteString("r")
		case long:
			spec.WriteString(`>{\raggedright\arraybackslash}p{5cm}`)
		default:
			spec.WriteString("l")
		}
	}
	row := func(cells []string) string {
		var r strings.Builder
		for i, c := range cells {
			if i > 0 {
				r.WriteString(" & ")
			}
			r.WriteString(latexCell(c))
		}
		r.WriteString(` \\` + "\n")
		return r.String()
	}
	body := func(cells []string) {
		for i, c := range cells {
			if i > 0 {
				b.WriteString(" & ")
			}
			b.WriteString(latexCell(c))
		}
		b.WriteString(` \\` + "\n")
	}
	b.WriteString("% Needs \\usepackage{booktabs,longtable,array} (and UTF-8 input, the default since LaTeX 2018).\n")
	fmt.Fprintf(b, "\\begin{longtable}{%s}\n", spec.String())
	fmt.Fprintf(b, "\\caption{%s}\\label{%s}\\\\\n", latexCell(caption), label)
	b.WriteString("\\toprule\n" + row(header) + "\\midrule\n\\endfirsthead\n")
	b.WriteString("\\toprule\n" + row(header) + "\\midrule\n\\endhead\n")
	b.WriteString("\\bottomrule\n\\endlastfoot\n")
	for _, rec := range recs[1:] {
		body(rec)
	}
	b.WriteString("\\end{longtable}\n")
}

// latexEscaper writes text so that LaTeX sets it as it reads: its special
// characters as commands, and the few symbols of the tables that the
// standard UTF-8 input does not know as math.
var latexEscaper = strings.NewReplacer(
	`\`, `\textbackslash{}`, "&", `\&`, "%", `\%`, "$", `\$`, "#", `\#`, "_", `\_`,
	"{", `\{`, "}", `\}`, "~", `\textasciitilde{}`, "^", `\textasciicircum{}`,
	"<", `\textless{}`, ">", `\textgreater{}`, "|", `\textbar{}`, "≥", `\ensuremath{\geq}`, "≤", `\ensuremath{\leq}`,
	"→", `\ensuremath{\rightarrow}`, "×", `\texttimes{}`, "−", `\textminus{}`,
	"\r\n", " ", "\n", " ", "\r", " ")

// latexPlain reports whether s has none of the characters latexEscaper
// replaces, all of them ASCII punctuation or beyond ASCII: such a cell (a
// count, most codes) is written as it is, without the replacer's scan.
func latexPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || strings.IndexByte(latexSpecial, c) >= 0 {
			return false
		}
	}
	return true
}

// latexSpecial are the ASCII bytes latexEscaper replaces.
const latexSpecial = "\\&%$#_{}~^<>|\r\n"

func latexCell(s string) string {
	if latexPlain(s) {
		return s
	}
	return latexEscaper.Replace(s)
}

// latexLabel is a label LaTeX accepts: letters, digits, '-', ':' and '.'.
func latexLabel(parts ...string) string {
	return strings.Map(func(r rune) rune {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == ':' || r == '.') {
			return r
		}
		return '-'
	}, "tab:"+strings.Join(parts, ":"))
}
