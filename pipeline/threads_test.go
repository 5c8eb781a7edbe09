package pipeline

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestReportThreads checks that the report queries, a scope per CPU, put
// each CPU to work once: no more threads than CPUs while scopes run side
// by side, and every CPU where there are fewer scopes than CPUs.
func TestReportThreads(t *testing.T) {
	for _, c := range []struct{ cpus, scopes, want int }{
		{2, 5, 1},  // this machine, the example study: 2 scopes at a time, a thread each
		{1, 5, 1},  // one CPU
		{8, 5, 2},  // 5 scopes side by side, 8 CPUs: 2 threads each, to use them all
		{16, 5, 4}, // 16 CPUs: 4 each
		{4, 1, 4},  // a study of one scope: every CPU for its queries
		{4, 0, 4},  // no scope at all: nothing to share with
	} {
		assert.Equal(t, c.want, reportThreads(c.cpus, c.scopes), "%d CPUs, %d scopes", c.cpus, c.scopes)
	}
}
