package reports

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/sync/errgroup"
)

// timelineScope is the common head of every timeline query: the scope's
// timelines and what its codings say of their events. Like the other tables
// it takes the scope as $1.
//
//   - tl_cases: the cases that the scope's codings touch (the case of a
//     coding's event, else its interview's case_id, as in codings);
//   - tl_events: every event of those cases, whichever work package coded it,
//     with its rank (1, 2, ... in the order of seq, then event_id) and the
//     number of events of its case;
//   - tl_categories: the distinct intervention categories coded, in the
//     scope, on segments that name the event.
const timelineScope = `
WITH tl_cases AS (
  SELECT DISTINCT case_id FROM codings
  WHERE ($1 = 'all' OR work_package = $1) AND case_id IS NOT NULL),
tl_events AS (
  SELECT e.case_id, e.event_id, e.seq, e.kind, e.date, e.date_from, e.date_to, e.phase,
         row_number() OVER (PARTITION BY e.case_id ORDER BY e.seq, e.event_id) AS rank,
         count(*) OVER (PARTITION BY e.case_id) AS events
  FROM events e JOIN tl_cases USING (case_id)),
tl_categories AS (
  SELECT DISTINCT event_id, category FROM codings
  WHERE dimension = 'I' AND event_id IS NOT NULL AND ($1 = 'all' OR work_package = $1)) `

// timelineEventsQuery lists the events of the scope's timelines in order, each
// with its categories in code order.
const timelineEventsQuery = timelineScope + `
SELECT e.case_id, e.event_id, e.kind, coalesce(e.date, ''), e.date_from, e.date_to, coalesce(e.phase, ''),
       coalesce(string_agg(c.category, ' ' ORDER BY c.category), '')
FROM tl_events e LEFT JOIN tl_categories c USING (event_id)
GROUP BY e.case_id, e.event_id, e.rank, e.kind, e.date, e.date_from, e.date_to, e.phase
ORDER BY e.case_id, e.rank`

// interventionCategories are the codebook's intervention categories, which
// fix the colours of the timeline figures for the whole study.
const interventionCategories = `
SELECT code, label FROM codes WHERE dimension = 'I' AND parent IS NULL ORDER BY code`

// Event kinds as the events table spells them.
const (
	kindActivity     = "activity"
	kindBreakthrough = "breakthrough"
	kindSetback      = "setback"
)

// A TimelineCategory is an intervention category as a figure names it.
type TimelineCategory struct{ Code, Label string }

// A TimelineEvent is one event of a case as its figure draws it.
type TimelineEvent struct {
	ID         string
	Kind       string    // activity, breakthrough or setback
	Date       string    // as written; "" when undated
	From, To   time.Time // first and last day the date may stand for (inclusive)
	Phase      string
	Categories []string // intervention category codes coded on the event, in code order
}

// Dated reports whether the event has a date.
func (e TimelineEvent) Dated() bool { return e.Date != "" }

// A Timeline is one case's events in order (seq, then event_id).
type Timeline struct {
	Case   string
	Events []TimelineEvent
}

// loadTimelines reads the scope's timelines, in case order.
func loadTimelines(ctx context.Context, q Queryer, scope string) ([]Timeline, error) {
	rows, err := q.QueryContext(ctx, timelineEventsQuery, scope)
	if err != nil {
		return nil, fmt.Errorf("timelines: %w", err)
	}
	defer rows.Close()
	var out []Timeline
	for rows.Next() {
		var (
			caseID, cats string
			e            TimelineEvent
			from, to     sql.NullTime
		)
		if err := rows.Scan(&caseID, &e.ID, &e.Kind, &e.Date, &from, &to, &e.Phase, &cats); err != nil {
			return nil, fmt.Errorf("timelines: %w", err)
		}
		e.From, e.To = from.Time, to.Time
		e.Categories = strings.Fields(cats)
		if len(out) == 0 || out[len(out)-1].Case != caseID {
			out = append(out, Timeline{Case: caseID})
		}
		out[len(out)-1].Events = append(out[len(out)-1].Events, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("timelines: %w", err)
	}
	return out, nil
}

// loadInterventionCategories reads the codebook's intervention categories in code order.
func loadInterventionCategories(ctx context.Context, q Queryer) ([]TimelineCategory, error) {
	rows, err := q.QueryContext(ctx, interventionCategories)
	if err != nil {
		return nil, fmt.Errorf("categories: %w", err)
	}
	defer rows.Close()
	var out []TimelineCategory
	for rows.Next() {
		var c TimelineCategory
		if err := rows.Scan(&c.Code, &c.Label); err != nil {
			return nil, fmt.Errorf("categories: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// timelineTables are the cross-case timeline tables of a scope, in order.
var timelineTables = []struct {
	file  string
	build func(ctx context.Context, q Queryer, lang, scope string) ([][]string, error)
}{
	{"category_order.csv", categoryOrder},
	{"category_order_w.csv", categoryOrderW},
	{"before_breakthrough.csv", beforeBreakthrough},
	{"time_to_breakthrough.csv", timeToBreakthrough},
	{"sequences.csv", sequences},
}

// WriteTimelines writes the scope's timeline tables into dir, and one figure
// per timeline into dir/figures/timelines/<case_id>.{png,svg}.
func WriteTimelines(ctx context.Context, q Queryer, lang string, sc Scope, dir string) error {
	return writeTimelines(ctx, q, lang, sc, math.MaxInt, dest{dir: dir, scope: sc.ID})
}

// writeTimelines writes the timeline tables, and figures for the first
// maxFigures timelines; the page says how many were left out.
func writeTimelines(ctx context.Context, q Queryer, lang string, sc Scope, maxFigures int, d dest) error {
	for _, t := range timelineTables {
		recs, err := t.build(ctx, q, lang, sc.ID)
		if err != nil {
			return fmt.Errorf("%s: %w", t.file, err)
		}
		if err := d.table(t.file, recs); err != nil {
			return err
		}
	}
	timelines, err := loadTimelines(ctx, q, sc.ID)
	if err != nil {
		return err
	}
	cats, err := loadInterventionCategories(ctx, q)
	if err != nil {
		return err
	}
	if len(timelines) > maxFigures {
		d.note("timelines", fmt.Sprintf(text(lang, "timeline.capped"), maxFigures, len(timelines)))
		timelines = timelines[:maxFigures]
	}
	figDir := d.sub("figures/timelines")
	names := map[string]bool{}
	figs := make([]TimelineFigure, len(timelines))
	files := make([]string, len(timelines))
	for i, tl := range timelines {
		files[i] = figureName(tl.Case, names)
		figs[i] = TimelineFigure{
			Title:      text(lang, "timeline.title") + " " + tl.Case,
			Language:   lang,
			Events:     tl.Events,
			Categories: cats,
		}
	}
	// Each figure is drawn on its own CPU: they share nothing but the
	// read-only categories and fonts, and each file's bytes depend only on
	// its figure, so the order they finish in changes nothing.
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range figs {
		g.Go(func() error {
			f, err := d.timelines.render(figs[i])
			if err == nil {
				err = f.write(figDir, files[i])
			}
			if err != nil {
				return fmt.Errorf("timeline of %s: %w", timelines[i].Case, err)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	for i, tl := range timelines {
		d.figure(reportFigure{name: "figures/timelines/" + files[i], section: "timelines", title: figs[i].Title + " — " + scopeName(lang, sc),
			caption: text(lang, "figure.timeline"), ns: []unitCount{{"events", len(tl.Events)}}})
	}
	return nil
}

// figureName is the file name of a case's figure: the case id, with every
// character other than a letter, digit, '-', '_' or '.' replaced by '_' so
// that no id can name a path; should two ids end up the same, the later one
// (in case order) gets _2, _3, ... taken names are recorded in taken.
func figureName(caseID string, taken map[string]bool) string {
	base := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.' {
			return r
		}
		return '_'
	}, caseID)
	if strings.Trim(base, ".") == "" {
		base = strings.Repeat("_", max(len(base), 1))
	}
	name := base
	for i := 2; taken[name]; i++ {
		name = base + "_" + strconv.Itoa(i)
	}
	taken[name] = true
	return name
}

// timelineNoteRow is a table's row that only carries a note: every other cell empty.
func timelineNoteRow(header []string, note string) []string {
	rec := make([]string, len(header))
	rec[len(rec)-1] = note
	return rec
}
