package data_test

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/cimo-tool/cimo/data"
	"github.com/cimo-tool/cimo/pipeline"
	"github.com/cimo-tool/cimo/store"
)

func synthetic(t *testing.T, opt data.Synthetic) (string, *data.SyntheticSummary) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "study")
	sum, err := data.WriteSynthetic(context.Background(), dir, opt)
	require.NoError(t, err)
	return dir, sum
}

// syntheticSegments reads every segment file of a synthetic study, in name order.
func syntheticSegments(t *testing.T, dir string) []row {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "segments", "*.csv"))
	require.NoError(t, err)
	var rows []row
	for _, p := range paths {
		rows = append(rows, readCSV(t, dir, filepath.Join("segments", filepath.Base(p)))...)
	}
	return rows
}

func TestSyntheticSameSeedSameBytes(t *testing.T) {
	opt := data.Synthetic{Segments: 5000, Seed: 7, DoubleCoded: data.DefaultDoubleCoded}
	a, _ := synthetic(t, opt)
	b, _ := synthetic(t, opt)
	fa, fb := files(t, a), files(t, b)
	require.Equal(t, names(fa), names(fb))
	for _, name := range names(fa) {
		assert.Truef(t, string(fa[name]) == string(fb[name]), "%s differs between two runs with the same seed", name)
	}

	opt.Seed = 8
	c, _ := synthetic(t, opt)
	assert.NotEqual(t, string(fa["segments/wp1-1.csv"]), string(files(t, c)["segments/wp1-1.csv"]), "the seed is not used")
}

// TestSyntheticRowCount: --segments counts rows of the segment files, exactly.
func TestSyntheticRowCount(t *testing.T) {
	for _, n := range []int{1, 2, 999, 5000} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			dir, sum := synthetic(t, data.Synthetic{Segments: n, Seed: 1, DoubleCoded: data.DefaultDoubleCoded})
			assert.Len(t, syntheticSegments(t, dir), n)
			total := 0
			for _, wp := range sum.WorkPackages {
				total += wp.Rows
			}
			assert.Equal(t, n, total)
			readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
			require.NoError(t, err)
			assert.Contains(t, string(readme), "**Everything in this folder is synthetic.**")
			assert.Contains(t, string(readme), "cimo generate --segments "+strconv.Itoa(n)+" --seed 1 --out DIR")
		})
	}
}

func TestSyntheticShape(t *testing.T) {
	dir, sum := synthetic(t, data.Synthetic{Segments: 30000, Seed: 3, DoubleCoded: data.DefaultDoubleCoded})

	var study struct {
		Language     string
		WorkPackages []struct{ ID string } `yaml:"work_packages"`
		Segments     []string
	}
	raw, err := os.ReadFile(filepath.Join(dir, "study.yaml"))
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(raw, &study))
	assert.Equal(t, "nl", study.Language)
	assert.Len(t, study.WorkPackages, 4)
	assert.True(t, strings.HasPrefix(string(raw), "# Synthetische studie"), "study.yaml says it is synthetic")

	t.Run("segment files", func(t *testing.T) {
		for _, wp := range sum.WorkPackages {
			assert.GreaterOrEqualf(t, len(wp.Files), 2, "%s: segments split over a few files", wp.ID)
			for _, f := range wp.Files {
				assert.FileExists(t, filepath.Join(dir, f))
				assert.Truef(t, strings.HasPrefix(f, "segments/"+strings.ToLower(wp.ID)+"-"), "%s in %s", f, wp.ID)
			}
		}
	})

	t.Run("timelines", func(t *testing.T) {
		events := readCSV(t, dir, "events.csv")
		byCase := map[string][]row{}
		for _, e := range events {
			byCase[e["case_id"]] = append(byCase[e["case_id"]], e)
		}
		assert.Len(t, byCase, sum.Cases)
		lengths := map[int]bool{}
		for id, evs := range byCase {
			assert.GreaterOrEqualf(t, len(evs), 5, "case %s", id)
			assert.LessOrEqualf(t, len(evs), 40, "case %s", id)
			lengths[len(evs)] = true
			for i, e := range evs {
				assert.Equalf(t, strconv.Itoa(i+1), e["seq"], "case %s numbers its events in order", id)
			}
		}
		assert.Greater(t, len(lengths), 15, "case lengths vary over the range")
		forms := map[string]*regexp.Regexp{
			"year":    regexp.MustCompile(`^\d{4}$`),
			"quarter": regexp.MustCompile(`^\d{4}-Q[1-4]$`),
			"month":   regexp.MustCompile(`^\d{4}-\d{2}$`),
			"day":     regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`),
		}
		for name, re := range forms {
			assert.Truef(t, slices.ContainsFunc(events, func(e row) bool { return re.MatchString(e["date"]) }), "no event dated by %s only", name)
		}
	})

	segs := syntheticSegments(t, dir)
	codebook := index(readCSV(t, dir, "codebook.csv"), "code")

	t.Run("codes and valence", func(t *testing.T) {
		count := map[string]int{}
		for _, s := range segs {
			c, ok := codebook[s["code"]]
			require.Truef(t, ok, "code %q not in the codebook", s["code"])
			count[s["code"]]++
			if c["dimension"] == "C" {
				assert.Containsf(t, []string{"promoting", "hindering"}, s["valence"], "context code %s", s["code"])
			} else {
				assert.Emptyf(t, s["valence"], "valence on %s, not a context code", s["code"])
			}
			assert.NotEmpty(t, s["quote"])
		}
		// Mechanisms are drawn by their codebook weights alone: M1 weighs 6,
		// M6 weighs 1, so M1 is coded about six times as often (a little
		// less, since a chain's two mechanisms differ). Of the ~4,900 M rows
		// here M6 has about 230 (1/21.5), so the ratio spreads by about 7%
		// (0.45); 1.5 is more than three times that.
		ratio := float64(count["M1"]) / float64(count["M6"])
		assert.InDelta(t, 6, ratio, 1.5, "M1 %d, M6 %d: code frequencies are skewed by weight", count["M1"], count["M6"])
	})

	t.Run("coders", func(t *testing.T) {
		coders := map[string]bool{}
		perSegment := map[[2]string]map[string]bool{}
		seen := map[[3]string]bool{}
		for _, s := range segs {
			coders[s["coder"]] = true
			k := [2]string{s["interview_id"], s["segment_id"]}
			if perSegment[k] == nil {
				perSegment[k] = map[string]bool{}
			}
			perSegment[k][s["coder"]] = true
			c := [3]string{s["interview_id"], s["segment_id"], s["code"]}
			assert.Falsef(t, seen[c], "%v twice: today's reader accepts each (interview, segment, code) once", c)
			seen[c] = true
		}
		assert.Len(t, coders, 8)
		double := 0
		for _, cs := range perSegment {
			if len(cs) == 2 {
				double++
			}
			assert.LessOrEqual(t, len(cs), 2)
		}
		assert.Equal(t, sum.DoubleCoded, double, "the README counts the double-coded segments")
		assert.Positive(t, double)
	})

	t.Run("chains", func(t *testing.T) {
		dims := map[string]map[string]bool{} // chain -> dimensions
		kinds := map[string]int{}
		for _, s := range segs {
			chain := ""
			switch {
			case s["chain_id"] != "":
				chain, kinds["chain_id"] = "chain_id:"+s["chain_id"], kinds["chain_id"]+1
			case s["event_id"] != "":
				chain, kinds["event_id"] = "event_id:"+s["event_id"], kinds["event_id"]+1
			default:
				kinds["none"]++
				continue
			}
			if dims[chain] == nil {
				dims[chain] = map[string]bool{}
			}
			dims[chain][codebook[s["code"]]["dimension"]] = true
		}
		assert.Len(t, kinds, 3, "codings linked by chain_id, by event_id and not at all: %v", kinds)
		complete := 0
		for _, d := range dims {
			if len(d) == 4 {
				complete++
			}
		}
		assert.Positive(t, complete, "complete chains")
		assert.Less(t, complete, len(dims), "incomplete chains")
	})
}

// TestSyntheticDoubleCodedShare: with the agreeing codes written, every
// segment drawn for double coding shows two coders. Each segment is drawn
// with chance 0.1; with about 21,000 segments the share's standard deviation
// is sqrt(0.1*0.9/21000), 0.2 percentage points, so 0.09 to 0.11 is five of them.
func TestSyntheticDoubleCodedShare(t *testing.T) {
	dir, sum := synthetic(t, data.Synthetic{Segments: 30000, Seed: 5, DoubleCoded: 0.1, RepeatAgreed: true})
	perSegment := map[[2]string]map[string]bool{}
	perCoding := map[[3]string][]string{}
	for _, s := range syntheticSegments(t, dir) {
		k := [2]string{s["interview_id"], s["segment_id"]}
		if perSegment[k] == nil {
			perSegment[k] = map[string]bool{}
		}
		perSegment[k][s["coder"]] = true
		c := [3]string{s["interview_id"], s["segment_id"], s["code"]}
		perCoding[c] = append(perCoding[c], s["coder"])
	}
	double, repeated := 0, 0
	for _, cs := range perSegment {
		if len(cs) == 2 {
			double++
		}
	}
	for c, coders := range perCoding {
		if len(coders) > 1 {
			repeated++
			assert.Lenf(t, coders, 2, "%v", c)
			assert.NotEqualf(t, coders[0], coders[1], "%v: a code repeats only for another coder", c)
		}
	}
	share := float64(double) / float64(len(perSegment))
	assert.InDelta(t, 0.1, share, 0.01, "%d of %d segments double coded", double, len(perSegment))
	assert.Equal(t, sum.DoubleCoded, double)
	assert.Positive(t, repeated, "second coders agree on some codes")

	dir, sum = synthetic(t, data.Synthetic{Segments: 3000, Seed: 5})
	assert.Zero(t, sum.DoubleCoded)
	for _, s := range syntheticSegments(t, dir) {
		assert.NotEqual(t, "", s["coder"])
	}
}

// TestSyntheticRunsThroughPipeline: a generated study is valid input, read
// without a problem or a warning, and every row is loaded.
func TestSyntheticRunsThroughPipeline(t *testing.T) {
	dir, _ := synthetic(t, data.Synthetic{Segments: 2000, Seed: 11, DoubleCoded: data.DefaultDoubleCoded})
	res, err := pipeline.Run(context.Background(), filepath.Join(dir, "study.yaml"), pipeline.Options{Out: t.TempDir()})
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)
	st, err := store.Open(context.Background(), res.Store)
	require.NoError(t, err)
	defer st.Close()
	var rows int
	require.NoError(t, st.DB().QueryRow("SELECT count(*) FROM segments").Scan(&rows))
	assert.Equal(t, 2000, rows, "every row is in the store")
	segs := syntheticSegments(t, dir)
	distinct := map[[2]string]bool{}
	for _, s := range segs {
		distinct[[2]string{s["interview_id"], s["segment_id"]}] = true
	}
	assert.Equal(t, len(distinct), res.Segments())
	assert.Len(t, res.Data.Interviews, len(readCSV(t, dir, "interviews.csv")))
}

func TestWriteSyntheticRefuses(t *testing.T) {
	ctx := context.Background()
	for _, opt := range []data.Synthetic{
		{Segments: 0},
		{Segments: -5},
		{Segments: 10, DoubleCoded: -0.1},
		{Segments: 10, DoubleCoded: 1.5},
		{Segments: 10, DoubleCoded: math.NaN()},
	} {
		_, err := data.WriteSynthetic(ctx, filepath.Join(t.TempDir(), "study"), opt)
		assert.Errorf(t, err, "%+v", opt)
	}

	dir := t.TempDir()
	keep := filepath.Join(dir, "notes.txt")
	require.NoError(t, os.WriteFile(keep, []byte("mine"), 0o644))
	_, err := data.WriteSynthetic(ctx, dir, data.Synthetic{Segments: 10})
	assert.True(t, errors.Is(err, data.ErrFolderNotEmpty), "%v", err)
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "nothing written into a folder that was not empty")
}
