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
	"gonum.org/v1/plot/vg/vgsvg"
)

// figureCanvas is a canvas a figure is rendered on and encoded from.
type figureCanvas interface {
	vg.CanvasSizer
	io.WriterTo
}

// writeFigureFiles renders a figure of w × h three times, with render, and
// writes dir/name.png (300 dpi, for word processors), dir/name.svg (for the
// web and typesetting) and dir/name.pdf (for print, its font embedded:
// pdf.go). All three are rendered before any is written, so a rendering
// failure cannot leave a new PNG beside an old SVG, and each is written
// atomically. The bytes depend only on the figure.
func writeFigureFiles(dir, name string, w, h vg.Length, render func(figureCanvas) ([]byte, error)) error {
	if !filepath.IsLocal(name) || filepath.Base(name) != name {
		return errors.New("name must be a plain file name")
	}
	f, err := renderFigureFiles(w, h, render)
	if err != nil {
		return err
	}
	return f.write(dir, name)
}

// figureFiles are a figure's three encodings, rendered and not yet written.
type figureFiles struct{ png, svg, pdf []byte }

// renderFigureFiles renders a figure of w × h as PNG, SVG and PDF.
func renderFigureFiles(w, h vg.Length, render func(figureCanvas) ([]byte, error)) (figureFiles, error) {
	pc := newPNGCanvas(w, h, figureDPI)
	png, err := render(pc)
	pc.release()
	if err != nil {
		return figureFiles{}, err
	}
	svg, err := render(vgsvg.New(w, h))
	if err != nil {
		return figureFiles{}, err
	}
	pdf, err := render(newPDFCanvas(w, h))
	if err != nil {
		return figureFiles{}, err
	}
	return figureFiles{png: withPhysicalSize(png, figureDPI), svg: withFontFallback(svg), pdf: pdf}, nil
}

// write writes dir/name.png, .svg and .pdf, each atomically.
func (f figureFiles) write(dir, name string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, e := range []struct {
		ext  string
		data []byte
	}{{".png", f.png}, {".svg", f.svg}, {".pdf", f.pdf}} {
		if err := writeFileAtomic(filepath.Join(dir, name+e.ext), e.data); err != nil {
			return err
		}
	}
	return nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// writeDrawing renders a figure of w × h as writeFigureFiles does, on a white
// background; paint draws on the whole canvas, margins included.
func writeDrawing(dir, name string, w, h vg.Length, paint func(draw.Canvas)) error {
	return writeFigureFiles(dir, name, w, h, func(c figureCanvas) ([]byte, error) {
		dc := draw.New(c)
		dc.SetColor(color.White)
		dc.Fill(dc.Rectangle.Path())
		paint(dc)
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	})
}
