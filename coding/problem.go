package coding

import (
	"fmt"
	"strings"
)

// A Problem is one fault in a study's input, located as precisely as the
// input allows: a row of 0 means the whole file, an empty column the whole row.
type Problem struct {
	File   string // as the researcher knows it: relative to the study folder
	Row    int    // line number in the file, 1 is the header
	Column string
	// Source says where Column comes from in a file whose columns were
	// mapped, e.g. `file column "Codes"`; empty where the names agree.
	Source string
	Msg    string
}

// String is the problem as one line: a line break or a byte that is not
// UTF-8 in a value it names (a file name, a header, a parser's message) is
// escaped, so that each problem stays one line of the report.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Row > 0 {
		fmt.Fprintf(&b, ":%d", p.Row)
	}
	b.WriteString(": ")
	if p.Column != "" {
		fmt.Fprintf(&b, "column %q", p.Column)
		if p.Source != "" {
			fmt.Fprintf(&b, " (%s)", p.Source)
		}
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return singleLine(b.String())
}

// lineBreaks escapes what would break a message's line.
var lineBreaks = strings.NewReplacer("\r\n", `\r\n`, "\n", `\n`, "\r", `\r`, "\v", `\v`, "\f", `\f`, "\u0085", `\u0085`, "\u2028", `\u2028`, "\u2029", `\u2029`)

// singleLine returns s with line breaks escaped (\n) and bytes that are not
// UTF-8 replaced by U+FFFD: a message about input must stay one line.
func singleLine(s string) string {
	return lineBreaks.Replace(strings.ToValidUTF8(s, "\uFFFD"))
}

// maxProblems bounds what one run reports: past it, a study is broken in a
// systematic way that the first few hundred lines already show.
const maxProblems = 200

// Problems is every fault found in one read of a study. It is an error so that
// callers can pass it up unchanged and the command can tell bad input from
// other failures with errors.As.
type Problems struct {
	List    []Problem
	Omitted int // found beyond maxProblems
	// PII counts the problems that are personal data found in a cell
	// (among List, or omitted).
	PII int
	// sources are the mapped columns of each file: file -> column -> Source.
	sources map[string]map[string]string
}

func (ps *Problems) Error() string {
	lines := make([]string, 0, len(ps.List)+1)
	for _, p := range ps.List {
		lines = append(lines, p.String())
	}
	if ps.Omitted > 0 {
		lines = append(lines, fmt.Sprintf("... and %d more problems", ps.Omitted))
	}
	return strings.Join(lines, "\n")
}

func (ps *Problems) add(file string, row int, column, format string, args ...any) {
	if len(ps.List) >= maxProblems {
		ps.Omitted++
		return
	}
	ps.List = append(ps.List, Problem{File: file, Row: row, Column: column, Source: ps.sources[file][column], Msg: fmt.Sprintf(format, args...)})
}

// describe records where column comes from in file, for every problem in it.
func (ps *Problems) describe(file, column, source string) {
	if ps.sources == nil {
		ps.sources = map[string]map[string]string{}
	}
	if ps.sources[file] == nil {
		ps.sources[file] = map[string]string{}
	}
	ps.sources[file][column] = source
}

func (ps *Problems) empty() bool { return len(ps.List) == 0 && ps.Omitted == 0 }

// err returns ps as an error, or nil when nothing was found.
func (ps *Problems) err() error {
	if ps.empty() {
		return nil
	}
	return ps
}
