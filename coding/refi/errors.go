package refi

import (
	"fmt"
	"strings"
)

// An Error is one fault that stops a file from being read.
type Error struct {
	File   string // the path given to ReadProject or ReadCodebook
	Entry  string // the file inside a project ("project.qde"), or empty
	Line   int    // line in Entry, or in File when Entry is empty; 0 if unknown
	Column int    // 0 if unknown
	Msg    string // what is wrong and what to do
}

// Error is the fault as one line: a line break or a byte that is not UTF-8
// in what it quotes (an XML parser's message, a name) is escaped.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Entry != "" {
		b.WriteString(": ")
		b.WriteString(e.Entry)
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return singleLine(b.String())
}

// lineBreaks escapes what would break a message's line.
var lineBreaks = strings.NewReplacer("\r\n", `\r\n`, "\n", `\n`, "\r", `\r`, "\v", `\v`, "\f", `\f`, "\u0085", `\u0085`, "\u2028", `\u2028`, "\u2029", `\u2029`)

// singleLine returns s with line breaks escaped (\n) and bytes that are not
// UTF-8 replaced by U+FFFD.
func singleLine(s string) string {
	return lineBreaks.Replace(strings.ToValidUTF8(s, "\uFFFD"))
}

// maxErrors bounds one file's report: past it, the file is broken in a way
// that the first hundred lines already show.
const maxErrors = 100

// Errors is every fault found in one file, one per line. ReadProject and
// ReadCodebook return it (as error) for any input they cannot read, so that
// callers can tell bad input from other failures with errors.As.
type Errors struct {
	List    []*Error
	Omitted int // found beyond the first maxErrors
}

func (es *Errors) Error() string {
	lines := make([]string, 0, len(es.List)+1)
	for _, e := range es.List {
		lines = append(lines, e.Error())
	}
	if es.Omitted > 0 {
		lines = append(lines, fmt.Sprintf("... and %d more errors", es.Omitted))
	}
	return strings.Join(lines, "\n")
}

// collector gathers the faults of one file.
type collector struct {
	file  string
	entry string // the current file inside the project
	errs  Errors
}

func (c *collector) add(line, col int, format string, args ...any) {
	if len(c.errs.List) >= maxErrors {
		c.errs.Omitted++
		return
	}
	c.errs.List = append(c.errs.List, &Error{File: c.file, Entry: c.entry, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)})
}

// err returns the faults gathered, or nil when there are none.
func (c *collector) err() error {
	if len(c.errs.List) == 0 {
		return nil
	}
	return &c.errs
}

// fail is the error for one fault that ends reading at once.
func fail(file, entry string, format string, args ...any) error {
	return &Errors{List: []*Error{{File: file, Entry: entry, Msg: fmt.Sprintf(format, args...)}}}
}
