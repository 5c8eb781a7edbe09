package reports

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"time"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	plottext "gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// TimelineFigure is one case's timeline as a figure: one row per event, in
// order from top to bottom, on a horizontal time axis.
//
//   - A dated event is a bar from the first to the last day its date may
//     stand for ("2023-Q2" spans April to June), with its marker in the
//     middle; a day's date is a marker alone.
//   - An undated event has a hollow marker and "no date" in its label. It is
//     placed by its order: on the straight line between the markers of the
//     nearest dated events before and after it, in proportion to its rank
//     between theirs; with a dated event on one side only, at that event's
//     marker; in a timeline without any date every event is placed at its
//     rank and the axis says so.
//   - The marker's shape is the event's kind: circle (activity), triangle
//     up (breakthrough), triangle down (setback).
//   - Consecutive events in the same phase share a shaded band headed by the
//     phase's name.
//   - Right of the time axis, one column per intervention category coded on
//     the timeline, with a dot in the category's colour on every event coded
//     with it; the legend names the categories.
type TimelineFigure struct {
	Title      string
	Language   string             // nl or en, for the legend and the axis
	Events     []TimelineEvent    // in order
	Categories []TimelineCategory // every intervention category of the codebook: fixes the colours
}

// Timeline layout: see the figure layout in figures.go.
const (
	timelineRowHeight  = 5.2 * vg.Millimeter
	timelineLabelSize  = 8.5
	timelineTickSize   = 8
	timelineLegendSize = 8.5

	timelineMarkerRadius = 1.5 * vg.Millimeter
	timelineCapHeight    = 1.1 * vg.Millimeter
	timelineDotRadius    = 1.3 * vg.Millimeter
	timelineColumnWidth  = 6 * vg.Millimeter
	timelineColumnGap    = 3 * vg.Millimeter // between the time axis and the category columns
	timelineHeaderGap    = 1.5 * vg.Millimeter
	timelineLegendGap    = 4 * vg.Millimeter
	timelineLegendRow    = 1.5 * vg.Millimeter // space between legend lines
	timelineLegendSwatch = 5 * vg.Millimeter   // room for a legend symbol
	timelineLegendSpace  = 4 * vg.Millimeter   // between entries on one line

	maxDateTicks       = 6
	maxDayTicks        = 4
	timelineDaySeconds = 24 * 60 * 60
)

var (
	timelineBandColors   = []color.Color{color.RGBA{0xe9, 0xed, 0xf2, 0xff}, color.RGBA{0xf6, 0xf7, 0xf9, 0xff}}
	timelineMarkerColor  = color.Gray{Y: 0x1a}
	timelineWhiskerColor = color.Gray{Y: 0x55}
	timelineGuideColor   = color.Gray{Y: 0xd4}
	timelinePhaseColor   = color.Gray{Y: 0x40}

	timelineItalicFont = font.Font{Typeface: "Liberation", Variant: "Sans", Style: xfont.StyleItalic}
)

// WriteTimelineFigure draws f and writes dir/name.png (300 dpi) and
// dir/name.svg, as WriteBarChart does.
func WriteTimelineFigure(f TimelineFigure, dir, name string) error {
	if err := writeTimelineFigure(f, dir, name); err != nil {
		return fmt.Errorf("figure %s: %w", name, err)
	}
	return nil
}

func writeTimelineFigure(f TimelineFigure, dir, name string) error {
	if !filepath.IsLocal(name) || filepath.Base(name) != name {
		return errors.New("name must be a plain file name")
	}
	files, err := renderTimelineFigure(f)
	if err != nil {
		return err
	}
	return files.write(dir, name)
}

// renderTimelineFigure draws f as PNG, SVG and PDF.
func renderTimelineFigure(f TimelineFigure) (figureFiles, error) {
	for _, e := range f.Events {
		if e.Dated() && e.To.Before(e.From) {
			return figureFiles{}, fmt.Errorf("event %s: date ends before it starts", e.ID)
		}
	}
	lay := newTimelineLayout(f)
	return renderFigureFiles(figureWidth, lay.height, func(c figureCanvas) ([]byte, error) { return renderTimeline(lay, c) })
}

// timelineRow is one row of the figure: a phase's heading or an event.
type timelineRow struct {
	phase string // the heading's text; "" for an event row
	event int    // index into the events; -1 for a heading
	band  int    // the phase band the row belongs to; -1 when phases are not shown
}

// timelineLayout is everything measured before drawing.
type timelineLayout struct {
	f        TimelineFigure
	rows     []timelineRow
	bands    int
	xs       []float64 // each event's marker on the x axis
	columns  []int     // indexes into f.Categories shown as columns
	plot     *plot.Plot
	title    string
	titleH   vg.Length
	headerH  vg.Length // the category codes above the columns
	columnsW vg.Length // the columns and their gap
	plotH    vg.Length
	legend   timelineLegend
	height   vg.Length
}

func newTimelineLayout(f TimelineFigure) *timelineLayout {
	lay := &timelineLayout{f: f}
	lay.rows, lay.bands = timelineRows(f)
	lay.columns = usedCategories(f)

	titleStyle := figureStyle(figureBoldFont, figureTitleSize)
	lay.title = wrapText(titleStyle, f.Title, figureWidth-2*figureInset)
	if lay.title != "" {
		lay.titleH = titleStyle.Height(lay.title) + 3*vg.Millimeter
	}
	if len(lay.columns) > 0 {
		lay.headerH = figureStyle(figureFont, timelineTickSize).Height("I") + timelineHeaderGap
		lay.columnsW = timelineColumnGap + vg.Length(len(lay.columns))*timelineColumnWidth
	}

	var dated bool
	lay.xs, dated = eventPositions(f.Events)
	lay.plot = newTimelinePlot(lay, dated)

	// The plot's height is its axis and margins, measured on a probe
	// canvas, plus one row height per row.
	n := vg.Length(max(len(lay.rows), 1))
	probeH := n*timelineRowHeight + 20*vg.Centimeter
	probe := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: figureWidth - 2*figureInset - lay.columnsW, Y: probeH}}}
	lay.plotH = probeH - lay.plot.DataCanvas(probe).Size().Y + n*timelineRowHeight

	lay.legend = newTimelineLegend(f, lay.columns, figureWidth-2*figureInset)
	lay.height = 2*figureInset + lay.titleH + lay.headerH + lay.plotH + timelineLegendGap + lay.legend.height
	return lay
}

// timelineRows lays out the rows: events in order, each run of events with
// the same phase headed by the phase's name. Without any phase there are no
// headings.
func timelineRows(f TimelineFigure) ([]timelineRow, int) {
	phased := slices.ContainsFunc(f.Events, func(e TimelineEvent) bool { return e.Phase != "" })
	var rows []timelineRow
	bands := 0
	for i, e := range f.Events {
		if !phased {
			rows = append(rows, timelineRow{event: i, band: -1})
			continue
		}
		if i == 0 || e.Phase != f.Events[i-1].Phase {
			name := e.Phase
			if name == "" {
				name = text(f.Language, "timeline.nophase")
			}
			rows = append(rows, timelineRow{phase: name, event: -1, band: bands})
			bands++
		}
		rows = append(rows, timelineRow{event: i, band: bands - 1})
	}
	return rows, bands
}

// usedCategories are the indexes of the categories coded on any event, in
// code order; a code missing from f.Categories gets no column.
func usedCategories(f TimelineFigure) []int {
	var out []int
	for i, c := range f.Categories {
		if slices.ContainsFunc(f.Events, func(e TimelineEvent) bool { return slices.Contains(e.Categories, c.Code) }) {
			out = append(out, i)
		}
	}
	return out
}

// dayNumber is t as days since 1970-01-01, the figure's x unit.
func dayNumber(t time.Time) float64 { return float64(t.Unix()) / timelineDaySeconds }

// eventSpan is the x extent of a dated event: from its first day to the end
// of its last.
func eventSpan(e TimelineEvent) (lo, hi float64) { return dayNumber(e.From), dayNumber(e.To) + 1 }

// eventPositions places each event's marker (see TimelineFigure) and says
// whether any event is dated.
func eventPositions(events []TimelineEvent) ([]float64, bool) {
	xs := make([]float64, len(events))
	var dated []int
	for i, e := range events {
		if e.Dated() {
			lo, hi := eventSpan(e)
			xs[i] = (lo + hi) / 2
			dated = append(dated, i)
		}
	}
	if len(dated) == 0 {
		for i := range xs {
			xs[i] = float64(i + 1)
		}
		return xs, false
	}
	for i, e := range events {
		if e.Dated() {
			continue
		}
		// The nearest dated events before and after i.
		after, _ := slices.BinarySearch(dated, i)
		switch {
		case after == 0:
			xs[i] = xs[dated[0]]
		case after == len(dated):
			xs[i] = xs[dated[len(dated)-1]]
		default:
			a, b := dated[after-1], dated[after]
			xs[i] = xs[a] + (xs[b]-xs[a])*float64(i-a)/float64(b-a)
		}
	}
	return xs, true
}

// newTimelinePlot sets up the axes and the plotters of the time area.
func newTimelinePlot(lay *timelineLayout, dated bool) *plot.Plot {
	f := lay.f
	p := plot.New()
	n := len(lay.rows)
	timelineRowY := func(i int) float64 { return float64(n - 1 - i) }

	var ticks plot.ConstantTicks
	for i, r := range lay.rows {
		if r.event < 0 {
			continue
		}
		e := f.Events[r.event]
		date := e.Date
		if !e.Dated() {
			date = text(f.Language, "timeline.nodate")
		}
		ticks = append(ticks, plot.Tick{Value: timelineRowY(i), Label: e.ID + " · " + date})
	}
	p.Y.Min, p.Y.Max = -0.5, math.Max(float64(n), 1)-0.5
	p.Y.Tick.Marker = ticks
	p.Y.Tick.Label = figureStyle(figureFont, timelineLabelSize)
	p.Y.Tick.Label.XAlign = draw.XRight
	p.Y.Tick.Label.YAlign = draw.YCenter
	p.Y.Tick.Length = 0
	p.Y.Tick.Width = 0
	p.Y.Width = 0
	p.Y.Padding = 1.5 * vg.Millimeter

	p.X.Tick.Label = figureStyle(figureFont, timelineTickSize)
	p.X.Tick.Label.XAlign = draw.XCenter
	p.X.Tick.Label.YAlign = draw.YTop
	p.X.Tick.Length = 1 * vg.Millimeter
	p.X.Padding = 1 * vg.Millimeter
	p.X.Label.TextStyle = figureStyle(figureFont, timelineLabelSize)
	p.X.Label.TextStyle.XAlign = draw.XCenter
	p.X.Label.TextStyle.YAlign = draw.YBottom
	p.X.Label.Padding = 1 * vg.Millimeter
	if dated {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, e := range f.Events {
			if e.Dated() {
				a, b := eventSpan(e)
				lo, hi = min(lo, a), max(hi, b)
			}
		}
		pad := max((hi-lo)*0.04, 10)
		p.X.Min, p.X.Max = lo-pad, hi+pad
		p.X.Tick.Marker = dateTicks(p.X.Min, p.X.Max)
		p.X.Label.Text = text(f.Language, "timeline.axis")
	} else {
		p.X.Min, p.X.Max = 0.5, math.Max(float64(len(f.Events)), 1)+0.5
		p.X.Tick.Marker = plot.ConstantTicks{}
		p.X.Label.Text = text(f.Language, "timeline.axis.order")
	}

	grid := plotter.NewGrid()
	grid.Horizontal.Color = nil
	grid.Vertical.Color = timelineGuideColor
	grid.Vertical.Width = 0.4
	p.Add(&timelineBands{lay: lay}, grid, &timelineHeadings{lay: lay}, &timelineEvents{lay: lay}, &timelineColumns{lay: lay})
	return p
}

// dateTicks puts ticks on the first day of months between lo and hi (day
// numbers): every 1, 2, 3 or 6 months or every 1, 2, 5, 10, 20, 50 or 100
// years, the smallest step that gives at most maxDateTicks ticks. Steps
// count from January of year 0, so that a 3-month step ticks the quarters.
// Labels read 2023-04, or 2023 for steps of whole years. A span too short
// for two month ticks gets ticks on days instead (see dayTicks).
func dateTicks(lo, hi float64) plot.ConstantTicks {
	month := func(x float64) int {
		t := time.Unix(int64(math.Floor(x))*timelineDaySeconds, 0).UTC()
		return t.Year()*12 + int(t.Month()) - 1
	}
	var ticks plot.ConstantTicks
	for _, step := range []int{1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200} {
		ticks = nil
		for m := month(lo) / step * step; m <= month(hi); m += step {
			t := time.Date(m/12, time.Month(m%12+1), 1, 0, 0, 0, 0, time.UTC)
			if x := dayNumber(t); x >= lo && x <= hi {
				label := t.Format("2006-01")
				if step >= 12 {
					label = t.Format("2006")
				}
				ticks = append(ticks, plot.Tick{Value: x, Label: label})
			}
		}
		if len(ticks) <= maxDateTicks {
			break
		}
	}
	if len(ticks) < 2 {
		return dayTicks(lo, hi)
	}
	return ticks
}

// dayTicks puts ticks on days between lo and hi: every 1, 2, 7 or 14 days
// (counted from 1970-01-01), the smallest step that gives at most
// maxDayTicks, labelled 2023-03-14; the labels are wider than a month's.
func dayTicks(lo, hi float64) plot.ConstantTicks {
	var ticks plot.ConstantTicks
	for _, step := range []float64{1, 2, 7, 14} {
		ticks = nil
		for x := math.Ceil(lo/step) * step; x <= hi; x += step {
			label := time.Unix(int64(x)*timelineDaySeconds, 0).UTC().Format(time.DateOnly)
			ticks = append(ticks, plot.Tick{Value: x, Label: label})
		}
		if len(ticks) <= maxDayTicks {
			break
		}
	}
	return ticks
}

// timelineRowY is the vertical centre of row i of n on the data canvas c: rows run
// from the top, row i at y = n-1-i.
func timelineRowY(c draw.Canvas, p *plot.Plot, n, i int) vg.Length {
	return c.Y(p.Y.Norm(float64(n - 1 - i)))
}

// timelineRowHalf is half a row's height on c.
func timelineRowHalf(c draw.Canvas, p *plot.Plot) vg.Length {
	return (c.Y(p.Y.Norm(1)) - c.Y(p.Y.Norm(0))) / 2
}

// timelineBands shades each phase's rows, across the time area and the
// category columns.
type timelineBands struct{ lay *timelineLayout }

func (b *timelineBands) Plot(c draw.Canvas, p *plot.Plot) {
	lay := b.lay
	n := len(lay.rows)
	right := c.Max.X + lay.columnsW
	for i := 0; i < n; {
		j := i
		for j < n && lay.rows[j].band == lay.rows[i].band {
			j++
		}
		if band := lay.rows[i].band; band >= 0 {
			top, bottom := timelineRowY(c, p, n, i)+timelineRowHalf(c, p), timelineRowY(c, p, n, j-1)-timelineRowHalf(c, p)
			fillTimelineRect(c, timelineBandColors[band%len(timelineBandColors)], c.Min.X, bottom, right, top)
		}
		i = j
	}
}

// timelineHeadings writes each phase's name in its heading row, over the
// grid, on a patch of its band's colour so that no grid line runs through
// the text.
type timelineHeadings struct{ lay *timelineLayout }

func (h *timelineHeadings) Plot(c draw.Canvas, p *plot.Plot) {
	lay := h.lay
	sty := figureStyle(timelineItalicFont, timelineLabelSize)
	sty.Color = timelinePhaseColor
	sty.XAlign = draw.XLeft
	sty.YAlign = draw.YCenter
	n := len(lay.rows)
	for i, r := range lay.rows {
		if r.event >= 0 {
			continue
		}
		x, y := c.Min.X+1.5*vg.Millimeter, timelineRowY(c, p, n, i)
		half := sty.Height(r.phase) / 2
		pad := 0.8 * vg.Millimeter
		fillTimelineRect(c, timelineBandColors[r.band%len(timelineBandColors)], x-pad, y-half, x+sty.Width(r.phase)+pad, y+half)
		c.FillText(sty, vg.Point{X: x, Y: y}, r.phase)
	}
}

// fillTimelineRect fills the rectangle from (x0, y0) to (x1, y1) with clr.
func fillTimelineRect(c draw.Canvas, clr color.Color, x0, y0, x1, y1 vg.Length) {
	c.FillPolygon(clr, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
}

// timelineEvents draws each event's bar and marker.
type timelineEvents struct{ lay *timelineLayout }

func (t *timelineEvents) Plot(c draw.Canvas, p *plot.Plot) {
	lay := t.lay
	n := len(lay.rows)
	line := draw.LineStyle{Color: timelineWhiskerColor, Width: 1}
	for i, r := range lay.rows {
		if r.event < 0 {
			continue
		}
		e := lay.f.Events[r.event]
		y := timelineRowY(c, p, n, i)
		if e.Dated() {
			lo, hi := eventSpan(e)
			x0, x1 := c.X(p.X.Norm(lo)), c.X(p.X.Norm(hi))
			c.StrokeLine2(line, x0, y, x1, y)
			c.StrokeLine2(line, x0, y-timelineCapHeight, x0, y+timelineCapHeight)
			c.StrokeLine2(line, x1, y-timelineCapHeight, x1, y+timelineCapHeight)
		}
		drawEventMarker(c, vg.Point{X: c.X(p.X.Norm(lay.xs[r.event])), Y: y}, e.Kind, e.Dated())
	}
}

// drawEventMarker draws the marker of an event of kind at pt: filled when
// dated, hollow when not.
func drawEventMarker(c draw.Canvas, pt vg.Point, kind string, dated bool) {
	r := timelineMarkerRadius
	var path vg.Path
	switch kind {
	case kindBreakthrough, kindSetback:
		r *= 1.25 // a triangle looks smaller than a circle of the same radius
		dir := vg.Length(1)
		if kind == kindSetback {
			dir = -1
		}
		// An equilateral triangle around a circle of radius r, moved by
		// r/4 so that its box, not its centroid, is centred on pt.
		h := r * vg.Length(math.Sqrt(3)) / 2
		y := pt.Y - dir*r/4
		path.Move(vg.Point{X: pt.X, Y: y + dir*r})
		path.Line(vg.Point{X: pt.X - h, Y: y - dir*r/2})
		path.Line(vg.Point{X: pt.X + h, Y: y - dir*r/2})
		path.Close()
	default:
		path.Move(vg.Point{X: pt.X + r, Y: pt.Y})
		path.Arc(pt, r, 0, 2*math.Pi)
		path.Close()
	}
	if dated {
		c.SetColor(timelineMarkerColor)
		c.Fill(path)
		return
	}
	c.SetColor(color.White)
	c.Fill(path)
	c.SetLineStyle(draw.LineStyle{Color: timelineMarkerColor, Width: 0.9})
	c.Stroke(path)
}

// timelineColumns draws the category columns right of the time area: the
// codes above them, a guide line, and a dot on every event coded with the
// category.
type timelineColumns struct{ lay *timelineLayout }

func (t *timelineColumns) Plot(c draw.Canvas, p *plot.Plot) {
	lay := t.lay
	n := len(lay.rows)
	code := figureStyle(figureFont, timelineTickSize)
	code.XAlign = draw.XCenter
	code.YAlign = draw.YBottom
	for k, ci := range lay.columns {
		cat := lay.f.Categories[ci]
		x := c.Max.X + timelineColumnGap + (vg.Length(k)+0.5)*timelineColumnWidth
		c.StrokeLine2(draw.LineStyle{Color: timelineGuideColor, Width: 0.4}, x, c.Min.Y, x, c.Max.Y)
		c.FillText(code, vg.Point{X: x, Y: c.Max.Y + timelineHeaderGap}, cat.Code)
		for i, r := range lay.rows {
			if r.event >= 0 && slices.Contains(lay.f.Events[r.event].Categories, cat.Code) {
				drawCategoryDot(c, vg.Point{X: x, Y: timelineRowY(c, p, n, i)}, ci)
			}
		}
	}
}

// drawCategoryDot draws the dot of the i-th category at pt, outlined so that
// the light colours stand out from the bands.
func drawCategoryDot(c draw.Canvas, pt vg.Point, i int) {
	var path vg.Path
	path.Move(vg.Point{X: pt.X + timelineDotRadius, Y: pt.Y})
	path.Arc(pt, timelineDotRadius, 0, 2*math.Pi)
	path.Close()
	c.SetColor(categoryColor(i))
	c.Fill(path)
	c.SetLineStyle(draw.LineStyle{Color: color.Gray{Y: 0x30}, Width: 0.4})
	c.Stroke(path)
}

// timelineLegend is the key below the plot: the event kinds and symbols on
// flowing lines, then the categories of the columns, two to a line.
type timelineLegend struct {
	symbols    []timelineLegendEntry
	categories []timelineLegendEntry
	empty      string // said instead of the categories when there are none
	lines      [][]timelineLegendEntry
	height     vg.Length
	style      plottext.Style
}

type timelineLegendEntry struct {
	label string
	width vg.Length // the label's width
	draw  func(c draw.Canvas, at vg.Point)
}

func newTimelineLegend(f TimelineFigure, columns []int, width vg.Length) timelineLegend {
	lang := f.Language
	l := timelineLegend{style: figureStyle(figureFont, timelineLegendSize)}
	l.style.XAlign = draw.XLeft
	l.style.YAlign = draw.YCenter
	marker := func(kind string, dated bool) func(draw.Canvas, vg.Point) {
		return func(c draw.Canvas, at vg.Point) { drawEventMarker(c, at, kind, dated) }
	}
	l.symbols = []timelineLegendEntry{
		{label: text(lang, "kind.activity"), draw: marker(kindActivity, true)},
		{label: text(lang, "kind.breakthrough"), draw: marker(kindBreakthrough, true)},
		{label: text(lang, "kind.setback"), draw: marker(kindSetback, true)},
		{label: text(lang, "timeline.undated"), draw: marker(kindActivity, false)},
		{label: text(lang, "timeline.range"), draw: func(c draw.Canvas, at vg.Point) {
			line := draw.LineStyle{Color: timelineWhiskerColor, Width: 1}
			x0, x1 := at.X-2*vg.Millimeter, at.X+2*vg.Millimeter
			c.StrokeLine2(line, x0, at.Y, x1, at.Y)
			c.StrokeLine2(line, x0, at.Y-timelineCapHeight, x0, at.Y+timelineCapHeight)
			c.StrokeLine2(line, x1, at.Y-timelineCapHeight, x1, at.Y+timelineCapHeight)
		}},
	}
	lineH := l.style.Height("Ég") + timelineLegendRow
	var line []timelineLegendEntry
	used := vg.Length(0)
	for _, e := range l.symbols {
		e.width = l.style.Width(e.label)
		w := timelineLegendSwatch + e.width
		if len(line) > 0 && used+timelineLegendSpace+w > width {
			l.lines = append(l.lines, line)
			line, used = nil, 0
		}
		if len(line) > 0 {
			used += timelineLegendSpace
		}
		line = append(line, e)
		used += w
	}
	l.lines = append(l.lines, line)
	l.height = vg.Length(len(l.lines)) * lineH

	if len(columns) == 0 {
		l.empty = text(lang, "timeline.nocategories")
		l.height += lineH
		return l
	}
	l.height += timelineLegendRow // a little air between symbols and categories
	colW := width / 2
	for k, ci := range columns {
		cat := f.Categories[ci]
		label := wrapText(l.style, cat.Code+" "+cat.Label, colW-timelineLegendSwatch-timelineLegendSpace)
		l.categories = append(l.categories, timelineLegendEntry{label: label, width: l.style.Width(label),
			draw: func(c draw.Canvas, at vg.Point) { drawCategoryDot(c, at, ci) }})
		if k%2 == 1 || k == len(columns)-1 {
			h := l.style.Height(l.categories[k].label)
			if k%2 == 1 {
				h = max(h, l.style.Height(l.categories[k-1].label))
			}
			l.height += h + timelineLegendRow
		}
	}
	return l
}

// draw draws the legend with its top left corner at top.
func (l timelineLegend) draw(c draw.Canvas, top vg.Point, width vg.Length) {
	lineH := l.style.Height("Ég") + timelineLegendRow
	y := top.Y - lineH/2
	for _, line := range l.lines {
		x := top.X
		for _, e := range line {
			e.draw(c, vg.Point{X: x + timelineLegendSwatch/2 - vg.Millimeter, Y: y})
			c.FillText(l.style, vg.Point{X: x + timelineLegendSwatch, Y: y}, e.label)
			x += timelineLegendSwatch + e.width + timelineLegendSpace
		}
		y -= lineH
	}
	if l.empty != "" {
		c.FillText(l.style, vg.Point{X: top.X, Y: y}, l.empty)
		return
	}
	y += lineH / 2
	y -= timelineLegendRow
	colW := width / 2
	for k := 0; k < len(l.categories); k += 2 {
		h := l.style.Height(l.categories[k].label)
		if k+1 < len(l.categories) {
			h = max(h, l.style.Height(l.categories[k+1].label))
		}
		for j := k; j < min(k+2, len(l.categories)); j++ {
			e := l.categories[j]
			x := top.X + vg.Length(j-k)*colW
			// The dot sits by the first line of a wrapped label.
			first := l.style.Height(strings.SplitN(e.label, "\n", 2)[0])
			e.draw(c, vg.Point{X: x + timelineLegendSwatch/2 - vg.Millimeter, Y: y - first/2})
			sty := l.style
			sty.YAlign = draw.YTop
			c.FillText(sty, vg.Point{X: x + timelineLegendSwatch, Y: y}, e.label)
		}
		y -= h + timelineLegendRow
	}
}

// renderTimeline draws the laid out figure on c and returns c encoded.
func renderTimeline(lay *timelineLayout, c figureCanvas) ([]byte, error) {
	dc := insetFigure(draw.New(c))
	// The plot first: its white background is then the first thing drawn,
	// which the PNG canvas can skip (pngCanvas.Fill). Nothing overlaps.
	legendTop := dc.Min.Y + lay.legend.height
	plotArea := draw.Crop(dc, 0, -lay.columnsW, legendTop+timelineLegendGap-dc.Min.Y, -(lay.titleH + lay.headerH))
	lay.plot.Draw(plotArea)
	if lay.title != "" {
		sty := figureStyle(figureBoldFont, figureTitleSize)
		sty.XAlign = draw.XCenter
		sty.YAlign = draw.YTop
		dc.FillText(sty, vg.Point{X: dc.Center().X, Y: dc.Max.Y}, lay.title)
	}
	lay.legend.draw(dc, vg.Point{X: dc.Min.X, Y: legendTop}, dc.Size().X)
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
