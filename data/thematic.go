package data

import "fmt"

// profile says what an interview outside the timelines typically contains.
type profile struct {
	segments [2]int     // min and max number of segments
	chains   [2]int     // min and max number of CIMO chains told
	context  bias       // which context categories the respondent talks about
	dims     [4]float64 // weights of C, I, M, O in loose statements
}

// profileOf: clients and relatives talk about their situation and goals,
// network supporters about what they did, WP3 about city, policy and
// organisation, WP4 validation sessions about interventions and competences.
func profileOf(wp, role string) profile {
	switch wp {
	case "WP3":
		return profile{[2]int{16, 24}, [2]int{1, 2}, bias{"C1": 0.4, "C2": 2, "C3": 2.5, "C4": 2.5}, [4]float64{0.65, 0.2, 0.05, 0.1}}
	case "WP4":
		return profile{[2]int{15, 21}, [2]int{0, 0}, bias{"C2": 0.4, "C3": 0.5, "C4": 2}, [4]float64{0.25, 0.5, 0.2, 0.05}}
	}
	switch role {
	case roleClient, roleRelative:
		return profile{[2]int{14, 22}, [2]int{0, 1}, bias{"C1": 5, "C3": 0.3, "C4": 0.4}, [4]float64{0.5, 0.15, 0.05, 0.3}}
	case roleSupporter:
		return profile{[2]int{20, 28}, [2]int{2, 3}, bias{"C1": 3, "C3": 0.8, "C4": 1.5}, [4]float64{0.4, 0.35, 0.1, 0.15}}
	case rolePolicy:
		return profile{[2]int{17, 23}, [2]int{0, 1}, bias{"C1": 0.5, "C2": 1.5, "C3": 3}, [4]float64{0.6, 0.2, 0.05, 0.15}}
	case roleLead:
		return profile{[2]int{19, 27}, [2]int{1, 2}, bias{"C3": 1.5, "C4": 2.5}, [4]float64{0.5, 0.3, 0.05, 0.15}}
	}
	return profile{[2]int{18, 26}, [2]int{1, 2}, bias{"C1": 3, "C4": 1.5}, [4]float64{0.45, 0.3, 0.1, 0.15}}
}

// block is a stretch of an interview: a chain (several segments sharing a
// chain_id) or one loose statement.
type block struct {
	segs  [][]item
	chain bool
	id    string // set for a chain continued from another work package
}

// thematic codes a WP1, WP3 or WP4 interview: loose context, goal and
// intervention statements, and some chains linked by chain_id.
func (c *coding) thematic(r *rng, t *transcript) {
	p := profileOf(t.iv.wp, t.iv.resp.role)
	var blocks []block
	used := 0
	for range r.between(p.chains[0], p.chains[1]) {
		segs := r.pack(r.moment(momentSpec{
			context: p.context,
			noC:     0.15, noI: 0.05, noM: 0.3, noO: 0.2, twoM: 0.15,
		}))
		blocks = append(blocks, block{segs: segs, chain: true})
		used += len(segs)
	}
	// A project lead met again in WP3 returns to a chain told in WP1, so one
	// chain spans two work packages.
	if prev := c.chainsOf[t.iv.resp]; t.iv.wp == "WP3" && t.iv.resp.role == roleLead && len(prev) > 0 {
		blocks = append(blocks, block{segs: [][]item{{{"M5", ""}, {"O6", ""}}}, chain: true, id: prev[0]})
	}
	for range max(r.between(p.segments[0], p.segments[1])-used, 3) {
		blocks = append(blocks, block{segs: [][]item{r.statement(p)}})
	}
	r.Shuffle(len(blocks), func(i, j int) { blocks[i], blocks[j] = blocks[j], blocks[i] })
	for _, b := range blocks {
		id := b.id
		if b.chain && id == "" {
			c.chains++
			id = fmt.Sprintf("K%04d", c.chains)
			if t.iv.wp == "WP1" {
				c.chainsOf[t.iv.resp] = append(c.chainsOf[t.iv.resp], id)
			}
		}
		for _, seg := range b.segs {
			t.segment(r, seg, "", id)
		}
	}
}

// statement invents a loose coded passage of one or two codes.
func (r *rng) statement(p profile) []item {
	dims := []string{"C", "I", "M", "O"}
	one := func() string {
		dim := dims[r.weighted(p.dims[:])]
		b := p.context
		if dim != "C" {
			b = nil
		}
		return r.draw(dim, b, 0.12)
	}
	n := 1
	if r.chance(0.3) {
		n = 2
	}
	var items []item
	for _, code := range r.distinct(n, one) {
		items = append(items, item{code, r.valence(code)})
	}
	return items
}
