package coding

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Delimited text as spreadsheets write it. Excel in the Netherlands saves
// "CSV (gescheiden door lijstscheidingsteken)" with semicolons in
// Windows-1252, "CSV UTF-8" with a byte-order mark, and "Unicode-tekst" as
// tab-separated UTF-16; all with CRLF line ends and line breaks inside quotes.

// encodingUTF16 is detected from its byte-order mark only.
const encodingUTF16 = "utf-16"

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decoded is a text file turned into UTF-8, with how it was read.
type decoded struct {
	text     []byte
	encoding string // EncodingUTF8, EncodingWindows1252 or encodingUTF16
	detected bool   // the encoding was guessed, not declared or marked by a BOM
	valid    bool   // the text is known to be valid UTF-8
}

// decode turns raw into text. With no declared encoding a byte-order mark
// decides; without one, valid UTF-8 is UTF-8 and anything else is taken for
// Windows-1252, the only other encoding Excel writes CSV in. A declared
// encoding is obeyed (a UTF-8 BOM is dropped either way).
func decode(raw []byte, declared string) (decoded, error) {
	switch {
	case declared == EncodingWindows1252:
		return decoded{text: decodeWindows1252(raw), encoding: EncodingWindows1252}, nil
	case declared == EncodingUTF8 || bytes.HasPrefix(raw, bomUTF8):
		return decoded{text: bytes.TrimPrefix(raw, bomUTF8), encoding: EncodingUTF8}, nil
	case bytes.HasPrefix(raw, bomUTF16LE) || bytes.HasPrefix(raw, bomUTF16BE):
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(raw)
		if err != nil {
			return decoded{}, fmt.Errorf("not valid UTF-16: %w", err)
		}
		return decoded{text: b, encoding: encodingUTF16, valid: true}, nil
	case utf8.Valid(raw):
		return decoded{text: raw, encoding: EncodingUTF8, valid: true}, nil
	}
	return decoded{text: decodeWindows1252(raw), encoding: EncodingWindows1252, detected: true}, nil
}

// undefinedBase marks, in decoded text, the five bytes Windows-1252 leaves
// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D): x/text's charmap silently turns
// them into U+FFFD, which would lose which byte it was. They become
// U+E000+byte (private use, which no Windows-1252 byte decodes to), so that
// the reader can name the byte, row and column.
const undefinedBase = 0xE000

func decodeWindows1252(raw []byte) []byte {
	out := make([]byte, 0, len(raw)+len(raw)/8)
	for _, c := range raw {
		r := charmap.Windows1252.DecodeByte(c)
		if r == utf8.RuneError {
			r = undefinedBase + rune(c)
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

// undefinedByte returns the first byte of s that Windows-1252 does not
// define, as decodeWindows1252 marked it.
func undefinedByte(s string) (byte, bool) {
	for _, r := range s {
		if r >= undefinedBase+0x80 && r <= undefinedBase+0x9F {
			return byte(r - undefinedBase), true
		}
	}
	return 0, false
}

// delimiters are the separators sniffed, in the order that breaks ties: the
// semicolon of Dutch Excel first.
var delimiters = []rune{';', ',', '\t', '|'}

// sniffDelimiter picks the separator of text's first record (the header):
// the candidate that splits it into the most column names the table expects
// (known), then into the most fields. Quotes are honoured, so a separator
// inside a quoted header does not count.
func sniffDelimiter(text []byte, known func(string) bool) rune {
	best, bestKnown, bestFields := delimiters[0], -1, 0
	for _, d := range delimiters {
		cr := csv.NewReader(bytes.NewReader(text))
		cr.Comma = d
		cr.FieldsPerRecord = -1
		cr.LazyQuotes = true
		header, err := cr.Read()
		if err != nil {
			continue
		}
		k := 0
		for _, h := range header {
			if known(strings.TrimSpace(h)) {
				k++
			}
		}
		if k > bestKnown || (k == bestKnown && len(header) > bestFields) {
			best, bestKnown, bestFields = d, k, len(header)
		}
	}
	return best
}

// validDelimiter says whether d can separate CSV fields.
func validDelimiter(d rune) bool {
	return d != 0 && d != '"' && d != '\r' && d != '\n' && d != utf8.RuneError && utf8.ValidRune(d)
}

// otherDelimiter returns the delimiter that splits a header read as one
// column into two or more names the table expects, or 0 when none does:
// a file read with the wrong delimiter.
func otherDelimiter(t Table, header string, known func(string) bool) rune {
	for _, d := range delimiters {
		if d == t.Delimiter {
			continue
		}
		k := 0
		for _, h := range strings.Split(header, string(d)) {
			if known(strings.TrimSpace(h)) {
				k++
			}
		}
		if k >= 2 {
			return d
		}
	}
	return 0
}

// delimiterName names a delimiter in a message, as study.yaml takes it:
// ";" or tab.
func delimiterName(d rune) string {
	if d == '\t' {
		return "tab"
	}
	return fmt.Sprintf("%q", string(d))
}
