package reports

import (
	"image"
	"image/color"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
	}{
		{"white background only", func(c draw.Canvas) { rect(c, color.White, 0, 0, c.Max.X, c.Max.Y) }},
		{"white over grey is drawn", func(c draw.Canvas) {
			rect(c, grey, 0, 0, c.Max.X, c.Max.Y)
			rect(c, color.White, 5, 5, 20, 20)
		}},
		{"white after a stroke is drawn", func(c draw.Canvas) {
			c.StrokeLine2(draw.LineStyle{Color: grey, Width: 2}, 0, 10, c.Max.X, 10)
			rect(c, color.White, 0, 0, c.Max.X, 20)
		}},
		{"white after text is drawn", func(c draw.Canvas) {
			c.FillText(figureStyle(figureFont, 12), vg.Point{X: 2, Y: 10}, "Zoë")
			rect(c, color.White, 0, 0, 10, c.Max.Y)
		}},
		{"translucent white is drawn", func(c draw.Canvas) {
			rect(c, grey, 0, 0, c.Max.X, c.Max.Y)
			rect(c, color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0x80}, 5, 5, 20, 20)
		}},
		{"colour pushed and popped", func(c draw.Canvas) {
			c.Push()
			c.SetColor(grey)
			c.Pop()
			c.SetColor(color.White)
			c.Fill(c.Rectangle.Path())
			rect(c, grey, 5, 5, 20, 20)
		}},
	}
	const w, h = 40 * vg.Millimeter, 30 * vg.Millimeter
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(figureDPI))
			tt.paint(draw.New(want))
			got := newPNGCanvas(w, h, figureDPI)
			defer got.release()
			tt.paint(draw.New(got))
			wantImg, ok := want.Image().(*image.RGBA)
			require.True(t, ok)
			require.Equal(t, wantImg.Rect, got.img.Rect)
			assert.True(t, samePixels(wantImg, got.img), "pixels differ")
		})
	}
}

func samePixels(a, b *image.RGBA) bool {
	for y := a.Rect.Min.Y; y < a.Rect.Max.Y; y++ {
		for x := a.Rect.Min.X; x < a.Rect.Max.X; x++ {
			if a.RGBAAt(x, y) != b.RGBAAt(x, y) {
				return false
			}
		}
	}
	return true
}
