package refi

import (
	"fmt"
	"math"
	"slices"
	"unicode"
)

// runeIndex turns positions in one text, counted in either unit, into rune
// offsets. Code points and UTF-16 code units differ only past a character
// outside the Basic Multilingual Plane (emoji, for one), which takes two
// UTF-16 units.
type runeIndex struct {
	runes []rune
	// u16[i] is the number of UTF-16 units before rune i (len(runes)+1
	// entries); nil when every rune takes one unit and the units agree.
	u16 []int32
}

func newRuneIndex(text string) *runeIndex {
	x := &runeIndex{runes: []rune(text)}
	astral := slices.ContainsFunc(x.runes, func(r rune) bool { return r > 0xFFFF })
	if !astral {
		return x
	}
	x.u16 = make([]int32, len(x.runes)+1)
	var n int32
	for i, r := range x.runes {
		x.u16[i] = n
		n++
		if r > 0xFFFF {
			n++
		}
	}
	x.u16[len(x.runes)] = n
	return x
}

// len is the text's length in unit.
func (x *runeIndex) len(u Unit) int {
	if u == UnitUTF16 && x.u16 != nil {
		return int(x.u16[len(x.runes)])
	}
	return len(x.runes)
}

// toRune converts pos, counted in unit u, to a rune offset. ok is false when
// pos lies outside the text or between the two halves of a character.
func (x *runeIndex) toRune(pos int, u Unit) (int, bool) {
	if pos < 0 || pos > x.len(u) {
		return 0, false
	}
	if u != UnitUTF16 || x.u16 == nil {
		return pos, true
	}
	if pos > math.MaxInt32 {
		return 0, false
	}
	i, ok := slices.BinarySearch(x.u16, int32(pos))
	if !ok {
		return 0, false
	}
	return i, true
}

// atLineBreak says whether rune offset i begins or ends a line: where a coder
// selects whole lines or paragraphs, as most do, both ends of a selection are.
func (x *runeIndex) atLineBreak(i int) bool {
	n := len(x.runes)
	return i == 0 || i == n || x.runes[i-1] == '\n' || x.runes[i] == '\r' || x.runes[i] == '\n'
}

// atWordBreak says whether rune offset i does not cut a word in two.
func (x *runeIndex) atWordBreak(i int) bool {
	n := len(x.runes)
	return i == 0 || i == n || !isWordRune(x.runes[i-1]) || !isWordRune(x.runes[i])
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// span is one selection's positions as written, with the text they are in.
type span struct {
	start, end int
	text       *runeIndex
}

// unitScore is how well one unit fits a project's selections.
type unitScore struct {
	bad   int // outside the text, inside a character, or ending before they start
	lines int // both ends at line breaks
	words int // neither end cutting a word
}

func scoreUnit(spans []span, u Unit) unitScore {
	var s unitScore
	for _, sp := range spans {
		a, okA := sp.text.toRune(sp.start, u)
		b, okB := sp.text.toRune(sp.end, u)
		if !okA || !okB || b < a {
			s.bad++
			continue
		}
		if sp.text.atLineBreak(a) && sp.text.atLineBreak(b) {
			s.lines++
		}
		if sp.text.atWordBreak(a) && sp.text.atWordBreak(b) {
			s.words++
		}
	}
	return s
}

// better says whether a fits the selections better than b: fewer impossible
// positions first, then more selections on line breaks, then on word breaks.
func (a unitScore) better(b unitScore) bool {
	if a.bad != b.bad {
		return a.bad < b.bad
	}
	if a.lines != b.lines {
		return a.lines > b.lines
	}
	return a.words > b.words
}

// detectUnit chooses the unit of a project's positions from the selections
// in texts where the units differ, scoring both readings; a tie keeps the
// standard's code points. The warning says what was chosen and why; it is
// empty when no selection can tell the units apart.
func detectUnit(spans []span) (Unit, string) {
	var telling []span
	for _, sp := range spans {
		if sp.text.u16 != nil {
			telling = append(telling, sp)
		}
	}
	if len(telling) == 0 {
		return UnitCodePoints, ""
	}
	cp, u16 := scoreUnit(telling, UnitCodePoints), scoreUnit(telling, UnitUTF16)
	chosen, how := UnitCodePoints, "as code points, as the standard says"
	switch {
	case u16.better(cp):
		chosen, how = UnitUTF16, "as UTF-16 code units, as NVivo writes them"
	case !cp.better(u16):
		how = "as code points, as the standard says, since both readings fit equally well"
	}
	return chosen, fmt.Sprintf("selection positions read %s: of the %d selections in texts with characters outside the Basic Multilingual Plane (such as emoji), "+
		"as code points %d start and end at line breaks and %d are impossible, as UTF-16 code units %d and %d; set the unit to override",
		how, len(telling), cp.lines, cp.bad, u16.lines, u16.bad)
}
