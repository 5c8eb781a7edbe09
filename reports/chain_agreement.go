package reports

import (
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Chain agreement: do coders who coded the same segments link the same
// intervention category to the same mechanisms and outcomes? A coder's
// configurations of a chain are made as in chains.csv (the cross product of
// the intervention categories, mechanisms and outcomes of the chain, "" for
// a missing mechanism or outcome), from that coder's own codings in
// double-coded segments. The unit is a (chain, intervention category) that
// some coder linked; a coder's value for it is the set of (mechanism,
// outcome) pairs the coder linked to that category in that chain, or "not
// linked"; a coder who coded none of the chain's double-coded segments has
// no value. The README gives the reasons for this unit.

// A config is one configuration of a chain.
type config struct{ category, mechanism, outcome string }

// chainView holds, per chain met in double-coded segments, its coders and
// each coder's configurations there.
type chainView struct {
	chains  []string                              // sorted chain keys
	present map[string][]string                   // chain -> coders of its double-coded segments, sorted
	configs map[string]map[string]map[config]bool // chain -> coder -> configurations
}

func (d *doubleCoded) chainView() chainView {
	type key struct{ chain, coder string }
	type dims struct{ i, m, o map[string]bool }
	segs := map[string]map[int]bool{}
	byCoder := map[key]*dims{}
	for _, c := range d.codings {
		if segs[c.chain] == nil {
			segs[c.chain] = map[int]bool{}
		}
		segs[c.chain][c.segment] = true
		k := key{c.chain, c.coder}
		if byCoder[k] == nil {
			byCoder[k] = &dims{map[string]bool{}, map[string]bool{}, map[string]bool{}}
		}
		switch c.dimension {
		case "I":
			byCoder[k].i[c.category] = true
		case "M":
			byCoder[k].m[c.code] = true
		case "O":
			byCoder[k].o[c.code] = true
		}
	}
	orEmpty := func(set map[string]bool) []string {
		if len(set) == 0 {
			return []string{""}
		}
		return slices.Sorted(maps.Keys(set))
	}
	v := chainView{chains: slices.Sorted(maps.Keys(segs)), present: map[string][]string{}, configs: map[string]map[string]map[config]bool{}}
	for _, ch := range v.chains {
		coders := map[string]bool{}
		for seg := range segs[ch] {
			for _, coder := range d.segCoders[seg] {
				coders[coder] = true
			}
		}
		v.present[ch] = slices.Sorted(maps.Keys(coders))
		v.configs[ch] = map[string]map[config]bool{}
		for _, coder := range v.present[ch] {
			set := map[config]bool{}
			if x := byCoder[key{ch, coder}]; x != nil {
				for i := range x.i {
					for _, m := range orEmpty(x.m) {
						for _, o := range orEmpty(x.o) {
							set[config{i, m, o}] = true
						}
					}
				}
			}
			v.configs[ch][coder] = set
		}
	}
	return v
}

// A chainUnit is one (chain, intervention category) that some coder linked.
type chainUnit struct{ chain, category string }

// units lists the units of the chains where every coder in among is
// present, with a category one of them linked there; among nil means the
// chain's own coders.
func (v chainView) units(among []string) []chainUnit {
	var out []chainUnit
	for _, ch := range v.chains {
		coders := v.present[ch]
		if among != nil {
			if !isSubset(among, coders) {
				continue
			}
			coders = among
		}
		cats := map[string]bool{}
		for _, coder := range coders {
			for c := range v.configs[ch][coder] {
				cats[c.category] = true
			}
		}
		for _, cat := range slices.Sorted(maps.Keys(cats)) {
			out = append(out, chainUnit{ch, cat})
		}
	}
	return out
}

func isSubset(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// value is coder's value for unit u: the (mechanism, outcome) pairs linked
// to the unit's category, "" (missing) when the coder is not present.
func (v chainView) value(u chainUnit, coder string) string {
	if !slices.Contains(v.present[u.chain], coder) {
		return ""
	}
	var pairs []string
	for c := range v.configs[u.chain][coder] {
		if c.category == u.category {
			pairs = append(pairs, c.mechanism+"\x1f"+c.outcome)
		}
	}
	if len(pairs) == 0 {
		return "\x00not linked"
	}
	slices.Sort(pairs)
	return strings.Join(pairs, "\x1e")
}

// configCounts counts the configurations of units' categories that any of
// coders made, and those that all of them made.
func (v chainView) configCounts(units []chainUnit, coders func(chain string) []string) (anyMade, allMade int) {
	for _, u := range units {
		cs := coders(u.chain)
		made := map[config]int{}
		for _, coder := range cs {
			for c := range v.configs[u.chain][coder] {
				if c.category == u.category {
					made[c]++
				}
			}
		}
		anyMade += len(made)
		for _, n := range made {
			if n == len(cs) {
				allMade++
			}
		}
	}
	return anyMade, allMade
}

var chainAgreementHeader = []string{"level", "intervention_category", "label", "coder_pair", "coders", "chains", "units",
	"agreement_percent", "alpha", "verdict", "configurations", "configurations_shared", "shared_percent", "note"}

// chainAgreementRecords builds chain_agreement.csv: a row per intervention
// category of the codebook, an overall row, and a row per pair of coders.
func chainAgreementRecords(d *doubleCoded, lang string) [][]string {
	v := d.chainView()
	out := [][]string{chainAgreementHeader}
	row := func(level, category, label, pair string, units []chainUnit, coders []string, byChain func(string) []string, empty string) {
		chains := map[string]bool{}
		present := map[string]bool{}
		data := make([][]string, len(units))
		for i, u := range units {
			chains[u.chain] = true
			data[i] = make([]string, len(coders))
			for j, coder := range coders {
				data[i][j] = v.value(u, coder)
				if data[i][j] != "" {
					present[coder] = true
				}
			}
		}
		rec := []string{level, category, label, pair, strconv.Itoa(len(present)), strconv.Itoa(len(chains)), strconv.Itoa(len(units)),
			"", "", "", "", "", "", ""}
		if len(units) == 0 {
			rec[13] = empty
			out = append(out, rec)
			return
		}
		m := measure(data, 0)
		rec[7] = m.percent()
		rec[8], rec[9] = alphaCells(lang, m)
		if m.alphaErr != nil {
			rec[13] = text(lang, "agreement.novariation")
		}
		anyN, allN := v.configCounts(units, byChain)
		rec[10], rec[11] = strconv.Itoa(anyN), strconv.Itoa(allN)
		if anyN > 0 {
			rec[12] = fixed(100*float64(allN)/float64(anyN), 1)
		}
		out = append(out, rec)
	}
	own := func(ch string) []string { return v.present[ch] }
	all := v.units(nil)
	none := text(lang, "chainagreement.none")
	for _, c := range d.codebook {
		if !c.top || c.dimension != "I" {
			continue
		}
		var units []chainUnit
		for _, u := range all {
			if u.category == c.code {
				units = append(units, u)
			}
		}
		empty := none
		if len(all) > 0 {
			empty = text(lang, "chainagreement.category")
		}
		row("category", c.code, c.label, "", units, d.coders, own, empty)
	}
	row("overall", "", "", "", all, d.coders, own, none)
	for i, a := range d.coders {
		for _, b := range d.coders[i+1:] {
			pair := []string{a, b}
			units := v.units(pair)
			if len(units) == 0 {
				continue
			}
			row("coders", "", "", a+" + "+b, units, pair, func(string) []string { return pair }, "")
		}
	}
	return out
}
