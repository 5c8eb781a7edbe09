package stats

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFisherExactPublished(t *testing.T) {
	tests := []struct {
		name  string
		table [][]int
		want  float64
		tol   float64
	}{
		// Fisher (1935), The Design of Experiments, §2: the lady tasting tea; two-sided P = 0.486 in
		// Agresti (2002), Categorical Data Analysis, p. 91-92. By hand: margins 4,4 / 4,4, n = 8, so
		// P(a) = C(4,a)C(4,4-a)/C(8,4) = 1, 16, 36, 16, 1 (/70) for a = 0..4. The observed a = 3 has
		// 16/70; the tables no more probable are a = 0, 1, 3, 4: p = 34/70 = 17/35.
		{"tea tasting", [][]int{{3, 1}, {1, 3}}, 17.0 / 35, 1e-9},
		// The dieting example of Wikipedia's "Fisher's exact test" (p = 0.002759), worked by hand:
		// margins 10,14 / 12,12, n = 24; a = men dieting. C(24,10) = 1961256 and C(12,a)C(12,10-a)
		// for a = 0..10 is 66, 2640, 32670, 174240, 457380, 627264, 457380, 174240, 32670, 2640, 66
		// (summing to 1961256). Observed a = 1 (2640); no more probable: a = 0, 1, 9, 10:
		// p = (66 + 2640 + 2640 + 66) / 1961256 = 5412/1961256.
		{"dieting", [][]int{{1, 9}, {11, 3}}, 5412.0 / 1961256, 1e-9},
		// A 2×3 table worked by hand: margins 3,3 / 2,2,2, n = 6. A table is fixed by its first row
		// (a,b,c), a+b+c = 3, with P ∝ Π_j 1/(x_j!(2-x_j)!) = w(a)w(b)w(c), w(0) = w(2) = 1/2, w(1) = 1.
		// The six permutations of (2,1,0) weigh 1/4 each, (1,1,1) weighs 1: total 5/2, so each
		// permutation has P = 1/10 and (1,1,1) has 4/10. Observed (2,0,1): p = 6/10.
		{"2x3 by hand", [][]int{{2, 0, 1}, {0, 2, 1}}, 0.6, 1e-9},
		// Agresti (2002), p. 57, job satisfaction by income (4×4, n = 96), as in the examples of
		// R's fisher.test documentation: p = 0.7827, checked to its published 4 decimals.
		{"job satisfaction", [][]int{{1, 3, 10, 6}, {2, 3, 10, 7}, {1, 6, 14, 12}, {0, 1, 9, 11}}, 0.7827, 5e-5},
		// The 6th example of Mehta & Patel (1983, JASA 78: 427-434), also in the examples of R's
		// fisher.test documentation (5×7, n = 39); R prints p-value = 0.03929 for it.
		{"Mehta & Patel example 6", [][]int{
			{1, 2, 2, 1, 1, 0, 1}, {2, 0, 0, 2, 3, 0, 0}, {0, 1, 1, 1, 2, 7, 3}, {1, 1, 2, 0, 0, 0, 1}, {0, 1, 1, 1, 1, 0, 0},
		}, 0.03929, 5e-6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FisherExact(tt.table)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-tt.want) > tt.tol {
				t.Errorf("p = %.12f, want %.12f (±%g)", got, tt.want, tt.tol)
			}
		})
	}
}

// TestFisherExactBruteForce checks r×c tables against an independent
// enumeration: every assignment of every cell that fits the margins, with
// exact rational probabilities from integer factorials and no tolerance.
func TestFisherExactBruteForce(t *testing.T) {
	tables := [][][]int{
		{{2, 0, 1}, {0, 2, 1}},
		{{3, 1, 0}, {1, 2, 4}, {0, 3, 1}},
		{{1, 4, 0, 2}, {3, 0, 2, 1}},
		{{2, 0, 1, 3}, {0, 3, 1, 0}, {1, 1, 2, 1}},
		{{5, 0}, {0, 4}, {2, 2}, {1, 3}, {0, 1}},
		{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}, // every table with these margins ties or beats it
		{{0, 6, 1}, {4, 0, 2}},
		{{3, 1, 2, 0, 2, 4}, {0, 4, 1, 5, 1, 0}},
		{{3, 0, 2, 3}, {1, 4, 0, 2}, {2, 1, 3, 0}},
	}
	for _, table := range tables {
		want := bruteFisher(table)
		got, err := FisherExact(table)
		if err != nil {
			t.Fatalf("%v: %v", table, err)
		}
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%v: p = %.12f, brute force %.12f", table, got, want)
		}
		// The test is symmetric in rows and columns.
		if got2, _ := FisherExact(transpose(table)); math.Abs(got2-got) > 1e-12 {
			t.Errorf("%v: transposed p = %.15f, not %.15f", table, got2, got)
		}
	}
}

// bruteFisher sums, over every table with the margins of obs, the exact
// weight n!/Π x_ij! (proportional to its probability, an integer) of those
// no more probable than obs, and divides by the summed weight of all.
func bruteFisher(obs [][]int) float64 {
	r, c := len(obs), len(obs[0])
	rows, cols := make([]int, r), make([]int, c)
	n := 0
	for i := range obs {
		for j, v := range obs[i] {
			rows[i] += v
			cols[j] += v
			n += v
		}
	}
	facts := make([]*big.Int, n+1)
	for k := range facts {
		facts[k] = new(big.Int).MulRange(1, int64(max(k, 1)))
	}
	weight := func(x [][]int) *big.Int {
		den := big.NewInt(1)
		for _, row := range x {
			for _, v := range row {
				den.Mul(den, facts[v])
			}
		}
		return den.Quo(facts[n], den)
	}
	wObs := weight(obs)
	counted, all := new(big.Int), new(big.Int)
	x := make([][]int, r)
	for i := range x {
		x[i] = make([]int, c)
	}
	rowLeft, colLeft := slices.Clone(rows), slices.Clone(cols)
	var fill func(cell int)
	fill = func(cell int) {
		if cell == r*c {
			for _, v := range slices.Concat(rowLeft, colLeft) {
				if v != 0 {
					return
				}
			}
			w := weight(x)
			all.Add(all, w)
			if w.Cmp(wObs) <= 0 {
				counted.Add(counted, w)
			}
			return
		}
		i, j := cell/c, cell%c
		for v := 0; v <= min(rowLeft[i], colLeft[j]); v++ {
			x[i][j] = v
			rowLeft[i] -= v
			colLeft[j] -= v
			fill(cell + 1)
			rowLeft[i] += v
			colLeft[j] += v
		}
	}
	fill(0)
	f, _ := new(big.Rat).SetFrac(counted, all).Float64()
	return f
}

func TestFisherExactMargins(t *testing.T) {
	// Empty rows and columns are dropped: the tea-tasting table padded with zeros.
	padded := [][]int{{0, 0, 0}, {3, 0, 1}, {1, 0, 3}}
	if p, err := FisherExact(padded); err != nil || math.Abs(p-17.0/35) > 1e-9 {
		t.Errorf("padded tea tasting: p = %v, %v; want 17/35", p, err)
	}
	for _, table := range [][][]int{nil, {{5, 3}}, {{4}, {2}}, {{0, 3}, {0, 2}}, {{0, 0}, {0, 0}}} {
		if _, err := FisherExact(table); !errors.Is(err, ErrUndefined) {
			t.Errorf("%v: err = %v, want ErrUndefined", table, err)
		}
	}
	for _, table := range [][][]int{{{1, -1}, {2, 3}}, {{1, 2}, {3}}} {
		if _, err := FisherExact(table); err == nil || errors.Is(err, ErrUndefined) {
			t.Errorf("%v: err = %v, want an input error", table, err)
		}
	}
}

// TestFisherExactScale checks that the sizes the cross-tabs need (a code by
// nine groups, or three groups by four) with n = 200 finish within the step
// limit and quickly, and that a far larger table says ErrTooLarge.
func TestFisherExactScale(t *testing.T) {
	for _, table := range [][][]int{
		{{12, 9, 14, 10, 8, 13, 11, 12, 11}, {10, 12, 11, 13, 12, 11, 10, 12, 10}},
		{{3, 30, 5, 25, 9, 1, 14, 6, 7}, {21, 2, 19, 3, 15, 23, 6, 8, 3}},
		{{17, 15, 18, 16}, {16, 18, 15, 18}, {17, 16, 17, 17}},
		{{30, 5, 12, 20}, {8, 25, 14, 3}, {11, 9, 22, 41}},
	} {
		start := time.Now()
		p, err := FisherExact(table)
		if err != nil || p <= 0 || p > 1 {
			t.Errorf("%v: p = %v, %v", table, p, err)
		}
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("%v: took %v", table, d)
		}
	}
	big := make([][]int, 8)
	for i := range big {
		big[i] = []int{9, 8, 7, 9, 8, 7, 9, 8}
	}
	if _, err := FisherExact(big); !errors.Is(err, ErrTooLarge) {
		t.Errorf("8×8, n = 520: err = %v, want ErrTooLarge", err)
	}
}

// TestMergePaths checks that merging the heads of completion lists gives
// what the map gives, to the last bit, on lists whose shifted values
// collide across lists and within one (values 1e-11 apart share a
// pathKey), in any number of lists around mergeMaxLists.
func TestMergePaths(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for _, k := range []int{1, 2, 3, mergeMaxLists, mergeMaxLists + 1, 40} {
		lists := make([][]fisherPath, k)
		shifts := make([]float64, k)
		for i := range lists {
			shifts[i] = float64(r.IntN(5)) * 0.25
			v := -float64(r.IntN(8))
			for range r.IntN(12) {
				// steps of 0.25, of 1e-11 (merged with the last) or of 0
				v += []float64{0.25, 1e-11, 0.5}[r.IntN(3)]
				if n := len(lists[i]); n > 0 && pathKey(lists[i][n-1].value) == pathKey(v) {
					continue // a node's completions are merged already
				}
				lists[i] = append(lists[i], fisherPath{v, 1 + r.Float64()})
			}
		}
		want, got := mergeByMap(lists, shifts), mergePaths(lists, shifts)
		require.Equal(t, len(want), len(got), "%d lists", k)
		for i := range want {
			assert.Equal(t, math.Float64bits(want[i].value), math.Float64bits(got[i].value), "%d lists, path %d value", k, i)
			assert.Equal(t, math.Float64bits(want[i].weight), math.Float64bits(got[i].weight), "%d lists, path %d weight", k, i)
		}
	}
}
