package data

import (
	"fmt"
	"slices"
	"time"
)

// phases of the chain of care, in the order a trajectory usually moves.
var phases = []string{
	"preventie", "straat/outreach", "wachtlijst", "opvang",
	"beschermd wonen", "eigen woning met ambulante begeleiding",
}

type event struct {
	id, kind, date, phase, desc string
	seq                         int
	moment                      []item // the CIMO codes of this intervention moment
}

// timelines invents the events of every case, all before the case's first
// interview.
func (d *design) timelines() {
	r := newRNG(2)
	for _, c := range d.cases {
		c.events = r.timeline(c)
	}
}

func (r *rng) timeline(c *caseFile) []*event {
	return r.events(c, r.between(6, 14))
}

// events invents the n events of case c, dated before its first interview.
func (r *rng) events(c *caseFile, n int) []*event {
	kinds := r.kinds(n)
	end := c.interviews[0].date.AddDate(0, 0, -r.between(7, 40))
	start := end.AddDate(0, 0, -r.between(240, 420))
	if first := day("2022-01-03"); start.Before(first) {
		start = first
	}
	days := make([]int, n)
	for i := range days {
		days[i] = r.IntN(int(end.Sub(start).Hours()/24) + 1)
	}
	slices.Sort(days)
	phase := r.weighted([]float64{0.12, 0.25, 0.35, 0.28})
	var prev time.Time
	events := make([]*event, n)
	for i := range events {
		from := phase
		if i > 0 {
			phase = r.move(phase, kinds[i])
		}
		e := &event{
			id:    fmt.Sprintf("%s-E%02d", c.id, i+1),
			seq:   i + 1,
			kind:  kinds[i],
			phase: phases[phase],
		}
		t := start.AddDate(0, 0, days[i])
		e.date, prev = r.fuzzy(t, prev)
		e.moment = r.moment(momentSpec{
			context:      bias{"C1": 4, "C2": 0.6, "C3": 0.5, "C4": 0.6},
			intervention: order(float64(i) / float64(n-1)),
			outcome:      bias{"O7": 0},
			kind:         e.kind,
			noC:          0.1, noM: 0.18, noO: 0.08, twoM: 0.22,
		})
		e.desc = r.describe(e, from, phase)
		events[i] = e
	}
	return events
}

// move steps a trajectory through the chain of care: mostly forward (a
// prevented eviction goes straight to the own home), back after some setbacks.
func (r *rng) move(phase int, kind string) int {
	last := len(phases) - 1
	switch {
	case kind == "setback":
		if phase > 1 && r.chance(0.4) {
			return phase - 1
		}
	case phase == 0:
		if kind == "breakthrough" && r.chance(0.5) {
			return last
		}
	default:
		if kind == "breakthrough" && r.chance(0.5) || r.chance(0.12) {
			return min(phase+1, last)
		}
	}
	return phase
}

// kinds makes most events activities, with one to three breakthroughs (more
// likely later on) and up to two setbacks. The first event is the start.
func (r *rng) kinds(n int) []string {
	kinds := make([]string, n)
	for i := range kinds {
		kinds[i] = "activity"
	}
	place := func(kind string, count int, late bool) {
		for ; count > 0; count-- {
			w := make([]float64, n)
			for i := 1; i < n; i++ {
				if kinds[i] == "activity" {
					w[i] = 1
					if late {
						w[i] = float64(i)
					}
				}
			}
			kinds[r.weighted(w)] = kind
		}
	}
	place("breakthrough", 1+r.weighted([]float64{0.45, 0.4, 0.15}), true)
	place("setback", r.weighted([]float64{0.35, 0.45, 0.2}), false)
	return kinds
}

// fuzzy writes t as a year, quarter, month or day, the way interviewees
// remember dates. The start of the written period never falls before the
// previous one's, so a case's dates are non-decreasing.
func (r *rng) fuzzy(t, prev time.Time) (string, time.Time) {
	q := (int(t.Month())-1)/3 + 1
	forms := []struct {
		text  string
		start time.Time
	}{
		{fmt.Sprint(t.Year()), time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)},
		{fmt.Sprintf("%d-Q%d", t.Year(), q), time.Date(t.Year(), time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC)},
		{t.Format("2006-01"), time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)},
		{t.Format(time.DateOnly), t},
	}
	f := forms[r.weighted([]float64{0.12, 0.2, 0.35, 0.33})]
	if f.start.Before(prev) {
		f = forms[3]
	}
	return f.text, f.start
}

// describe writes the event's short description: a move through the chain
// of care, else the kind of event or its main intervention.
func (r *rng) describe(e *event, from, to int) string {
	switch {
	case e.kind == "breakthrough" && to > from:
		return movedForward[to]
	case e.kind == "setback" && to < from:
		return movedBack[to]
	case e.kind == "breakthrough":
		return r.fill(r.pick(breakthroughs))
	case e.kind == "setback":
		return r.fill(r.pick(setbacks))
	}
	for _, it := range e.moment {
		if byID[it.code].dim == "I" {
			return r.fill(r.pick(activities[it.code]))
		}
	}
	return "Gesprek met begeleider"
}
