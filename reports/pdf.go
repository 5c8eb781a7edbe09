package reports

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"regexp"

	pdf "codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// pdfCanvas is a vg.Canvas that draws a PDF with its fonts embedded as
// Unicode TrueType subsets, so that ë, é, ï and ü come out as the same
// glyphs on every machine and can be copied and searched as text.
//
// gonum/plot's own PDF canvas (vg/vgpdf) embeds its fonts with a Windows-1252
// code page but passes the UTF-8 bytes of a label to the PDF, so every
// non-ASCII letter is drawn as two wrong glyphs (gonum/plot#347). This
// canvas follows vgpdf (Copyright ©2015 The Gonum Authors, BSD-3-Clause)
// in how it maps plot coordinates to the page, but registers each font
// with fpdf's AddUTF8FontFromBytes, which writes a CID font with a
// ToUnicode map. The fonts are the Liberation fonts the PNG and SVG
// figures are laid out with, so the text has the same width in all three.
//
// fpdf always writes a creation and modification date; bytes blanks them
// (same length, so the cross-reference offsets stay right), leaving a PDF
// with no date that is byte-identical from run to run.
type pdfCanvas struct {
	doc   *pdf.Fpdf
	w, h  vg.Length
	stack []pdfContext
	fonts map[font.Font]string // registered fonts and their PDF names
	image int
}

type pdfContext struct {
	color color.Color
	width vg.Length
}

// pdfDPI is the resolution of PDF user space: a point.
const pdfDPI = 72

func newPDFCanvas(w, h vg.Length) *pdfCanvas {
	doc := pdf.NewCustom(&pdf.InitType{UnitStr: "pt", Size: pdf.SizeType{Wd: w.Points(), Ht: h.Points()}})
	doc.SetCatalogSort(true)
	doc.SetProducer("cimo", true)
	doc.SetMargins(0, 0, 0)
	doc.SetAutoPageBreak(false, 0)
	doc.AddPage()
	c := &pdfCanvas{doc: doc, w: w, h: h, stack: []pdfContext{{color: color.Black, width: 1}}, fonts: map[font.Font]string{}}
	c.Push()
	c.Translate(vg.Point{X: 0, Y: h})
	c.Scale(1, -1)
	vg.Initialize(c)
	return c
}

func (c *pdfCanvas) ctx() *pdfContext { return &c.stack[len(c.stack)-1] }

func (c *pdfCanvas) unit(l vg.Length) float64 { return l.Dots(pdfDPI) }

func (c *pdfCanvas) Size() (w, h vg.Length) { return c.w, c.h }

func (c *pdfCanvas) DPI() float64 { return pdfDPI }

func (c *pdfCanvas) SetLineWidth(w vg.Length) {
	c.ctx().width = w
	c.doc.SetLineWidth(c.unit(w))
}

func (c *pdfCanvas) SetLineDash(dashes []vg.Length, offs vg.Length) {
	ds := make([]float64, len(dashes))
	for i, d := range dashes {
		ds[i] = c.unit(d)
	}
	c.doc.SetDashPattern(ds, c.unit(offs))
}

func (c *pdfCanvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	c.ctx().color = clr
	r, g, b, a := clr.RGBA()
	ri, gi, bi := int(r>>8), int(g>>8), int(b>>8)
	alpha := float64(a) / math.MaxUint16
	if a > 0 { // colour.RGBA is premultiplied: undo it for the PDF's own alpha
		ri, gi, bi = int(r*0xffff/a)>>8, int(g*0xffff/a)>>8, int(b*0xffff/a)>>8
	}
	c.doc.SetFillColor(ri, gi, bi)
	c.doc.SetDrawColor(ri, gi, bi)
	c.doc.SetTextColor(ri, gi, bi)
	c.doc.SetAlpha(alpha, "Normal")
}

func (c *pdfCanvas) Rotate(r float64) { c.doc.TransformRotate(-r*180/math.Pi, 0, 0) }

func (c *pdfCanvas) Translate(pt vg.Point) { c.doc.TransformTranslate(c.unit(pt.X), c.unit(pt.Y)) }

func (c *pdfCanvas) Scale(x, y float64) { c.doc.TransformScale(x*100, y*100, 0, 0) }

func (c *pdfCanvas) Push() {
	c.stack = append(c.stack, *c.ctx())
	c.doc.TransformBegin()
}

func (c *pdfCanvas) Pop() {
	c.doc.TransformEnd()
	c.stack = c.stack[:len(c.stack)-1]
}

func (c *pdfCanvas) Stroke(p vg.Path) {
	if c.ctx().width > 0 {
		c.path(p, "D")
	}
}

func (c *pdfCanvas) Fill(p vg.Path) { c.path(p, "F") }

// font registers fnt's font with the document once and selects it.
func (c *pdfCanvas) font(fnt font.Face) {
	key := fnt.Font
	key.Size = 0
	name, ok := c.fonts[key]
	if !ok {
		name = fmt.Sprintf("F%d", len(c.fonts)+1)
		var raw bytes.Buffer
		if _, err := fnt.Face.WriteSourceTo(nil, &raw); err != nil {
			c.doc.SetError(fmt.Errorf("font %s: %w", fnt.Name(), err))
			return
		}
		c.doc.AddUTF8FontFromBytes(name, "", raw.Bytes())
		c.fonts[key] = name
	}
	c.doc.SetFont(name, "", c.unit(fnt.Font.Size))
}

func (c *pdfCanvas) FillString(fnt font.Face, pt vg.Point, str string) {
	if fnt.Font.Size == 0 {
		return
	}
	c.font(fnt)
	c.Push()
	defer c.Pop()
	c.Translate(pt)
	c.Scale(1, -1) // fpdf's origin is the top left corner
	_, h := c.doc.GetFontSize()
	top := 0.81 * h
	if d := c.doc.GetFontDesc(c.fonts[withoutSize(fnt.Font)], ""); d.Ascent != 0 {
		top = -float64(d.Ascent) * h / float64(d.Ascent-d.Descent)
	}
	margin := c.doc.GetCellMargin()
	c.doc.MoveTo(-margin, top)
	c.doc.CellFormat(c.doc.GetStringWidth(str), h, str, "", 0, "BL", false, 0, "")
}

func withoutSize(f font.Font) font.Font {
	f.Size = 0
	return f
}

func (c *pdfCanvas) DrawImage(rect vg.Rectangle, img image.Image) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		c.doc.SetError(err)
		return
	}
	c.image++
	name := fmt.Sprintf("image%03d.png", c.image)
	opts := pdf.ImageOptions{ImageType: "png", ReadDpi: true}
	c.doc.RegisterImageOptionsReader(name, opts, &buf)
	x, y := c.unit(rect.Min.X), c.unit(rect.Min.Y)
	w, h := c.unit(rect.Size().X), c.unit(rect.Size().Y)
	c.doc.ImageOptions(name, x, y, w, h, false, opts, 0, "")
}

func (c *pdfCanvas) path(p vg.Path, style string) {
	var x0, y0 float64
	for _, comp := range p {
		switch comp.Type {
		case vg.MoveComp:
			x0, y0 = c.unit(comp.Pos.X), c.unit(comp.Pos.Y)
			c.doc.MoveTo(x0, y0)
		case vg.LineComp:
			c.doc.LineTo(c.unit(comp.Pos.X), c.unit(comp.Pos.Y))
		case vg.ArcComp:
			c.arc(comp, style)
		case vg.CurveComp:
			px, py := c.unit(comp.Pos.X), c.unit(comp.Pos.Y)
			switch len(comp.Control) {
			case 1:
				c.doc.CurveTo(c.unit(comp.Control[0].X), c.unit(comp.Control[0].Y), px, py)
			case 2:
				c.doc.CurveBezierCubicTo(c.unit(comp.Control[0].X), c.unit(comp.Control[0].Y),
					c.unit(comp.Control[1].X), c.unit(comp.Control[1].Y), px, py)
			default:
				c.doc.SetError(fmt.Errorf("curve with %d control points", len(comp.Control)))
			}
		case vg.CloseComp:
			c.doc.LineTo(x0, y0)
			c.doc.ClosePath()
		default:
			c.doc.SetError(fmt.Errorf("unknown path component %d", comp.Type))
		}
	}
	c.doc.DrawPath(style)
}

func (c *pdfCanvas) arc(comp vg.PathComp, style string) {
	x0 := comp.Pos.X + comp.Radius*vg.Length(math.Cos(comp.Start))
	y0 := comp.Pos.Y + comp.Radius*vg.Length(math.Sin(comp.Start))
	c.doc.LineTo(c.unit(x0), c.unit(y0))
	r := c.unit(comp.Radius)
	const deg = 180 / math.Pi
	beg := comp.Start * deg
	c.doc.Arc(c.unit(comp.Pos.X), c.unit(comp.Pos.Y), r, r, comp.Angle*deg, beg, beg+comp.Angle*deg, style)
	x1 := comp.Pos.X + comp.Radius*vg.Length(math.Cos(comp.Start+comp.Angle))
	y1 := comp.Pos.Y + comp.Radius*vg.Length(math.Sin(comp.Start+comp.Angle))
	c.doc.MoveTo(c.unit(x1), c.unit(y1))
}

// pdfDates are the dates fpdf writes into the document information.
var pdfDates = regexp.MustCompile(`/(CreationDate|ModDate) \(D:[0-9]{14}\)`)

// WriteTo writes the PDF to w, without its dates. The canvas is done then.
func (c *pdfCanvas) WriteTo(w io.Writer) (int64, error) {
	c.Pop()
	var buf bytes.Buffer
	if err := c.doc.Output(&buf); err != nil {
		return 0, err
	}
	out := pdfDates.ReplaceAllFunc(buf.Bytes(), func(m []byte) []byte { return bytes.Repeat([]byte(" "), len(m)) })
	bw := bufio.NewWriter(w)
	n, err := bw.Write(out)
	if err != nil {
		return int64(n), err
	}
	return int64(n), bw.Flush()
}
