package reports

import (
	"bytes"
	"errors"
	"image/color"
	"io"
	"os"
	"path/filepath"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// writeDrawing renders a figure of w × h as dir/name.png (300 dpi) and
// dir/name.svg, the same way WriteBarChart does: both rendered before either
// is written, each written atomically. paint draws on the whole canvas,
// margins included.
func writeDrawing(dir, name string, w, h vg.Length, paint func(draw.Canvas)) error {
	if !filepath.IsLocal(name) || filepath.Base(name) != name {
		return errors.New("name must be a plain file name")
	}
	render := func(c interface {
		vg.CanvasSizer
		io.WriterTo
	}) ([]byte, error) {
		dc := draw.New(c)
		dc.SetColor(color.White)
		dc.Fill(dc.Rectangle.Path())
		paint(dc)
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
	png, err := render(vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(figureDPI))})
	if err != nil {
		return err
	}
	png = withPhysicalSize(png, figureDPI)
	svg, err := render(vgsvg.New(w, h))
	if err != nil {
		return err
	}
	svg = withFontFallback(svg)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(dir, name+".png"), png); err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dir, name+".svg"), svg)
}
