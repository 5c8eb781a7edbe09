package reports

import (
	"cmp"
	"fmt"
	"image/color"
	"slices"
	"strconv"

	plottext "gonum.org/v1/plot/text"
	"gonum.org/v1/plot/tools/bezier"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// FlowChart is a flow (Sankey) figure in three columns, read left to right:
// intervention categories, mechanisms, outcomes. A path is a number of units
// passing through one node of each column. Bands join the nodes: from the
// first column in the colour of their first node, then on in grey.
//
// gonum/plot's plotter.Sankey was the first choice, but it stacks the stocks
// of a column without gaps and prints each label inside its stock, so the
// labels of small stocks overlap; with thirty nodes of very different sizes
// that is unreadable. This draws the same bands (gonum's Bézier curves) with
// gaps between the nodes, each node at least as tall as its label, and the
// labels beside the nodes.
type FlowChart struct {
	Title    string
	Caption  string    // what a band counts, under the figure
	Headings [3]string // above the columns
	Nodes    [3][]string
	Colors   []color.Color // of the first column's nodes; nil for the category palette
	Paths    []FlowPath
	// MinCell, above 1, withholds small counts: a node total below it is
	// labelled "<MinCell", and a path of fewer units is drawn as MinCell
	// units wide, so that a band's width does not tell 1 from MinCell-1.
	MinCell int
}

// FlowPath is Value units through node Nodes[k] of column k.
type FlowPath struct {
	Nodes [3]int
	Value int
}

// Flow layout. Labels are set at the tick size, since a flow chart carries
// more of them than a bar chart.
const (
	flowLabelSize   = 9
	flowBarWidth    = 2.5 * vg.Millimeter // first and last column
	flowBoxPad      = 1.2 * vg.Millimeter // around the labels inside the middle boxes
	flowNodeGap     = 2 * vg.Millimeter   // between nodes of a column
	flowLabelGap    = 1.5 * vg.Millimeter // between a bar and its label
	flowMinSpan     = 1.8 * vg.Centimeter // the bands' run between columns, at least
	flowTargetH     = 11 * vg.Centimeter  // the tallest column's bands, before labels enlarge nodes
	flowMaxLabelW   = 3.8 * vg.Centimeter // first and last column labels wrap beyond this
	flowMaxBoxW     = 2.8 * vg.Centimeter // middle boxes, at most
	flowBandOpacity = 0x99                // of 0xff: crossing bands stay visible
	flowHeadingGap  = 2.5 * vg.Millimeter // under the headings
	flowCaptionGap  = 3 * vg.Millimeter   // above the caption
	flowTitleGap    = 4 * vg.Millimeter   // under the title
	flowEmptyHeight = 1.5 * vg.Centimeter // the body of a chart without paths
	flowBarColorHex = 0x707070            // last column's bars
	flowBoxColorHex = 0xe4e4e4            // middle boxes
	flowGreyBandHex = 0x9a9a9a            // bands out of the middle column
)

// FlowNoneColor is for a node that stands for "not coded".
var FlowNoneColor color.Color = rgb(0xBBBBBB)

// WriteFlowChart draws f and writes dir/name.png (300 dpi) and dir/name.svg,
// like WriteBarChart.
func WriteFlowChart(f FlowChart, dir, name string) error {
	if err := writeFlowChart(f, dir, name); err != nil {
		return fmt.Errorf("figure %s: %w", name, err)
	}
	return nil
}

func writeFlowChart(f FlowChart, dir, name string) error {
	for _, p := range f.Paths {
		if p.Value < 0 {
			return fmt.Errorf("path %v: negative count %d", p.Nodes, p.Value)
		}
		for k, i := range p.Nodes {
			if i < 0 || i >= len(f.Nodes[k]) {
				return fmt.Errorf("path %v: column %d has no node %d", p.Nodes, k+1, i)
			}
		}
	}
	l := layoutFlow(f)
	return writeDrawing(dir, name, l.w, l.h, l.paint)
}

// flowNode is a node as laid out: its label (wrapped, with its total) and
// value, and its box: top edge y below the top of the body, height h, from
// x0 to x1. Its bands take value × scale in the middle of the box, which a
// long label can make taller.
type flowNode struct {
	label  string
	value  int
	y, h   vg.Length
	x0, x1 vg.Length
}

// flowLayout is a FlowChart placed on a canvas of w × h.
type flowLayout struct {
	f          FlowChart
	w, h       vg.Length
	scale      vg.Length // length per unit
	cols       [3][]*flowNode
	mid        vg.Length // centre of the middle column
	paths      []FlowPath
	labelSty   plottext.Style
	title      string
	caption    string
	bodyTop    vg.Length // from the top of the figure
	bodyH      vg.Length
	headingH   vg.Length
	titleSty   plottext.Style
	captionSty plottext.Style
	headingSty plottext.Style
}

// layoutFlow places every node and works out the figure's size.
func layoutFlow(f FlowChart) *flowLayout {
	l := &flowLayout{f: f, w: figureWidth}
	var totals [3][]int // true node totals, for the labels
	for k := range 3 {
		totals[k] = make([]int, len(f.Nodes[k]))
	}
	for _, p := range f.Paths {
		if p.Value > 0 {
			for k, i := range p.Nodes {
				totals[k][i] += p.Value
			}
			if f.MinCell > 1 && p.Value < f.MinCell {
				p.Value = f.MinCell
			}
			l.paths = append(l.paths, p)
		}
	}
	lab := figureStyle(figureFont, flowLabelSize)
	l.titleSty = figureStyle(figureBoldFont, figureTitleSize)
	l.headingSty = figureStyle(figureBoldFont, figureLabelSize)
	l.captionSty = figureStyle(figureFont, figureLabelSize)
	l.labelSty = lab

	// Node values; nodes no path passes through are left out.
	var values [3][]int
	for k := range 3 {
		values[k] = make([]int, len(f.Nodes[k]))
	}
	for _, p := range l.paths {
		for k, i := range p.Nodes {
			values[k][i] += p.Value
		}
	}
	var labelW [3]vg.Length
	for k := range 3 {
		l.cols[k] = make([]*flowNode, len(f.Nodes[k]))
		for i, name := range f.Nodes[k] {
			if values[k][i] == 0 {
				continue
			}
			n := &flowNode{label: name + " (" + suppressCount(strconv.Itoa(totals[k][i]), f.MinCell) + ")", value: values[k][i]}
			l.cols[k][i] = n
			labelW[k] = max(labelW[k], lab.Width(n.label))
		}
	}

	// Widths: labels | bar | span | box | span | bar | labels.
	left := min(labelW[0], flowMaxLabelW)
	right := min(labelW[2], flowMaxLabelW)
	box := min(labelW[1]+2*flowBoxPad, flowMaxBoxW)
	inner := l.w - 2*figureInset
	span := (inner - left - right - box - 2*(flowBarWidth+flowLabelGap)) / 2
	if span < flowMinSpan {
		l.w += 2 * (flowMinSpan - span)
		span = flowMinSpan
	}
	x := figureInset + left + flowLabelGap
	xs := [3][2]vg.Length{{x, x + flowBarWidth}}
	x += flowBarWidth + span
	xs[1] = [2]vg.Length{x, x + box}
	l.mid = x + box/2
	x += box + span
	xs[2] = [2]vg.Length{x, x + flowBarWidth}
	wraps := [3]vg.Length{left, box - 2*flowBoxPad, right}

	// Heights: the tallest column's bands take flowTargetH; a node is at
	// least as tall as its label.
	top := 1
	for k := range 3 {
		sum := 0
		for _, v := range values[k] {
			sum += v
		}
		top = max(top, sum)
	}
	l.scale = flowTargetH / vg.Length(top)
	var colH [3]vg.Length
	for k := range 3 {
		for _, n := range l.cols[k] {
			if n == nil {
				continue
			}
			n.label = wrapText(lab, n.label, wraps[k])
			need := lab.Height(n.label)
			if k == 1 {
				need += 2 * flowBoxPad
			}
			n.h = max(vg.Length(n.value)*l.scale, need)
			n.x0, n.x1 = xs[k][0], xs[k][1]
			if colH[k] > 0 {
				colH[k] += flowNodeGap
			}
			n.y = colH[k]
			colH[k] += n.h
		}
	}
	l.bodyH = max(colH[0], colH[1], colH[2])
	if len(l.paths) == 0 {
		l.bodyH = flowEmptyHeight
	}
	for k := range 3 { // centre each column in the body
		for _, n := range l.cols[k] {
			if n != nil {
				n.y += (l.bodyH - colH[k]) / 2
			}
		}
	}

	inset := l.w - 2*figureInset
	l.title = wrapText(l.titleSty, f.Title, inset)
	l.caption = wrapText(l.captionSty, f.Caption, inset)
	for _, hd := range f.Headings {
		l.headingH = max(l.headingH, l.headingSty.Height(hd))
	}
	l.bodyTop = figureInset + l.titleSty.Height(l.title) + flowTitleGap + l.headingH + flowHeadingGap
	l.h = l.bodyTop + l.bodyH + flowCaptionGap + l.captionSty.Height(l.caption) + figureInset
	return l
}

// paint draws the laid-out chart on c, which is l.w × l.h.
func (l *flowLayout) paint(c draw.Canvas) {
	// y measures down from the top of the figure; the canvas measures up.
	up := func(y vg.Length) vg.Length { return c.Max.Y - y }
	body := func(y vg.Length) vg.Length { return up(l.bodyTop + y) }

	title := l.titleSty
	title.XAlign, title.YAlign = draw.XCenter, draw.YTop
	c.FillText(title, vg.Point{X: l.w / 2, Y: up(figureInset)}, l.title)

	// Bands: one per pair of nodes they join, stacked at each end in the
	// order of the nodes at the other end so that bands cross as little as
	// they can. Bands into the middle column take the colour of their
	// category; bands out of it are grey, since each gathers paths of
	// several categories (one band per category made a tangle of hairlines).
	type band struct {
		from, to   *flowNode
		color      color.Color
		value      int
		fromK, toK int // sort keys at either end
	}
	var bands []*band
	joined := map[[3]int]*band{} // column of the band's start, its two nodes
	join := func(k, i, j int, c color.Color, v int) {
		key := [3]int{k, i, j}
		if joined[key] == nil {
			joined[key] = &band{from: l.cols[k][i], to: l.cols[k+1][j], color: c, fromK: j, toK: i}
			bands = append(bands, joined[key])
		}
		joined[key].value += v
	}
	for _, p := range l.paths {
		join(0, p.Nodes[0], p.Nodes[1], l.color(p.Nodes[0]), p.Value)
		join(1, p.Nodes[1], p.Nodes[2], rgb(flowGreyBandHex), p.Value)
	}
	out := map[*flowNode][]*band{}
	in := map[*flowNode][]*band{}
	for _, b := range bands {
		out[b.from] = append(out[b.from], b)
		in[b.to] = append(in[b.to], b)
	}
	offsets := map[*band][2]vg.Length{}
	stack := func(n *flowNode, bs []*band, end int, key func(*band) int) {
		slices.SortStableFunc(bs, func(x, y *band) int { return cmp.Compare(key(x), key(y)) })
		y := n.y + (n.h-vg.Length(n.value)*l.scale)/2
		for _, b := range bs {
			o := offsets[b]
			o[end] = y
			offsets[b] = o
			y += vg.Length(b.value) * l.scale
		}
	}
	for n, bs := range out {
		stack(n, bs, 0, func(b *band) int { return b.fromK })
	}
	for n, bs := range in {
		stack(n, bs, 1, func(b *band) int { return b.toK })
	}
	for _, b := range bands {
		o := offsets[b]
		t := vg.Length(b.value) * l.scale
		x0, x1 := b.from.x1, b.to.x0
		upper := curve(vg.Point{X: x0, Y: body(o[0])}, vg.Point{X: x1, Y: body(o[1])})
		lower := curve(vg.Point{X: x1, Y: body(o[1] + t)}, vg.Point{X: x0, Y: body(o[0] + t)})
		r, g, bl, _ := b.color.RGBA()
		c.FillPolygon(color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(bl >> 8), A: flowBandOpacity}, append(upper, lower...))
	}

	// Nodes and their labels.
	for k, col := range l.cols {
		for i, n := range col {
			if n == nil {
				continue
			}
			fill := rgb(flowBarColorHex)
			switch k {
			case 0:
				fill = toRGBA(l.color(i))
			case 1:
				fill = rgb(flowBoxColorHex)
			}
			c.FillPolygon(fill, []vg.Point{
				{X: n.x0, Y: body(n.y)}, {X: n.x1, Y: body(n.y)},
				{X: n.x1, Y: body(n.y + n.h)}, {X: n.x0, Y: body(n.y + n.h)},
			})
			sty := l.labelSty
			sty.YAlign = draw.YCenter
			pt := vg.Point{Y: body(n.y + n.h/2)}
			switch k {
			case 0:
				sty.XAlign, pt.X = draw.XRight, n.x0-flowLabelGap
			case 1:
				sty.XAlign, pt.X = draw.XCenter, (n.x0+n.x1)/2
			case 2:
				sty.XAlign, pt.X = draw.XLeft, n.x1+flowLabelGap
			}
			c.FillText(sty, pt, n.label)
		}
	}

	// Headings over the columns, aligned as their labels are.
	hd := l.headingSty
	hd.YAlign = draw.YTop
	y := up(l.bodyTop - flowHeadingGap - l.headingH)
	for k, h := range l.f.Headings {
		var x vg.Length
		for _, n := range l.cols[k] {
			if n != nil {
				x = n.x0
				break
			}
		}
		switch k {
		case 0:
			hd.XAlign = draw.XRight
			x = max(x, figureInset+hd.Width(h)) // keep a wide heading inside the figure
		case 1:
			hd.XAlign = draw.XCenter
			x = l.mid
		case 2:
			hd.XAlign = draw.XLeft
			x = min(x, l.w-figureInset-hd.Width(h))
		}
		if len(l.paths) > 0 {
			c.FillText(hd, vg.Point{X: x, Y: y}, h)
		}
	}

	capSty := l.captionSty
	capSty.XAlign, capSty.YAlign = draw.XCenter, draw.YBottom
	c.FillText(capSty, vg.Point{X: l.w / 2, Y: figureInset}, l.caption)
}

// color is the first column's node i's colour.
func (l *flowLayout) color(i int) color.Color {
	if i < len(l.f.Colors) && l.f.Colors[i] != nil {
		return l.f.Colors[i]
	}
	return categoryColor(i)
}

func toRGBA(c color.Color) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: uint8(a >> 8)}
}

// curve is a band's edge from p to q: a cubic Bézier curve leaving and
// arriving horizontally, as plotter.Sankey draws its flows.
func curve(p, q vg.Point) []vg.Point {
	const pull = 0.4 // of the run, for both control points
	d := (q.X - p.X) * pull
	pts := make([]vg.Point, 24)
	bezier.New(p, vg.Point{X: p.X + d, Y: p.Y}, vg.Point{X: q.X - d, Y: q.Y}, q).Curve(pts)
	return pts
}
