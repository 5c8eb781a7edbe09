package data

// item is one code given to a segment, with its valence for context codes.
type item struct{ code, valence string }

// momentSpec says how to invent one CIMO chain: which contexts and
// interventions are likely, and how often a dimension is missing. Real chains
// are often incomplete, and one intervention can set off two mechanisms.
type momentSpec struct {
	context, intervention, outcome bias
	kind                           string // event kind in a timeline, else ""
	noC, noI, noM, noO, twoM       float64
}

// moment invents the codes of one intervention moment, in C, I, M, O order.
func (r *rng) moment(s momentSpec) []item {
	var items []item
	add := func(codes []string) {
		for _, c := range codes {
			items = append(items, item{c, r.valence(c)})
		}
	}
	noI, noM := s.noI, s.noM
	if s.kind == "setback" {
		noI, noM = 0.5, 0.6
	}
	if !r.chance(s.noC) {
		n := 1 + r.IntN(2)
		add(r.distinct(n, func() string { return r.draw("C", s.context, 0.1) }))
		if s.kind == "setback" {
			for i := range items {
				items[i].valence = "hindering"
			}
		}
	}
	if !r.chance(noI) {
		n := 1
		if r.chance(0.25) {
			n = 2
		}
		add(r.distinct(n, func() string { return r.draw("I", s.intervention, 0.12) }))
	}
	if !r.chance(noM) {
		n := 1
		if r.chance(s.twoM) {
			n = 2
		}
		add(r.distinct(n, func() string { return r.draw("M", nil, 0) }))
	}
	switch {
	case s.kind == "breakthrough":
		add([]string{"O7"})
		if r.chance(0.5) {
			add([]string{r.draw("O", bias{"O7": 0, "O8": 0}, 0)})
		}
	case s.kind == "setback":
		add([]string{"O8"})
	case !r.chance(s.noO):
		n := 1
		if r.chance(0.15) {
			n = 2
		}
		add(r.distinct(n, func() string { return r.draw("O", s.outcome, 0) }))
	}
	if len(items) == 0 { // every dimension missing: a moment nobody coded
		return r.moment(s)
	}
	return items
}

// order makes the report's rough order of intervention categories: workers
// start with preconditions and basic conditions and only later hold joint
// conversations. pos is the place in the timeline, 0 (first) to 1 (last).
func order(pos float64) bias {
	return bias{
		"I1": 2.6 - 2.2*pos,
		"I2": 2.6 - 2.1*pos,
		"I3": 1.8 - 1.2*pos,
		"I4": 0.6 + 0.8*pos,
		"I5": 0.5 + 1.2*pos,
		"I6": 0.1 + 2.4*pos,
		"I7": 0.3 + 1.2*pos,
		"I8": 0.6 + 0.6*pos,
	}
}

// pack splits a moment's codes over segments of one to three codes each,
// keeping their order, as a coder marks consecutive passages.
func (r *rng) pack(items []item) [][]item {
	var segs [][]item
	for len(items) > 0 {
		n := min(1+r.weighted([]float64{0.62, 0.28, 0.10}), len(items))
		segs = append(segs, items[:n])
		items = items[n:]
	}
	return segs
}
