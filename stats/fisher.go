package stats

import (
	"fmt"
	"math"
	"slices"
)

// fisherRelTol is the relative tolerance with which a table counts as no
// more probable than the observed one, as in R's fisher.test: it keeps
// tables of exactly equal probability from being lost to rounding.
const fisherRelTol = 1e-7

// FisherMaxSteps bounds the work of FisherExact: the network edges it walks
// plus the partial tables (merged by probability) it extends or meets. Past
// it the test gives ErrTooLarge, after a few seconds, instead of running for
// minutes; 2×9 and 3×4 tables with n = 200 stay well below it.
const FisherMaxSteps = 10_000_000

// FisherExact is the two-sided p-value of Fisher's exact test on an r×c table of counts (rows × columns),
// Freeman-Halton's extension when larger than 2×2: the summed probability of every table with the same
// margins that is no more probable than the observed one (relative tolerance 1e-7). Rows or columns whose
// margin is zero are dropped first; a table with fewer than 2 non-empty rows or columns gives ErrUndefined.
//
// Given the margins, a table x has the multivariate hypergeometric probability
//
//	P(x) = Π_i r_i! Π_j c_j! / (n! Π_ij x_ij!)
//
// (Fisher 1935; Freeman & Halton 1951), and p = Σ P(y) over every table y with P(y) <= P(x)·(1 + 1e-7).
// The tables are enumerated exactly, column by column, as in the network algorithm of Mehta & Patel
// (1983): partial tables whose remaining row totals are the same (up to order) share one node, paths
// of equal probability are merged, and a node whose every completion is known to count (or not to
// count) from bounds on its most and least probable completion is summed in closed form (or dropped).
// The tables are not listed one by one: the partial tables up to the middle column are met with the
// completions from there on, sorted by probability, so that each pair's test is a binary search.
// Probabilities are computed as sums of log-factorials (math.Lgamma). A table needing more than
// FisherMaxSteps steps gives ErrTooLarge; negative counts are an error.
func FisherExact(table [][]int) (float64, error) {
	x, err := reduce(table)
	if err != nil {
		return 0, err
	}
	if len(x) < 2 || len(x[0]) < 2 {
		return 0, ErrUndefined
	}
	if len(x) > len(x[0]) {
		x = transpose(x) // the node state is the row totals: keep it short
	}
	rows, cols, n := sums(x)
	lf := logFactorials(n)
	obs := 0.0
	for _, row := range x {
		for _, v := range row {
			obs -= lf[v]
		}
	}
	e := &fisherEnum{
		lf:   lf,
		cols: cols,
		// log of the constant part of P: Π r_i! Π c_j! / n!
		konst:  sumLF(lf, rows) + sumLF(lf, cols) - lf[n],
		thresh: obs + math.Log1p(fisherRelTol),
		ext:    make([]map[string]extremes, len(cols)+1),
		comp:   make([]map[string][]fisherPath, len(cols)+1),
	}
	slices.Sort(e.cols) // small columns first: fewer children near the root
	p, err := e.run(rows)
	if err != nil {
		return 0, err
	}
	return min(p, 1), nil
}

// reduce checks the table and drops rows and columns whose total is zero.
func reduce(table [][]int) ([][]int, error) {
	if len(table) == 0 {
		return nil, nil
	}
	c := len(table[0])
	colSum := make([]int, c)
	var keepRows []int
	for i, row := range table {
		if len(row) != c {
			return nil, fmt.Errorf("stats: Fisher's exact test: row %d has %d columns, row 1 has %d", i+1, len(row), c)
		}
		s := 0
		for j, v := range row {
			if v < 0 {
				return nil, fmt.Errorf("stats: Fisher's exact test: negative count %d in row %d, column %d", v, i+1, j+1)
			}
			s += v
			colSum[j] += v
		}
		if s > 0 {
			keepRows = append(keepRows, i)
		}
	}
	var out [][]int
	for _, i := range keepRows {
		var row []int
		for j, v := range table[i] {
			if colSum[j] > 0 {
				row = append(row, v)
			}
		}
		out = append(out, row)
	}
	return out, nil
}

func transpose(x [][]int) [][]int {
	t := make([][]int, len(x[0]))
	for j := range t {
		t[j] = make([]int, len(x))
		for i := range x {
			t[j][i] = x[i][j]
		}
	}
	return t
}

func sums(x [][]int) (rows, cols []int, n int) {
	rows, cols = make([]int, len(x)), make([]int, len(x[0]))
	for i, row := range x {
		for j, v := range row {
			rows[i] += v
			cols[j] += v
			n += v
		}
	}
	return rows, cols, n
}

// logFactorials returns log(k!) for k = 0..n.
func logFactorials(n int) []float64 {
	lf := make([]float64, n+1)
	for k := range lf {
		lf[k], _ = math.Lgamma(float64(k) + 1)
	}
	return lf
}

func sumLF(lf []float64, xs []int) float64 {
	s := 0.0
	for _, v := range xs {
		s += lf[v]
	}
	return s
}
