package reports

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image/color"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	plottext "gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Bar is one bar: a label (shown on the axis) and an integer count.
type Bar struct {
	Label string
	Value int
	Text  string      // printed at the bar's end instead of Value when set ("<5": withheld, drawn as 0)
	Color color.Color // nil: the default bar colour
}

// BarChart is one labelled bar chart.
type BarChart struct {
	Title string // e.g. "Interventiecategorieën naar aantal respondenten — WP2"
	Axis  string // value axis label, e.g. "respondenten"
	Bars  []Bar  // in display order, first bar on top
}

// Figure layout. All lengths are absolute so that a figure placed at its
// natural size in an A4 report (a 16 cm text column) shows its text at the
// point sizes below, close to the body text of the report.
const (
	figureWidth = 16 * vg.Centimeter
	figureInset = 2 * vg.Millimeter // keeps glyphs off the image edge

	figureTitleSize = 11
	figureLabelSize = 10 // category labels and the value axis label
	figureTickSize  = 9  // value ticks and the counts at the bar ends

	// Category labels wider than this wrap onto more lines, so that a
	// long code name cannot squeeze the bars into a sliver.
	maxBarLabelWidth = 6.5 * vg.Centimeter

	// barRowGap is the space a category row adds to the height of its
	// label; barThickness is the same in every figure, whatever the
	// row height, so that figures in one report look alike.
	barRowGap    = 3.5 * vg.Millimeter
	barThickness = 4.5 * vg.Millimeter

	maxValueIntervals = 6 // at most this many steps on the value axis

	figureDPI = 300 // print resolution for the 16 cm width: 1890 px
)

var (
	// Liberation Sans ships with gonum/plot, so the PNG needs no system
	// fonts and renders ë, é, ï and ü the same on every machine.
	figureFont     = font.Font{Typeface: "Liberation", Variant: "Sans"}
	figureBoldFont = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}

	barColor        = color.RGBA{R: 0x3b, G: 0x6e, B: 0xa5, A: 0xff} // stays distinct in greyscale print
	figureTextColor = color.Gray{Y: 0x20}
)

// WriteBarChart draws c and writes dir/name.png, dir/name.svg and
// dir/name.pdf (creating dir), as writeFigureFiles does.
//
// The PNG is for word processors, the SVG for typesetting and the web, the
// PDF for print, with its font embedded (pdf.go: gonum/plot's own PDF
// backend garbles non-ASCII text, gonum/plot#347). The files depend only on
// c, so reruns of the pipeline leave unchanged figures byte for byte
// unchanged. Each file is replaced atomically: a failed write leaves the
// previous figure, never half of one.
func WriteBarChart(c BarChart, dir, name string) error {
	if err := writeBarChart(c, dir, name); err != nil {
		return fmt.Errorf("figure %s: %w", name, err)
	}
	return nil
}

func writeBarChart(c BarChart, dir, name string) error {
	if !filepath.IsLocal(name) || filepath.Base(name) != name {
		return errors.New("name must be a plain file name")
	}
	for _, b := range c.Bars {
		if b.Value < 0 {
			return fmt.Errorf("bar %q: negative count %d", b.Label, b.Value)
		}
	}
	p, h, err := newBarPlot(c)
	if err != nil {
		return err
	}
	return writeFigureFiles(dir, name, figureWidth, h, func(c figureCanvas) ([]byte, error) { return renderPlot(p, c) })
}

// newBarPlot lays out c as a horizontal bar chart and returns it with the
// figure height, which grows with the number of bars.
func newBarPlot(c BarChart) (*plot.Plot, vg.Length, error) {
	p := plot.New()

	p.Title.TextStyle = figureStyle(figureBoldFont, figureTitleSize)
	p.Title.TextStyle.XAlign = draw.XCenter
	p.Title.TextStyle.YAlign = draw.YTop
	p.Title.Text = wrapText(p.Title.TextStyle, c.Title, figureWidth-2*figureInset)
	p.Title.Padding = 4 * vg.Millimeter

	// Categories: bar i sits at y = n-1-i so that the first bar is on top,
	// with half a row to spare above and below. This is plot.NominalY done
	// by hand, because NominalY panics on an empty chart.
	n := len(c.Bars)
	cat := figureStyle(figureFont, figureLabelSize)
	labelH := cat.Height("0")
	ticks := make(plot.ConstantTicks, n)
	values := make(plotter.Values, n)
	counts := plotter.XYLabels{XYs: make(plotter.XYs, n), Labels: make([]string, n)}
	for i, b := range c.Bars {
		y := float64(n - 1 - i)
		label := wrapText(cat, b.Label, maxBarLabelWidth)
		labelH = max(labelH, cat.Height(label))
		ticks[i] = plot.Tick{Value: y, Label: label}
		values[n-1-i] = float64(b.Value) // a BarChart puts value j at y = j
		counts.XYs[i] = plotter.XY{X: float64(b.Value), Y: y}
		counts.Labels[i] = strconv.Itoa(b.Value)
		if b.Text != "" {
			counts.Labels[i] = b.Text
		}
	}
	p.Y.Min, p.Y.Max = -0.5, math.Max(float64(n), 1)-0.5
	p.Y.Tick.Marker = ticks
	p.Y.Tick.Label = cat
	p.Y.Tick.Label.XAlign = draw.XRight
	p.Y.Tick.Label.YAlign = draw.YCenter
	p.Y.Tick.Length = 0
	p.Y.Tick.Width = 0
	p.Y.Width = 0
	p.Y.Padding = 2 * vg.Millimeter

	// Counts: integer ticks from 0, never 2.5.
	maxValue := 0
	for _, b := range c.Bars {
		maxValue = max(maxValue, b.Value)
	}
	p.X.Tick.Marker, p.X.Max = valueTicks(maxValue)
	p.X.Min = 0
	p.X.Tick.Label = figureStyle(figureFont, figureTickSize)
	p.X.Tick.Label.XAlign = draw.XCenter
	p.X.Tick.Label.YAlign = draw.YTop
	p.X.Tick.Length = 1 * vg.Millimeter
	p.X.Padding = 0
	p.X.Label.Text = c.Axis
	p.X.Label.TextStyle = figureStyle(figureFont, figureLabelSize)
	p.X.Label.TextStyle.XAlign = draw.XCenter
	p.X.Label.TextStyle.YAlign = draw.YBottom
	p.X.Label.Padding = 1 * vg.Millimeter

	if n > 0 {
		// One bar chart per bar, each at its own place, so that each bar
		// can have its category's colour.
		for j, v := range values {
			bars, err := plotter.NewBarChart(plotter.Values{v}, barThickness)
			if err != nil {
				return nil, 0, err
			}
			bars.Horizontal = true
			bars.XMin = float64(j)
			bars.Color = barColor
			if c := c.Bars[n-1-j].Color; c != nil {
				bars.Color = c
			}
			bars.LineStyle.Width = 0
			p.Add(bars)
		}

		labels, err := plotter.NewLabels(counts)
		if err != nil {
			return nil, 0, err
		}
		for i := range labels.TextStyle {
			labels.TextStyle[i] = figureStyle(figureFont, figureTickSize)
			labels.TextStyle[i].YAlign = draw.YCenter
		}
		// Digits have no descenders, so centring their text box would set
		// them visibly low; lift them by half the descent.
		descent := figureStyle(figureFont, figureTickSize).FontExtents().Descent
		labels.Offset = vg.Point{X: 1 * vg.Millimeter, Y: descent / 2}
		p.Add(labels)
	}

	// The height is whatever title, axis and margins take, measured on a
	// probe canvas, plus one row per bar (an empty chart keeps one row).
	row := labelH + barRowGap
	rows := vg.Length(max(n, 1))
	probeH := rows*row + 20*vg.Centimeter
	probe := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: figureWidth, Y: probeH}}}
	data := p.DataCanvas(insetFigure(probe))
	h := probeH - data.Size().Y + rows*row
	return p, h, nil
}

// figureStyle returns the text style for f at size in points.
func figureStyle(f font.Font, size font.Length) plottext.Style {
	f.Size = size
	return plottext.Style{Color: figureTextColor, Font: f, Handler: plot.DefaultTextHandler}
}

// valueTicks returns integer ticks from 0 up to the first multiple of the
// step that covers maxValue, and that top value. The step is 1, 2 or 5 times
// a power of ten, as few as gives at most maxValueIntervals intervals.
func valueTicks(maxValue int) (plot.ConstantTicks, float64) {
	step := 1
search:
	for mag := 1; ; mag *= 10 {
		for _, m := range []int{1, 2, 5} {
			if step = m * mag; maxValue <= step*maxValueIntervals {
				break search
			}
		}
	}
	top := max((maxValue+step-1)/step*step, step)
	var ticks plot.ConstantTicks
	for v := 0; v <= top; v += step {
		ticks = append(ticks, plot.Tick{Value: float64(v), Label: strconv.Itoa(v)})
	}
	return ticks, float64(top)
}

// wrapText breaks s between words into lines no wider than width when set in
// sty. A word wider than width gets a line of its own.
func wrapText(sty plottext.Style, s string, width vg.Length) string {
	if sty.Width(s) <= width {
		return s
	}
	words := strings.Fields(s)
	if len(words) == 0 {
		return s
	}
	var b strings.Builder
	line := words[0]
	for _, w := range words[1:] {
		if sty.Width(line+" "+w) <= width {
			line += " " + w
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
		line = w
	}
	b.WriteString(line)
	return b.String()
}

// insetFigure returns c less the figure margin on every side.
func insetFigure(c draw.Canvas) draw.Canvas {
	return draw.Crop(c, figureInset, -figureInset, figureInset, -figureInset)
}

// renderPlot draws p on c, inside the figure margin, and returns c encoded.
func renderPlot(p *plot.Plot, c figureCanvas) ([]byte, error) {
	p.Draw(insetFigure(draw.New(c)))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// withPhysicalSize adds a pHYs chunk to an encoded PNG, which image/png
// does not write, so that word processors place the figure at 16 cm
// instead of assuming 96 dpi and making it three times as wide.
func withPhysicalSize(png []byte, dpi int) []byte {
	const ihdrEnd = 8 + 4 + 4 + 13 + 4 // signature; IHDR length, type, data, CRC
	ppm := uint32(math.Round(float64(dpi) / 0.0254))
	chunk := binary.BigEndian.AppendUint32(nil, 9)
	chunk = append(chunk, "pHYs"...)
	chunk = binary.BigEndian.AppendUint32(chunk, ppm)
	chunk = binary.BigEndian.AppendUint32(chunk, ppm)
	chunk = append(chunk, 1) // unit: metre
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	return slices.Concat(png[:ihdrEnd], chunk, png[ihdrEnd:])
}

// withFontFallback lets SVG viewers without Liberation Sans fall back to
// Arial, which has the same metrics, so the text keeps the width it was laid
// out with. Embedding the fonts instead would add over a megabyte per figure.
func withFontFallback(svg []byte) []byte {
	return bytes.ReplaceAll(svg,
		[]byte("font-family:Liberation Sans;"),
		[]byte("font-family:Liberation Sans,Arial,Helvetica,sans-serif;"))
}
