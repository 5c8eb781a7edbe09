package reports

import (
	"fmt"
	"strconv"
	"strings"
)

// A count is k units of one kind out of the n units of that kind in the group
// it is counted from: "mentioned by 9 of 25 respondents".
type count struct{ k, n int }

// pct is k of n as a percentage with one decimal, rounded half up. It is
// computed in integers, round(1000k/n) = (2000k + n) div 2n, so that no float
// formatting can differ between machines; ok is false when n is 0, where a
// share means nothing.
func pct(k, n int) (s string, ok bool) {
	if n <= 0 {
		return "", false
	}
	tenths := (2000*k + n) / (2 * n)
	return fmt.Sprintf("%d.%d", tenths/10, tenths%10), true
}

// cells are the cells of one unit: k, n and the percentage; the
// percentage is empty when n is 0.
func (c count) cells() []string {
	p, _ := pct(c.k, c.n)
	return []string{strconv.Itoa(c.k), strconv.Itoa(c.n), p}
}

// noShareNote names the units whose group has none to count from, so that an
// empty percentage always comes with a reason: "no share: there are no
// chains, cases to count from". Units are phrase keys of lang.go.
func noShareNote(lang string, units []string, counts []count) string {
	var none []string
	for i, c := range counts {
		if c.n == 0 {
			none = append(none, text(lang, units[i]))
		}
	}
	if len(none) == 0 {
		return ""
	}
	return fmt.Sprintf(text(lang, "note.noshare"), strings.Join(none, ", "))
}
