package reports

import (
	"bytes"
	"html"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustDay(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// handTimeline is the golden timeline: fuzzy dates of every form, undated
// events between and after dated ones, every kind, a run of events without a
// phase between phased ones, two categories on one event, and Dutch
// diacritics in the title, a phase and the category labels.
var handTimeline = TimelineFigure{
	Title:    "Tijdlijn Zoë-01 — WP2",
	Language: "nl",
	Events: []TimelineEvent{
		{ID: "E1", Kind: kindActivity, Date: "2023", From: mustDay("2023-01-01"), To: mustDay("2023-12-31"), Phase: "wachtlijst", Categories: []string{"I1"}},
		{ID: "E2", Kind: kindActivity, Phase: "wachtlijst", Categories: []string{"I1", "I2"}},
		{ID: "E3", Kind: kindBreakthrough, Date: "2023-03-14", From: mustDay("2023-03-14"), To: mustDay("2023-03-14"), Phase: "opvang in één ruimte", Categories: []string{"I3"}},
		{ID: "E4", Kind: kindSetback, Date: "2023-Q2", From: mustDay("2023-04-01"), To: mustDay("2023-06-30"), Phase: "opvang in één ruimte"},
		{ID: "E5", Kind: kindActivity, Date: "2023-05", From: mustDay("2023-05-01"), To: mustDay("2023-05-31"), Categories: []string{"I2"}},
		{ID: "E6", Kind: kindBreakthrough, Phase: "eigen woning met ambulante begeleiding", Categories: []string{"I8"}},
	},
	Categories: []TimelineCategory{
		{"I1", "Aandacht voor randvoorwaarden"},
		{"I2", "Creëren basisvoorwaarden"},
		{"I3", "Bewustwording van het netwerk bevorderen"},
		{"I4", "Netwerk vergroten en begrenzen"},
		{"I8", "Sociale vaardigheden en naïeve ideeën over contact, met een label dat te lang is voor één regel"},
	},
}

// writeTimeline writes f into a fresh directory and returns its PNG and SVG.
func writeTimeline(t *testing.T, f TimelineFigure) (pngData, svgData []byte) {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, WriteTimelineFigure(f, dir, "fig"))
	pngData, err := os.ReadFile(filepath.Join(dir, "fig.png"))
	require.NoError(t, err)
	svgData, err = os.ReadFile(filepath.Join(dir, "fig.svg"))
	require.NoError(t, err)
	return pngData, svgData
}

func TestTimelineFigureGolden(t *testing.T) {
	pngData, svgData := writeTimeline(t, handTimeline)
	t.Run("svg", func(t *testing.T) { checkGolden(t, "figures/timeline.svg", svgData) })
	t.Run("png", func(t *testing.T) { checkGoldenPNG(t, "figures/timeline.png", pngData) })
}

func TestTimelineFigureText(t *testing.T) {
	pngData, svgData := writeTimeline(t, handTimeline)
	svg := string(svgData)
	requireXML(t, svgData)
	cfg, err := png.DecodeConfig(bytes.NewReader(pngData))
	require.NoError(t, err)
	assert.Equal(t, 1890, cfg.Width, "16 cm at 300 dpi")

	// Diacritics as real UTF-8 text.
	for _, s := range []string{"Zoë", "één", "Creëren", "naïeve", "ideeën"} {
		assert.Contains(t, svg, s)
	}
	want := []string{
		handTimeline.Title,
		// Event labels, the undated ones marked.
		"E1 · 2023", "E2 · geen datum", "E3 · 2023-03-14", "E4 · 2023-Q2", "E5 · 2023-05", "E6 · geen datum",
		// Phase headings, and the one for events without a phase.
		"wachtlijst", "opvang in één ruimte", "fase niet gegeven", "eigen woning met ambulante begeleiding",
		// The columns: the categories coded on the timeline, in code order.
		"I1", "I2", "I3", "I8",
		// Legend and axis.
		"activiteit", "doorbraak", "terugval", "geen datum: op volgorde geplaatst", "datumbereik",
		"I1 Aandacht voor randvoorwaarden", "I2 Creëren basisvoorwaarden",
		text("nl", "timeline.axis"),
		// Date ticks: the figure spans 2023 and a little more.
		"2023-01", "2023-04", "2023-07", "2023-10", "2024-01",
	}
	for _, s := range want {
		assert.Contains(t, svg, ">"+html.EscapeString(s)+"</text>")
	}
	// A category not coded on the timeline is neither a column nor in the legend.
	assert.NotContains(t, svg, ">I4")
	assert.NotContains(t, svg, "Netwerk vergroten")
	// The long label wraps onto lines of its own.
	long := "I8 " + handTimeline.Categories[4].Label
	assert.NotContains(t, svg, ">"+long+"</text>")
	assert.Contains(t, svg, ">I8 Sociale vaardigheden")
}

// eventPositions follows the rule of TimelineFigure. Day numbers count from
// 1970-01-01: 2023-01-01 is day 19358 (1672531200 s / 86400).
func TestEventPositions(t *testing.T) {
	xs, dated := eventPositions(handTimeline.Events)
	require.True(t, dated)
	const jan1 = 19358.0
	e1 := jan1 + 365.0/2            // 2023: Jan 1 to the end of Dec 31, 365 days
	e3 := jan1 + 31 + 28 + 13 + 0.5 // 2023-03-14: the middle of that day
	e4 := jan1 + 90 + 91.0/2        // 2023-Q2: Apr 1 (day 90 of the year) for 91 days
	e5 := jan1 + 90 + 30 + 31.0/2   // 2023-05: May 1 for 31 days
	e2 := e1 + (e3-e1)*1/2          // undated, rank 2 between ranks 1 and 3
	e6 := e5                        // undated after the last dated event: at it
	assert.Equal(t, []float64{e1, e2, e3, e4, e5, e6}, xs)

	// Before the first dated event, and between two dated events two ranks apart.
	xs, _ = eventPositions([]TimelineEvent{
		{ID: "a"},
		{ID: "b", Date: "2023-01-01", From: mustDay("2023-01-01"), To: mustDay("2023-01-01")},
		{ID: "c"},
		{ID: "d"},
		{ID: "e", Date: "2023-01-04", From: mustDay("2023-01-04"), To: mustDay("2023-01-04")},
	})
	assert.Equal(t, []float64{jan1 + 0.5, jan1 + 0.5, jan1 + 1.5, jan1 + 2.5, jan1 + 3.5}, xs)

	// No date at all: every event at its rank.
	xs, dated = eventPositions([]TimelineEvent{{ID: "a"}, {ID: "b"}, {ID: "c"}})
	assert.False(t, dated)
	assert.Equal(t, []float64{1, 2, 3}, xs)
}

func TestDateTicks(t *testing.T) {
	days := func(s string) float64 { return dayNumber(mustDay(s)) }
	tests := []struct {
		lo, hi string
		want   string
	}{
		{"2023-01-01", "2023-03-14", "2023-01 2023-02 2023-03"},
		{"2023-01-02", "2023-03-01", "2023-02 2023-03"}, // a tick before lo is left out; one on hi is kept
		// Monthly and two-monthly would give 13 and 7 ticks: quarterly.
		{"2022-12-15", "2024-01-10", "2023-01 2023-04 2023-07 2023-10 2024-01"},
		{"2019-06-01", "2024-02-01", "2020 2021 2022 2023 2024"},
		{"2001-03-01", "2030-01-01", "2005 2010 2015 2020 2025 2030"},
		// One month start at most: ticks on days, weekly from 1970-01-01
		// (2023-03-04 is day 19420; 19425 = 7 * 2775 is 2023-03-09).
		{"2023-03-04", "2023-03-25", "2023-03-09 2023-03-16 2023-03-23"},
		{"2023-03-30", "2023-04-02", "2023-03-30 2023-03-31 2023-04-01 2023-04-02"},
	}
	for _, tt := range tests {
		var got []string
		for _, tick := range dateTicks(days(tt.lo), days(tt.hi)) {
			got = append(got, tick.Label)
		}
		assert.Equal(t, tt.want, strings.Join(got, " "), "%s to %s", tt.lo, tt.hi)
	}
}

func TestTimelineRows(t *testing.T) {
	rows, bands := timelineRows(handTimeline)
	var got []string
	for _, r := range rows {
		if r.event < 0 {
			got = append(got, "["+r.phase+"]")
		} else {
			got = append(got, handTimeline.Events[r.event].ID)
		}
	}
	assert.Equal(t, []string{"[wachtlijst]", "E1", "E2", "[opvang in één ruimte]", "E3", "E4",
		"[fase niet gegeven]", "E5", "[eigen woning met ambulante begeleiding]", "E6"}, got)
	assert.Equal(t, 4, bands)

	// Without any phase: no headings and no bands.
	rows, bands = timelineRows(TimelineFigure{Events: []TimelineEvent{{ID: "a"}, {ID: "b"}}})
	assert.Equal(t, []timelineRow{{event: 0, band: -1}, {event: 1, band: -1}}, rows)
	assert.Zero(t, bands)
}

func TestTimelineFigureDegenerate(t *testing.T) {
	cats := handTimeline.Categories
	tests := []struct {
		name string
		f    TimelineFigure
	}{
		{"no events", TimelineFigure{Title: "Leeg", Language: "nl", Categories: cats}},
		{"one undated event", TimelineFigure{Title: "Eén", Language: "nl", Events: []TimelineEvent{{ID: "a", Kind: kindSetback}}}},
		{"no dates, no phases, no categories", TimelineFigure{Language: "en", Events: []TimelineEvent{
			{ID: "a", Kind: kindActivity}, {ID: "b", Kind: kindBreakthrough}, {ID: "c", Kind: kindSetback}}}},
		{"one day only", TimelineFigure{Language: "en", Events: []TimelineEvent{
			{ID: "a", Kind: kindActivity, Date: "2023-03-14", From: mustDay("2023-03-14"), To: mustDay("2023-03-14"), Categories: []string{"I9"}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pngData, svgData := writeTimeline(t, tt.f)
			_, err := png.Decode(bytes.NewReader(pngData))
			require.NoError(t, err)
			requireXML(t, svgData)
			for _, e := range tt.f.Events {
				assert.Contains(t, string(svgData), ">"+e.ID+" · ")
			}
		})
	}
}

func TestTimelineFigureErrors(t *testing.T) {
	backwards := TimelineFigure{Language: "en", Events: []TimelineEvent{
		{ID: "x", Kind: kindActivity, Date: "?", From: mustDay("2023-03-14"), To: mustDay("2023-03-01")}}}
	tests := []struct {
		name, fig string
		f         TimelineFigure
		wantErr   string
	}{
		{"name with a slash", "K1/x", handTimeline, "figure K1/x: name must be a plain file name"},
		{"empty name", "", handTimeline, "figure : name must be a plain file name"},
		{"date ends before it starts", "K1", backwards, "figure K1: event x: date ends before it starts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.EqualError(t, WriteTimelineFigure(tt.f, t.TempDir(), tt.fig), tt.wantErr)
		})
	}
}

func TestTimelineFigureDeterministic(t *testing.T) {
	png1, svg1 := writeTimeline(t, handTimeline)
	png2, svg2 := writeTimeline(t, handTimeline)
	assert.True(t, bytes.Equal(png1, png2), "PNG differs between runs")
	assert.True(t, bytes.Equal(svg1, svg2), "SVG differs between runs")
}
