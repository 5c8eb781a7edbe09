package coding

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseDate(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		in       string
		from, to time.Time
	}{
		{"2023", day(2023, 1, 1), day(2023, 12, 31)},
		{"2023-02", day(2023, 2, 1), day(2023, 2, 28)},
		{"2024-02", day(2024, 2, 1), day(2024, 2, 29)}, // leap year
		{"2023-12", day(2023, 12, 1), day(2023, 12, 31)},
		{"2023-Q1", day(2023, 1, 1), day(2023, 3, 31)},
		{"2023-Q2", day(2023, 4, 1), day(2023, 6, 30)},
		{"2023-q4", day(2023, 10, 1), day(2023, 12, 31)},
		{"2023-03-14", day(2023, 3, 14), day(2023, 3, 14)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := ParseDate(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.in, d.Raw)
			assert.Equal(t, tt.from, d.From)
			assert.Equal(t, tt.to, d.To)
		})
	}
}

func TestParseDateEmpty(t *testing.T) {
	d, err := ParseDate("")
	require.NoError(t, err)
	assert.True(t, d.IsZero())
}

func TestParseDateErrors(t *testing.T) {
	tests := map[string]string{
		"2023-13":       `date "2023-13" has no month 13`,
		"2023-00":       `date "2023-00" has no month 0`,
		"2023-02-30":    `date "2023-02-30" does not exist`,
		"2023-Q5":       `date "2023-Q5" has no quarter 5`,
		"2023-Q0":       `date "2023-Q0" has no quarter 0`,
		"spring 2023":   `cannot read date "spring 2023"`,
		"14-03-2023":    `cannot read date "14-03-2023"`,
		"2023/03/14":    `cannot read date "2023/03/14"`,
		"23":            `cannot read date "23"`,
		"2023-03-14T10": `cannot read date "2023-03-14T10"`,
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			_, err := ParseDate(in)
			require.Error(t, err)
			assert.Contains(t, err.Error(), want)
			assert.Contains(t, err.Error(), "use 2023, 2023-03, 2023-Q2 or 2023-03-14")
		})
	}
}
