package reports

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goldenHeatMap has Dutch diacritics in title, rows and columns, a row label
// long enough to wrap, a column group break, zeros and one large count.
var goldenHeatMap = HeatMap{
	Title:   "Interventiecategorieën en mechanismen of uitkomsten in één keten",
	Caption: "Aantal ketens met een code van de categorie (rij) en de code (kolom)",
	Rows: []string{
		"I1 Aandacht voor randvoorwaarden",
		"I2 Creëren basisvoorwaarden",
		"I7 Wederkerigheid en sociale verantwoordelijkheid voor naasten en buurt",
	},
	Columns: []string{"M1 Vertrouwen", "M3 Herkenning", "M5 Eigen regie", "O5 Gevoel van eigenwaarde", "O7 Doorbraak (één keer)"},
	Breaks:  []int{3},
	Counts: [][]int{
		{12, 0, 3, 1, 0},
		{5, 8, 0, 2, 120},
		{0, 0, 1, 0, 7},
	},
}

// writeHeat writes h into a fresh directory and returns its PNG and SVG.
func writeHeat(t *testing.T, h HeatMap) (pngData, svgData []byte) {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, WriteHeatMap(h, dir, "fig"))
	pngData, err := os.ReadFile(filepath.Join(dir, "fig.png"))
	require.NoError(t, err)
	svgData, err = os.ReadFile(filepath.Join(dir, "fig.svg"))
	require.NoError(t, err)
	return pngData, svgData
}

func TestHeatMapGolden(t *testing.T) {
	pngData, svgData := writeHeat(t, goldenHeatMap)
	checkGolden(t, "figures/heatmap.svg", svgData)
	checkGoldenPNG(t, "figures/heatmap.png", pngData)
}

// The SVG holds every label and every count as text, with the diacritics as
// UTF-8, so nothing was dropped or garbled.
func TestHeatMapText(t *testing.T) {
	_, svgData := writeHeat(t, goldenHeatMap)
	texts := svgTexts(t, svgData)
	joined := strings.Join(texts, " ")
	for _, s := range []string{"Interventiecategorieën", "Creëren", "één"} {
		assert.Contains(t, joined, s)
	}
	// Wrapped text is one <text> per line: rejoined, each label is there.
	want := append([]string{goldenHeatMap.Title, goldenHeatMap.Caption}, goldenHeatMap.Rows...)
	for _, s := range want {
		assert.Contains(t, joined, s)
	}
	for _, s := range goldenHeatMap.Columns {
		assert.Contains(t, texts, s, "column labels are not wrapped")
	}
	assert.NotContains(t, texts, goldenHeatMap.Rows[2], "the long row label wraps")
	// Every cell's count is printed, in row order.
	var counts []string
	for _, row := range goldenHeatMap.Counts {
		for _, n := range row {
			counts = append(counts, strconv.Itoa(n))
		}
	}
	assert.Equal(t, counts, texts[len(texts)-len(counts):])
}

// svgTexts returns the content of every <text> element of an SVG, in order.
func svgTexts(t *testing.T, svg []byte) []string {
	t.Helper()
	requireXML(t, svg)
	d := xml.NewDecoder(bytes.NewReader(svg))
	var out []string
	in := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		require.NoError(t, err)
		switch tok := tok.(type) {
		case xml.StartElement:
			in = tok.Name.Local == "text"
			if in {
				out = append(out, "")
			}
		case xml.CharData:
			if in {
				out[len(out)-1] += string(tok)
			}
		case xml.EndElement:
			in = false
		}
	}
}

// Many columns widen the figure instead of squeezing the counts.
func TestHeatMapWidens(t *testing.T) {
	h := HeatMap{Title: "Breed", Rows: []string{"I1"}, Counts: [][]int{make([]int, 40)}}
	for j := range 40 {
		h.Columns = append(h.Columns, "M"+strconv.Itoa(j))
	}
	pngData, _ := writeHeat(t, h)
	cfg, err := png.DecodeConfig(bytes.NewReader(pngData))
	require.NoError(t, err)
	// 40 columns of at least 7 mm: the grid alone is 28 cm, at 300 dpi over 3300 px.
	assert.Greater(t, cfg.Width, 3300)

	pngData, _ = writeHeat(t, goldenHeatMap)
	cfg, err = png.DecodeConfig(bytes.NewReader(pngData))
	require.NoError(t, err)
	assert.Equal(t, 1890, cfg.Width, "5 columns fit the 16 cm column")
}

func TestHeatMapDegenerate(t *testing.T) {
	tests := []struct {
		name string
		h    HeatMap
	}{
		{"no rows", HeatMap{Title: "Leeg", Caption: "geen ketens", Columns: []string{"M1"}}},
		{"no columns", HeatMap{Title: "Leeg", Rows: []string{"I1"}, Counts: [][]int{{}}}},
		{"all zero", HeatMap{Title: "Nullen", Rows: []string{"I1", "I2"}, Columns: []string{"M1"}, Counts: [][]int{{0}, {0}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pngData, svgData := writeHeat(t, tt.h)
			_, err := png.Decode(bytes.NewReader(pngData))
			require.NoError(t, err)
			requireXML(t, svgData)
			assert.Contains(t, string(svgData), ">"+tt.h.Title+"</text>")
			assert.NotContains(t, string(svgData), "NaN")
		})
	}
}

func TestHeatMapErrors(t *testing.T) {
	tests := []struct {
		name    string
		h       HeatMap
		wantErr string
	}{
		{"rows", HeatMap{Rows: []string{"a"}}, "figure f: 0 rows of counts for 1 row labels"},
		{"columns", HeatMap{Rows: []string{"a"}, Columns: []string{"x"}, Counts: [][]int{{1, 2}}}, `figure f: row "a": 2 counts for 1 columns`},
		{"negative", HeatMap{Rows: []string{"a"}, Columns: []string{"x"}, Counts: [][]int{{-1}}}, `figure f: row "a", column "x": negative count -1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.EqualError(t, WriteHeatMap(tt.h, t.TempDir(), "f"), tt.wantErr)
		})
	}
}

// heatClass agrees with the shade plotter.HeatMap picks: 0 is the lightest,
// the largest count the darkest.
func TestHeatClass(t *testing.T) {
	assert.Equal(t, 0, heatClass(0, 120))
	assert.Equal(t, heatClasses-1, heatClass(120, 120))
	assert.Equal(t, 4, heatClass(60, 120)) // 60 × 8 / 120 = 4
	assert.Equal(t, 0, heatClass(0, 0))
}
