package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// ChiSquareResult is Pearson's chi-square test on one table, with what
// Cochran's rule needs to judge the approximation.
type ChiSquareResult struct {
	X2          float64 // Pearson's statistic
	DF          int     // degrees of freedom, (r-1)(c-1)
	P           float64 // P(χ²_DF >= X2)
	MinExpected float64 // the smallest expected count
	Below5      int     // cells whose expected count is below 5
	Cells       int     // cells of the table, empty rows and columns dropped
}

// Cochran says whether the chi-square approximation may be trusted by
// Cochran's (1954) rule: no expected count below 1, and at most a fifth of
// them below 5 (Agresti 2007, §2.6.2, and Everitt 1992, §2.4, give it so).
func (r ChiSquareResult) Cochran() bool {
	return r.MinExpected >= 1 && 5*r.Below5 <= r.Cells
}

// ChiSquare is Pearson's chi-square test of independence on an r×c table of counts:
//
//	X² = Σ_ij (x_ij - e_ij)² / e_ij,  e_ij = r_i c_j / n,  df = (r-1)(c-1)
//
// and p = P(χ²_df >= X²), without continuity correction (Pearson 1900; Agresti 2007, §2.4).
// Rows or columns whose margin is zero are dropped first, as in FisherExact; fewer than 2
// non-empty rows or columns give ErrUndefined; negative counts are an error.
func ChiSquare(table [][]int) (ChiSquareResult, error) {
	x, err := reduce(table)
	if err != nil {
		return ChiSquareResult{}, err
	}
	if len(x) < 2 || len(x[0]) < 2 {
		return ChiSquareResult{}, ErrUndefined
	}
	rows, cols, n := sums(x)
	r := ChiSquareResult{MinExpected: math.Inf(1), Cells: len(x) * len(x[0])}
	for i, row := range x {
		for j, v := range row {
			e := float64(rows[i]) * float64(cols[j]) / float64(n)
			d := float64(v) - e
			r.X2 += d * d / e
			r.MinExpected = min(r.MinExpected, e)
			if e < 5 {
				r.Below5++
			}
		}
	}
	r.DF = (len(x) - 1) * (len(x[0]) - 1)
	r.P = distuv.ChiSquared{K: float64(r.DF)}.Survival(r.X2)
	return r, nil
}
