package main

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/cimo-tool/cimo/bench"
)

// Stages of the table, in its order. The Go stage benchmarks are named by
// their function (BenchmarkRead is "Read").
const (
	stageGenerate = "Generate"
	stageRead     = "Read"
	stageLoad     = "Load"
	stageReadLoad = "ReadLoad"
	stageLink     = "Link"
	stageReports  = "Reports"
	stageFloor    = "Floor"
	stageE2E      = "E2E"
	stageExample  = "Example"
)

var stageOrder = []string{stageGenerate, stageRead, stageLoad, stageReadLoad, stageLink, stageReports, stageFloor, stageE2E, stageExample}

// vsFloor are the stages compared with DuckDB's read_csv: those that take
// the segment files into a persisted store.
var vsFloor = []string{stageLoad, stageReadLoad, stageE2E}

var stageNames = map[string]string{
	stageGenerate: "generate (`cimo generate`, once)",
	stageRead:     "read and validate, the Go path (coding.Read)",
	stageLoad:     "load, the Go path (store.Open, tx.Load, checkpoint)",
	stageReadLoad: "read + load as a run does it (ReadDeferred, LoadSegmentFiles, checkpoint)",
	stageLink:     "link (cimo.Link)",
	stageReports:  "tables and figures (reports.Write)",
	stageFloor:    "DuckDB read_csv into a persisted table (floor)",
	stageE2E:      "`cimo run` end to end",
	stageExample:  "`cimo run` on the example study",
}

// Targets of issue 7.
const (
	targetE2ESeconds  = 3.0
	targetE2EPeak     = 1 << 30
	targetLoadShare   = 0.70 // of read_csv's throughput
	targetGrowth      = 12.0 // from 100k to 1M
	targetExampleSecs = 0.5
	growthFrom        = "100k" // the growth target compares these two sizes
	growthTo          = "1M"
)

// results holds every measured time, in seconds, by stage and size label.
type results struct {
	sizes   []bench.Size
	stages  map[string]map[string][]float64
	peaks   map[string][]int64 // E2E and Example peak memory, bytes, by size label
	load    [2]string          // one-minute load average at the start and the end
	started time.Time
}

func (r *results) add(stage string, s bench.Size, sec float64, peak int64) {
	if r.stages[stage] == nil {
		r.stages[stage] = map[string][]float64{}
	}
	r.stages[stage][s.Label] = append(r.stages[stage][s.Label], sec)
	if peak > 0 {
		if r.peaks == nil {
			r.peaks = map[string][]int64{}
		}
		r.peaks[stage+"/"+s.Label] = append(r.peaks[stage+"/"+s.Label], peak)
	}
}

// median of the times of stage at size label; ok is false when none were measured.
func (r *results) median(stage, label string) (float64, int, bool) {
	xs := r.stages[stage][label]
	if len(xs) == 0 {
		return 0, 0, false
	}
	return median(xs), len(xs), true
}

func medianBytes(xs []int64) int64 {
	f := make([]float64, len(xs))
	for i, x := range xs {
		f[i] = float64(x)
	}
	return int64(median(f))
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// A check is one target of a row, met or not.
type check struct {
	what string
	ok   bool
}

type row struct {
	stage, label string
	runs         int
	sec          float64
	n            int
	peak         int64
	vsFloor      float64 // throughput as a share of read_csv's at this size; 0 for none
	growth       float64
	target       []string
	checks       []check
}

func (r *results) rows() []row {
	var out []row
	sizes := append(slices.Clone(r.sizes), bench.Size{Label: "example"})
	for _, stage := range stageOrder {
		for _, s := range sizes {
			sec, runs, ok := r.median(stage, s.Label)
			if !ok {
				continue
			}
			rw := row{stage: stage, label: s.Label, runs: runs, sec: sec, n: s.N}
			if peaks := r.peaks[stage+"/"+s.Label]; len(peaks) > 0 {
				rw.peak = medianBytes(peaks)
			}
			if floor, _, ok := r.median(stageFloor, s.Label); ok && slices.Contains(vsFloor, stage) {
				rw.vsFloor = floor / sec
			}
			r.targets(&rw)
			out = append(out, rw)
		}
	}
	return out
}

// targets fills in the targets of issue 7 that apply to a row.
func (r *results) targets(rw *row) {
	if rw.stage == stageExample {
		rw.target = append(rw.target, fmt.Sprintf("< %.1f s", targetExampleSecs))
		rw.checks = append(rw.checks, check{"time", rw.sec < targetExampleSecs})
		return
	}
	if rw.label != growthTo || rw.stage == stageGenerate || rw.stage == stageFloor {
		return
	}
	if rw.stage == stageE2E {
		rw.target = append(rw.target, fmt.Sprintf("≤ %.0f s", targetE2ESeconds), "≤ 1 GiB")
		rw.checks = append(rw.checks, check{"time", rw.sec <= targetE2ESeconds}, check{"memory", rw.peak <= targetE2EPeak})
	}
	if rw.stage == stageReadLoad && rw.vsFloor > 0 {
		rw.target = append(rw.target, fmt.Sprintf("≥ %.0f%% of read_csv", 100*targetLoadShare))
		rw.checks = append(rw.checks, check{"vs read_csv", rw.vsFloor >= targetLoadShare})
	}
	if from, _, ok := r.median(rw.stage, growthFrom); ok && from > 0 {
		rw.growth = rw.sec / from
		rw.target = append(rw.target, fmt.Sprintf("≤ %.0f× from %s", targetGrowth, growthFrom))
		rw.checks = append(rw.checks, check{"growth", rw.growth <= targetGrowth})
	}
}

func (rw row) result() string {
	if len(rw.checks) == 0 {
		return ""
	}
	var failed []string
	for _, c := range rw.checks {
		if !c.ok {
			failed = append(failed, c.what)
		}
	}
	if len(failed) == 0 {
		return "PASS"
	}
	return "FAIL (" + strings.Join(failed, ", ") + ")"
}

// table is the results as a Markdown table with a short header.
func (r *results) table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "cimo benchmark, %s: %s/%s, %d CPUs, %s; load average %s at the start, %s at the end.\n",
		r.started.Format("2006-01-02 15:04"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), r.load[0], r.load[1])
	b.WriteString("Times and peak memory are medians of the runs; segments are coded-segment rows (codings) of synthetic studies, seed 1.\n\n")
	b.WriteString("| stage | N | runs | median | segments/s | peak memory | vs read_csv | ×100k→1M | target | result |\n")
	b.WriteString("|---|--:|--:|--:|--:|--:|--:|--:|---|---|\n")
	for _, rw := range r.rows() {
		rate, peak, vs, grow := "", "", "", ""
		if rw.n > 0 {
			rate = formatCount(float64(rw.n) / rw.sec)
		}
		if rw.peak > 0 {
			peak = formatBytes(rw.peak)
		}
		if rw.vsFloor > 0 {
			vs = fmt.Sprintf("%.0f%%", 100*rw.vsFloor)
		}
		if rw.growth > 0 {
			grow = fmt.Sprintf("%.1f×", rw.growth)
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s |\n",
			stageNames[rw.stage], rw.label, rw.runs, formatSeconds(rw.sec), rate, peak, vs, grow, strings.Join(rw.target, ", "), rw.result())
	}
	return b.String()
}

func formatSeconds(s float64) string {
	if s < 1 {
		return fmt.Sprintf("%.0f ms", s*1000)
	}
	return fmt.Sprintf("%.2f s", s)
}

// formatCount writes a rate as a whole number with thousands separators.
func formatCount(x float64) string {
	s := fmt.Sprintf("%.0f", x)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func formatBytes(n int64) string {
	if n >= 1<<30 {
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	}
	return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
}
