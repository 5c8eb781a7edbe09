package stats

import "fmt"

// Jaccard is the c-coefficient of co-occurrence: both / (a + b - both), where a and b are the numbers of
// units having each code and both the number having both (Jaccard 1912; the "c-coefficient" of ATLAS.ti).
// It is the share of the units having either code that have both: 0 when the codes never meet, 1 when
// they always occur together. Neither code occurring (a + b - both = 0) gives ErrUndefined.
func Jaccard(a, b, both int) (float64, error) {
	if a < 0 || b < 0 || both < 0 || both > a || both > b {
		return 0, fmt.Errorf("stats: Jaccard(%d, %d, %d): counts must satisfy 0 <= both <= a, b", a, b, both)
	}
	union := a + b - both
	if union == 0 {
		return 0, ErrUndefined
	}
	return float64(both) / float64(union), nil
}
