package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io/fs"
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
	"github.com/xuri/excelize/v2"

	"github.com/cimo-tool/cimo/pipeline"
	"github.com/cimo-tool/cimo/store"
)

// badDir holds the bad-input corpus: base.txtar is a good study, and every
// other archive a copy of it with one fault (see its README).
var badDir = filepath.Join("..", "..", "testdata", "bad")

// TestBadInput runs every case of the corpus through cimo run into an output
// folder that holds a good run, and checks what a researcher relies on: exit
// code 2, exactly the expected lines on stderr (file, row, column, what to
// do), nothing on stdout, no panic or stack trace, and the store's tables
// and every output file as they were.
func TestBadInput(t *testing.T) {
	base, err := txtar.ParseFile(filepath.Join(badDir, "base.txtar"))
	require.NoError(t, err)
	cases, err := filepath.Glob(filepath.Join(badDir, "*.txtar"))
	require.NoError(t, err)
	cases = slices.DeleteFunc(cases, func(p string) bool { return filepath.Base(p) == "base.txtar" })
	require.GreaterOrEqual(t, len(cases), 40, "the corpus has at least 40 cases")

	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "out")
	good := t.TempDir()
	materialise(t, good, base.Files)
	var stdout, stderr bytes.Buffer
	require.Equal(t, exitOK, Run(ctx, []string{"run", "--out", out, filepath.Join(good, "study.yaml")}, &stdout, &stderr),
		"the base study is good:\n%s", stderr.String())
	before := snapshot(t, out)
	require.NotEmpty(t, before.tables["segments"], "the snapshot covers the store")

	for _, path := range cases {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(name, func(t *testing.T) {
			a, err := txtar.ParseFile(path)
			require.NoError(t, err)
			require.NotEmpty(t, bytes.TrimSpace(a.Comment), "each case says what its fault is")
			var want []byte
			overlay := slices.DeleteFunc(slices.Clone(a.Files), func(f txtar.File) bool {
				if f.Name == "want" {
					want = f.Data
					return true
				}
				return false
			})
			require.NotNil(t, want, "each case has a want section")
			dir := t.TempDir()
			materialise(t, dir, append(slices.Clone(base.Files), overlay...))

			var stdout, stderr bytes.Buffer
			code, panicked := runRecovered(ctx, []string{"run", "--out", out, filepath.Join(dir, "study.yaml")}, &stdout, &stderr)
			require.Nil(t, panicked, "cimo panicked")
			got := strings.ReplaceAll(stderr.String(), dir, "$STUDY")
			assert.Equal(t, exitUsage, code, "exit code; stderr:\n%s", got)
			assert.Equal(t, string(want), got, "stderr")
			assert.Empty(t, stdout.String(), "stdout")
			assert.NotRegexp(t, `goroutine \d|panic:|\.go:\d+`, got, "no Go stack trace")
			for _, line := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
				assert.Less(t, len(line), 600, "a message is one readable line: %.80s...", line)
			}
			after := snapshot(t, out)
			assert.Empty(t, changed(before.tables, after.tables), "the store's tables are as they were")
			assert.Empty(t, changed(before.files, after.files), "every output file is as it was")
		})
	}
}

// runRecovered runs the command, turning a panic into a value for the test
// to report, so that one bad case does not stop the corpus.
func runRecovered(ctx context.Context, args []string, stdout, stderr *bytes.Buffer) (code int, panicked any) {
	defer func() { panicked = recover() }()
	return Run(ctx, args, stdout, stderr), nil
}

// outputs is the state of an output folder: a checksum of every table of
// the store (its rows as text, sorted) and the SHA-256 of every other file.
type outputs struct {
	tables map[string]string
	files  map[string]string
}

func snapshot(t *testing.T, out string) outputs {
	t.Helper()
	ctx := context.Background()
	o := outputs{tables: map[string]string{}, files: map[string]string{}}
	s, err := store.Open(ctx, filepath.Join(out, pipeline.StoreFile))
	require.NoError(t, err)
	defer s.Close()
	rows, err := s.DB().QueryContext(ctx, `SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name`)
	require.NoError(t, err)
	var tables []string
	for rows.Next() {
		var name string
		require.NoError(t, rows.Scan(&name))
		tables = append(tables, name)
	}
	require.NoError(t, rows.Err())
	for _, tb := range tables {
		var n int
		var sum string
		q := fmt.Sprintf(`SELECT count(*), coalesce(md5(string_agg(t::VARCHAR, chr(10) ORDER BY t::VARCHAR)), '') FROM %q t`, tb)
		require.NoError(t, s.DB().QueryRowContext(ctx, q).Scan(&n, &sum), tb)
		o.tables[tb] = fmt.Sprintf("%d rows, md5 %s", n, sum)
	}
	require.NoError(t, filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), pipeline.StoreFile) {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(out, path)
		if err != nil {
			return err
		}
		h := sha256.Sum256(raw)
		o.files[filepath.ToSlash(rel)] = hex.EncodeToString(h[:])
		return nil
	}))
	return o
}

// changed lists the keys whose values differ between two snapshots, sorted.
func changed(before, after map[string]string) []string {
	var out []string
	for k, v := range before {
		if after[k] != v {
			out = append(out, k)
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// sectionRe reads a section name: a path, and a directive in parentheses.
var sectionRe = regexp.MustCompile(`^(\S+)(?: \((absent|escaped|pad \d+|xlsx \S+)\))?$`)

// materialise writes the files of a case into dir; a later section for the
// same path replaces an earlier one. A section's name may end in a
// directive, for what a text archive cannot hold as it is:
//
//	(absent)      the file is not there
//	(escaped)     \xNN stands for the byte NN
//	(pad N)       the one … is replaced by x's so that its line is N bytes long
//	(xlsx SHEET)  the content, as CSV, is a workbook's sheet SHEET
func materialise(t *testing.T, dir string, files []txtar.File) {
	t.Helper()
	final := map[string]txtar.File{}
	var order []string
	for _, f := range files {
		m := sectionRe.FindStringSubmatch(f.Name)
		require.NotNil(t, m, "section %q", f.Name)
		if _, seen := final[m[1]]; !seen {
			order = append(order, m[1])
		}
		final[m[1]] = f
	}
	for _, name := range order {
		f := final[name]
		m := sectionRe.FindStringSubmatch(f.Name)
		path := filepath.Join(dir, filepath.FromSlash(m[1]))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		data := f.Data
		switch directive := m[2]; {
		case directive == "absent":
			continue
		case directive == "escaped":
			data = unescape(t, data)
		case strings.HasPrefix(directive, "pad "):
			n, err := strconv.Atoi(strings.TrimPrefix(directive, "pad "))
			require.NoError(t, err)
			data = pad(t, data, n)
		case strings.HasPrefix(directive, "xlsx "):
			writeSheet(t, path, strings.TrimPrefix(directive, "xlsx "), data)
			continue
		}
		require.NoError(t, os.WriteFile(path, data, 0o644))
	}
}

var escapeRe = regexp.MustCompile(`\\x[0-9A-Fa-f]{2}`)

func unescape(t *testing.T, data []byte) []byte {
	return escapeRe.ReplaceAllFunc(data, func(m []byte) []byte {
		b, err := hex.DecodeString(string(m[2:]))
		require.NoError(t, err)
		return b
	})
}

func pad(t *testing.T, data []byte, n int) []byte {
	require.Equal(t, 1, bytes.Count(data, []byte("…")), "one … to pad")
	i := bytes.Index(data, []byte("…"))
	start := bytes.LastIndexByte(data[:i], '\n') + 1
	end := len(data)
	if j := bytes.IndexByte(data[i:], '\n'); j >= 0 {
		end = i + j
	}
	fill := n - (end - start - len("…"))
	require.Positive(t, fill)
	return slices.Concat(data[:i], bytes.Repeat([]byte("x"), fill), data[i+len("…"):])
}

func writeSheet(t *testing.T, path, sheet string, data []byte) {
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	require.NoError(t, err)
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetName("Sheet1", sheet))
	for r, row := range rows {
		for c, v := range row {
			cell, err := excelize.CoordinatesToCellName(c+1, r+1)
			require.NoError(t, err)
			require.NoError(t, f.SetCellStr(sheet, cell, v))
		}
	}
	require.NoError(t, f.SaveAs(path))
}
