package stats

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

// Concordance is the result of KendallW.
type Concordance struct {
	W, ChiSquare float64
	DF           int
	P            float64
	Raters       int
	Objects      int
}

// KendallW is Kendall's coefficient of concordance with the correction for ties: scores[r][o] is rater r's
// score for object o (lower = earlier/higher rank); each row is ranked with ties given their mean rank.
// P is the p-value of the chi-square approximation, chi2 = m(n-1)W with n-1 degrees of freedom.
//
// With m raters, n objects, R_j the sum of object j's ranks and T = Σ (t³ - t) over every group of t
// tied scores within a rater (Kendall & Babington Smith 1939; Siegel & Castellan 1988, §9.4),
//
//	W = 12 S / (m²(n³ - n) - m T),  S = Σ_j (R_j - m(n+1)/2)²
//
// Fewer than 2 raters or objects, or every rater tying every object, give ErrUndefined; rows of
// different lengths or a NaN score are an error.
func KendallW(scores [][]float64) (Concordance, error) {
	m := len(scores)
	if m < 2 {
		return Concordance{}, ErrUndefined
	}
	n := len(scores[0])
	sums := make([]float64, n)
	ties := 0
	for r, row := range scores {
		if len(row) != n {
			return Concordance{}, fmt.Errorf("stats: Kendall's W: rater %d scores %d objects, rater 1 scores %d", r+1, len(row), n)
		}
		ranks, t, err := midRanks(row)
		if err != nil {
			return Concordance{}, fmt.Errorf("stats: Kendall's W: rater %d: %w", r+1, err)
		}
		ties += t
		for j, rk := range ranks {
			sums[j] += rk
		}
	}
	if n < 2 {
		return Concordance{}, ErrUndefined
	}
	mean := float64(m) * float64(n+1) / 2
	s := 0.0
	for _, r := range sums {
		s += (r - mean) * (r - mean)
	}
	den := float64(m*m)*float64(n*n*n-n) - float64(m*ties)
	if den <= 0 {
		return Concordance{}, ErrUndefined
	}
	w := 12 * s / den
	chi := float64(m) * float64(n-1) * w
	return Concordance{
		W: w, ChiSquare: chi, DF: n - 1,
		P:      distuv.ChiSquared{K: float64(n - 1)}.Survival(chi),
		Raters: m, Objects: n,
	}, nil
}

// midRanks ranks xs from 1 (smallest) with tied values given their mean
// rank, and returns Σ (t³ - t) over the groups of t tied values.
func midRanks(xs []float64) (ranks []float64, ties int, err error) {
	idx := make([]int, len(xs))
	for i, x := range xs {
		if math.IsNaN(x) {
			return nil, 0, fmt.Errorf("score %d is NaN", i+1)
		}
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return xs[idx[a]] < xs[idx[b]] })
	ranks = make([]float64, len(xs))
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && xs[idx[j]] == xs[idx[i]] {
			j++
		}
		t := j - i
		mid := float64(i+1+j) / 2 // mean of ranks i+1 .. j
		for k := i; k < j; k++ {
			ranks[idx[k]] = mid
		}
		ties += t*t*t - t
		i = j
	}
	return ranks, ties, nil
}
