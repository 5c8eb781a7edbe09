package coding

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestProblemIsOneLine: whatever a problem names (a file, a parser's
// message), it prints as one line of valid UTF-8.
func TestProblemIsOneLine(t *testing.T) {
	p := Problem{File: "segments/a\nb.csv", Row: 3, Column: "quote", Msg: "cannot read \"x\r\ny\" \xff here\u2028"}
	assert.Equal(t, `segments/a\nb.csv:3: column "quote": cannot read "x\r\ny" `+"\uFFFD"+` here\u2028`, p.String())
}
