package reports

import (
	"image"
	"image/color"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
	ifixed "golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// TestPNGCanvasSameImage draws the same things on a pngCanvas and on a
// plain vgimg canvas: the pixels must be the same, whatever the canvas
// skips.
func TestPNGCanvasSameImage(t *testing.T) {
	grey := color.Gray{Y: 0x80}
	rect := func(c draw.Canvas, clr color.Color, x0, y0, x1, y1 vg.Length) {
		c.FillPolygon(clr, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
	}
	tests := []struct {
		name  string
		paint func(c draw.Canvas)
		diff  int // the largest difference allowed in a colour channel
	}{
		{"white background only", func(c draw.Canvas) { rect(c, color.White, 0, 0, c.Max.X, c.Max.Y) }, 0},
		{"white over grey is drawn", func(c draw.Canvas) {
			rect(c, grey, 0, 0, c.Max.X, c.Max.Y)
			rect(c, color.White, 5, 5, 20, 20)
		}, 0},
		{"white after a stroke is drawn", func(c draw.Canvas) {
			c.StrokeLine2(draw.LineStyle{Color: grey, Width: 2}, 0, 10, c.Max.X, 10)
			rect(c, color.White, 0, 0, c.Max.X, 20)
		}, 0},
		{"white after text is drawn", func(c draw.Canvas) {
			c.FillText(figureStyle(figureFont, 12), vg.Point{X: 2, Y: 10}, "Zoë")
			rect(c, color.White, 0, 0, 10, c.Max.Y)
		}, 0},
		{"translucent white is drawn", func(c draw.Canvas) {
			rect(c, grey, 0, 0, c.Max.X, c.Max.Y)
			rect(c, color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0x80}, 5, 5, 20, 20)
		}, 0},
		{"colour pushed and popped", func(c draw.Canvas) {
			c.Push()
			c.SetColor(grey)
			c.Pop()
			c.SetColor(color.White)
			c.Fill(c.Rectangle.Path())
			rect(c, grey, 5, 5, 20, 20)
		}, 0},
	}
	const w, h = 40 * vg.Millimeter, 30 * vg.Millimeter
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := newPNGCanvas(w, h, figureDPI)
			defer got.release()
			tt.paint(draw.New(got))
			// vgimg's canvas of the same whole pixels.
			want := vgimg.NewWith(vgimg.UseImage(image.NewRGBA(got.img.Rect)), vgimg.UseDPI(figureDPI))
			tt.paint(draw.New(want))
			wantImg, ok := want.Image().(*image.RGBA)
			require.True(t, ok)
			require.Equal(t, wantImg.Rect, got.img.Rect)
			assert.LessOrEqual(t, maxPixelDiff(wantImg, got.img), tt.diff)
		})
	}
}

// maxPixelDiff is the largest difference of a colour channel between a
// and b, of the same size.
func maxPixelDiff(a, b *image.RGBA) int {
	d := 0
	for i := range a.Pix {
		d = max(d, int(a.Pix[i])-int(b.Pix[i]), int(b.Pix[i])-int(a.Pix[i]))
	}
	return d
}

// TestGlyphInterpolator composites glyphs as gg does, with the bilinear
// interpolator gg uses by default and with glyphInterpolator: a shift by
// whole pixels takes glyphInterpolator's fast path, which may round the
// last bit differently; anything else is bilinear's.
func TestGlyphInterpolator(t *testing.T) {
	fnt := font.DefaultCache.Lookup(figureFont, 10)
	face := fnt.FontFace(figureDPI)
	colours := []color.Color{color.Black, figureTextColor, categoryColor(2), color.NRGBA{R: 0x20, G: 0x40, B: 0x60, A: 0x80}}
	tests := []struct {
		name string
		s2d  f64.Aff3
		diff int // the largest difference allowed in a colour channel
	}{
		{"shift by whole pixels", f64.Aff3{1, 0, 7, 0, 1, 11}, 1}, // rounding
		{"shift by parts of a pixel", f64.Aff3{1, 0, 7.25, 0, 1, 11.5}, 0},
		{"turned a quarter", f64.Aff3{0, -1, 40, 1, 0, 3}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, clr := range colours {
				want, got := image.NewRGBA(image.Rect(0, 0, 60, 60)), image.NewRGBA(image.Rect(0, 0, 60, 60))
				for _, img := range []*image.RGBA{want, got} {
					xdraw.Draw(img, img.Rect, image.NewUniform(timelineBandColors[0]), image.Point{}, xdraw.Src)
				}
				for i, r := range "Zoë" {
					dot := ifixed.P(3+12*i, 20)
					dr, mask, maskp, _, ok := face.Glyph(dot, r)
					require.True(t, ok)
					sr := dr.Sub(dr.Min)
					s2d := tt.s2d
					s2d[2] += float64(dr.Min.X)
					s2d[5] += float64(dr.Min.Y)
					opts := &xdraw.Options{SrcMask: mask, SrcMaskP: maskp}
					xdraw.BiLinear.Transform(want, s2d, image.NewUniform(clr), sr, xdraw.Over, opts)
					glyphInterpolator{}.Transform(got, s2d, image.NewUniform(clr), sr, xdraw.Over, opts)
				}
				assert.LessOrEqual(t, maxPixelDiff(want, got), tt.diff, "colour %v", clr)
			}
		})
	}
}
