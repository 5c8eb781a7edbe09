package stats

import "fmt"

// CohenKappa is Cohen's kappa for two coders' nominal values on the same units (a[i], b[i] for unit i).
//
//	kappa = (po - pe) / (1 - pe),  po = (1/N) Σ_i [a_i = b_i],  pe = Σ_k (n_ak / N)(n_bk / N)
//
// where N is the number of units, and n_ak, n_bk the numbers of units coder a and coder b put in
// category k (Cohen 1960). A unit where either value is "" (not coded) is left out, as Krippendorff's
// alpha treats missing values. No units, or pe = 1 (both coders used one and the same category
// throughout), give ErrUndefined.
func CohenKappa(a, b []string) (float64, error) {
	if len(a) != len(b) {
		return 0, fmt.Errorf("stats: Cohen's kappa: %d values for one coder and %d for the other", len(a), len(b))
	}
	na, nb := map[string]int{}, map[string]int{}
	n, agree := 0, 0
	for i := range a {
		if a[i] == "" || b[i] == "" {
			continue
		}
		n++
		na[a[i]]++
		nb[b[i]]++
		if a[i] == b[i] {
			agree++
		}
	}
	return CohenKappaCounts(n, agree, na, nb)
}

// CohenKappaCounts is CohenKappa from counts, for data counted where they
// are (in SQL): n units coded by both coders, agree of them alike, and
// na[k], nb[k] the units coder a and coder b put in category k.
func CohenKappaCounts(n, agree int, na, nb map[string]int) (float64, error) {
	if n == 0 {
		return 0, ErrUndefined
	}
	// Work in counts: kappa = (N·agree - Σ n_ak n_bk) / (N² - Σ n_ak n_bk),
	// exact in integers up to the final division.
	chance := 0
	for k, ca := range na {
		chance += ca * nb[k]
	}
	den := n*n - chance
	if den == 0 {
		return 0, ErrUndefined
	}
	return float64(n*agree-chance) / float64(den), nil
}
