package coding

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
)

// Limits on what a table file may hold, so that a file that is not a table
// (a binary file renamed .csv, a dump without line breaks) gives a clear
// message instead of exhausting memory. A real table stays far below them:
// an interview passage is a few thousand characters.
const (
	// MaxLineBytes bounds one line of a delimited text file, in bytes.
	MaxLineBytes = 16 << 20
	// MaxCellBytes bounds one cell of any table, in bytes of UTF-8.
	MaxCellBytes = 1 << 20
)

// errLineTooLong is a line of a text file over MaxLineBytes; reading stops
// there.
type errLineTooLong struct{ line int }

func (e errLineTooLong) Error() string {
	return fmt.Sprintf("line %d is longer than %s", e.line, mebibytes(MaxLineBytes))
}

// readText reads a text file whole, stopping with an errLineTooLong at the
// first line over MaxLineBytes: never more than that is read beyond the
// last line break, whatever the file's size.
func readText(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := 0
	if fi, err := f.Stat(); err == nil && fi.Size() > 0 && fi.Size() <= 512<<20 { // beyond, grow as it reads: a huge file may be one over-long line
		size = int(fi.Size())
	}
	buf := make([]byte, 0, size+512)
	line, run := 1, 0 // the current line and its bytes so far
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		chunk := buf[len(buf) : len(buf)+n]
		buf = buf[:len(buf)+n]
		for {
			i := bytes.IndexByte(chunk, '\n')
			if i < 0 {
				run += len(chunk)
				break
			}
			if run+i > MaxLineBytes {
				return nil, errLineTooLong{line}
			}
			line, run, chunk = line+1, 0, chunk[i+1:]
		}
		if run > MaxLineBytes {
			return nil, errLineTooLong{line}
		}
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// magic names file types that are often saved or renamed by mistake where a
// table is expected, by the bytes they start with.
var magic = []struct {
	prefix, what, todo string
}{
	{"PK\x03\x04", "a zip archive, such as an Excel workbook", "if it is a workbook, give it the extension .xlsx"},
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an old Office file, such as an Excel workbook (.xls)", "open it in Excel and save it as CSV UTF-8 or .xlsx"},
	{"\x89PNG\r\n\x1a\n", "a PNG image", "name the table's file in study.yaml"},
	{"\xFF\xD8\xFF", "a JPEG image", "name the table's file in study.yaml"},
	{"GIF8", "a GIF image", "name the table's file in study.yaml"},
	{"%PDF-", "a PDF document", "export the table from the program that made it as CSV UTF-8 or .xlsx"},
}

// notText says what a file is when its first bytes show that it is not
// text, and what to do; "" when they do not.
func notText(raw []byte) string {
	for _, m := range magic {
		if bytes.HasPrefix(raw, []byte(m.prefix)) {
			return fmt.Sprintf("is not delimited text but %s: %s", m.what, m.todo)
		}
	}
	return ""
}

// nulLine returns the line of the first NUL in text, or 0 when it has none:
// no text holds one, so a NUL means binary data or a damaged file.
func nulLine(text []byte) int {
	i := bytes.IndexByte(text, 0)
	if i < 0 {
		return 0
	}
	return bytes.Count(text[:i], []byte{'\n'}) + 1
}

// mebibytes writes a limit for a person: 16 MiB.
func mebibytes(n int) string { return fmt.Sprintf("%d MiB", n>>20) }
