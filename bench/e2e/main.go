// Command e2e is the driver of `make bench`: it generates the synthetic
// studies, runs the stage benchmarks of package bench (go test -bench),
// times the built cimo end to end on each study and on the example study
// (wall time and peak memory), times DuckDB's own read_csv of the same
// segment files into a persisted table as the floor, and prints one table
// of medians against the targets of issue 7.
//
//	go run ./bench/e2e [-cli bin/cimo] [-dir DIR] [-fresh] [-sizes 10k,100k,1M]
//
// Run it from the module's root folder. It exits 0 when targets are missed:
// it measures; whether the numbers are good enough is the table's to say.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/cimo-tool/cimo/bench"
)

type config struct {
	cli, dir, example, goCmd, out string
	fresh, stages                 bool
	sizes                         []bench.Size
	runs, runs1M                  int
}

func main() {
	if os.Getenv(spawnEnv) == "1" {
		os.Exit(spawn(os.Args[1:]))
	}
	var c config
	var sizes string
	flag.StringVar(&c.cli, "cli", "bin/cimo", "the built cimo `command` to time end to end")
	flag.StringVar(&c.dir, "dir", bench.Dir(), "cache `folder` for the generated studies and results")
	flag.StringVar(&c.example, "example", "data/example/study.yaml", "the example `study` to time end to end")
	flag.StringVar(&c.goCmd, "go", "go", "the go `command` that runs the stage benchmarks")
	flag.StringVar(&c.out, "results", "", "also write the table to this `file` (default DIR/results.md)")
	flag.BoolVar(&c.fresh, "fresh", false, "generate the studies anew, even when cached")
	flag.BoolVar(&c.stages, "stages", true, "run the stage benchmarks (go test -bench ./bench/)")
	flag.StringVar(&sizes, "sizes", "10k,100k,1M", "comma-separated `sizes` of bench.Sizes to measure")
	flag.IntVar(&c.runs, "runs", 5, "runs of each measurement below 1M, for the median")
	flag.IntVar(&c.runs1M, "runs-1M", 3, "runs of each measurement at 1M")
	flag.Parse()
	for _, l := range strings.Split(sizes, ",") {
		i := slices.IndexFunc(bench.Sizes, func(s bench.Size) bool { return s.Label == l })
		if i < 0 {
			fmt.Fprintf(os.Stderr, "e2e: unknown size %q\n", l)
			os.Exit(2)
		}
		c.sizes = append(c.sizes, bench.Sizes[i])
	}
	if c.out == "" {
		c.out = filepath.Join(c.dir, "results.md")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, c)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
}

func (c config) runsOf(s bench.Size) int {
	if s.N >= 1_000_000 {
		return c.runs1M
	}
	return c.runs
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

func run(ctx context.Context, c config) error {
	if _, err := os.Stat("go.mod"); err != nil {
		return fmt.Errorf("run from the module's root folder (make bench): %w", err)
	}
	if _, err := os.Stat(c.cli); err != nil {
		return fmt.Errorf("no cimo to time: %w (make build)", err)
	}
	res := &results{sizes: c.sizes, stages: map[string]map[string][]float64{}}
	res.load[0] = loadAverage()
	res.started = time.Now()

	for _, s := range c.sizes {
		if c.fresh {
			if err := os.RemoveAll(bench.StudyDir(c.dir, s.N)); err != nil {
				return err
			}
		}
		start := time.Now()
		_, generated, err := bench.Study(ctx, c.dir, s.N)
		if err != nil {
			return err
		}
		if generated {
			res.add(stageGenerate, s, time.Since(start).Seconds(), 0)
			logf("generated %s rows in %s", s.Label, time.Since(start).Round(time.Millisecond))
		}
	}

	if c.stages {
		// One go test per number of runs: medians of 5 below 1M, of 3 at 1M.
		groups := map[int][]bench.Size{}
		var counts []int
		for _, s := range c.sizes {
			n := c.runsOf(s)
			if _, ok := groups[n]; !ok {
				counts = append(counts, n)
			}
			groups[n] = append(groups[n], s)
		}
		for _, n := range counts {
			if err := runStageBenchmarks(ctx, c, groups[n], n, res); err != nil {
				return err
			}
		}
	}

	for _, s := range c.sizes {
		files, err := bench.SegmentFiles(c.dir, s.N)
		if err != nil {
			return err
		}
		for i := range c.runsOf(s) {
			sec, err := readCSVFloor(ctx, c.dir, files)
			if err != nil {
				return err
			}
			res.add(stageFloor, s, sec, 0)
			logf("read_csv floor %s run %d: %.3f s", s.Label, i+1, sec)
		}
		study := filepath.Join(bench.StudyDir(c.dir, s.N), "study.yaml")
		for i := range c.runsOf(s) {
			sec, peak, err := runCLI(ctx, c.cli, study, c.dir)
			if err != nil {
				return err
			}
			res.add(stageE2E, s, sec, peak)
			logf("cimo run %s run %d: %.3f s, peak %s", s.Label, i+1, sec, formatBytes(peak))
		}
	}
	for i := range c.runs {
		sec, peak, err := runCLI(ctx, c.cli, c.example, c.dir)
		if err != nil {
			return err
		}
		res.add(stageExample, bench.Size{Label: "example"}, sec, peak)
		logf("cimo run example run %d: %.3f s", i+1, sec)
	}

	res.load[1] = loadAverage()
	table := res.table()
	fmt.Print(table)
	if err := os.WriteFile(c.out, []byte(table), 0o644); err != nil {
		return err
	}
	logf("table written to %s", c.out)
	return nil
}
