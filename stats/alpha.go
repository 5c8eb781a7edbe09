package stats

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
	nk := map[string]int{}
	n := 0
	disagree := 0.0 // n - Σ_k o_kk
	for _, u := range units {
		mk := map[string]int{}
		m := 0
		for _, v := range u {
			if v != "" {
				mk[v]++
				m++
			}
		}
		if m < 2 {
			continue
		}
		sq := 0
		for k, c := range mk {
			nk[k] += c
			sq += c * c
		}
		n += m
		disagree += float64(m*m-sq) / float64(m-1)
	}
	sq := 0
	for _, c := range nk {
		sq += c * c
	}
	den := n*n - sq
	if n == 0 || den == 0 {
		return 0, ErrUndefined
	}
	return 1 - float64(n-1)*disagree/float64(den), nil
}
