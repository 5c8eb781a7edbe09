package coding

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func TestSniffDelimiter(t *testing.T) {
	known := func(h string) bool { return segmentColumns.known(h) }
	tests := []struct {
		name, header string
		want         rune
	}{
		{"comma", "interview_id,segment_id,code\n", ','},
		{"semicolon, Dutch Excel", "interview_id;segment_id;code\r\n", ';'},
		{"tab", "interview_id\tsegment_id\tcode\n", '\t'},
		{"pipe", "interview_id|segment_id|code\n", '|'},
		{"quoted header names", `"interview_id";"segment_id";"code"` + "\n", ';'},
		{"a separator inside a quoted header does not count", `interview_id,segment_id,code,"notes; remarks"` + "\n", ','},
		{"commas in the data rows do not count", "interview_id;segment_id;code;quote\nIV1;S1;C1;een, twee, drie, vier\n", ';'},
		{"unknown headers: the most fields", "a;b;c,d\n1;2;3,4\n", ';'},
		{"unknown headers, a tie: the Dutch default", "a;b,c\n", ';'},
		{"one column", "code\n", ';'},
		{"a header with a line break inside quotes", "\"interview\n_id\",segment_id,code\n", ','},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, string(tt.want), string(sniffDelimiter([]byte(tt.header), known)))
		})
	}
}

// TestDialects: one table written as Excel and other programs write CSV
// reads back as the same records, with its encoding and separator found.
func TestDialects(t *testing.T) {
	// The table as it should read: a quote with a comma, a semicolon, a
	// doubled quote mark and a line break, and Dutch letters.
	want := [][]string{
		{"interview_id", "segment_id", "code", "quote"},
		{"IV1", "S1", "C1", "Ze zei: \"één keer, niet vaker\"; daarna\nbelde ze haar broer"},
		{"IV1", "S2", "M1", "Cliënt voelt zich gesteund (€ 5)"},
	}
	utf16 := func(s string) []byte {
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		require.NoError(t, err)
		return b
	}
	cp1252 := func(s string) []byte {
		b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
		require.NoError(t, err)
		return b
	}
	tests := []struct {
		name     string
		raw      []byte
		table    Table
		delim    rune
		encoding string
		warned   bool
	}{
		{"comma, UTF-8, LF", []byte(writeCSV(t, want, ',', false)), Table{}, ',', EncodingUTF8, false},
		{"Excel CSV UTF-8: semicolon, BOM, CRLF", append(bomUTF8, writeCSV(t, want, ';', true)...), Table{}, ';', EncodingUTF8, false},
		{"Excel CSV (Dutch): semicolon, Windows-1252, CRLF", cp1252(writeCSV(t, want, ';', true)), Table{}, ';', EncodingWindows1252, true},
		{"Excel Unicode text: tab, UTF-16 with BOM, CRLF", utf16(writeCSV(t, want, '\t', true)), Table{}, '\t', encodingUTF16, false},
		{"Excel CSV (US): comma, Windows-1252", cp1252(writeCSV(t, want, ',', true)), Table{}, ',', EncodingWindows1252, true},
		{"declared Windows-1252: no warning", cp1252(writeCSV(t, want, ';', true)), Table{Encoding: EncodingWindows1252}, ';', EncodingWindows1252, false},
		{"declared delimiter", []byte(writeCSV(t, want, '|', false)), Table{Delimiter: '|'}, '|', EncodingUTF8, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "a.csv"), tt.raw, 0o644))
			tr := &tableReader{dir: dir, problems: &Problems{}}
			tt.table.File = "a.csv"
			src, ok := tr.openCSV(tt.table, func(h string) bool { return segmentColumns.known(h) })
			require.True(t, ok, "%v", tr.problems)
			c := src.(*csvRecords)
			assert.Equal(t, string(tt.delim), string(c.cr.Comma))
			assert.Equal(t, tt.encoding, c.encoding)
			var got [][]string
			for {
				rec, _, err := src.next()
				if err == io.EOF {
					break
				}
				require.NoError(t, err)
				for _, f := range rec {
					assert.Empty(t, src.bad(f))
				}
				got = append(got, slices.Clone(rec)) // next reuses the slice
			}
			assert.Equal(t, want, got)
			if tt.warned {
				require.Len(t, tr.warnings, 1)
				assert.Equal(t, "a.csv", tr.warnings[0].File)
				assert.Contains(t, tr.warnings[0].String(), "a.csv: is not UTF-8, so it was read as Windows-1252")
			} else {
				assert.Empty(t, tr.warnings)
			}
		})
	}
}

// TestWindows1252Undefined: x/text's charmap decodes the five bytes that
// Windows-1252 leaves undefined to U+FFFD without an error; the reader
// names the byte, row and column instead.
func TestWindows1252Undefined(t *testing.T) {
	for _, b := range []byte{0x81, 0x8D, 0x8F, 0x90, 0x9D} {
		got, err := charmap.Windows1252.NewDecoder().Bytes([]byte{b})
		require.NoError(t, err, "charmap reports no error for byte %#x", b)
		assert.Equal(t, "\ufffd", string(got))

		_, err = readStudy(t, map[string]string{
			"segments/a.csv": "interview_id;segment_id;code;quote\r\nIV1;S1;C1;cli\xebnt\r\nIV1;S2;M1;x" + string([]byte{b}) + "y\r\n",
		})
		var ps *Problems
		require.ErrorAs(t, err, &ps)
		require.Len(t, ps.List, 1, "%v", err)
		assert.Equal(t, fmt.Sprintf(`segments/a.csv:3: column "quote": byte 0x%02X is not a character in Windows-1252, `+
			`which it was read as because it is not UTF-8: check how the file was saved (CSV UTF-8 is safest) or retype this cell`, b),
			ps.List[0].String())
	}
	// Every other byte decodes to what charmap says, unmarked.
	var all []byte
	for b := 0x20; b <= 0xFF; b++ {
		if !slices.Contains([]byte{0x81, 0x8D, 0x8F, 0x90, 0x9D}, byte(b)) {
			all = append(all, byte(b))
		}
	}
	want, err := charmap.Windows1252.NewDecoder().Bytes(all)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(decodeWindows1252(all)))
	_, undefined := undefinedByte(string(decodeWindows1252(all)))
	assert.False(t, undefined)
}

// writeCSV writes records with the given separator, quoting as Excel does
// (only where needed) and ending lines with CRLF when crlf is set, line
// breaks inside quotes included.
func writeCSV(t *testing.T, recs [][]string, comma rune, crlf bool) string {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Comma, w.UseCRLF = comma, crlf
	require.NoError(t, w.WriteAll(recs))
	return b.String()
}
