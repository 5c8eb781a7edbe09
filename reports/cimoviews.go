package reports

import (
	"context"
	"fmt"
	"image/color"
	"slices"
)

// writeCIMOViews writes a scope's co-occurrence and configuration tables
// and their figures: cooccurrence.csv, cooccurrence_categories.csv,
// configurations.csv, configuration_contexts.csv, chain_completeness.csv,
// and figures/cooccurrence, figures/configurations and figures/flow.
func writeCIMOViews(ctx context.Context, q Queryer, lang string, sc Scope, d dest) error {
	for _, t := range []struct{ file, item string }{
		{"cooccurrence.csv", "code"},
		{"cooccurrence_categories.csv", "category"},
	} {
		pairs, err := cooccurrence(ctx, q, sc.ID, t.item)
		if err != nil {
			return fmt.Errorf("%s: %w", t.file, err)
		}
		if err := d.table(t.file, cooccurrenceRecords(pairs, lang, t.item)); err != nil {
			return err
		}
	}

	cfgs, err := configurations(ctx, q, sc.ID)
	if err != nil {
		return err
	}
	completeness, err := completenessRecords(ctx, q, sc.ID, lang)
	if err != nil {
		return err
	}
	for _, t := range []struct {
		file string
		recs [][]string
	}{
		{"configurations.csv", configurationRecords(cfgs, lang)},
		{"configuration_contexts.csv", configurationContextRecords(cfgs, lang)},
		{"chain_completeness.csv", completeness},
	} {
		if err := d.table(t.file, t.recs); err != nil {
			return err
		}
	}

	cb, err := readCodebook(ctx, q)
	if err != nil {
		return err
	}
	cells, err := chainCells(ctx, q, sc.ID)
	if err != nil {
		return err
	}
	figs := d.sub("figures")
	cooc, config := chainHeatMaps(cb, cells, lang, sc, len(cfgs) == 0)
	cooc.MinCell, config.MinCell = d.minCell, d.minCell
	if d.minCell > 1 {
		note := " " + fmt.Sprintf(text(lang, "heat.mincell"), d.minCell, d.minCell)
		cooc.Caption += note
		config.Caption += note
	}
	for _, h := range []struct {
		m    HeatMap
		name string
	}{{cooc, "cooccurrence"}, {config, "configurations"}} {
		if err := WriteHeatMap(h.m, figs, h.name); err != nil {
			return err
		}
		d.figure(reportFigure{name: "figures/" + h.name, section: "chains", title: h.m.Title, caption: h.m.Caption, units: []string{"chains"}})
	}
	flow := flowChart(cb, cfgs, lang, sc)
	flow.MinCell = d.minCell
	if d.minCell > 1 {
		k := d.minCell
		flow.Caption += " " + fmt.Sprintf(text(lang, "flow.mincell"), k, k, k, k)
	}
	if err := WriteFlowChart(flow, figs, "flow"); err != nil {
		return err
	}
	d.figure(reportFigure{name: "figures/flow", section: "chains", title: flow.Title, caption: flow.Caption, units: []string{"chains"}})
	return nil
}

// codebook is what the figures need of the codebook: the intervention
// categories, mechanism codes and outcome codes in code order, with labels.
type codebook struct {
	label      map[string]string
	categories []string // I codes without a parent
	mechanisms []string // every M code
	outcomes   []string // every O code
}

func readCodebook(ctx context.Context, q Queryer) (*codebook, error) {
	rows, err := q.QueryContext(ctx, `SELECT code, label, dimension, parent IS NULL FROM codes ORDER BY dimension, code`)
	if err != nil {
		return nil, fmt.Errorf("codebook: %w", err)
	}
	defer rows.Close()
	cb := &codebook{label: map[string]string{}}
	for rows.Next() {
		var code, label, dim string
		var top bool
		if err := rows.Scan(&code, &label, &dim, &top); err != nil {
			return nil, fmt.Errorf("codebook: %w", err)
		}
		cb.label[code] = label
		switch {
		case dim == "I" && top:
			cb.categories = append(cb.categories, code)
		case dim == "M":
			cb.mechanisms = append(cb.mechanisms, code)
		case dim == "O":
			cb.outcomes = append(cb.outcomes, code)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("codebook: %w", err)
	}
	return cb, nil
}

// name is a code as figures show it: the code, then its label.
func (cb *codebook) name(code string) string { return code + " " + cb.label[code] }

// chainCellsQuery counts, per intervention category and mechanism or
// outcome code, the chains of the scope that have both; code ” counts the
// chains with the category and no code of that dimension.
const chainCellsQuery = `
WITH i AS (SELECT DISTINCT chain_kind, chain_ref, category FROM chain_codings WHERE scope = $1 AND dimension = 'I'),
x AS (SELECT DISTINCT chain_kind, chain_ref, dimension, code FROM chain_codings WHERE scope = $1 AND dimension IN ('M', 'O')),
d(dimension) AS (VALUES ('M'), ('O'))
SELECT i.category, d.dimension, coalesce(x.code, ''), count(*)
FROM i CROSS JOIN d
LEFT JOIN x ON x.chain_kind = i.chain_kind AND x.chain_ref = i.chain_ref AND x.dimension = d.dimension
GROUP BY i.category, d.dimension, x.code
ORDER BY i.category, d.dimension, x.code`

// chainCell is one count of chainCellsQuery.
type chainCell struct {
	category, dimension, code string
	chains                    int
}

func chainCells(ctx context.Context, q Queryer, scope string) ([]chainCell, error) {
	rows, err := q.QueryContext(ctx, chainCellsQuery, scope)
	if err != nil {
		return nil, fmt.Errorf("chain cells: %w", err)
	}
	defer rows.Close()
	var out []chainCell
	for rows.Next() {
		var c chainCell
		if err := rows.Scan(&c.category, &c.dimension, &c.code, &c.chains); err != nil {
			return nil, fmt.Errorf("chain cells: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// chainHeatMaps lays the chain counts out as two heat maps with the
// codebook's intervention categories as rows: against mechanism and outcome
// codes (co-occurrence in a chain), and against mechanism codes plus a
// column for chains without one (configurations).
func chainHeatMaps(cb *codebook, cells []chainCell, lang string, sc Scope, empty bool) (cooc, config HeatMap) {
	title := func(key string) string { return text(lang, key) + " — " + scopeName(lang, sc) }
	caption := func(key string) string {
		if empty {
			return text(lang, key) + " " + capitalise(text(lang, "config.nochains")) + "."
		}
		return text(lang, key)
	}
	cooc = HeatMap{Title: title("heat.cooc.title"), Caption: caption("heat.cooc.caption"), Breaks: []int{len(cb.mechanisms)}}
	config = HeatMap{Title: title("heat.config.title"), Caption: caption("heat.config.caption"), Breaks: []int{len(cb.mechanisms)}}
	for _, code := range slices.Concat(cb.mechanisms, cb.outcomes) {
		cooc.Columns = append(cooc.Columns, cb.name(code))
	}
	for _, code := range cb.mechanisms {
		config.Columns = append(config.Columns, cb.name(code))
	}
	config.Columns = append(config.Columns, text(lang, "none.M"))

	row := map[string]int{}
	for i, cat := range cb.categories {
		row[cat] = i
		cooc.Rows = append(cooc.Rows, cb.name(cat))
		config.Rows = append(config.Rows, cb.name(cat))
		cooc.Counts = append(cooc.Counts, make([]int, len(cooc.Columns)))
		config.Counts = append(config.Counts, make([]int, len(config.Columns)))
	}
	coocCol, configCol := map[string]int{}, map[[2]string]int{}
	for j, code := range slices.Concat(cb.mechanisms, cb.outcomes) {
		coocCol[code] = j
	}
	for j, code := range cb.mechanisms {
		configCol[[2]string{"M", code}] = j
	}
	configCol[[2]string{"M", ""}] = len(cb.mechanisms)
	for _, c := range cells {
		i := row[c.category]
		if j, ok := coocCol[c.code]; ok && c.code != "" {
			cooc.Counts[i][j] = c.chains
		}
		if j, ok := configCol[[2]string{c.dimension, c.code}]; ok {
			config.Counts[i][j] = c.chains
		}
	}
	return cooc, config
}

// flowChart lays the configurations out as a flow from intervention
// categories through mechanisms to outcomes, with a "not coded" node last in
// each column; bands count chains per configuration.
func flowChart(cb *codebook, cfgs []configuration, lang string, sc Scope) FlowChart {
	f := FlowChart{
		Title:    text(lang, "flow.title") + " — " + scopeName(lang, sc),
		Caption:  text(lang, "flow.caption"),
		Headings: [3]string{text(lang, "flow.I"), text(lang, "flow.M"), text(lang, "flow.O")},
	}
	if len(cfgs) == 0 {
		f.Caption = capitalise(text(lang, "config.nochains")) + "."
	}
	var index [3]map[string]int
	for k, codes := range [3][]string{cb.categories, cb.mechanisms, cb.outcomes} {
		index[k] = map[string]int{"": len(codes)}
		for i, code := range codes {
			index[k][code] = i
			f.Nodes[k] = append(f.Nodes[k], cb.name(code))
		}
		f.Nodes[k] = append(f.Nodes[k], text(lang, "none."+"IMO"[k:k+1]))
	}
	f.Colors = make([]color.Color, len(f.Nodes[0]))
	f.Colors[len(cb.categories)] = FlowNoneColor

	// Configurations that differ only in a missing context are one path.
	at := map[[3]int]int{}
	for _, c := range cfgs {
		key := [3]int{index[0][c.Category], index[1][c.Mechanism], index[2][c.Outcome]}
		if i, ok := at[key]; ok {
			f.Paths[i].Value += c.Chains
			continue
		}
		at[key] = len(f.Paths)
		f.Paths = append(f.Paths, FlowPath{Nodes: key, Value: c.Chains})
	}
	slices.SortFunc(f.Paths, func(a, b FlowPath) int { return slices.Compare(a.Nodes[:], b.Nodes[:]) })
	return f
}

// capitalise upper-cases the first letter of an ASCII phrase.
func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
