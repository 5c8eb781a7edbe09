package stats

import (
	"errors"
	"math"
	"testing"
)

func TestKendallW(t *testing.T) {
	// NAG Library, routine G08DAF (Kendall's coefficient of concordance), example program: 3 comparisons of
	// 10 objects with ties; published W = 0.828, significance 0.008. By hand: the rank sums are
	// 5.5, 6.5, 9, 13.5, 12, 20, 23, 23.5, 25.5, 26.5 around their mean m(n+1)/2 = 16.5, so
	// S = 121 + 100 + 56.25 + 9 + 20.25 + 12.25 + 42.25 + 49 + 81 + 100 = 591. Ties: comparison 1 has
	// two pairs (2·6 = 12), comparison 2 three pairs (18), comparison 3 a four and a three (60 + 24):
	// T = 114. W = 12·591/(9·990 - 3·114) = 7092/8568 = 197/238 (without the correction for ties it
	// would be 7092/8910 = 0.796); chi2 = m(n-1)W = 27·197/238.
	siegel := [][]float64{
		{1.0, 4.5, 2.0, 4.5, 3.0, 7.5, 6.0, 9.0, 7.5, 10.0},
		{2.5, 1.0, 2.5, 4.5, 4.5, 8.0, 9.0, 6.5, 10.0, 6.5},
		{2.0, 1.0, 4.5, 4.5, 4.5, 4.5, 8.0, 8.0, 8.0, 10.0},
	}
	c, err := KendallW(siegel)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(c.W-197.0/238) > 1e-9 || math.Abs(c.ChiSquare-27*197.0/238) > 1e-9 || c.DF != 9 || c.Raters != 3 || c.Objects != 10 {
		t.Errorf("Siegel/NAG: got %+v, want W = 197/238, chi2 = 5319/238, df 9", c)
	}
	if math.Abs(c.P-0.008) > 5e-4 {
		t.Errorf("Siegel/NAG: P = %.6f, published 0.008", c.P)
	}

	// Without ties, worked by hand: 4 raters, 3 objects (scores, not ranks: ranking is done here).
	// Ranks: (1,2,3), (1,3,2), (1,2,3), (2,1,3); rank sums 5, 8, 11 around 8: S = 9 + 0 + 9 = 18.
	// W = 12·18/(16·24) = 216/384 = 9/16; chi2 = 4·2·9/16 = 4.5 with 2 df, whose upper tail is
	// exactly exp(-chi2/2) = exp(-2.25).
	c, err = KendallW([][]float64{{10, 20, 30}, {1, 9, 5}, {0.5, 0.7, 0.9}, {7, 3, 8}})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(c.W-9.0/16) > 1e-9 || math.Abs(c.ChiSquare-4.5) > 1e-9 || math.Abs(c.P-math.Exp(-2.25)) > 1e-9 {
		t.Errorf("no ties: got %+v, want W = 9/16, chi2 = 4.5, P = exp(-2.25)", c)
	}

	// Raters who agree completely have W = 1, whatever their scales.
	if c, err := KendallW([][]float64{{1, 2, 3, 4}, {10, 20, 30, 40}, {0, 5, 6, 100}}); err != nil || math.Abs(c.W-1) > 1e-12 {
		t.Errorf("complete agreement: W = %v, %v", c.W, err)
	}
}

func TestKendallWUndefined(t *testing.T) {
	for name, scores := range map[string][][]float64{
		"no raters":    nil,
		"one rater":    {{1, 2, 3}},
		"one object":   {{1}, {2}},
		"all tied":     {{1, 1, 1}, {2, 2, 2}},
		"zero objects": {{}, {}},
	} {
		if _, err := KendallW(scores); !errors.Is(err, ErrUndefined) {
			t.Errorf("%s: err = %v, want ErrUndefined", name, err)
		}
	}
	for name, scores := range map[string][][]float64{
		"ragged": {{1, 2, 3}, {1, 2}},
		"NaN":    {{1, 2, 3}, {1, math.NaN(), 3}},
	} {
		if _, err := KendallW(scores); err == nil || errors.Is(err, ErrUndefined) {
			t.Errorf("%s: err = %v, want an input error", name, err)
		}
	}
}
