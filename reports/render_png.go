package reports

import (
	"image"
	"image/color"
	"image/png"
	"io"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// pngCanvas is the canvas a figure's PNG is drawn on: vgimg's, minus work
// that does not change a pixel. A 300 dpi figure has 3 to 4 million pixels,
// so what vgimg does once per pixel dominates the cost of a figure:
//
//   - It skips fills of opaque white while nothing else has been drawn: the
//     canvas starts white, and both the figures (writeDrawing) and
//     gonum/plot (its background) first paint the whole canvas white, which
//     the rasterizer does pixel by pixel.
//
// Call release when the PNG is encoded.
type pngCanvas struct {
	*vgimg.Canvas
	img     *image.RGBA
	colors  []color.Color // the colour set at each Push level, as vgimg keeps it
	painted bool          // something other than an opaque white fill was drawn
}

// newPNGCanvas returns a white canvas of w × h at dpi.
func newPNGCanvas(w, h vg.Length, dpi int) *pngCanvas {
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi))
	return &pngCanvas{Canvas: c, img: c.Image().(*image.RGBA), colors: []color.Color{color.Black}}
}

// release is called when the PNG is encoded.
func (c *pngCanvas) release() {}

func (c *pngCanvas) SetColor(clr color.Color) {
	c.Canvas.SetColor(clr)
	c.colors[len(c.colors)-1] = clr
}

func (c *pngCanvas) Push() {
	c.Canvas.Push()
	c.colors = append(c.colors, c.colors[len(c.colors)-1])
}

func (c *pngCanvas) Pop() {
	c.Canvas.Pop()
	c.colors = c.colors[:len(c.colors)-1]
}

func (c *pngCanvas) Fill(p vg.Path) {
	if !c.painted && opaqueWhite(c.colors[len(c.colors)-1]) {
		return // white on white
	}
	c.painted = true
	c.Canvas.Fill(p)
}

func (c *pngCanvas) Stroke(p vg.Path) {
	c.painted = true
	c.Canvas.Stroke(p)
}

func (c *pngCanvas) FillString(f font.Face, pt vg.Point, s string) {
	c.painted = true
	c.Canvas.FillString(f, pt, s)
}

func (c *pngCanvas) DrawImage(r vg.Rectangle, img image.Image) {
	c.painted = true
	c.Canvas.DrawImage(r, img)
}

// WriteTo encodes the image as a PNG with the fastest compression: a 300 dpi
// figure compressed at the default level spends more time in deflate than
// in drawing, for files a quarter smaller.
func (c *pngCanvas) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(cw, c.img)
	return cw.n, err
}

func opaqueWhite(clr color.Color) bool {
	if clr == nil {
		return false // vgimg draws nil as black
	}
	r, g, b, a := clr.RGBA()
	return r == 0xffff && g == 0xffff && b == 0xffff && a == 0xffff
}
