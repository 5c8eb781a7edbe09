package data

import (
	"math/rand/v2"
	"slices"
)

// seed is fixed: the example must be byte-identical on every run.
const seed = 20240614

// rng wraps math/rand/v2 with the few draws the generator needs.
type rng struct{ *rand.Rand }

// newRNG gives each part of the study its own stream, so that changing how
// one work package is coded does not reshuffle the others.
func newRNG(stream uint64) *rng { return &rng{rand.New(rand.NewPCG(seed, stream))} }

// between returns an int in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.IntN(hi-lo+1) }

func (r *rng) chance(p float64) bool { return r.Float64() < p }

func (r *rng) pick(s []string) string { return s[r.IntN(len(s))] }

// weighted returns an index drawn with probability proportional to w.
func (r *rng) weighted(w []float64) int {
	total := 0.0
	for _, x := range w {
		total += x
	}
	x := r.Float64() * total
	for i, wi := range w {
		if x < wi {
			return i
		}
		x -= wi
	}
	return len(w) - 1
}

// distinct calls draw until it has n different values (or gives up after a
// few tries, when the pool is smaller than n).
func (r *rng) distinct(n int, draw func() string) []string {
	var out []string
	for try := 0; len(out) < n && try < 20*n; try++ {
		v := draw()
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
