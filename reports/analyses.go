package reports

import (
	"context"
)

// writeAnalyses writes a scope's tables that say what they count from:
// frequencies.csv (every code and category per group, each count beside its
// n), crosstab_city.csv and crosstab_role.csv (with Fisher's exact test),
// context.csv (context factors by valence) and the unit × code matrices in
// matrices/.
func writeAnalyses(ctx context.Context, q Queryer, opt Options, scope string, d dest) error {
	freq, err := frequencies(ctx, q, scope)
	if err != nil {
		return err
	}
	files := []struct {
		name string
		recs func() ([][]string, error)
	}{
		{"frequencies.csv", func() ([][]string, error) { return frequencyRecords(freq, opt.Language), nil }},
		{"crosstab_city.csv", func() ([][]string, error) { return crosstabRecords(freq, kindCity, opt.Language) }},
		{"crosstab_role.csv", func() ([][]string, error) { return crosstabRecords(freq, kindRole, opt.Language) }},
		{"context.csv", func() ([][]string, error) {
			groups, err := resolveContextGroups(ctx, q, opt.ContextGroups)
			if err != nil {
				return nil, err
			}
			return contextRecords(ctx, q, scope, groups, opt.Language)
		}},
	}
	for _, f := range files {
		recs, err := f.recs()
		if err != nil {
			return err
		}
		if err := d.table(f.name, recs); err != nil {
			return err
		}
	}
	return writeMatrices(ctx, q, scope, d)
}
