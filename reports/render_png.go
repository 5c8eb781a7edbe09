package reports

import (
	"image"
	"image/color"
	"io"
	"math"
	"runtime"

	"git.sr.ht/~sbinet/gg"
	"golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// pngCanvas is the canvas a figure's PNG is drawn on: vgimg's, minus work
// that does not change a pixel. A 300 dpi figure has 3 to 4 million pixels,
// so what vgimg does once per pixel dominates the cost of a figure:
//
//   - It draws on a pooled image, and on it directly: vgimg.NewWith would
//     allocate one and gg would copy it into another.
//   - It skips fills of opaque white while nothing else has been drawn: the
//     canvas starts white, and both the figures (writeDrawing) and
//     gonum/plot (its background) first paint the whole canvas white, which
//     the rasterizer does pixel by pixel.
//   - It draws glyphs through glyphInterpolator (see there).
//
// Call release when the PNG is encoded, to return the image to the pool.
type pngCanvas struct {
	*vgimg.Canvas
	img     *image.RGBA
	colors  []color.Color // the colour set at each Push level, as vgimg keeps it
	painted bool          // something other than an opaque white fill was drawn
}

// newPNGCanvas returns a white canvas of w × h at dpi. Its size is the
// image's, in whole pixels, so it may be up to a pixel larger than w × h.
func newPNGCanvas(w, h vg.Length, dpi int) *pngCanvas {
	px := func(l vg.Length) int { return int(l/vg.Inch*vg.Length(dpi) + 0.5) }
	img := pngImages.get(px(w), px(h))
	ctx := gg.NewContextForRGBA(img)
	ctx.SetInterpolator(glyphInterpolator{})
	// What vgimg.NewWith does to a context it makes itself.
	ctx.SetLineCapButt()
	ctx.InvertY()
	c := vgimg.NewWith(vgimg.UseImageWithContext(img, ctx), vgimg.UseDPI(dpi))
	return &pngCanvas{Canvas: c, img: img, colors: []color.Color{color.Black}}
}

// release returns the canvas's image to the pool; c must not be used after.
func (c *pngCanvas) release() { pngImages.put(c.img) }

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
	err := encodePNG(cw, c.img)
	return cw.n, err
}

func opaqueWhite(clr color.Color) bool {
	if clr == nil {
		return false // vgimg draws nil as black
	}
	r, g, b, a := clr.RGBA()
	return r == 0xffff && g == 0xffff && b == 0xffff && a == 0xffff
}

// glyphInterpolator draws text as gg would with its default bilinear
// interpolator, but fast where that is exact. gg draws every glyph with
// Interpolator.Transform, which x/image/draw does pixel by pixel through
// image.Image interfaces, even when the transformation is a shift by whole
// pixels, as it is for all unrotated text on a vgimg canvas: there the
// bilinear kernel samples each source pixel with weight 1, so the glyph's
// mask composited with draw.DrawMask (a fast path for a uniform colour on
// an RGBA image) gives the same image, up to rounding in the last bit.
type glyphInterpolator struct{}

func (glyphInterpolator) Scale(dst draw.Image, dr image.Rectangle, src image.Image, sr image.Rectangle, op draw.Op, opts *draw.Options) {
	draw.BiLinear.Scale(dst, dr, src, sr, op, opts)
}

func (glyphInterpolator) Transform(dst draw.Image, s2d f64.Aff3, src image.Image, sr image.Rectangle, op draw.Op, opts *draw.Options) {
	tx, ty := s2d[2], s2d[5]
	shift := s2d[0] == 1 && s2d[1] == 0 && s2d[3] == 0 && s2d[4] == 1 && tx == math.Trunc(tx) && ty == math.Trunc(ty) &&
		math.Abs(tx) < 1<<30 && math.Abs(ty) < 1<<30
	if !shift || opts == nil || opts.DstMask != nil {
		draw.BiLinear.Transform(dst, s2d, src, sr, op, opts)
		return
	}
	d := image.Point{X: int(tx), Y: int(ty)}
	draw.DrawMask(dst, sr.Add(d), src, sr.Min, opts.SrcMask, opts.SrcMaskP.Add(sr.Min), op)
}

// pngImages keeps the figures' images for reuse: each is some 13 MB, which
// the garbage collector would otherwise have to allocate and clear, and
// the kernel to map afresh. A sync.Pool is emptied at every collection,
// which a run of many figures triggers often; this keeps one image per CPU
// for the whole run.
var pngImages = imagePool{free: make(chan []byte, runtime.GOMAXPROCS(0))}

type imagePool struct{ free chan []byte }

func (p *imagePool) get(w, h int) *image.RGBA {
	n := 4 * w * h
	var buf []byte
	select {
	case buf = <-p.free:
	default:
	}
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	return &image.RGBA{Pix: buf[:n], Stride: 4 * w, Rect: image.Rect(0, 0, w, h)}
}

func (p *imagePool) put(img *image.RGBA) {
	select {
	case p.free <- img.Pix[:cap(img.Pix)]:
	default: // as many kept as there are CPUs
	}
}
