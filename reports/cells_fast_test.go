package reports

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestCellFastPaths checks that the shortcuts for cells that need no
// escaping give what the escapers give, for every ASCII byte and the
// characters beyond ASCII that the escapers know.
func TestCellFastPaths(t *testing.T) {
	cells := []string{"", "12", "-0.5", "C1.2", "plain text", "≥ 5", "a → b", "3 × 4", "−1", "é", "a\r\nb"}
	for c := 0; c < 128; c++ {
		cells = append(cells, string(rune(c)), "x"+string(rune(c))+"y")
	}
	for _, s := range cells {
		assert.Equal(t, markdownEscaper.Replace(s), markdownCell(s), "markdown %q", s)
		assert.Equal(t, latexEscaper.Replace(s), latexCell(s), "latex %q", s)
		assert.Equal(t, plainNumber.MatchString(s), isPlainNumber(s), "plain number %q", s)
	}
	for _, s := range []string{"+2", "-3", "1.", ".5", "1.2.3", "+-1", "007", "1e5", "١٢"} {
		assert.Equal(t, plainNumber.MatchString(s), isPlainNumber(s), "plain number %q", s)
	}
}
