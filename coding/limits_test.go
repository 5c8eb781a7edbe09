package coding

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadTextLineLimit: a line of MaxLineBytes is read, one byte more is
// refused with its line number.
func TestReadTextLineLimit(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, lines ...string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o600))
		return p
	}
	atLimit := strings.Repeat("x", MaxLineBytes)
	raw, err := readText(write("at.csv", "a,b", atLimit, "c,d"))
	require.NoError(t, err)
	assert.Len(t, raw, 3+1+MaxLineBytes+1+3)

	_, err = readText(write("over.csv", "a,b", "c,d", atLimit+"x", "e,f"))
	assert.Equal(t, errLineTooLong{3}, err)
	_, err = readText(write("last.csv", "a,b", atLimit+"x")) // no line break at the end
	assert.Equal(t, errLineTooLong{2}, err)
	_, err = readText(write("crlf.csv", "a,b\r", atLimit[1:]+"\r", "c,d")) // the CR counts
	require.NoError(t, err)
}

// TestReadTextHugeLine: a 2 GiB file without a line break (sparse, so it
// takes no disk) is refused after reading a little over MaxLineBytes, not
// read into memory.
func TestReadTextHugeLine(t *testing.T) {
	p := filepath.Join(t.TempDir(), "huge.csv")
	f, err := os.Create(p)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(2<<30))
	require.NoError(t, f.Close())

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = readText(p)
	runtime.ReadMemStats(&after)
	assert.Equal(t, errLineTooLong{1}, err)
	allocated := after.TotalAlloc - before.TotalAlloc
	assert.Less(t, allocated, uint64(8*MaxLineBytes), "allocated %d MiB", allocated>>20)
}

// TestReadNotTables: files that are not tables are named as what they are.
func TestReadNotTables(t *testing.T) {
	tests := []struct {
		name, content, want string
	}{
		{"png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", `segments/a.csv: is not delimited text but a PNG image: name the table's file in study.yaml`},
		{"xlsx", "PK\x03\x04\x14\x00\x06\x00", `segments/a.csv: is not delimited text but a zip archive, such as an Excel workbook: if it is a workbook, give it the extension .xlsx`},
		{"xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00", `segments/a.csv: is not delimited text but an old Office file, such as an Excel workbook (.xls): open it in Excel and save it as CSV UTF-8 or .xlsx`},
		{"nul", "interview_id,segment_id,code\nIV1,S1,I1\nIV1,S2\x00,I1\n", `segments/a.csv:3: holds a NUL byte, which no text does: this is binary data or a damaged file; save the table as CSV UTF-8 or .xlsx`},
		{"long cell", "interview_id,segment_id,code,quote\nIV1,S1,I1,\"" + strings.Repeat("é", MaxCellBytes/2) + "x\"\n",
			`segments/a.csv:2: column "quote": holds 1048577 bytes, more than the 1 MiB a cell may hold: split the passage into segments, or check that the quotes in this row are closed`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readStudy(t, map[string]string{"segments/a.csv": tt.content})
			var ps *Problems
			require.ErrorAs(t, err, &ps)
			require.Len(t, ps.List, 1, "%v", err)
			assert.Equal(t, tt.want, ps.List[0].String())
		})
	}
}
