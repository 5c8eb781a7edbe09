package refi

import (
	"encoding/binary"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeText turns a source file's bytes into its text. The standard says
// UTF-8; a UTF-8 byte-order mark (NVivo for Windows writes one) is dropped,
// as the positions do not count it, and UTF-16 with a byte-order mark is
// converted.
func decodeText(b []byte) (string, error) {
	switch {
	case len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF:
		b = b[3:]
	case len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF):
		return decodeUTF16(b)
	}
	if !utf8.Valid(b) {
		return "", fmt.Errorf("is not UTF-8 (byte %d is not valid): save it as UTF-8 and export the project again", invalidAt(b))
	}
	return string(b), nil
}

func decodeUTF16(b []byte) (string, error) {
	var order binary.ByteOrder = binary.LittleEndian
	if b[0] == 0xFE {
		order = binary.BigEndian
	}
	b = b[2:]
	if len(b)%2 != 0 {
		return "", fmt.Errorf("is UTF-16 with an odd number of bytes: the file is cut off; export the project again")
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = order.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u)), nil
}

// invalidAt is the offset of the first byte that is not valid UTF-8.
func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}
