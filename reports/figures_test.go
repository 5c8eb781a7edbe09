package reports

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"html"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/cmpimg"
)

// interventions is the golden chart: Dutch diacritics in the title and the
// labels, one label long enough to wrap, and a zero count.
var interventions = BarChart{
	Title: "Interventiecategorieën naar aantal respondenten",
	Axis:  "respondenten",
	Bars: []Bar{
		{Label: "Gedeelde besluitvorming", Value: 14},
		{Label: "Aandacht voor randvoorwaarden", Value: 11},
		{Label: "Cliëntgerichte communicatie", Value: 9},
		{Label: "Continuïteit en coördinatie van zorg", Value: 7},
		{Label: "Eén aanspreekpunt voor cliënt, naasten en wijkteam", Value: 5},
		{Label: "Financiële prikkels", Value: 3},
		{Label: "Scholing en deskundigheidsbevordering", Value: 1},
		{Label: "Ideeën over gegevensdeling", Value: 0},
	},
}

// pngDelta is the per-pixel tolerance for the PNG golden, as in gonum/plot's
// own tests: enough for anti-aliasing to differ between platforms, far too
// little for a moved or changed glyph.
const pngDelta = 0.01

// writeFigure writes c into a fresh directory and returns its PNG and SVG.
func writeFigure(t *testing.T, c BarChart) (pngData, svgData []byte) {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, WriteBarChart(c, dir, "fig"))
	pngData, err := os.ReadFile(filepath.Join(dir, "fig.png"))
	require.NoError(t, err)
	svgData, err = os.ReadFile(filepath.Join(dir, "fig.svg"))
	require.NoError(t, err)
	return pngData, svgData
}

func TestBarChartGolden(t *testing.T) {
	pngData, svgData := writeFigure(t, interventions)
	tests := []struct {
		rel   string
		got   []byte
		check func(t *testing.T, rel string, got []byte)
	}{
		{"figures/interventions.svg", svgData, checkGolden},
		{"figures/interventions.png", pngData, checkGoldenPNG},
	}
	for _, tt := range tests {
		t.Run(filepath.Ext(tt.rel)[1:], func(t *testing.T) {
			tt.check(t, tt.rel, tt.got)
		})
	}
}

// checkGoldenPNG is checkGolden for rendered images, which it compares pixel
// by pixel with cmpimg rather than byte by byte.
func checkGoldenPNG(t *testing.T, rel string, got []byte) {
	t.Helper()
	if *update {
		checkGolden(t, rel, got)
		return
	}
	want, err := os.ReadFile(filepath.Join("testdata", filepath.FromSlash(rel)))
	require.NoError(t, err, "run 'go test ./reports -update' to create it")
	ok, err := cmpimg.EqualApprox("png", got, want, pngDelta)
	require.NoError(t, err)
	assert.True(t, ok, "testdata/%s: image differs from golden file\n(run 'go test ./reports -update' if the change is intended)", rel)
}

func TestBarChartSVGText(t *testing.T) {
	_, svgData := writeFigure(t, interventions)
	svg := string(svgData)

	// Diacritics must be real UTF-8 text, not entities or glyph outlines,
	// so that the figure text can be searched and copied.
	for _, s := range []string{"Interventiecategorieën", "Cliënt", "Continuïteit", "Eén"} {
		assert.Contains(t, svg, s)
	}
	wantText := []string{interventions.Axis}
	for _, b := range interventions.Bars {
		// Wrapped labels are drawn one <text> element per line.
		wantText = append(wantText, strings.Split(wrapText(figureStyle(figureFont, figureLabelSize), b.Label, maxBarLabelWidth), "\n")...)
		wantText = append(wantText, strconv.Itoa(b.Value))
	}
	for _, s := range wantText {
		assert.Contains(t, svg, ">"+html.EscapeString(s)+"</text>")
	}
	long := interventions.Bars[4].Label
	require.Contains(t, wrapText(figureStyle(figureFont, figureLabelSize), long, maxBarLabelWidth), "\n", "test chart needs a label that wraps")
	assert.NotContains(t, svg, ">"+long+"</text>")
	assert.Contains(t, svg, "font-family:Liberation Sans,Arial,Helvetica,sans-serif;")
}

func TestBarChartPNG(t *testing.T) {
	pngData, _ := writeFigure(t, interventions)
	cfg, err := png.DecodeConfig(bytes.NewReader(pngData))
	require.NoError(t, err)
	assert.Equal(t, 1890, cfg.Width, "16 cm at 300 dpi")

	// pHYs carries the resolution in pixels per metre: 300 dpi ≈ 11811.
	i := bytes.Index(pngData, []byte("pHYs"))
	require.Positive(t, i, "no pHYs chunk")
	assert.Equal(t, uint32(11811), binary.BigEndian.Uint32(pngData[i+4:]))
	assert.Equal(t, uint32(11811), binary.BigEndian.Uint32(pngData[i+8:]))
	assert.Equal(t, byte(1), pngData[i+12], "unit is metre")
}

func TestBarChartDeterministic(t *testing.T) {
	dir := t.TempDir()
	read := func() (pngData, svgData, pdfData []byte) {
		require.NoError(t, WriteBarChart(interventions, dir, "fig"))
		pngData, err := os.ReadFile(filepath.Join(dir, "fig.png"))
		require.NoError(t, err)
		svgData, err = os.ReadFile(filepath.Join(dir, "fig.svg"))
		require.NoError(t, err)
		pdfData, err = os.ReadFile(filepath.Join(dir, "fig.pdf"))
		require.NoError(t, err)
		return pngData, svgData, pdfData
	}
	png1, svg1, pdf1 := read()
	png2, svg2, pdf2 := read() // overwrites the first
	assert.True(t, bytes.Equal(png1, png2), "PNG differs between runs")
	assert.True(t, bytes.Equal(svg1, svg2), "SVG differs between runs")
	assert.True(t, bytes.Equal(pdf1, pdf2), "PDF differs between runs")

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Equal(t, []string{"fig.pdf", "fig.png", "fig.svg"}, names, "no temporary files left behind")
	info, err := os.Stat(filepath.Join(dir, "fig.png"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), info.Mode().Perm())
}

func TestBarChartDegenerate(t *testing.T) {
	tests := []struct {
		name  string
		chart BarChart
	}{
		{"empty", BarChart{Title: "Geen interventies gecodeerd", Axis: "respondenten"}},
		{"all zero", BarChart{Title: "Nog geen respondenten", Axis: "respondenten", Bars: []Bar{
			{Label: "Gedeelde besluitvorming", Value: 0},
			{Label: "Aandacht voor randvoorwaarden", Value: 0},
		}}},
		{"no title", BarChart{Bars: []Bar{{Label: "", Value: 2}, {Label: "Onbekend", Value: 1}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pngData, svgData := writeFigure(t, tt.chart)
			_, err := png.Decode(bytes.NewReader(pngData))
			require.NoError(t, err)
			requireXML(t, svgData)
			if tt.chart.Title != "" {
				assert.Contains(t, string(svgData), ">"+tt.chart.Title+"</text>")
			}
			for _, b := range tt.chart.Bars {
				if b.Label != "" {
					assert.Contains(t, string(svgData), ">"+b.Label+"</text>")
				}
			}
		})
	}
}

// requireXML fails t unless data is well-formed XML.
func requireXML(t *testing.T, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		require.NoError(t, err)
	}
}

func TestBarChartErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))

	tests := []struct {
		name    string
		chart   BarChart
		dir     string
		fig     string
		wantErr string
	}{
		{"dir under a file", interventions, filepath.Join(file, "figures"), "wp2", "figure wp2: mkdir "},
		{"name with a slash", interventions, t.TempDir(), "wp2/fig", "figure wp2/fig: name must be a plain file name"},
		{"empty name", interventions, t.TempDir(), "", "figure : name must be a plain file name"},
		{"negative count", BarChart{Bars: []Bar{{Label: "Fout", Value: -1}}}, t.TempDir(), "wp3", `figure wp3: bar "Fout": negative count -1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := WriteBarChart(tt.chart, tt.dir, tt.fig)
			assert.ErrorContains(t, err, tt.wantErr)
		})
	}
}

func TestValueTicks(t *testing.T) {
	tests := []struct {
		max  int
		want string
	}{
		{0, "0 1"},
		{1, "0 1"},
		{3, "0 1 2 3"},
		{6, "0 1 2 3 4 5 6"},
		{7, "0 2 4 6 8"},
		{14, "0 5 10 15"},
		{60, "0 10 20 30 40 50 60"},
		{61, "0 20 40 60 80"},
		{250, "0 50 100 150 200 250"},
	}
	for _, tt := range tests {
		ticks, top := valueTicks(tt.max)
		var labels []string
		for _, tick := range ticks {
			assert.Equal(t, tick.Label, strconv.Itoa(int(tick.Value)), "integer ticks only")
			labels = append(labels, tick.Label)
		}
		assert.Equal(t, tt.want, strings.Join(labels, " "), "max %d", tt.max)
		assert.Equal(t, ticks[len(ticks)-1].Value, top, "max %d", tt.max)
	}
}
