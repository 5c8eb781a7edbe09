package reports

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// BenchmarkFigures writes each golden figure (PNG, SVG and PDF), the work
// of one figure of the pipeline; compare its CPU time, not its wall time,
// on a busy machine.
func BenchmarkFigures(b *testing.B) {
	figures := []struct {
		name  string
		write func(dir string) error
	}{
		{"bars", func(dir string) error { return WriteBarChart(interventions, dir, "fig") }},
		{"timeline", func(dir string) error { return WriteTimelineFigure(handTimeline, dir, "fig") }},
		{"heatmap", func(dir string) error { return WriteHeatMap(goldenHeatMap, dir, "fig") }},
		{"flow", func(dir string) error { return WriteFlowChart(goldenFlow, dir, "fig") }},
	}
	for _, f := range figures {
		b.Run(f.name, func(b *testing.B) {
			dir := b.TempDir()
			for b.Loop() {
				require.NoError(b, f.write(dir))
			}
		})
	}
}
