package reports

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEncodePNG checks that a figure's PNG decodes to the same pixels as Go's
// image/png encoder writes (which is the pixels drawn, for an opaque image),
// and that an opaque one is written as RGB.
func TestEncodePNG(t *testing.T) {
	opaque := func() *image.RGBA {
		// Wider than an IDAT chunk's worth of rows, with flat colour, edges
		// and a gradient, as a figure has.
		img := image.NewRGBA(image.Rect(0, 0, 700, 300))
		draw.Draw(img, img.Rect, image.White, image.Point{}, draw.Src)
		for y := range 300 {
			for x := range 700 {
				if (x/37+y/23)%3 == 0 {
					img.SetRGBA(x, y, color.RGBA{uint8(x), uint8(y), uint8(x ^ y), 0xff})
				}
			}
		}
		return img
	}
	translucent := func() *image.RGBA {
		img := opaque()
		img.SetRGBA(5, 7, color.RGBA{0x10, 0x20, 0x30, 0x80})
		return img
	}
	sub := func() *image.RGBA { // an image whose bounds do not start at 0, 0
		return opaque().SubImage(image.Rect(13, 17, 413, 217)).(*image.RGBA)
	}
	for _, tc := range []struct {
		name  string
		img   *image.RGBA
		model color.Model
	}{
		{"opaque", opaque(), color.RGBAModel},
		{"translucent", translucent(), color.NRGBAModel},
		{"sub-image", sub(), color.RGBAModel},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, encodePNG(&buf, tc.img))
			var again bytes.Buffer
			require.NoError(t, encodePNG(&again, tc.img))
			assert.Equal(t, buf.Bytes(), again.Bytes(), "encoded again, the same bytes")
			cfg, err := png.DecodeConfig(bytes.NewReader(buf.Bytes()))
			require.NoError(t, err)
			assert.Equal(t, tc.model, cfg.ColorModel)
			var ref bytes.Buffer
			require.NoError(t, png.Encode(&ref, tc.img))
			got, want := decodeRGBA(t, buf.Bytes()), decodeRGBA(t, ref.Bytes())
			assert.Equal(t, tc.img.Rect.Size(), got.Rect.Size())
			assert.True(t, bytes.Equal(want.Pix, got.Pix), "the decoded pixels are image/png's")
			if tc.model == color.RGBAModel {
				drawn := image.NewRGBA(got.Rect)
				draw.Draw(drawn, drawn.Rect, tc.img, tc.img.Rect.Min, draw.Src)
				assert.True(t, bytes.Equal(drawn.Pix, got.Pix), "the decoded pixels are those drawn")
			}
		})
	}
}

// TestEncodePNGEmpty checks that an image of no pixels is refused as Go's
// encoder refuses it, rather than written as a PNG no reader takes.
func TestEncodePNGEmpty(t *testing.T) {
	err := encodePNG(io.Discard, image.NewRGBA(image.Rect(0, 0, 0, 10)))
	assert.Error(t, err)
}

func decodeRGBA(t *testing.T, b []byte) *image.RGBA {
	t.Helper()
	m, err := png.Decode(bytes.NewReader(b))
	require.NoError(t, err)
	rgba := image.NewRGBA(image.Rectangle{Max: m.Bounds().Size()})
	draw.Draw(rgba, rgba.Rect, m, m.Bounds().Min, draw.Src)
	return rgba
}

// opaque must say what image.RGBA's Opaque says, wherever the one
// translucent pixel is: odd widths leave a single pixel after the pairs.
func TestOpaqueAgreesWithImage(t *testing.T) {
	for _, w := range []int{1, 2, 3, 7, 8} {
		base := image.NewRGBA(image.Rect(0, 0, w, 3))
		draw.Draw(base, base.Rect, image.White, image.Point{}, draw.Src)
		imgs := []*image.RGBA{base, base.SubImage(image.Rect(0, 1, w, 3)).(*image.RGBA)}
		for x := range w {
			for y := range 3 {
				img := image.NewRGBA(base.Rect)
				copy(img.Pix, base.Pix)
				img.SetRGBA(x, y, color.RGBA{0, 0, 0, 0xfe})
				imgs = append(imgs, img)
				if x > 0 {
					imgs = append(imgs, img.SubImage(image.Rect(1, 0, w, 3)).(*image.RGBA))
				}
			}
		}
		for i, img := range imgs {
			assert.Equal(t, img.Opaque(), opaque(img), "width %d, image %d %v", w, i, img.Rect)
		}
	}
}
