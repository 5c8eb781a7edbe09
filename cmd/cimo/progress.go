package main

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"
)

// A progressMode says how a run shows its progress on stderr.
type progressMode int

const (
	progressNone  progressMode = iota // nothing: --quiet, or stderr is not a terminal
	progressBar                       // one line redrawn in place, on a terminal
	progressLines                     // a plain line per stage: --verbose
)

// chooseProgress picks the mode: --quiet and --verbose decide; otherwise a
// bar when stderr is a terminal and nothing when it is not (CI, a pipe, a
// file), so that logs hold no carriage returns.
func chooseProgress(quiet, verbose bool, stderr io.Writer) progressMode {
	switch {
	case quiet:
		return progressNone
	case verbose:
		return progressLines
	}
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return progressBar
	}
	return progressNone
}

// progress writes a run's progress to w in its mode.
type progress struct {
	w     io.Writer
	mode  progressMode
	start time.Time // when the run started
	drawn bool      // a bar is on the line
	last  time.Time // when the previous stage ended, for --verbose's timings
}

const progressWidth = 30

// update is pipeline.Options.Progress.
func (p *progress) update(done, total int, stage string) {
	switch p.mode {
	case progressLines:
		// Each line says how long its stage took, so that a slow stage on
		// a large study can be found without a profiler.
		now := time.Now()
		if p.last.IsZero() {
			p.last = cmp.Or(p.start, now)
		}
		fmt.Fprintf(p.w, "cimo: [%d/%d] %s (%.2f s)\n", done, total, stage, now.Sub(p.last).Seconds())
		p.last = now
	case progressBar:
		filled := progressWidth * done / max(total, 1)
		fmt.Fprintf(p.w, "\r\033[K[%s%s] %d/%d %s", strings.Repeat("#", filled), strings.Repeat(".", progressWidth-filled),
			done, total, stage)
		p.drawn = true
	}
}

// finish clears the bar, so that what follows starts on a clean line.
func (p *progress) finish() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

// lineWriter writes warnings on a line of their own, clearing a bar first.
type lineWriter struct {
	p *progress
	w io.Writer
}

func (l lineWriter) Write(b []byte) (int, error) {
	l.p.finish()
	return l.w.Write(b)
}
