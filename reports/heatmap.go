package reports

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/brewer"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// HeatMap is a grid of counts, rows against columns, with the count printed
// in each cell and the cell shaded by it.
type HeatMap struct {
	Title   string
	Caption string   // what a cell counts, under the grid
	Rows    []string // top to bottom
	Columns []string // left to right
	Breaks  []int    // a line is drawn left of each of these columns, between groups
	Counts  [][]int  // Counts[row][column]
	// MinCell, above 1, withholds small counts: a count from 1 to
	// MinCell-1 is printed "<MinCell" on the shade of a zero.
	MinCell int
}

// Heat map layout, on top of the bar chart's (figures.go).
const (
	heatRowHeight    = 7 * vg.Millimeter // at least; a wrapped row label makes it taller
	heatMinCellWidth = 7 * vg.Millimeter // room for a three-digit count; the figure widens for more columns
	heatLabelWidth   = 6 * vg.Centimeter // row labels wrap beyond this
	heatColumnSize   = 9                 // points, column labels (turned a quarter)
	heatCountSize    = 8                 // points, the counts in the cells
	heatClasses      = 9                 // shades of ColorBrewer's Blues
	heatDarkClass    = 5                 // from this shade on, counts are printed in white
)

var (
	heatZeroColor = color.Gray{Y: 0x90} // a zero is there but stays in the background
	heatRuleColor = color.Gray{Y: 0x40}
)

// WriteHeatMap draws h and writes dir/name.png (300 dpi) and dir/name.svg,
// like WriteBarChart. The shading runs from white for 0 to dark blue for the
// largest count (ColorBrewer's sequential Blues, which stays ordered in
// greyscale print); the printed counts carry the numbers.
func WriteHeatMap(h HeatMap, dir, name string) error {
	if err := writeHeatMap(h, dir, name); err != nil {
		return fmt.Errorf("figure %s: %w", name, err)
	}
	return nil
}

func writeHeatMap(h HeatMap, dir, name string) error {
	if len(h.Counts) != len(h.Rows) {
		return fmt.Errorf("%d rows of counts for %d row labels", len(h.Counts), len(h.Rows))
	}
	for i, row := range h.Counts {
		if len(row) != len(h.Columns) {
			return fmt.Errorf("row %q: %d counts for %d columns", h.Rows[i], len(row), len(h.Columns))
		}
		for j, n := range row {
			if n < 0 {
				return fmt.Errorf("row %q, column %q: negative count %d", h.Rows[i], h.Columns[j], n)
			}
		}
	}
	p, w, ht, err := newHeatPlot(h)
	if err != nil {
		return err
	}
	return writeDrawing(dir, name, w, ht, func(c draw.Canvas) { p.Draw(insetFigure(c)) })
}

// heatGrid is h's counts as plotter.GridXYZ: column j at x = j, row i at
// y = n-1-i so that the first row is on top.
type heatGrid struct{ h *HeatMap }

func (g heatGrid) Dims() (c, r int) { return len(g.h.Columns), len(g.h.Rows) }
func (g heatGrid) Z(c, r int) float64 {
	return float64(g.h.shade(g.h.Counts[len(g.h.Rows)-1-r][c]))
}

// shade is the count a cell is shaded by: n, or 0 when n is withheld.
func (h *HeatMap) shade(n int) int {
	if h.MinCell > 1 && n < h.MinCell {
		return 0
	}
	return n
}
func (g heatGrid) X(c int) float64 { return float64(c) }
func (g heatGrid) Y(r int) float64 { return float64(r) }

// newHeatPlot lays out h and returns it with the figure's width and height.
func newHeatPlot(h HeatMap) (*plot.Plot, vg.Length, vg.Length, error) {
	p := plot.New()
	nr, nc := len(h.Rows), len(h.Columns)

	rowSty := figureStyle(figureFont, figureLabelSize)
	rowSty.XAlign, rowSty.YAlign = draw.XRight, draw.YCenter
	labelH, rowW := heatRowHeight, vg.Length(0)
	yTicks := make(plot.ConstantTicks, nr)
	for i, r := range h.Rows {
		label := wrapText(rowSty, r, heatLabelWidth)
		labelH = max(labelH, rowSty.Height(label)+2*vg.Millimeter)
		rowW = max(rowW, rowSty.Width(label))
		yTicks[i] = plot.Tick{Value: float64(nr - 1 - i), Label: label}
	}
	p.Y.Min, p.Y.Max = -0.5, math.Max(float64(nr), 1)-0.5
	p.Y.Tick.Marker = yTicks
	p.Y.Tick.Label = rowSty
	p.Y.Tick.Length, p.Y.Tick.Width, p.Y.Width = 0, 0, 0
	p.Y.Padding = 1.5 * vg.Millimeter

	// Column labels read upwards from the bottom of the grid.
	colSty := figureStyle(figureFont, heatColumnSize)
	colSty.Rotation = math.Pi / 2
	colSty.XAlign, colSty.YAlign = draw.XRight, draw.YCenter
	xTicks := make(plot.ConstantTicks, nc)
	for j, col := range h.Columns {
		xTicks[j] = plot.Tick{Value: float64(j), Label: col}
	}
	p.X.Min, p.X.Max = -0.5, math.Max(float64(nc), 1)-0.5
	p.X.Tick.Marker = xTicks
	p.X.Tick.Label = colSty
	p.X.Tick.Length, p.X.Tick.Width, p.X.Width = 0, 0, 0
	p.X.Padding = 1.5 * vg.Millimeter
	p.X.Label.TextStyle = figureStyle(figureFont, figureLabelSize)
	p.X.Label.TextStyle.XAlign, p.X.Label.TextStyle.YAlign = draw.XCenter, draw.YBottom
	p.X.Label.Padding = 2 * vg.Millimeter

	p.Title.TextStyle = figureStyle(figureBoldFont, figureTitleSize)
	p.Title.TextStyle.XAlign, p.Title.TextStyle.YAlign = draw.XCenter, draw.YTop
	p.Title.Padding = 4 * vg.Millimeter

	if nr > 0 && nc > 0 {
		if err := addHeatCells(p, &h); err != nil {
			return nil, 0, 0, err
		}
	}

	// Measure on a probe canvas what title, labels and margins take; the
	// grid gets one row height per row and at least the minimum width per
	// column, widening the figure when the A4 column is too narrow. The
	// caption is centred under the grid, so it wraps at the grid's width.
	// gonum/plot narrows the grid to fit a wider caption, so the caption
	// starts wrapped at the room beside the row labels.
	rows := vg.Length(max(nr, 1))
	w := figureWidth
	probeH := rows*labelH + 20*vg.Centimeter
	capSty := p.X.Label.TextStyle
	p.X.Label.Text = wrapText(capSty, h.Caption, max(w-2*figureInset-rowW, vg.Length(max(nc, 1))*heatMinCellWidth))
	for range 5 {
		p.Title.Text = wrapText(p.Title.TextStyle, h.Title, w-2*figureInset)
		probe := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: w, Y: probeH}}}
		data := p.DataCanvas(insetFigure(probe))
		if need := vg.Length(max(nc, 1)) * heatMinCellWidth; data.Size().X < need {
			w += need - data.Size().X
			continue
		}
		if caption := wrapText(capSty, h.Caption, data.Size().X); caption != p.X.Label.Text {
			p.X.Label.Text = caption
			continue
		}
		return p, w, probeH - data.Size().Y + rows*labelH, nil
	}
	return nil, 0, 0, fmt.Errorf("no layout for %d columns", nc)
}

// addHeatCells adds the shaded cells, the counts, white rules between the
// cells and a dark rule at each break.
func addHeatCells(p *plot.Plot, h *HeatMap) error {
	nr, nc := len(h.Rows), len(h.Columns)
	pal, err := brewer.GetPalette(brewer.TypeSequential, "Blues", heatClasses)
	if err != nil {
		return err
	}
	top := 0
	for _, row := range h.Counts {
		for _, n := range row {
			top = max(top, h.shade(n))
		}
	}
	cells := plotter.NewHeatMap(heatGrid{h}, pal)
	cells.Min, cells.Max = 0, float64(max(top, 1))
	p.Add(cells)

	for j := 1; j < nc; j++ {
		if err := addRule(p, float64(j)-0.5, -0.5, float64(j)-0.5, float64(nr)-0.5, color.White, 1); err != nil {
			return err
		}
	}
	for i := 1; i < nr; i++ {
		if err := addRule(p, -0.5, float64(i)-0.5, float64(nc)-0.5, float64(i)-0.5, color.White, 1); err != nil {
			return err
		}
	}
	for _, b := range h.Breaks {
		if b > 0 && b < nc {
			if err := addRule(p, float64(b)-0.5, -0.5, float64(b)-0.5, float64(nr)-0.5, heatRuleColor, 1.5); err != nil {
				return err
			}
		}
	}

	counts := plotter.XYLabels{}
	for i, row := range h.Counts {
		for j, n := range row {
			counts.XYs = append(counts.XYs, plotter.XY{X: float64(j), Y: float64(nr - 1 - i)})
			counts.Labels = append(counts.Labels, suppressCount(strconv.Itoa(n), h.MinCell))
		}
	}
	labels, err := plotter.NewLabels(counts)
	if err != nil {
		return err
	}
	descent := figureStyle(figureFont, heatCountSize).FontExtents().Descent
	labels.Offset = vg.Point{Y: descent / 2} // digits have no descenders: centre what is seen
	k := 0
	for _, row := range h.Counts {
		for _, n := range row {
			sty := figureStyle(figureFont, heatCountSize)
			sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
			switch {
			case n == 0:
				sty.Color = heatZeroColor
			case heatClass(h.shade(n), top) >= heatDarkClass:
				sty.Color = color.White
			}
			labels.TextStyle[k] = sty
			k++
		}
	}
	p.Add(labels)
	return nil
}

// heatClass is the shade plotter.HeatMap gives n on a scale from 0 to top.
func heatClass(n, top int) int {
	return int(float64(n)*float64(heatClasses-1)/float64(max(top, 1)) + 0.5)
}

// addRule adds a straight line from (x0, y0) to (x1, y1) in data units.
func addRule(p *plot.Plot, x0, y0, x1, y1 float64, c color.Color, width vg.Length) error {
	l, err := plotter.NewLine(plotter.XYs{{X: x0, Y: y0}, {X: x1, Y: y1}})
	if err != nil {
		return err
	}
	l.LineStyle = draw.LineStyle{Color: c, Width: width}
	p.Add(l)
	return nil
}
