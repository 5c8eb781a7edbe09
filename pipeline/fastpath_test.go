package pipeline

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cimo-tool/cimo/coding"
	"github.com/cimo-tool/cimo/data"
	"github.com/cimo-tool/cimo/store"
)

// The fast path (load.go) is checked against the Go path on the same
// studies: where the Go reader finds a problem or a warning, the fast path
// must flag the segment files or not take them; where it finds none, the
// fast path must give a store with the same rows, in the same order.

// outcome is what one path made of a study.
type outcome struct {
	problems error               // the Go path: coding.Read's *coding.Problems
	warnings []coding.Warning    // the Go path's
	skipped  bool                // the fast path: the segment files were not SegmentFiles
	flagged  []string            // the fast path: what the SQL checks flagged
	tables   map[string][]string // each table's rows, as stored
}

// storedTables are the tables compared, with linking's.
var storedTables = []string{"meta", "input_files", "work_packages", "codes", "respondents", "interviews", "events",
	"segments", "codings", "chain_codings", "chains", "chain_configurations"}

// goRead reads the study at path as the Go path does: a run that takes the
// fast path has no segments in its Result.Data.
func goRead(t *testing.T, path string) *coding.Study {
	t.Helper()
	st, err := LoadStudy(path)
	require.NoError(t, err)
	data, err := coding.Read(context.Background(), st.Sources)
	require.NoError(t, err)
	return data
}

// runPath loads the study at path into a new store by the Go path, or by
// the fast path.
func runPath(t *testing.T, path string, fast bool) outcome {
	t.Helper()
	ctx := context.Background()
	st, err := LoadStudy(path)
	require.NoError(t, err)
	var o outcome
	d := &deferredRead{src: st.Sources}
	if fast {
		d, err = readDeferred(ctx, st.Sources)
		if err != nil {
			o.problems = err
			return o
		}
		o.skipped = d.files == nil
	} else if d.data, err = coding.Read(ctx, st.Sources); err != nil {
		o.problems = err
		return o
	}
	o.warnings = d.data.Warnings
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), StoreFile))
	require.NoError(t, err)
	defer s.Close()
	info := store.Info{Name: st.Name, Language: st.Language}
	for _, wp := range st.WorkPackages {
		info.WorkPackages = append(info.WorkPackages, store.WorkPackage{ID: wp.ID, Title: wp.Title})
	}
	err = s.Replace(ctx, func(ctx context.Context, tx *store.Tx) error {
		if d.files != nil {
			return tx.LoadSegmentFiles(ctx, info, d.data, d.files)
		}
		return tx.Load(ctx, info, d.data)
	})
	if fe, ok := errors.AsType[*store.FlaggedError](err); ok {
		o.flagged = fe.Reasons
		return o
	}
	require.NoError(t, err)
	o.tables = dumpTables(t, s)
	return o
}

func dumpTables(t *testing.T, s *store.Store) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, table := range storedTables {
		rows, err := s.DB().Query("SELECT * FROM " + table) // in storage order, as Parquet and reports see it
		require.NoError(t, err)
		cols, err := rows.Columns()
		require.NoError(t, err)
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			require.NoError(t, rows.Scan(ptrs...))
			out[table] = append(out[table], fmt.Sprintf("%#v", vals))
		}
		require.NoError(t, rows.Err())
		rows.Close()
	}
	return out
}

// compareFast runs both paths on the study at path and checks that they
// agree; it returns the fast path's outcome.
func compareFast(t *testing.T, path string) outcome {
	t.Helper()
	goPath, fast := runPath(t, path, false), runPath(t, path, true)
	t.Logf("Go path: problems %v, %d warnings; fast path: problems %v, skipped %v, flagged %q",
		goPath.problems != nil, len(goPath.warnings), fast.problems != nil, fast.skipped, fast.flagged)
	switch {
	case goPath.problems != nil:
		assert.True(t, fast.problems != nil || fast.skipped || fast.flagged != nil,
			"the Go path finds %v; the fast path loads the study", goPath.problems)
	case len(goPath.warnings) > 0 && !fast.skipped:
		assert.NotNil(t, fast.flagged, "the Go path warns %v; the fast path loads the study without", goPath.warnings)
	case fast.problems != nil:
		t.Errorf("the fast path finds %v; the Go path none", fast.problems)
	case fast.flagged == nil:
		for _, table := range storedTables {
			assert.Equal(t, goPath.tables[table], fast.tables[table], "table %s", table)
		}
		assert.NotEmpty(t, fast.tables["segments"])
	}
	return fast
}

// TestFastPathSameStore: on good studies, the fast path is taken and stores
// what the Go path stores.
func TestFastPathSameStore(t *testing.T) {
	synthetic := t.TempDir()
	_, err := data.WriteSynthetic(context.Background(), synthetic, data.Synthetic{Segments: 3000, Seed: 3})
	require.NoError(t, err)
	for name, path := range map[string]string{
		"example":   filepath.Join("..", "data", "example", "study.yaml"),
		"synthetic": filepath.Join(synthetic, "study.yaml"),
	} {
		t.Run(name, func(t *testing.T) {
			fast := compareFast(t, path)
			assert.False(t, fast.skipped, "the segment files are SegmentFiles")
			assert.Empty(t, fast.flagged, "nothing to flag")
		})
	}
}

// TestFastPathBadInput: every case of the bad-input corpus, and the cases of
// testdata/fastpath (each a change to the corpus's base study that the two
// readers might take differently), is taken alike by both paths: no bad
// study loads by the fast path.
func TestFastPathBadInput(t *testing.T) {
	base, err := txtar.ParseFile(filepath.Join("..", "testdata", "bad", "base.txtar"))
	require.NoError(t, err)
	bad, err := filepath.Glob(filepath.Join("..", "testdata", "bad", "*.txtar"))
	require.NoError(t, err)
	edge, err := filepath.Glob(filepath.Join("testdata", "fastpath", "*.txtar"))
	require.NoError(t, err)
	require.NotEmpty(t, edge)
	for _, p := range slices.Concat(bad, edge) {
		name := strings.TrimSuffix(filepath.Base(p), ".txtar")
		t.Run(name, func(t *testing.T) {
			a, err := txtar.ParseFile(p)
			require.NoError(t, err)
			dir := t.TempDir()
			files := a.Files
			if name != "base" {
				files = slices.Concat(base.Files, a.Files)
			}
			writeCase(t, dir, files)
			if _, err := LoadStudy(filepath.Join(dir, "study.yaml")); err != nil {
				return // a fault of the study file, before any table is read
			}
			fast := compareFast(t, filepath.Join(dir, "study.yaml"))
			for _, f := range a.Files {
				if f.Name != "fast" {
					continue
				}
				// What the fast path does with an edge case, so that a
				// case meant to reach the SQL checks does.
				got := "loads"
				switch {
				case fast.skipped || fast.problems != nil:
					got = "skips"
				case fast.flagged != nil:
					got = "flags"
				}
				assert.Equal(t, strings.TrimSpace(string(f.Data)), got)
			}
		})
	}
}

var (
	sectionRe = regexp.MustCompile(`^(\S+)(?: \((absent|escaped|pad \d+|xlsx \S+)\))?$`)
	escapeRe  = regexp.MustCompile(`\\x[0-9A-Fa-f]{2}`)
)

// writeCase writes a case's files as cmd/cimo's bad-input test does (see
// testdata/bad/README.md), but a workbook section as its CSV text: a .xlsx
// file is never a SegmentFile, whatever it holds.
func writeCase(t *testing.T, dir string, files []txtar.File) {
	t.Helper()
	final := map[string][]byte{}
	for _, f := range files {
		if f.Name == "want" || f.Name == "fast" {
			continue
		}
		m := sectionRe.FindStringSubmatch(f.Name)
		require.NotNil(t, m, "section %q", f.Name)
		data := f.Data
		switch directive := m[2]; {
		case directive == "absent":
			data = nil
		case directive == "escaped":
			data = escapeRe.ReplaceAllFunc(data, func(m []byte) []byte {
				b, err := hex.DecodeString(string(m[2:]))
				require.NoError(t, err)
				return b
			})
		case strings.HasPrefix(directive, "pad "):
			n, err := strconv.Atoi(strings.TrimPrefix(directive, "pad "))
			require.NoError(t, err)
			i := bytes.Index(data, []byte("…"))
			require.GreaterOrEqual(t, i, 0, "one … to pad")
			start := bytes.LastIndexByte(data[:i], '\n') + 1
			end := len(data)
			if j := bytes.IndexByte(data[i:], '\n'); j >= 0 {
				end = i + j
			}
			data = slices.Concat(data[:i], bytes.Repeat([]byte("x"), n-(end-start-len("…"))), data[i+len("…"):])
		}
		final[m[1]] = data
	}
	for name, data := range final {
		if data == nil {
			continue
		}
		path := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, data, 0o644))
	}
}

// TestFastPathBadStudyFreshOut: a bad study found bad only by the fast
// path's checks leaves no store and no output folder behind where there was
// none, as the Go path, which stops before the store is opened.
func TestFastPathBadStudyFreshOut(t *testing.T) {
	base, err := txtar.ParseFile(filepath.Join("..", "testdata", "bad", "base.txtar"))
	require.NoError(t, err)
	bad, err := txtar.ParseFile(filepath.Join("..", "testdata", "bad", "segments-unknown-code.txtar"))
	require.NoError(t, err)
	dir := t.TempDir()
	writeCase(t, dir, slices.Concat(base.Files, bad.Files))
	out := filepath.Join(t.TempDir(), "out")
	_, err = Run(context.Background(), filepath.Join(dir, "study.yaml"), Options{Out: out})
	_, isProblems := errors.AsType[*coding.Problems](err)
	require.True(t, isProblems, "bad input: %v", err)
	assert.NoDirExists(t, out)
}

// TestFastPathReadCSVDoubt: read_csv reading a file otherwise than the scan
// did (here: another number of rows than the scan counted) is flagged like
// a check's finding, for the Go reader to decide, not a failed run.
func TestFastPathReadCSVDoubt(t *testing.T) {
	base, err := txtar.ParseFile(filepath.Join("..", "testdata", "bad", "base.txtar"))
	require.NoError(t, err)
	dir := t.TempDir()
	writeCase(t, dir, base.Files)
	st, err := LoadStudy(filepath.Join(dir, "study.yaml"))
	require.NoError(t, err)
	ctx := context.Background()
	d, err := readDeferred(ctx, st.Sources)
	require.NoError(t, err)
	require.NotEmpty(t, d.files)
	d.files[0].Rows++
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), StoreFile))
	require.NoError(t, err)
	defer s.Close()
	err = s.Replace(ctx, func(ctx context.Context, tx *store.Tx) error {
		return tx.LoadSegmentFiles(ctx, store.Info{Name: st.Name, Language: st.Language}, d.data, d.files)
	})
	assert.ErrorIs(t, err, store.ErrSegmentsFlagged)
}
