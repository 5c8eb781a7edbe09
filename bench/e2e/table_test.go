package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cimo-tool/cimo/bench"
)

var (
	size100k = bench.Size{Label: "100k", N: 100_000}
	size1M   = bench.Size{Label: "1M", N: 1_000_000}
	example  = bench.Size{Label: "example"}
)

func TestMedian(t *testing.T) {
	assert.Equal(t, 3.0, median([]float64{5, 1, 3}))
	assert.Equal(t, 2.5, median([]float64{4, 1, 3, 2}))
	assert.Equal(t, 7.0, median([]float64{7}))
}

// TestTargets works the table's verdicts by hand from invented timings.
func TestTargets(t *testing.T) {
	r := &results{sizes: []bench.Size{size100k, size1M}, stages: map[string]map[string][]float64{}}
	add := func(stage string, s bench.Size, secs []float64, peak int64) {
		for _, x := range secs {
			r.add(stage, s, x, peak)
		}
	}
	add(stageE2E, size100k, []float64{5, 6, 4}, 200<<20) // median 5 s
	add(stageE2E, size1M, []float64{30, 29, 31}, 2<<30)  // median 30 s: 6× of 5 s
	add(stageRead, size1M, []float64{3, 3, 3}, 0)
	add(stageLoad, size1M, []float64{5, 5, 5}, 0)
	add(stageReadLoad, size1M, []float64{9, 8, 7}, 0)    // median 8 s
	add(stageFloor, size1M, []float64{1.2, 0.8, 1.0}, 0) // median 1 s: 1/8 = 12.5% of read_csv
	add(stageLink, size100k, []float64{0.1}, 0)
	add(stageLink, size1M, []float64{1.3}, 0) // 13× of 0.1 s
	add(stageReports, size1M, []float64{2}, 0)
	add(stageExample, example, []float64{0.4, 0.6, 0.45, 0.5, 0.3}, 50<<20) // median 0.45 s

	got := map[string]row{}
	for _, rw := range r.rows() {
		got[rw.stage+"/"+rw.label] = rw
	}

	e2e := got[stageE2E+"/1M"]
	assert.Equal(t, 30.0, e2e.sec)
	assert.Equal(t, 3, e2e.runs)
	assert.InDelta(t, 6.0, e2e.growth, 1e-9)
	assert.Equal(t, int64(2<<30), e2e.peak)
	assert.InDelta(t, 1.0/30, e2e.vsFloor, 1e-9)
	assert.Equal(t, "FAIL (time, memory)", e2e.result(), "30 s > 3 s, 2 GiB > 1 GiB, 6× ≤ 12×")
	assert.Equal(t, "", got[stageE2E+"/100k"].result(), "targets are for 1M")

	rl := got[stageReadLoad+"/1M"]
	assert.Equal(t, 8.0, rl.sec)
	assert.InDelta(t, 0.125, rl.vsFloor, 1e-9)
	assert.Equal(t, "FAIL (vs read_csv)", rl.result())

	assert.Equal(t, "FAIL (growth)", got[stageLink+"/1M"].result())
	assert.Zero(t, got[stageLink+"/1M"].vsFloor, "linking does not read the files")
	assert.Equal(t, "", got[stageReports+"/1M"].result(), "no 100k time, no growth to check")
	assert.Equal(t, "", got[stageFloor+"/1M"].result(), "the floor has no target")
	assert.Equal(t, 0.45, got[stageExample+"/example"].sec)
	assert.Equal(t, "PASS", got[stageExample+"/example"].result())

	table := r.table()
	assert.Contains(t, table, "| `cimo run` end to end | 1M | 3 | 30.00 s | 33,333 | 2.00 GiB | 3% | 6.0× | ≤ 3 s, ≤ 1 GiB, ≤ 12× from 100k | FAIL (time, memory) |")
	assert.Contains(t, table, "| `cimo run` on the example study | example | 5 | 450 ms |  | 50 MiB |  |  | < 0.5 s | PASS |")
}

func TestFormat(t *testing.T) {
	assert.Equal(t, "1,234,567", formatCount(1234567.4))
	assert.Equal(t, "999", formatCount(999))
	assert.Equal(t, "1,000", formatCount(999.6))
	assert.Equal(t, "1.50 GiB", formatBytes(3<<29))
	assert.Equal(t, "512 MiB", formatBytes(512<<20))
	assert.Equal(t, "20 ms", formatSeconds(0.02))
	assert.Equal(t, "2.50 s", formatSeconds(2.5))
}

func TestParseStages(t *testing.T) {
	out := `goos: linux
goarch: amd64
pkg: github.com/cimo-tool/cimo/bench
BenchmarkRead/N=10k-2         	       1	  31928409 ns/op	    313218 segments/s
BenchmarkRead/N=10k-2         	       1	  32893113 ns/op	    304035 segments/s
BenchmarkLoad/N=100k-2        	       1	1039037215 ns/op	     96243 segments/s
BenchmarkLoad/N=1M-2          	       1	9000000000 ns/op	    111111 segments/s
BenchmarkReadLoad/N=100k-2    	       1	 250000000 ns/op	    400000 segments/s
PASS
`
	r := &results{stages: map[string]map[string][]float64{}}
	require.NoError(t, parseStages(strings.NewReader(out), "out", []bench.Size{{Label: "10k", N: 10_000}, size100k}, r))
	assert.InDeltaSlice(t, []float64{0.031928409, 0.032893113}, r.stages[stageRead]["10k"], 1e-12)
	assert.InDeltaSlice(t, []float64{1.039037215}, r.stages[stageLoad]["100k"], 1e-12)
	assert.Empty(t, r.stages[stageLoad]["1M"], "only the sizes asked for")
	assert.InDeltaSlice(t, []float64{0.25}, r.stages[stageReadLoad]["100k"], 1e-12, "BenchmarkReadLoad is the read + load row")
}
