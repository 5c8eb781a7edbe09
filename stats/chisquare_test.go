package stats

import (
	"errors"
	"math"
	"testing"
)

func TestChiSquare(t *testing.T) {
	cases := []struct {
		name    string
		table   [][]int
		x2      float64
		df      int
		p       float64
		minE    float64
		relTolP float64
	}{
		// Party identification by gender (Agresti 2007, Table 2.5), the
		// example of R's chisq.test: X-squared = 30.07, df = 2,
		// p-value = 2.954e-07. X² to 1e-9 is hand-worked below; for df = 2
		// the survival function is exp(-X²/2) exactly.
		{"Agresti 2.5", [][]int{{762, 327, 468}, {484, 239, 477}},
			agrestiX2(), 2, math.Exp(-agrestiX2() / 2), 1200.0 * 566 / 2757, 1e-9}, // smallest: row 2 by column 2,
		// Hand-worked 2×2: margins 30, 70 by 40, 60, n = 100; expected 12,
		// 18, 28, 42; X² = 64/12 + 64/18 + 64/28 + 64/42. For df = 1,
		// p = erfc(sqrt(X²/2)).
		{"2x2", [][]int{{20, 10}, {20, 50}},
			64.0/12 + 64.0/18 + 64.0/28 + 64.0/42, 1,
			math.Erfc(math.Sqrt((64.0/12 + 64.0/18 + 64.0/28 + 64.0/42) / 2)), 12, 1e-9},
		// Independence exactly: X² = 0, p = 1.
		{"independent", [][]int{{10, 20}, {30, 60}}, 0, 1, 1, 10, 0},
		// An empty column is dropped: the same as the 2×2 above.
		{"empty column", [][]int{{20, 0, 10}, {20, 0, 50}},
			64.0/12 + 64.0/18 + 64.0/28 + 64.0/42, 1,
			math.Erfc(math.Sqrt((64.0/12 + 64.0/18 + 64.0/28 + 64.0/42) / 2)), 12, 1e-9},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := ChiSquare(c.table)
			if err != nil {
				t.Fatal(err)
			}
			x2, df, p, minE := r.X2, r.DF, r.P, r.MinExpected
			if math.Abs(x2-c.x2) > 1e-9 || df != c.df || math.Abs(minE-c.minE) > 1e-9 {
				t.Errorf("X² = %.12g, df = %d, min expected %.12g; want %.12g, %d, %.12g", x2, df, minE, c.x2, c.df, c.minE)
			}
			if math.Abs(p-c.p) > c.relTolP*c.p+1e-15 {
				t.Errorf("p = %.12g, want %.12g", p, c.p)
			}
		})
	}
	// R prints the Agresti example rounded: 30.07 and 2.954e-07.
	if r, _ := ChiSquare(cases[0].table); math.Round(r.X2*100)/100 != 30.07 || math.Abs(r.P-2.954e-7) > 0.0005e-7 {
		t.Errorf("Agresti 2.5: X² = %g, p = %g; R gives 30.07 and 2.954e-07", r.X2, r.P)
	}
	if _, err := ChiSquare([][]int{{3, 4}, {0, 0}}); !errors.Is(err, ErrUndefined) {
		t.Errorf("one non-empty row: err = %v, want ErrUndefined", err)
	}
	if _, err := ChiSquare([][]int{{3, -1}, {2, 2}}); err == nil {
		t.Error("negative count: no error")
	}
}

// agrestiX2 works X² of Agresti's Table 2.5 out from its margins: rows 1557
// and 1200, columns 1246, 566 and 945, n = 2757.
func agrestiX2() float64 {
	obs := [2][3]float64{{762, 327, 468}, {484, 239, 477}}
	r := [2]float64{1557, 1200}
	c := [3]float64{1246, 566, 945}
	x2 := 0.0
	for i := range 2 {
		for j := range 3 {
			e := r[i] * c[j] / 2757
			x2 += (obs[i][j] - e) * (obs[i][j] - e) / e
		}
	}
	return x2
}

// TestCochran: the rule's two limits, from hand-worked expected counts.
func TestCochran(t *testing.T) {
	cases := []struct {
		name  string
		table [][]int
		below int
		ok    bool
	}{
		// Margins 10, 90 by 50, 50: expected 5, 5, 45, 45.
		{"every expected at least 5", [][]int{{5, 5}, {45, 45}}, 0, true},
		// Margins 8, 92 by 50, 50: expected 4, 4, 46, 46; half below 5.
		{"half below 5", [][]int{{4, 4}, {46, 46}}, 2, false},
		// 2×5, margins 50, 50 by 9, 20, 20, 20, 31: expected 4.5 twice,
		// the rest at least 10; 2 of 10 cells below 5 is a fifth.
		{"a fifth below 5", [][]int{{4, 10, 10, 10, 16}, {5, 10, 10, 10, 15}}, 2, true},
		// 2×5, margins 50, 50 by 1, 20, 20, 20, 39: expected 0.5, below 1.
		{"expected below 1", [][]int{{1, 10, 10, 10, 19}, {0, 10, 10, 10, 20}}, 2, false},
	}
	for _, c := range cases {
		r, err := ChiSquare(c.table)
		if err != nil {
			t.Fatal(err)
		}
		if r.Below5 != c.below || r.Cochran() != c.ok {
			t.Errorf("%s: %d cells below 5, Cochran %v; want %d, %v", c.name, r.Below5, r.Cochran(), c.below, c.ok)
		}
	}
}
