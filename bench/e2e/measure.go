package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
	"golang.org/x/perf/benchfmt"

	"github.com/cimo-tool/cimo/bench"
)

// runCLI runs `cli run` on study into a new output folder and returns its
// wall time in seconds and its peak resident memory in bytes.
func runCLI(ctx context.Context, cli, study, dir string) (float64, int64, error) {
	out, err := os.MkdirTemp(dir, "run-")
	if err != nil {
		return 0, 0, err
	}
	defer os.RemoveAll(out)
	return measure(ctx, cli, "run", "--out", out, study)
}

// spawnEnv makes the driver, run again, the small parent of one command.
const spawnEnv = "CIMO_BENCH_SPAWN"

// measure runs a command and returns its wall time in seconds and its peak
// resident memory in bytes, as the kernel counted it (getrusage's
// ru_maxrss). Go starts a command with vfork, and Linux counts the parent's
// own peak into the child's ru_maxrss when the child execs, so the driver
// (which holds DuckDB and results) would inflate it: the command is started
// by a copy of this program instead, which holds nothing, and reports.
func measure(ctx context.Context, name string, args ...string) (float64, int64, error) {
	self, err := os.Executable()
	if err != nil {
		return 0, 0, err
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, self, append([]string{name}, args...)...)
	cmd.Env = append(os.Environ(), spawnEnv+"=1")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return 0, 0, fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	var ns, peak int64
	if _, err := fmt.Sscan(stdout.String(), &ns, &peak); err != nil {
		return 0, 0, fmt.Errorf("%s: no measurement: %w", name, err)
	}
	return float64(ns) / 1e9, peak, nil
}

// spawn is the driver run as the parent of one command (args): it runs it,
// its output to stderr, and prints its wall time in nanoseconds and peak
// memory in bytes. It returns the exit code.
func spawn(args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "e2e: nothing to run")
		return 2
	}
	os.Unsetenv(spawnEnv) // the command is not a driver
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println(wall.Nanoseconds(), maxRSS(cmd.ProcessState))
	return 0
}

func maxRSS(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" { // bytes there, KiB on Linux
		return int64(ru.Maxrss)
	}
	return int64(ru.Maxrss) * 1024
}

// readCSVFloor times DuckDB reading the segment files into a table of a new
// database file, persisted by a checkpoint: the floor no loading can beat.
func readCSVFloor(ctx context.Context, dir string, files []string) (float64, error) {
	tmp, err := os.MkdirTemp(dir, "floor-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp)
	quoted := make([]string, len(files))
	for i, f := range files {
		quoted[i] = "'" + strings.ReplaceAll(f, "'", "''") + "'"
	}
	start := time.Now()
	db, err := sql.Open("duckdb", filepath.Join(tmp, "floor.duckdb"))
	if err != nil {
		return 0, err
	}
	_, err = db.ExecContext(ctx, "CREATE TABLE segments AS SELECT * FROM read_csv(["+strings.Join(quoted, ", ")+"], header = true)")
	if err == nil {
		_, err = db.ExecContext(ctx, "CHECKPOINT")
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, fmt.Errorf("read_csv floor: %w", err)
	}
	return time.Since(start).Seconds(), nil
}

// runStageBenchmarks runs the stage benchmarks of package bench at sizes,
// count times each, keeps go test's output beside the studies, and records
// each result's time.
func runStageBenchmarks(ctx context.Context, c config, sizes []bench.Size, count int, res *results) error {
	labels := make([]string, len(sizes))
	for i, s := range sizes {
		labels[i] = s.Label
	}
	pattern := "/N=(" + strings.Join(labels, "|") + ")$"
	logf("stage benchmarks at %s, %d runs each", strings.Join(labels, ", "), count)
	outPath := filepath.Join(c.dir, "stages-"+strings.Join(labels, "-")+".txt")
	out, err := os.Create(outPath)
	if err != nil {
		return err
	}
	defer out.Close()
	var buf bytes.Buffer
	cmd := exec.CommandContext(ctx, c.goCmd, "test", "-run", "^$", "-bench", pattern,
		"-benchtime", "1x", "-count", fmt.Sprint(count), "-timeout", "60m", "./bench/")
	cmd.Env = append(os.Environ(), "CIMO_BENCH_DIR="+c.dir)
	cmd.Stdout = io.MultiWriter(out, &buf, os.Stderr)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("stage benchmarks (output in %s): %w", outPath, err)
	}
	return parseStages(&buf, outPath, sizes, res)
}

// parseStages reads go test's benchmark output: Benchmark<Stage>/N=<label>.
func parseStages(r io.Reader, name string, sizes []bench.Size, res *results) error {
	br := benchfmt.NewReader(r, name)
	for br.Scan() {
		rec, ok := br.Result().(*benchfmt.Result)
		if !ok {
			if e, isErr := br.Result().(*benchfmt.SyntaxError); isErr {
				return e
			}
			continue
		}
		base, parts := rec.Name.Parts()
		sec, ok := rec.Value("sec/op")
		if !ok {
			continue
		}
		for _, p := range parts {
			label, found := strings.CutPrefix(string(p), "/N=")
			if !found {
				continue
			}
			for _, s := range sizes {
				if s.Label == label {
					res.add(string(base), s, sec, 0)
				}
			}
		}
	}
	return br.Err()
}

// loadAverage is the machine's one-minute load, for the reader of the
// table to judge the noise: other work on the machine slows every stage.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	return strings.Fields(string(b))[0]
}
