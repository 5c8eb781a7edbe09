package store

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cimo-tool/cimo/coding"
)

// holdEnv makes the test binary a second process that holds a store open:
// DuckDB's lock is per process, so only another process can show it.
const holdEnv = "CIMO_TEST_HOLD_STORE"

// killEnv makes the test binary a process that starts replacing a store's
// study with a large one, says so, and waits to be killed mid-load.
const killEnv = "CIMO_TEST_KILL_STORE"

func TestMain(m *testing.M) {
	if path := os.Getenv(holdEnv); path != "" {
		s, err := Open(context.Background(), path)
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("ready")
		io.Copy(io.Discard, os.Stdin) // hold until the parent closes stdin
		s.Close()
		os.Exit(0)
	}
	if path := os.Getenv(killEnv); path != "" {
		s, err := Open(context.Background(), path)
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		err = s.Replace(context.Background(), func(ctx context.Context, tx *Tx) error {
			fmt.Println("loading")
			if err := tx.Load(ctx, info, bigStudy(400_000)); err != nil {
				return err
			}
			fmt.Println("loaded")
			select {} // hold until killed, the new store not yet in place
		})
		fmt.Println("error: not killed:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// bigStudy has n coded segments over a few interviews: enough that loading
// it takes a while and spills to the store file before it commits.
func bigStudy(n int) *coding.Study {
	st := &coding.Study{Codebook: &coding.Codebook{Codes: []coding.Code{{Code: "I1", Label: "Tijd", Dimension: "I", Category: "I1", File: "c.csv", Row: 2}}}}
	st.Respondents = []coding.Respondent{{ID: "R1", Role: "cliënt", City: "Haarlem", File: "r.csv", Row: 2}}
	for i := range 10 {
		st.Interviews = append(st.Interviews, coding.Interview{ID: fmt.Sprintf("BIG%d", i), RespondentID: "R1", WorkPackage: "A", File: "i.csv", Row: i + 2})
	}
	st.Segments = make([]coding.Segment, n)
	for i := range st.Segments {
		st.Segments[i] = coding.Segment{No: i + 1, InterviewID: fmt.Sprintf("BIG%d", i%10), SegmentID: fmt.Sprintf("S%d", i),
			Code: "I1", Quote: "een verzonnen citaat dat wat ruimte inneemt", File: "s.csv", Row: i + 2}
	}
	return st
}

func tinyStudy(t *testing.T, interviews ...string) *coding.Study {
	t.Helper()
	st := &coding.Study{Codebook: &coding.Codebook{}}
	st.Respondents = []coding.Respondent{{ID: "R1", Role: "cliënt", City: "Haarlem", File: "r.csv", Row: 2}}
	for i, id := range interviews {
		st.Interviews = append(st.Interviews, coding.Interview{ID: id, RespondentID: "R1", WorkPackage: "A", File: "i.csv", Row: i + 2})
	}
	return st
}

func count(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int
	require.NoError(t, s.DB().QueryRow("SELECT count(*) FROM "+table).Scan(&n))
	return n
}

var info = Info{Name: "t", Language: "en", WorkPackages: []WorkPackage{{ID: "A", Title: "a"}}}

func TestReplaceLoadsAndReplaces(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "sub", "study.duckdb"))
	require.NoError(t, err)
	defer s.Close()
	load := func(st *coding.Study) func(context.Context, *Tx) error {
		return func(ctx context.Context, tx *Tx) error { return tx.Load(ctx, info, st) }
	}
	require.NoError(t, s.Replace(ctx, load(tinyStudy(t, "IV1", "IV2"))))
	assert.Equal(t, 2, count(t, s, "interviews"))
	require.NoError(t, s.Replace(ctx, load(tinyStudy(t, "IV3"))))
	assert.Equal(t, 1, count(t, s, "interviews"), "a run replaces the study, it does not add to it")

	var file string
	var row int
	require.NoError(t, s.DB().QueryRow("SELECT source_file, source_row FROM interviews").Scan(&file, &row))
	assert.Equal(t, "i.csv", file)
	assert.Equal(t, 2, row)
}

// TestReplaceRollsBack: a run that fails after loading leaves the store as
// the previous run left it, also across a reopen.
func TestReplaceRollsBack(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "study.duckdb")
	s, err := Open(ctx, path)
	require.NoError(t, err)
	require.NoError(t, s.Replace(ctx, func(ctx context.Context, tx *Tx) error { return tx.Load(ctx, info, tinyStudy(t, "IV1", "IV2")) }))

	boom := errors.New("linking failed")
	err = s.Replace(ctx, func(ctx context.Context, tx *Tx) error {
		if err := tx.Load(ctx, info, tinyStudy(t, "IV3")); err != nil {
			return err
		}
		return boom
	})
	require.ErrorIs(t, err, boom)
	assert.Equal(t, 2, count(t, s, "interviews"))
	assertOnlyStore(t, path)
	require.NoError(t, s.Close())

	s, err = Open(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	assert.Equal(t, 2, count(t, s, "interviews"))
}

func TestReplaceCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Open(ctx, filepath.Join(t.TempDir(), "study.duckdb"))
	require.NoError(t, err)
	defer s.Close()
	require.NoError(t, s.Replace(ctx, func(ctx context.Context, tx *Tx) error { return tx.Load(ctx, info, tinyStudy(t, "IV1")) }))
	err = s.Replace(ctx, func(ctx context.Context, tx *Tx) error {
		cancel()
		return tx.Load(ctx, info, tinyStudy(t, "IV2", "IV3"))
	})
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 1, count(t, s, "interviews"))
}

// TestKilledMidLoad: a run killed with SIGKILL while loading, before or
// after the rows are in but always before the new store takes the old one's
// place, leaves a store that opens and holds the previous complete study;
// the next run clears what the killed one left.
func TestKilledMidLoad(t *testing.T) {
	for _, at := range []string{"loading", "loaded"} {
		t.Run(at, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "study.duckdb")
			s, err := Open(ctx, path)
			require.NoError(t, err)
			require.NoError(t, s.Replace(ctx, func(ctx context.Context, tx *Tx) error {
				return tx.Load(ctx, info, bigStudy(1000))
			}))
			before := tableSums(t, s)
			require.NoError(t, s.Close())

			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), killEnv+"="+path)
			stdout, err := cmd.StdoutPipe()
			require.NoError(t, err)
			require.NoError(t, cmd.Start())
			r := bufio.NewReader(stdout)
			for {
				line, err := r.ReadString('\n')
				require.NoError(t, err, "the loading process ended before it was killed")
				require.NotContains(t, line, "error")
				if line == at+"\n" {
					break
				}
			}
			require.NoError(t, cmd.Process.Kill()) // SIGKILL: no deferred code, no rollback
			cmd.Wait()

			s, err = Open(ctx, path)
			require.NoError(t, err, "the store opens after the kill")
			defer s.Close()
			assert.Equal(t, before, tableSums(t, s), "every table holds the previous study")
			assert.Equal(t, 1000, count(t, s, "segments"))
			require.NoError(t, s.Replace(ctx, func(ctx context.Context, tx *Tx) error {
				return tx.Load(ctx, info, bigStudy(10))
			}))
			assert.Equal(t, 10, count(t, s, "segments"))
			assertOnlyStore(t, path)
		})
	}
}

// assertOnlyStore asserts that the store's folder holds the store and its
// write-ahead log at most: no store half built.
func assertOnlyStore(t *testing.T, path string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	for _, e := range entries {
		assert.Contains(t, []string{filepath.Base(path), filepath.Base(path) + ".wal"}, e.Name())
	}
}

// tableSums is a checksum of every table's rows, by table.
func tableSums(t *testing.T, s *Store) map[string]string {
	t.Helper()
	tables, err := s.tables(context.Background())
	require.NoError(t, err)
	out := map[string]string{}
	for _, tb := range tables {
		var sum string
		q := fmt.Sprintf(`SELECT coalesce(md5(string_agg(t::VARCHAR, '|' ORDER BY t::VARCHAR)), '') FROM %s t`, ident(tb))
		require.NoError(t, s.DB().QueryRow(q).Scan(&sum), tb)
		out[tb] = fmt.Sprintf("%d rows, %s", count(t, s, tb), sum)
	}
	return out
}

// TestOpenInUse: a second process on the same store is told so in plain
// words, at once.
func TestOpenInUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "study.duckdb")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), holdEnv+"="+path)
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	defer func() { stdin.Close(); cmd.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "ready\n", line)

	_, err = Open(context.Background(), path)
	require.ErrorIs(t, err, ErrInUse)
	assert.Contains(t, err.Error(), "store in use by another run")
	assert.Contains(t, err.Error(), path)
}

func TestOpenNotAStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "study.duckdb")
	require.NoError(t, os.WriteFile(path, []byte("name,code\nthis is a CSV file, not a store\n"), 0o644))
	_, err := Open(context.Background(), path)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "is not a DuckDB database: remove it or use another --out folder")
}

// The store opens with DuckDB's memory limit as given, DuckDB reading MB
// as 10^6 bytes and showing MiB: 123 MB is 117.3 MiB.
func TestOpenLimited(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ limit, want string }{
		{"123MB", "117.3 MiB"},
		{"2GiB", "2.0 GiB"},
		{"", "286.1 MiB"}, // DefaultMemoryLimit, 300 MB
	} {
		s, err := OpenLimited(ctx, filepath.Join(t.TempDir(), "s.duckdb"), c.limit)
		require.NoError(t, err)
		var got string
		require.NoError(t, s.DB().QueryRowContext(ctx, "SELECT current_setting('memory_limit')").Scan(&got))
		assert.Equal(t, c.want, got, "limit %q", c.limit)
		require.NoError(t, s.Close())
	}
}

func TestSetThreads(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "s.duckdb"))
	require.NoError(t, err)
	defer s.Close()
	for _, c := range []struct{ n, want int }{{3, 3}, {1, 1}, {0, 1}} {
		require.NoError(t, s.SetThreads(ctx, c.n))
		var got int
		require.NoError(t, s.DB().QueryRowContext(ctx, "SELECT current_setting('threads')").Scan(&got))
		assert.Equal(t, c.want, got, "SetThreads(%d)", c.n)
	}
}
