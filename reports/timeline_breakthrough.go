package reports

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
)

// The run-up to a breakthrough is every event after the previous
// breakthrough of its case (or after the start of the timeline) and before
// it; breakthroughs themselves are in no run-up. Run-ups therefore never
// overlap, every event is in at most one, and the events after a case's last
// breakthrough are in none. A breakthrough right after another has an empty
// run-up.
const runUps = timelineScope + `,
tl_runup AS (
  SELECT case_id, event_id, kind,
         min(CASE WHEN kind = 'breakthrough' THEN rank END) OVER (
           PARTITION BY case_id ORDER BY rank ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS breakthrough
  FROM tl_events),
tl_before AS (
  SELECT case_id, event_id, breakthrough FROM tl_runup
  WHERE kind <> 'breakthrough' AND breakthrough IS NOT NULL) `

// beforeCounts counts, per intervention category of the codebook: the
// run-up events coded with it, the breakthroughs whose run-up has it, and
// all events of the scope's timelines coded with it.
const beforeCounts = runUps + `,
cat_before AS (
  SELECT c.category, count(*) AS events, count(DISTINCT (b.case_id, b.breakthrough)) AS breakthroughs
  FROM tl_before b JOIN tl_categories c USING (event_id) GROUP BY c.category),
cat_all AS (
  SELECT c.category, count(*) AS events
  FROM tl_events e JOIN tl_categories c USING (event_id) GROUP BY c.category)
SELECT k.code, k.label, coalesce(b.events, 0), coalesce(a.events, 0), coalesce(b.breakthroughs, 0)
FROM codes k
LEFT JOIN cat_before b ON b.category = k.code
LEFT JOIN cat_all a ON a.category = k.code
WHERE k.dimension = 'I' AND k.parent IS NULL
ORDER BY k.code`

// beforeTotals are the denominators: run-up events, all events, and
// breakthroughs with a run-up that has at least one event.
const beforeTotals = runUps + `
SELECT (SELECT count(*) FROM tl_before),
       (SELECT count(*) FROM tl_events),
       (SELECT count(DISTINCT (case_id, breakthrough)) FROM tl_before)`

var beforeBreakthroughHeader = []string{"category", "label",
	"run_up_events", "of_run_up_events", "run_up_share",
	"events", "of_events", "share", "ratio",
	"breakthroughs", "of_breakthroughs", "note"}

// beforeBreakthrough builds before_breakthrough.csv: per intervention
// category, its share of the run-up events against its share of all events
// of the scope's timelines (the base rate), their ratio, and how many
// breakthroughs (of those with a non-empty run-up) it precedes.
func beforeBreakthrough(ctx context.Context, q Queryer, lang, scope string) ([][]string, error) {
	out := [][]string{beforeBreakthroughHeader}
	var runUp, all, breakthroughs int
	if err := scanScopeRow(ctx, q, beforeTotals, scope, &runUp, &all, &breakthroughs); err != nil {
		return nil, err
	}
	if all == 0 {
		return append(out, timelineNoteRow(beforeBreakthroughHeader, text(lang, "timelines.none"))), nil
	}
	rows, err := q.QueryContext(ctx, beforeCounts, scope)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var code, label string
		var before, events, bts int
		if err := rows.Scan(&code, &label, &before, &events, &bts); err != nil {
			return nil, err
		}
		rec := []string{code, label,
			strconv.Itoa(before), strconv.Itoa(runUp), "",
			strconv.Itoa(events), strconv.Itoa(all), timelineNumber(float64(events)/float64(all), runUpShareDecimals), "",
			strconv.Itoa(bts), strconv.Itoa(breakthroughs), ""}
		switch {
		case runUp == 0:
			rec[11] = text(lang, "before.no_runup")
		case events == 0:
			rec[4] = timelineNumber(float64(before)/float64(runUp), runUpShareDecimals)
			rec[11] = text(lang, "before.no_base")
		default:
			rec[4] = timelineNumber(float64(before)/float64(runUp), runUpShareDecimals)
			// (before/runUp) / (events/all), from the integers in one division.
			rec[8] = timelineNumber(float64(before*all)/float64(runUp*events), runUpShareDecimals)
		}
		out = append(out, rec)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// firstBreakthrough gives, per timeline of the scope, its first event (by
// seq), its first breakthrough, and the days between them as an interval
// from the fuzzy dates' bounds: at least the breakthrough's first day less
// the first event's last day (never below 0, since the breakthrough comes
// later in the timeline), at most the breakthrough's last day less the first
// event's first day. The note says why an interval is missing.
const firstBreakthrough = timelineScope + `,
tl_first AS (SELECT * FROM tl_events WHERE rank = 1),
tl_first_bt AS (
  SELECT * FROM tl_events WHERE kind = 'breakthrough'
  QUALIFY rank = min(rank) OVER (PARTITION BY case_id)),
tl_span AS (
  SELECT f.case_id, f.event_id AS first_event, f.date AS first_date,
         b.event_id AS bt_event, b.date AS bt_date,
         CASE WHEN b.event_id IS NULL THEN 'ttb.no_breakthrough'
              WHEN b.rank = 1 THEN 'ttb.same_event'
              WHEN f.date_from IS NULL THEN 'ttb.first_undated'
              WHEN b.date_from IS NULL THEN 'ttb.breakthrough_undated'
              WHEN b.date_to < f.date_from THEN 'ttb.contradicts'
         END AS note,
         greatest(0, b.date_from - f.date_to) AS lo, b.date_to - f.date_from AS hi
  FROM tl_first f LEFT JOIN tl_first_bt b USING (case_id))
SELECT case_id, first_event, coalesce(first_date, ''), coalesce(bt_event, ''), coalesce(bt_date, ''),
       CASE WHEN note = 'ttb.same_event' THEN 0 WHEN note IS NULL THEN lo END,
       CASE WHEN note = 'ttb.same_event' THEN 0 WHEN note IS NULL THEN hi END,
       coalesce(note, '')
FROM tl_span
ORDER BY case_id`

var timeToBreakthroughHeader = []string{"case_id", "first_event", "first_date",
	"first_breakthrough", "breakthrough_date", "days_min", "days_max", "note"}

// timeToBreakthrough builds time_to_breakthrough.csv, one row per timeline.
func timeToBreakthrough(ctx context.Context, q Queryer, lang, scope string) ([][]string, error) {
	out := [][]string{timeToBreakthroughHeader}
	rows, err := q.QueryContext(ctx, firstBreakthrough, scope)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		rec := make([]string, len(timeToBreakthroughHeader))
		var lo, hi sql.NullInt64
		if err := rows.Scan(&rec[0], &rec[1], &rec[2], &rec[3], &rec[4], &lo, &hi, &rec[7]); err != nil {
			return nil, err
		}
		if lo.Valid && hi.Valid {
			rec[5], rec[6] = strconv.FormatInt(lo.Int64, 10), strconv.FormatInt(hi.Int64, 10)
		}
		if rec[7] != "" {
			rec[7] = text(lang, rec[7])
		}
		out = append(out, rec)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 1 {
		out = append(out, timelineNoteRow(timeToBreakthroughHeader, text(lang, "timelines.none")))
	}
	return out, nil
}

// scanScopeRow runs a one-row query for scope and scans its columns into dest.
func scanScopeRow(ctx context.Context, q Queryer, query, scope string, dest ...any) error {
	rows, err := q.QueryContext(ctx, query, scope)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return fmt.Errorf("no row")
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	return rows.Close()
}
