package refi

import (
	"context"
	"testing"
)

// Positions in "a😀b\r\n": runes a=0 😀=1 b=2 \r=3 \n=4 (5 runes); UTF-16
// units a=0 😀=1,2 b=3 \r=4 \n=5 (6 units). Worked by hand.
func TestToRune(t *testing.T) {
	x := newRuneIndex("a😀b\r\n")
	tests := []struct {
		pos  int
		unit Unit
		want int
		ok   bool
	}{
		{0, UnitCodePoints, 0, true},
		{2, UnitCodePoints, 2, true},
		{5, UnitCodePoints, 5, true},
		{6, UnitCodePoints, 0, false},
		{-1, UnitCodePoints, 0, false},
		{1, UnitUTF16, 1, true},
		{2, UnitUTF16, 0, false}, // between the halves of 😀
		{3, UnitUTF16, 2, true},
		{6, UnitUTF16, 5, true},
		{7, UnitUTF16, 0, false},
	}
	for _, tt := range tests {
		got, ok := x.toRune(tt.pos, tt.unit)
		if got != tt.want || ok != tt.ok {
			t.Errorf("toRune(%d, %s) = %d, %v; want %d, %v", tt.pos, tt.unit, got, ok, tt.want, tt.ok)
		}
	}
	// Without characters outside the BMP the units agree.
	if y := newRuneIndex("héllo"); y.u16 != nil || y.len(UnitUTF16) != 5 {
		t.Errorf("BMP text: u16 %v, len %d", y.u16, y.len(UnitUTF16))
	}
}

func TestDetectUnit(t *testing.T) {
	emoji := newRuneIndex(emojiText)
	plain := newRuneIndex("no emoji here\n")
	tests := []struct {
		name  string
		spans []span
		want  Unit
		warn  bool
	}{
		{"no text tells them apart", []span{{0, 5, plain}}, UnitCodePoints, false},
		{"no selections", nil, UnitCodePoints, false},
		// Whole lines in UTF-16 units (see emojiText).
		{"lines in UTF-16", []span{{15, 26, emoji}, {28, 41, emoji}}, UnitUTF16, true},
		{"lines in code points", []span{{14, 25, emoji}, {27, 39, emoji}}, UnitCodePoints, true},
		// 42 and 43 lie past the 41 runes: only UTF-16 can hold them.
		{"only UTF-16 in range", []span{{41, 43, emoji}}, UnitUTF16, true},
		// "ntro" and "ntro 😀" are no better either way: the standard wins.
		{"tie", []span{{1, 5, emoji}}, UnitCodePoints, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, why := detectUnit(tt.spans)
			if got != tt.want || (why != "") != tt.warn {
				t.Errorf("detectUnit = %q, %q; want %q, warning %v", got, why, tt.want, tt.warn)
			}
		})
	}
}

// Zips written on Windows may name entries with backslashes.
func TestBackslashEntries(t *testing.T) {
	qde := minimalQDE(textSource(selection("0", "4", knownCode)))
	path := writeZip(t, "win.qdpx", []zipEntry{{"project.qde", qde}, {`Sources\t.txt`, "text"}})
	p, err := ReadProject(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Selections[0].Quote != "text" {
		t.Errorf("quote %q", p.Selections[0].Quote)
	}
}
