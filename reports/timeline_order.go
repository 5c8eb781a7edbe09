package reports

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat"

	"github.com/cimo-tool/cimo/stats"
)

// The order in which intervention categories first appear on the timelines.
//
// Only ordered timelines count: those with at least two events, of which at
// least one is coded with an intervention category. A single event has no
// position between first and last, and a timeline without categories says
// nothing about their order.
//
// In an ordered timeline with n events, the event of rank r (1..n, by seq)
// lies at relative position (r-1)/(n-1): 0 is the first event, 1 the last. A
// category's position in the timeline is that of the first event coded with
// it. category_order.csv summarises those positions per category over the
// timelines in which it appears.

// orderedFirsts lists, per ordered timeline, its number of events and the
// rank of the first event of each category coded on it.
const orderedFirsts = timelineScope + `
SELECT e.case_id, max(e.events) AS events, c.category, min(e.rank) AS first
FROM tl_events e JOIN tl_categories c USING (event_id)
WHERE e.events >= 2
GROUP BY e.case_id, c.category
ORDER BY e.case_id, c.category`

// orderedTimeline is one ordered timeline: its events and the first rank of
// each category on it.
type orderedTimeline struct {
	caseID string
	events int
	first  map[string]int
}

// loadOrdered reads the scope's ordered timelines in case order.
func loadOrdered(ctx context.Context, q Queryer, scope string) ([]orderedTimeline, error) {
	rows, err := q.QueryContext(ctx, orderedFirsts, scope)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []orderedTimeline
	for rows.Next() {
		var caseID, cat string
		var events, first int
		if err := rows.Scan(&caseID, &events, &cat, &first); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].caseID != caseID {
			out = append(out, orderedTimeline{caseID: caseID, events: events, first: map[string]int{}})
		}
		out[len(out)-1].first[cat] = first
	}
	return out, rows.Err()
}

// relativePosition is where rank r lies in a timeline of n >= 2 events.
func relativePosition(r, n int) float64 { return float64(r-1) / float64(n-1) }

var categoryOrderHeader = []string{"category", "label", "cases", "timelines",
	"mean_position", "sd_position", "min_position", "max_position", "note"}

// categoryOrder builds category_order.csv: one row per intervention category
// of the codebook, in code order. cases is the number of ordered timelines in
// which the category appears, timelines the number of ordered timelines; the
// positions are the mean, sample standard deviation (n-1), minimum and
// maximum over those cases.
func categoryOrder(ctx context.Context, q Queryer, lang, scope string) ([][]string, error) {
	out := [][]string{categoryOrderHeader}
	ordered, err := loadOrdered(ctx, q, scope)
	if err != nil {
		return nil, err
	}
	if len(ordered) == 0 {
		return append(out, timelineNoteRow(categoryOrderHeader, text(lang, "order.none"))), nil
	}
	cats, err := loadInterventionCategories(ctx, q)
	if err != nil {
		return nil, err
	}
	timelines := strconv.Itoa(len(ordered))
	for _, c := range cats {
		var pos []float64
		for _, tl := range ordered {
			if r, ok := tl.first[c.Code]; ok {
				pos = append(pos, relativePosition(r, tl.events))
			}
		}
		rec := []string{c.Code, c.Label, strconv.Itoa(len(pos)), timelines, "", "", "", "", ""}
		switch len(pos) {
		case 0:
			rec[8] = text(lang, "order.absent")
			out = append(out, rec)
			continue
		case 1:
			rec[8] = text(lang, "order.one")
		}
		mean, sd := stat.MeanStdDev(pos, nil)
		rec[4] = timelineNumber(mean, orderPositionDecimals)
		if len(pos) > 1 {
			rec[5] = timelineNumber(sd, orderPositionDecimals)
		}
		lo, hi := pos[0], pos[0]
		for _, p := range pos[1:] {
			lo, hi = min(lo, p), max(hi, p)
		}
		rec[6], rec[7] = timelineNumber(lo, orderPositionDecimals), timelineNumber(hi, orderPositionDecimals)
		out = append(out, rec)
	}
	return out, nil
}

var categoryOrderWHeader = []string{"treatment", "cases", "categories", "category_list",
	"w", "chi_square", "df", "p", "note"}

// Treatments of a category that does not appear in an ordered timeline, for
// Kendall's W; see categoryOrderW.
const (
	absentTiedLast     = "absent_tied_last"
	presentInEveryCase = "present_in_every_case"
)

// Decimals of the timeline tables' numbers.
const (
	orderPositionDecimals  = 3
	runUpShareDecimals     = 3
	concordanceWDecimals   = 4
	concordanceChiDecimals = 3
	concordancePDecimals   = 4
)

// categoryOrderW builds category_order_w.csv: Kendall's W for the agreement
// between ordered timelines (the raters) on the order in which categories
// (the objects) first appear. A timeline scores a category by the rank of
// its first event; each row is ranked with ties at their mean rank (two
// categories first coded on the same event are tied). Two rows, because a
// category missing from a timeline has no rank there:
//
//   - absent_tied_last: every category that appears in at least one ordered
//     timeline; where it is missing it scores n+1, after the last event, so
//     all missing categories of a timeline tie behind every present one. It
//     has not appeared by the end of the timeline, so it comes after those
//     that did; this uses every timeline but lets absence count as lateness.
//   - present_in_every_case: only the categories present in every ordered
//     timeline, so that W measures order alone, on fewer categories.
func categoryOrderW(ctx context.Context, q Queryer, lang, scope string) ([][]string, error) {
	out := [][]string{categoryOrderWHeader}
	ordered, err := loadOrdered(ctx, q, scope)
	if err != nil {
		return nil, err
	}
	if len(ordered) == 0 {
		return append(out, timelineNoteRow(categoryOrderWHeader, text(lang, "order.none"))), nil
	}
	cats, err := loadInterventionCategories(ctx, q)
	if err != nil {
		return nil, err
	}
	var anywhere, everywhere []string
	for _, c := range cats {
		n := 0
		for _, tl := range ordered {
			if _, ok := tl.first[c.Code]; ok {
				n++
			}
		}
		if n > 0 {
			anywhere = append(anywhere, c.Code)
		}
		if n == len(ordered) {
			everywhere = append(everywhere, c.Code)
		}
	}
	for _, t := range []struct {
		treatment string
		objects   []string
	}{{absentTiedLast, anywhere}, {presentInEveryCase, everywhere}} {
		scores := make([][]float64, len(ordered))
		for i, tl := range ordered {
			scores[i] = make([]float64, len(t.objects))
			for j, code := range t.objects {
				r, ok := tl.first[code]
				if !ok {
					r = tl.events + 1
				}
				scores[i][j] = float64(r)
			}
		}
		rec := []string{t.treatment, strconv.Itoa(len(ordered)), strconv.Itoa(len(t.objects)), strings.Join(t.objects, " "),
			"", "", "", "", ""}
		w, err := orderConcordance(scores)
		switch {
		case errors.Is(err, stats.ErrUndefined):
			rec[8] = text(lang, "order.w.undefined")
		case err != nil:
			return nil, fmt.Errorf("%s: %w", t.treatment, err)
		default:
			rec[4] = timelineNumber(w.W, concordanceWDecimals)
			rec[5] = timelineNumber(w.ChiSquare, concordanceChiDecimals)
			rec[6] = strconv.Itoa(w.DF)
			rec[7] = timelineP(w.P)
			rec[8] = text(lang, "order.w.approx")
		}
		out = append(out, rec)
	}
	return out, nil
}

// orderConcordance is stats.KendallW, undefined for fewer than two timelines or
// categories without asking it, and never a NaN.
func orderConcordance(scores [][]float64) (stats.Concordance, error) {
	if len(scores) < 2 || len(scores[0]) < 2 {
		return stats.Concordance{}, stats.ErrUndefined
	}
	w, err := stats.KendallW(scores)
	if err != nil {
		return w, err
	}
	if math.IsNaN(w.W) || math.IsNaN(w.ChiSquare) || math.IsNaN(w.P) {
		return w, stats.ErrUndefined
	}
	return w, nil
}

// timelineP formats a p-value with concordancePDecimals decimals, or as
// "<0.0001" when it would round to zero, which would read as impossible.
func timelineP(p float64) string {
	if floor := math.Pow(10, -concordancePDecimals); p < floor/2 {
		return "<" + timelineNumber(floor, concordancePDecimals)
	}
	return timelineNumber(p, concordancePDecimals)
}

// timelineNumber formats x with k decimals, the one way every timeline table rounds.
func timelineNumber(x float64, k int) string { return strconv.FormatFloat(x, 'f', k, 64) }
