package reports

import (
	"bytes"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goldenFlow has Dutch diacritics, a long label that wraps, nodes of very
// different sizes (1 next to 20), a "not coded" node in every column with its
// own colour, and a node no path passes through (M6), which is left out.
var goldenFlow = FlowChart{
	Title:    "Van interventiecategorie via mechanisme naar uitkomst — hele studie",
	Caption:  "Bandbreedte: ketens per configuratie; een keten met twee mechanismen telt onder elk één keer.",
	Headings: [3]string{"Interventiecategorie", "Mechanisme", "Uitkomst"},
	Nodes: [3][]string{
		{"I1 Aandacht voor randvoorwaarden", "I2 Creëren basisvoorwaarden", "I7 Wederkerigheid en sociale verantwoordelijkheid", "(geen interventie)"},
		{"M1 Vertrouwen", "M4 Gesteund voelen", "M6 Wederkerigheid", "(geen mechanisme)"},
		{"O1 Contact hersteld", "O5 Gevoel van eigenwaarde", "O8 Geen resultaat", "(geen uitkomst)"},
	},
	Colors: []color.Color{nil, nil, nil, FlowNoneColor},
	Paths: []FlowPath{
		{[3]int{0, 0, 0}, 20},
		{[3]int{0, 1, 1}, 4},
		{[3]int{0, 3, 2}, 6},
		{[3]int{1, 0, 0}, 3},
		{[3]int{1, 1, 1}, 9},
		{[3]int{1, 3, 3}, 1},
		{[3]int{2, 1, 1}, 1},
		{[3]int{3, 0, 0}, 2},
		{[3]int{3, 3, 3}, 0}, // an empty path draws nothing
	},
}

func writeFlow(t *testing.T, f FlowChart) (pngData, svgData []byte) {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, WriteFlowChart(f, dir, "fig"))
	pngData, err := os.ReadFile(filepath.Join(dir, "fig.png"))
	require.NoError(t, err)
	svgData, err = os.ReadFile(filepath.Join(dir, "fig.svg"))
	require.NoError(t, err)
	return pngData, svgData
}

func TestFlowChartGolden(t *testing.T) {
	pngData, svgData := writeFlow(t, goldenFlow)
	checkGolden(t, "figures/flow.svg", svgData)
	checkGoldenPNG(t, "figures/flow.png", pngData)
}

// Each node that carries a path is labelled with its total, worked out by
// hand from the paths above; M6 carries none and is not drawn.
func TestFlowChartLabels(t *testing.T) {
	pngData, svgData := writeFlow(t, goldenFlow)
	cfg, err := png.DecodeConfig(bytes.NewReader(pngData))
	require.NoError(t, err)
	assert.Equal(t, 1890, cfg.Width, "16 cm at 300 dpi")

	joined := strings.Join(svgTexts(t, svgData), " ")
	for _, s := range []string{
		goldenFlow.Title, goldenFlow.Caption, "Interventiecategorie", "Mechanisme", "Uitkomst",
		"I1 Aandacht voor randvoorwaarden (30)",                 // 20 + 4 + 6
		"I2 Creëren basisvoorwaarden (13)",                      // 3 + 9 + 1
		"I7 Wederkerigheid en sociale verantwoordelijkheid (1)", // wrapped, rejoined
		"(geen interventie) (2)",
		"M1 Vertrouwen (25)",      // 20 + 3 + 2
		"M4 Gesteund voelen (14)", // 4 + 9 + 1
		"(geen mechanisme) (7)",   // 6 + 1
		"O1 Contact hersteld (25)",
		"O5 Gevoel van eigenwaarde (14)",
		"O8 Geen resultaat (6)",
		"(geen uitkomst) (1)",
	} {
		assert.Contains(t, joined, s)
	}
	assert.NotContains(t, joined, "M6")
}

func TestFlowChartDegenerate(t *testing.T) {
	tests := []struct {
		name string
		f    FlowChart
	}{
		{"no paths", FlowChart{Title: "Leeg", Caption: "Geen ketens in dit werkpakket.", Nodes: goldenFlow.Nodes}},
		{"only zero paths", FlowChart{Title: "Nul", Nodes: goldenFlow.Nodes, Paths: []FlowPath{{[3]int{0, 0, 0}, 0}}}},
		{"nothing", FlowChart{}},
		{"one path", FlowChart{Title: "Eén", Nodes: [3][]string{{"a"}, {"b"}, {"c"}}, Paths: []FlowPath{{[3]int{0, 0, 0}, 1}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pngData, svgData := writeFlow(t, tt.f)
			_, err := png.Decode(bytes.NewReader(pngData))
			require.NoError(t, err)
			assert.NotContains(t, string(svgData), "NaN")
			assert.Contains(t, strings.Join(svgTexts(t, svgData), " "), tt.f.Title)
		})
	}
}

func TestFlowChartErrors(t *testing.T) {
	nodes := [3][]string{{"a"}, {"b"}, {"c"}}
	tests := []struct {
		name    string
		f       FlowChart
		wantErr string
	}{
		{"negative", FlowChart{Nodes: nodes, Paths: []FlowPath{{[3]int{0, 0, 0}, -1}}}, "figure f: path [0 0 0]: negative count -1"},
		{"no node", FlowChart{Nodes: nodes, Paths: []FlowPath{{[3]int{0, 1, 0}, 1}}}, "figure f: path [0 1 0]: column 2 has no node 1"},
		{"bad name", FlowChart{}, "figure ../f: name must be a plain file name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "f"
			if tt.name == "bad name" {
				name = "../f"
			}
			assert.EqualError(t, WriteFlowChart(tt.f, t.TempDir(), name), tt.wantErr)
		})
	}
}
