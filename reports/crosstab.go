package reports

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/cimo-tool/cimo/stats"
)

// minTested is the fewest respondents that must mention a code, and the
// fewest that must not, for its cross-tab to be tested. Fisher's exact test is
// valid at any size, but below this a "difference" between groups rests on a
// handful of people (one respondent in a group of one can give p < 0.05), so
// the table gives a note instead of a p-value.
const minTested = 5

// exactMaxN is the most respondents with which a cross-tab gets Fisher's
// exact test, the right test for the small groups of a single study. Past
// it the exact test's work grows until it takes seconds to minutes per
// table, and the table is tested with Pearson's chi-square where Cochran's
// rule trusts the approximation (stats.ChiSquareResult.Cochran); one that
// fails the rule is not tested, and its note says to merge the small
// groups, which is what thousands of respondents beside a near-empty group
// need anyway.
const exactMaxN = 200

var crosstabHeader = []string{"level", "code", "label", "dimension", "group",
	"respondents_of", "mentioned", "not_mentioned", "mentioned_pct", "group_note", "test", "p_value", "test_note"}

// crosstabRecords is crosstab_<kind>.csv: for every code and category, the
// respondents of each group (role or city) who mention it and who do not, a
// 2 × k table with one column per group that has respondents in the scope,
// and a test of independence on it: Fisher's exact test (Freeman-Halton's
// extension beyond 2 × 2) up to exactMaxN respondents, Pearson's chi-square
// beyond.
// The test's result is repeated on each group's row, so the table stays tidy.
func crosstabRecords(rows []freqRow, kind, lang string) ([][]string, error) {
	rows = groupsOf(rows, kind)
	out := [][]string{crosstabHeader}
	for i := 0; i < len(rows); {
		j := i
		for j < len(rows) && rows[j].level == rows[i].level && rows[j].code == rows[i].code {
			j++
		}
		item := rows[i:j]
		test, p, note, err := independenceTest(item, lang)
		if err != nil {
			return nil, fmt.Errorf("crosstab of %s %s: %w", item[0].level, item[0].code, err)
		}
		for _, r := range item {
			c := r.counts[unitRespondents]
			share, _ := pct(c.k, c.n)
			out = append(out, []string{r.level, r.code, r.label, r.dimension, r.group,
				strconv.Itoa(c.n), strconv.Itoa(c.k), strconv.Itoa(c.n - c.k), share,
				noShareNote(lang, []string{"respondents"}, []count{c}), test, p, note})
		}
		i = j
	}
	return out, nil
}

// independenceTest tests one code's 2 × k table of respondents who mention it and
// who do not, over the groups with respondents. It gives the test's name and
// p-value (four decimals), or a note saying why there is none.
func independenceTest(groups []freqRow, lang string) (test, p, note string, err error) {
	var mentioned, not []int
	var m, nm int
	for _, r := range groups {
		c := r.counts[unitRespondents]
		if c.n == 0 {
			continue
		}
		mentioned, not = append(mentioned, c.k), append(not, c.n-c.k)
		m, nm = m+c.k, nm+c.n-c.k
	}
	switch {
	case len(mentioned) < 2:
		return "", "", text(lang, "test.fewgroups"), nil
	case m < minTested || nm < minTested:
		return "", "", fmt.Sprintf(text(lang, "test.fewcounts"), minTested), nil
	}
	table := [][]int{mentioned, not}
	if m+nm > exactMaxN {
		r, err := stats.ChiSquare(table)
		switch {
		case errors.Is(err, stats.ErrUndefined):
			return "", "", text(lang, "test.undefined"), nil
		case err != nil:
			return "", "", "", err
		case !r.Cochran():
			return "", "", fmt.Sprintf(text(lang, "test.smallexpected"), exactMaxN), nil
		}
		return fmt.Sprintf("Pearson chi-square 2x%d (df %d)", len(mentioned), r.DF), strconv.FormatFloat(min(r.P, 1), 'f', 4, 64), "", nil
	}
	v, err := stats.FisherExact(table)
	switch {
	case errors.Is(err, stats.ErrTooLarge):
		return "", "", text(lang, "test.toolarge"), nil
	case errors.Is(err, stats.ErrUndefined):
		return "", "", text(lang, "test.undefined"), nil
	case err != nil:
		return "", "", "", err
	}
	test = "Fisher 2x2"
	if len(mentioned) > 2 {
		test = fmt.Sprintf("Freeman-Halton 2x%d", len(mentioned))
	}
	return test, strconv.FormatFloat(min(v, 1), 'f', 4, 64), "", nil
}
