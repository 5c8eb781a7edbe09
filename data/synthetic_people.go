package data

import "fmt"

// A synthetic study pools the shelter services of many cities, as a national
// monitor would. Weights follow roughly the size of each city's shelter
// services; the organisations are invented.
var syntheticCities = []struct {
	name, code string
	weight     float64
}{
	{"Amsterdam", "AMS", 5}, {"Rotterdam", "RTM", 4}, {"Den Haag", "DHG", 3}, {"Utrecht", "UTR", 3},
	{"Eindhoven", "EHV", 1.5}, {"Groningen", "GRN", 1.2}, {"Haarlem", "HLM", 1}, {"Tilburg", "TLB", 1},
	{"Almere", "ALM", 1}, {"Breda", "BRD", 0.8}, {"Nijmegen", "NMG", 0.8}, {"Zwolle", "ZWL", 0.7},
}

// coders: a team of eight, who do not all code as much.
var (
	coderNames   = []string{"codeur-01", "codeur-02", "codeur-03", "codeur-04", "codeur-05", "codeur-06", "codeur-07", "codeur-08"}
	coderWeights = []float64{8, 6, 5, 4, 3, 2, 1, 1}
)

// poolSize bounds how many recent respondents per role may be interviewed
// again, so memory does not grow with the study.
const poolSize = 256

// people creates respondents and remembers the recent ones.
type people struct {
	n       int
	byCity  map[string]int // index in syntheticCities
	pool    map[string][]*respondent
	added   map[string]int // per role, for the ring of pool
	cityW   []float64
	coderW  []float64
	skipped []float64 // scratch for coder draws
}

func newPeople(r *rng) *people {
	p := &people{byCity: map[string]int{}, pool: map[string][]*respondent{}, added: map[string]int{}}
	for i, c := range syntheticCities {
		p.byCity[c.name] = i
		p.cityW = append(p.cityW, c.weight)
	}
	p.coderW = coderWeights
	return p
}

// again returns, one time in seven, a recent respondent of role (in city,
// when given) to be interviewed once more; else nil.
func (p *people) again(r *rng, role, city string) *respondent {
	if !r.chance(1.0 / 7) {
		return nil
	}
	var match []*respondent
	for _, q := range p.pool[role] {
		if city == "" || q.city == city {
			match = append(match, q)
		}
	}
	if len(match) == 0 {
		return nil
	}
	return match[r.IntN(len(match))]
}

// add creates a respondent of role in city (a drawn city when empty).
func (p *people) add(r *rng, role, city string) *respondent {
	ci := 0
	if city == "" {
		ci = r.weighted(p.cityW)
	} else {
		ci = p.byCity[city]
	}
	c := syntheticCities[ci]
	p.n++
	q := &respondent{id: fmt.Sprintf("SYN%s_%06d", c.code, p.n), role: role, city: c.name}
	switch role {
	case roleRelative:
	case rolePolicy:
		q.org = "gemeente " + c.name
	case roleTrainer:
		q.org = "Bureau Netwerkkracht"
	default:
		q.org = fmt.Sprintf("%s %s", r.pick([]string{"Opvang", "Stichting Onderdak"}), c.name)
	}
	if pool := p.pool[role]; len(pool) < poolSize {
		p.pool[role] = append(pool, q)
	} else {
		pool[p.added[role]%poolSize] = q
	}
	p.added[role]++
	return q
}

// coder draws a coder by workload, other than not.
func (p *people) coder(r *rng, not string) string {
	p.skipped = append(p.skipped[:0], p.coderW...)
	for i, name := range coderNames {
		if name == not {
			p.skipped[i] = 0
		}
	}
	return coderNames[r.weighted(p.skipped)]
}
