package reports

import (
	"crypto/sha256"
	"encoding/json"
	"sync"
)

// timelineMemo draws each distinct timeline figure once per run. A case's
// timeline in its work package and in the whole study is most often the
// same picture (its title names the case, not the scope), and drawing a
// figure three times over costs more than every table of a scope; a figure
// whose events or categories differ between scopes is drawn for each.
// Scopes are written side by side, so a figure asked for twice at once is
// drawn by the first asker and waited for by the other.
type timelineMemo struct {
	mu      sync.Mutex
	figures map[[sha256.Size]byte]*memoTimeline
}

type memoTimeline struct {
	done  chan struct{} // closed when files and err are set
	files figureFiles
	err   error
}

func newTimelineMemo() *timelineMemo {
	return &timelineMemo{figures: map[[sha256.Size]byte]*memoTimeline{}}
}

// render is renderTimelineFigure(f), drawn once for every f with the same
// content. A nil memo draws every time.
func (m *timelineMemo) render(f TimelineFigure) (figureFiles, error) {
	if m == nil {
		return renderTimelineFigure(f)
	}
	raw, err := json.Marshal(f)
	if err != nil {
		return figureFiles{}, err
	}
	key := sha256.Sum256(raw)
	m.mu.Lock()
	e, ok := m.figures[key]
	if !ok {
		e = &memoTimeline{done: make(chan struct{})}
		m.figures[key] = e
	}
	m.mu.Unlock()
	if ok {
		<-e.done
		return e.files, e.err
	}
	e.files, e.err = renderTimelineFigure(f)
	close(e.done)
	return e.files, e.err
}
