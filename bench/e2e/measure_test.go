package main

import (
	"context"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hogEnv makes the test binary a command that touches this many MiB and exits.
const hogEnv = "CIMO_BENCH_HOG_MIB"

func TestMain(m *testing.M) {
	if os.Getenv(spawnEnv) == "1" {
		os.Exit(spawn(os.Args[1:]))
	}
	if mib, err := strconv.Atoi(os.Getenv(hogEnv)); err == nil {
		touch(mib)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

var sink []byte

func touch(mib int) {
	sink = make([]byte, mib<<20)
	for i := range sink {
		if i%4096 == 0 {
			sink[i] = 1
		}
	}
}

// TestMeasurePeakIsTheCommands: a command that touches 100 MiB, started by a
// parent that holds 300 MiB, peaks at about 100 MiB. Started directly, the
// kernel would count the parent's 300 MiB into it (see measure).
func TestMeasurePeakIsTheCommands(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("ru_maxrss as on Linux")
	}
	touch(300)
	self, err := os.Executable()
	require.NoError(t, err)

	_, peak, err := measure(context.Background(), "env", hogEnv+"=100", self)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, peak, int64(100<<20), "the command's own 100 MiB")
	assert.Less(t, peak, int64(200<<20), "not the parent's 300 MiB")

	direct := exec.Command(self)
	direct.Env = append(os.Environ(), hogEnv+"=100")
	require.NoError(t, direct.Run())
	assert.GreaterOrEqual(t, maxRSS(direct.ProcessState), int64(300<<20),
		"started directly, the parent's peak shows: if not, measure's detour is no longer needed")
	runtime.KeepAlive(sink)
}
