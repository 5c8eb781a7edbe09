package reports

import (
	"maps"
	"path"
	"slices"
	"strings"
)

// A tableSpec says what a table's columns are, so that small counts are
// withheld by declaration rather than by guessing from column names, and so
// that the report can caption the table, give its n and format its numbers.
type tableSpec struct {
	section string // where the report shows it: a key of reportSections
	caption string // phrase key of its caption
	units   []string

	// counts are the columns holding counts of units (segments, chains,
	// respondents, cases, events, timelines, breakthroughs): a count from
	// 1 to min-cell - 1 becomes "<K". Counts of coders, codes and
	// categories, ranks and positions are not counts of units.
	counts []string
	// derived are columns computed from counts (shares, coefficients,
	// notes quoting counts, the complement of a count): the cell becomes
	// "x" when any count it is computed from is withheld.
	derived map[string][]string
	// inParens are text columns that list counts in parentheses after
	// codes; each such count below min-cell becomes "<K".
	inParens []string
	// numbers are further numeric columns (statistics, positions, days),
	// kept as numbers in the workbook.
	numbers []string
}

// reportSections order the report's sections; each holds the tables (and
// figures) of that kind, in the order of specs.
var reportSections = []string{"frequencies", "chains", "timelines", "agreement", "matrices"}

// pctOf declares the usual trio: count k, its n, and the share k / n.
func pctOf(unit string) (counts []string, derived map[string][]string) {
	return []string{unit, unit + "_of"}, map[string][]string{unit + "_pct": {unit, unit + "_of"}}
}

func merge(ds ...map[string][]string) map[string][]string {
	out := map[string][]string{}
	for _, d := range ds {
		for k, v := range d {
			out[k] = v
		}
	}
	return out
}

// specs are the tables of a scope folder outside matrices/, in report order.
var specs = func() []struct {
	name string
	spec tableSpec
} {
	freqCounts, freqDerived := []string{}, []map[string][]string{}
	for _, u := range []string{"segments", "chains", "respondents", "cases"} {
		c, d := pctOf(u)
		freqCounts = append(freqCounts, c...)
		freqDerived = append(freqDerived, d)
	}
	ctxCounts, ctxDerived := []string{}, []map[string][]string{}
	for _, u := range []string{"segments", "respondents", "cases"} {
		c, d := pctOf(u)
		ctxCounts = append(ctxCounts, c...)
		ctxDerived = append(ctxDerived, d)
	}
	crosstab := tableSpec{section: "frequencies", units: []string{"respondents"},
		counts: []string{"respondents_of", "mentioned", "not_mentioned"},
		// Either of mentioned and not_mentioned gives the other with
		// respondents_of: withhold both.
		derived: map[string][]string{"mentioned_pct": {"mentioned", "respondents_of"},
			"mentioned": {"not_mentioned"}, "not_mentioned": {"mentioned"}},
		numbers: []string{"p_value"}}
	cooc := tableSpec{section: "chains", units: []string{"segments", "chains", "cases"},
		counts:  []string{"units", "n_a", "n_b", "both"},
		derived: map[string][]string{"c": {"n_a", "n_b", "both"}, "fivefold": {"n_a", "n_b"}, "note": {"n_a", "n_b"}},
		numbers: []string{"c", "fivefold"}}
	with := func(s tableSpec, caption string) tableSpec { s.caption = caption; return s }
	return []struct {
		name string
		spec tableSpec
	}{
		{"codes.csv", tableSpec{section: "frequencies", caption: "table.codes", units: []string{"segments", "respondents", "cases"},
			counts: []string{"segments", "respondents", "cases"}}},
		{"categories.csv", tableSpec{section: "frequencies", caption: "table.categories", units: []string{"segments", "respondents", "cases"},
			counts: []string{"segments", "respondents", "cases"}}},
		{"frequencies.csv", tableSpec{section: "frequencies", caption: "table.frequencies", units: []string{"segments", "chains", "respondents", "cases"},
			counts: freqCounts, derived: merge(freqDerived...)}},
		{"crosstab_city.csv", with(crosstab, "table.crosstab_city")},
		{"crosstab_role.csv", with(crosstab, "table.crosstab_role")},
		{"context.csv", tableSpec{section: "frequencies", caption: "table.context", units: []string{"segments", "respondents", "cases"},
			counts: ctxCounts, derived: merge(ctxDerived...)}},

		{"chains.csv", tableSpec{section: "chains", caption: "table.chains", units: []string{"chains", "cases"},
			counts: []string{"chains", "cases"}}},
		{"configurations.csv", tableSpec{section: "chains", caption: "table.configurations", units: []string{"chains", "cases", "respondents"},
			counts:   []string{"chains", "cases", "respondents", "shared_chains"},
			derived:  map[string][]string{"chain_ids": {"chains"}, "note": {"chains", "shared_chains"}},
			inParens: []string{"contexts"}}},
		{"configuration_contexts.csv", tableSpec{section: "chains", caption: "table.configuration_contexts", units: []string{"chains"},
			counts: []string{"chains", "promoting", "hindering", "no_valence"}}},
		{"chain_completeness.csv", tableSpec{section: "chains", caption: "table.chain_completeness", units: []string{"chains"},
			counts: []string{"with", "without", "chains"},
			derived: map[string][]string{"percent_without": {"without", "chains"},
				"with": {"without"}, "without": {"with"}}}},
		{"cooccurrence.csv", with(cooc, "table.cooccurrence")},
		{"cooccurrence_categories.csv", with(cooc, "table.cooccurrence_categories")},

		{"category_order.csv", tableSpec{section: "timelines", caption: "table.category_order", units: []string{"timelines", "events"},
			counts:  []string{"cases", "timelines"},
			numbers: []string{"mean_position", "sd_position", "min_position", "max_position"}}},
		{"category_order_w.csv", tableSpec{section: "timelines", caption: "table.category_order_w", units: []string{"timelines", "events"},
			counts: []string{"cases"}, numbers: []string{"categories", "w", "chi_square", "df", "p"}}},
		{"before_breakthrough.csv", tableSpec{section: "timelines", caption: "table.before_breakthrough", units: []string{"timelines", "events"},
			counts: []string{"run_up_events", "of_run_up_events", "events", "of_events", "breakthroughs", "of_breakthroughs"},
			derived: map[string][]string{"run_up_share": {"run_up_events", "of_run_up_events"}, "share": {"events", "of_events"},
				"ratio": {"run_up_events", "of_run_up_events", "events", "of_events"}},
			numbers: []string{"run_up_share", "share", "ratio"}}},
		{"time_to_breakthrough.csv", tableSpec{section: "timelines", caption: "table.time_to_breakthrough", units: []string{"timelines", "events"},
			numbers: []string{"days_min", "days_max"}}},
		{"sequences.csv", tableSpec{section: "timelines", caption: "table.sequences", units: []string{"timelines", "events"},
			numbers: []string{"begin", "end", "seq"}}},

		{"agreement.csv", tableSpec{section: "agreement", caption: "table.agreement", units: []string{"double"},
			counts:  []string{"segments", "units"},
			derived: map[string][]string{"agreement_percent": {"units"}},
			numbers: []string{"coders", "kappa", "alpha"}}},
		{"chain_agreement.csv", tableSpec{section: "agreement", caption: "table.chain_agreement", units: []string{"double"},
			counts: []string{"chains", "units", "configurations", "configurations_shared"},
			derived: map[string][]string{"agreement_percent": {"units"},
				"shared_percent": {"configurations", "configurations_shared"}},
			numbers: []string{"coders", "alpha"}}},
	}
}()

// matrixIDColumns are the columns of a matrix that name its unit.
var matrixIDColumns = []string{"case_id", "respondent_id", "role", "city"}

// specFor returns the spec of the table at name (slash-separated, inside
// the scope folder) with the given header, and whether it is known. The
// matrices are declared by their file name: in the long tables `segments`
// is a count, in the wide `_segments` tables every code column is, and the
// `_present` columns are 0/1 indicators derived from those counts.
func specFor(name string, header []string) (tableSpec, bool) {
	for _, s := range specs {
		if s.name == name {
			return s.spec, true
		}
	}
	dir, file := path.Split(name)
	if dir != "matrices/" {
		return tableSpec{section: "other", caption: "table.other"}, false
	}
	unit := "cases"
	if strings.HasPrefix(file, "respondents_") {
		unit = "respondents"
	}
	s := tableSpec{section: "matrices", units: []string{unit}}
	base := strings.TrimSuffix(file, ".csv")
	switch {
	case strings.HasSuffix(base, "_long"):
		s.caption = "table.matrix.long"
		s.counts = []string{"segments"}
		s.derived = map[string][]string{"present": {"segments"}}
	case strings.HasSuffix(base, "_segments"), strings.HasSuffix(base, "_present"):
		s.caption = "table.matrix." + base[strings.LastIndex(base, "_")+1:]
		var codes []string
		for _, h := range header {
			if !slices.Contains(matrixIDColumns, h) {
				codes = append(codes, h)
			}
		}
		if strings.HasSuffix(base, "_segments") {
			s.counts = codes
		} else {
			s.numbers = codes
		}
	default:
		return tableSpec{section: "other", caption: "table.other"}, false
	}
	return s, true
}

// suppress returns recs (header first) with every count below minCell
// replaced by "<K", every cell derived from such a count by "x", and the
// counts in parentheses of inParens columns withheld likewise. recs is not
// changed; minCell 0 or 1 returns it as it is.
func (s tableSpec) suppress(recs [][]string, minCell int) [][]string {
	if minCell <= 1 || len(recs) == 0 {
		return recs
	}
	withhold := s.suppressor(recs[0], minCell)
	out := make([][]string, len(recs))
	out[0] = recs[0]
	for r, rec := range recs[1:] {
		out[r+1] = withhold(rec)
	}
	return out
}

// suppressor is suppress for one row at a time of a table with header, so
// that a table can be withheld as it is written: it returns a changed copy
// of a row, or, with minCell 0 or 1, the row itself.
func (s tableSpec) suppressor(header []string, minCell int) func(rec []string) []string {
	if minCell <= 1 {
		return func(rec []string) []string { return rec }
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	derived := slices.Sorted(maps.Keys(s.derived))
	return func(rec []string) []string {
		row := slices.Clone(rec)
		withheld := map[string]bool{}
		for _, c := range s.counts {
			if i, ok := col[c]; ok && i < len(row) && suppressed(row[i], minCell) {
				row[i] = smallCount(minCell)
				withheld[c] = true
			}
		}
		for _, c := range derived {
			i, ok := col[c]
			if !ok || i >= len(row) || withheld[c] || row[i] == "" {
				continue
			}
			if slices.ContainsFunc(s.derived[c], func(src string) bool { return withheld[src] }) {
				row[i] = derivedMark
			}
		}
		for _, c := range s.inParens {
			if i, ok := col[c]; ok && i < len(row) {
				row[i] = suppressInParens(row[i], minCell)
			}
		}
		return row
	}
}

// numeric reports whether column c holds numbers.
func (s tableSpec) numeric(c string) bool {
	return slices.Contains(s.counts, c) || slices.Contains(s.numbers, c) ||
		(s.derived[c] != nil && (strings.HasSuffix(c, "_pct") || strings.HasSuffix(c, "_percent") || c == "percent_without"))
}
