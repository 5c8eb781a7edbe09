package stats

import "slices"

// KrippendorffAlpha is Krippendorff's alpha for nominal data: units[u][c] is coder c's value for unit u,
// "" where coder c gave none. Units with fewer than 2 values are not pairable and are ignored.
//
// It is computed from the coincidence matrix (Krippendorff 2011, "Computing Krippendorff's
// Alpha-Reliability"): a unit u with m_u >= 2 values, m_uk of them k, adds m_uk(m_uk - 1)/(m_u - 1)
// to the diagonal cell o_kk. With n_k = Σ_u m_uk and n = Σ_k n_k,
//
//	alpha = 1 - Do/De = 1 - (n - 1) · (n - Σ_k o_kk) / (n² - Σ_k n_k²)
//
// where n - Σ_k o_kk = Σ_u (m_u² - Σ_k m_uk²)/(m_u - 1) is summed per unit. No pairable unit, or a
// single value throughout (no expected disagreement, De = 0), gives ErrUndefined.
func KrippendorffAlpha(units [][]string) (float64, error) {
	patterns := make([]Pattern, 0, len(units))
	for _, u := range units {
		p := Pattern{Values: map[string]int{}, Units: 1}
		for _, v := range u {
			if v != "" {
				p.Values[v]++
			}
		}
		patterns = append(patterns, p)
	}
	return KrippendorffAlphaPatterns(patterns)
}

// A Pattern is Units units that hold the same values: Values[k] of each
// unit's values are k. Reliability data of many units and few values (a
// yes/no question asked of every segment) come down to a few patterns,
// which can be counted where the data are (in SQL) rather than in Go.
type Pattern struct {
	Values map[string]int
	Units  int
}

// KrippendorffAlphaPatterns is KrippendorffAlpha of the units the patterns
// describe. The disagreement n - Σ_k o_kk is summed in integers per number
// of values m_u and divided by m_u - 1 once per m_u, in increasing order,
// so the result does not depend on the order of units or patterns (and for
// units of two or three values, whose terms are whole numbers, it is the
// unit-by-unit sum exactly).
func KrippendorffAlphaPatterns(patterns []Pattern) (float64, error) {
	nk := map[string]int{}
	n := 0
	disagree := map[int]int{} // m_u -> Σ (m_u² - Σ_k m_uk²) over its units
	for _, p := range patterns {
		m, sq := 0, 0
		for _, c := range p.Values {
			m += c
			sq += c * c
		}
		if m < 2 || p.Units == 0 {
			continue
		}
		for k, c := range p.Values {
			if c > 0 {
				nk[k] += p.Units * c
			}
		}
		n += p.Units * m
		disagree[m] += p.Units * (m*m - sq)
	}
	d := 0.0 // n - Σ_k o_kk
	ms := make([]int, 0, len(disagree))
	for m := range disagree {
		ms = append(ms, m)
	}
	slices.Sort(ms)
	for _, m := range ms {
		d += float64(disagree[m]) / float64(m-1)
	}
	sq := 0
	for _, c := range nk {
		sq += c * c
	}
	den := n*n - sq
	if n == 0 || den == 0 {
		return 0, ErrUndefined
	}
	return 1 - float64(n-1)*d/float64(den), nil
}
