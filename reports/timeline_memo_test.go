package reports

import (
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The memo draws a figure once however often, and at once, it is asked
// for, and gives what drawing it afresh gives; a figure that differs in
// anything is drawn on its own.
func TestTimelineMemo(t *testing.T) {
	m := newTimelineMemo()
	want, err := renderTimelineFigure(handTimeline)
	require.NoError(t, err)

	got := make([]figureFiles, 4)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() {
			var err error
			got[i], err = m.render(handTimeline)
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	for _, g := range got {
		assert.Equal(t, want, g)
	}
	assert.Len(t, m.figures, 1, "drawn once")

	other := handTimeline
	other.Events = slices.Clone(handTimeline.Events)
	other.Events[0].Categories = nil
	o, err := m.render(other)
	require.NoError(t, err)
	assert.Len(t, m.figures, 2, "a figure with other categories is drawn on its own")
	assert.NotEqual(t, want.png, o.png)

	var none *timelineMemo
	n, err := none.render(handTimeline)
	require.NoError(t, err)
	assert.Equal(t, want, n, "no memo: drawn each time")
}

// In a run, a case whose timeline is the same in a work package and in the
// whole study gets the same files in both, titled by its case; the page
// still names the scope.
func TestTimelineSharedAcrossScopes(t *testing.T) {
	out := writeAnalysesStudy(t, nil)
	shared := 0
	for _, sc := range []string{"A", "B"} {
		entries, err := os.ReadDir(filepath.Join(out, sc, "figures", "timelines"))
		if os.IsNotExist(err) {
			continue
		}
		require.NoError(t, err)
		for _, e := range entries {
			a, err := os.ReadFile(filepath.Join(out, sc, "figures", "timelines", e.Name()))
			require.NoError(t, err)
			b, err := os.ReadFile(filepath.Join(out, "all", "figures", "timelines", e.Name()))
			require.NoError(t, err, "every case of %s is in the whole study", sc)
			if string(a) == string(b) {
				shared++
			}
		}
	}
	assert.Positive(t, shared, "some case looks the same in its work package and in the whole study")
}
