// Package bench measures cimo at scale on synthetic studies (see
// data.WriteSynthetic): Go benchmarks of each stage in this package's tests,
// and in bench/e2e the driver that `make bench` runs, which also times the
// built command end to end and DuckDB's own read_csv as the floor, and
// prints the results against the targets of issue 7.
//
// Studies are generated once into a cache folder and reused by every
// benchmark and run; `make bench` writes them afresh each time, so a changed
// generator never leaves a stale study behind.
package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/cimo-tool/cimo/data"
)

// Seed is the seed of every benchmark study.
const Seed = 1

// A Size is a benchmark study's number of coded-segment rows.
type Size struct {
	Label string // as in benchmark names: N=<Label>
	N     int
}

// Sizes are the study sizes every stage is measured at.
var Sizes = []Size{{"10k", 10_000}, {"100k", 100_000}, {"1M", 1_000_000}}

// Dir is the cache folder: $CIMO_BENCH_DIR, else cimo-bench in the
// temporary folder.
func Dir() string {
	if d := os.Getenv("CIMO_BENCH_DIR"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "cimo-bench")
}

// StudyDir is where the study of n rows is cached in dir.
func StudyDir(dir string, n int) string {
	return filepath.Join(dir, strconv.Itoa(n)+"-"+strconv.Itoa(Seed))
}

// Study returns the study file of the synthetic study of n rows cached in
// dir, generating it first if it is not there. It is written into a
// temporary folder and renamed into place, so an interrupted run never
// leaves half a study in the cache. generated says whether it was written.
func Study(ctx context.Context, dir string, n int) (path string, generated bool, err error) {
	final := StudyDir(dir, n)
	path = filepath.Join(final, "study.yaml")
	if _, err := os.Stat(path); err == nil {
		return path, false, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", false, fmt.Errorf("bench study: %w", err)
	}
	tmp, err := os.MkdirTemp(dir, "generating-")
	if err != nil {
		return "", false, fmt.Errorf("bench study: %w", err)
	}
	defer os.RemoveAll(tmp)
	opt := data.Synthetic{Segments: n, Seed: Seed, DoubleCoded: data.DefaultDoubleCoded, RepeatAgreed: true}
	if _, err := data.WriteSynthetic(ctx, tmp, opt); err != nil {
		return "", false, fmt.Errorf("bench study: %w", err)
	}
	if err := os.RemoveAll(final); err != nil {
		return "", false, fmt.Errorf("bench study: %w", err)
	}
	if err := os.Rename(tmp, final); err != nil {
		return "", false, fmt.Errorf("bench study: %w", err)
	}
	return path, true, nil
}

// SegmentFiles lists the segment files of the cached study of n rows.
func SegmentFiles(dir string, n int) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(StudyDir(dir, n), "segments", "*.csv"))
	if err == nil && len(files) == 0 {
		err = fmt.Errorf("no segment files in %s", StudyDir(dir, n))
	}
	return files, err
}
