package reports

import (
	"fmt"
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

// markdownTable renders recs (header first) with caption.
func markdownTable(caption string, recs [][]string, numeric func(col string) bool) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "Table: %s\n\n", markdownCell(caption))
	header := recs[0]
	b.WriteString("|")
	for _, h := range header {
		b.WriteString(" " + markdownCell(h) + " |")
	}
	b.WriteString("\n|")
	for _, h := range header {
		if numeric(h) {
			b.WriteString("--:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteString("\n")
	for _, rec := range recs[1:] {
		b.WriteString("|")
		for _, c := range rec {
			b.WriteString(" " + markdownCell(c) + " |")
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}

// markdownEscaper keeps a cell's text as it is when rendered: the
// characters Markdown gives a meaning (and the pipe that ends a cell) get a
// backslash, and a line break becomes a space.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "#", `\#`, "\r\n", " ", "\n", " ", "\r", " ")

func markdownCell(s string) string { return markdownEscaper.Replace(s) }

// latexTable renders recs (header first) as a booktabs longtable with
// caption and label. Numeric columns are right-aligned; a text column with
// a cell longer than latexWrapAt characters wraps in a paragraph column.
func latexTable(caption, label string, recs [][]string, numeric func(col string) bool) []byte {
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
		out := make([]string, len(cells))
		for i, c := range cells {
			out[i] = latexCell(c)
		}
		return strings.Join(out, " & ") + ` \\` + "\n"
	}
	var b strings.Builder
	b.WriteString("% Needs \\usepackage{booktabs,longtable,array} (and UTF-8 input, the default since LaTeX 2018).\n")
	fmt.Fprintf(&b, "\\begin{longtable}{%s}\n", spec.String())
	fmt.Fprintf(&b, "\\caption{%s}\\label{%s}\\\\\n", latexCell(caption), label)
	b.WriteString("\\toprule\n" + row(header) + "\\midrule\n\\endfirsthead\n")
	b.WriteString("\\toprule\n" + row(header) + "\\midrule\n\\endhead\n")
	b.WriteString("\\bottomrule\n\\endlastfoot\n")
	for _, rec := range recs[1:] {
		b.WriteString(row(rec))
	}
	b.WriteString("\\end{longtable}\n")
	return []byte(b.String())
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

func latexCell(s string) string { return latexEscaper.Replace(s) }

// latexLabel is a label LaTeX accepts: letters, digits, '-', ':' and '.'.
func latexLabel(parts ...string) string {
	return strings.Map(func(r rune) rune {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == ':' || r == '.') {
			return r
		}
		return '-'
	}, "tab:"+strings.Join(parts, ":"))
}
