package reports

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
)

// Scope is one output folder: a work package, or the whole study.
type Scope struct {
	ID    string // the folder name; "all" for the whole study
	Title string
}

// Options say where and in which language reports are written.
type Options struct {
	Out      string
	Language string // nl or en
	Study    string // the study's name, for the summary
	Scopes   []Scope
	// ContextGroups gather context categories for context.csv; without
	// them each context category is a group of its own.
	ContextGroups []ContextGroup
}

// Write writes every scope's tables and figures and the summary.
func Write(ctx context.Context, q Queryer, opt Options) error {
	for _, sc := range opt.Scopes {
		dir := filepath.Join(opt.Out, sc.ID)
		recs, err := WriteTables(ctx, q, sc.ID, dir)
		if err != nil {
			return fmt.Errorf("tables of %s: %w", sc.ID, err)
		}
		if err := writeAnalyses(ctx, q, opt, sc.ID, dir); err != nil {
			return fmt.Errorf("analyses of %s: %w", sc.ID, err)
		}
		if err := WriteAgreement(ctx, q, sc.ID, dir, opt.Language); err != nil {
			return fmt.Errorf("agreement of %s: %w", sc.ID, err)
		}
		chart := categoryChart(recs[categoriesTable.file], opt.Language, sc)
		if err := WriteBarChart(chart, filepath.Join(dir, "figures"), "categories"); err != nil {
			return fmt.Errorf("figures of %s: %w", sc.ID, err)
		}
		if err := WriteTimelines(ctx, q, opt.Language, sc, dir); err != nil {
			return fmt.Errorf("timelines of %s: %w", sc.ID, err)
		}
		if err := writeCIMOViews(ctx, q, opt.Language, sc, dir); err != nil {
			return fmt.Errorf("co-occurrence and configurations of %s: %w", sc.ID, err)
		}
	}
	if err := WriteSummary(ctx, q, opt); err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	return nil
}

// categoryChart shows the intervention categories by respondents, from the
// rows of categories.csv, in codebook code order.
func categoryChart(categories [][]string, lang string, sc Scope) BarChart {
	const label, dimension, respondents = 1, 2, 4
	c := BarChart{Title: text(lang, "categories.title") + " — " + scopeName(lang, sc), Axis: text(lang, "categories.axis")}
	for _, rec := range categories[1:] {
		if rec[dimension] != "I" {
			continue
		}
		n, _ := strconv.Atoi(rec[respondents])
		c.Bars = append(c.Bars, Bar{Label: rec[label], Value: n})
	}
	return c
}

// scopeName names a scope in titles: the work package's id, or the whole study.
func scopeName(lang string, sc Scope) string {
	if sc.ID == "all" {
		return text(lang, "all")
	}
	return sc.ID
}
