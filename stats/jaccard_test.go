package stats

import (
	"errors"
	"math"
	"testing"
)

func TestJaccard(t *testing.T) {
	// Worked by hand from the definition both/(a + b - both): codes in 6 and 4 units, together in 3:
	// 3/(6 + 4 - 3) = 3/7; never together: 0; always together: 1.
	for _, tt := range []struct {
		a, b, both int
		want       float64
	}{{6, 4, 3, 3.0 / 7}, {5, 2, 0, 0}, {3, 3, 3, 1}, {0, 2, 0, 0}} {
		got, err := Jaccard(tt.a, tt.b, tt.both)
		if err != nil || math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("Jaccard(%d, %d, %d) = %v, %v; want %v", tt.a, tt.b, tt.both, got, err, tt.want)
		}
	}
	if _, err := Jaccard(0, 0, 0); !errors.Is(err, ErrUndefined) {
		t.Errorf("no units: err = %v, want ErrUndefined", err)
	}
	for _, bad := range [][3]int{{2, 3, 4}, {-1, 2, 0}, {2, 2, -1}} {
		if _, err := Jaccard(bad[0], bad[1], bad[2]); err == nil || errors.Is(err, ErrUndefined) {
			t.Errorf("Jaccard%v: err = %v, want an input error", bad, err)
		}
	}
}
