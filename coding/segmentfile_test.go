package coding

import (
	"encoding/csv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSplitRecord: a line splitRecord takes is split into as many fields as
// encoding/csv reads from it, and a line encoding/csv refuses is refused.
func TestSplitRecord(t *testing.T) {
	for _, tc := range []struct {
		line string
		ok   bool
	}{
		{`a,b,c`, true},
		{`a,,c,`, true},
		{`"a,b","c ""d"" e",`, true},
		{`""`, true},
		{`"a""",b`, true},
		{`a,b"c`, false},  // a quote in an unquoted field
		{`a, "b"`, false}, // a space before the quote
		{`"a" ,b`, false}, // a space after it
		{`"a"b,c`, false}, // text after the closing quote
		{`"a,b`, false},   // open at the end of the line
		{`a,"b""`, false}, // open: the last quote is doubled
	} {
		fields, ok := splitRecord([]byte(tc.line), ',', nil)
		assert.Equal(t, tc.ok, ok, "%s", tc.line)
		cr := csv.NewReader(strings.NewReader(tc.line))
		rec, err := cr.Read()
		assert.Equal(t, tc.ok, err == nil, "encoding/csv on %s: %v", tc.line, err)
		if ok && err == nil {
			assert.Len(t, fields, len(rec), "%s", tc.line)
		}
	}
}
