package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Progress shows on a terminal only, unless asked: --verbose always gives
// plain lines, --quiet never anything, and a file or pipe gets nothing.
func TestChooseProgress(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	require.NoError(t, err)
	defer f.Close()
	var buf bytes.Buffer
	assert.Equal(t, progressNone, chooseProgress(false, false, f), "a file is no terminal")
	assert.Equal(t, progressNone, chooseProgress(false, false, &buf))
	assert.Equal(t, progressLines, chooseProgress(false, true, f))
	assert.Equal(t, progressNone, chooseProgress(true, false, f))
}

// The bar redraws one line in place and is cleared before anything else is
// written; lines mode writes a plain line per stage.
func TestProgressOutput(t *testing.T) {
	var buf bytes.Buffer
	p := &progress{w: &buf, mode: progressBar}
	p.update(3, 10, "load")
	assert.Equal(t, "\r\033[K[#########.....................] 3/10 load", buf.String(), "3/10 of 30 columns is 9")
	buf.Reset()
	lineWriter{p, &buf}.Write([]byte("warning: x\n"))
	assert.Equal(t, "\r\033[Kwarning: x\n", buf.String(), "a warning starts on a clean line")
	buf.Reset()
	p.finish()
	assert.Empty(t, buf.String(), "nothing left to clear")

	start := time.Now()
	p = &progress{w: &buf, mode: progressLines, start: start}
	p.update(1, 8, "read")
	time.Sleep(20 * time.Millisecond)
	p.update(2, 8, "load")
	p.finish()
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	require.Len(t, lines, 2)
	var first, second float64
	_, err := fmt.Sscanf(lines[0], "cimo: [1/8] read (%f s)", &first)
	require.NoError(t, err, lines[0])
	_, err = fmt.Sscanf(lines[1], "cimo: [2/8] load (%f s)", &second)
	require.NoError(t, err, lines[1])
	assert.GreaterOrEqual(t, second, 0.02, "load's time is from the end of read")
	assert.LessOrEqual(t, first+second, time.Since(start).Seconds()+0.01, "each stage timed once")
}
