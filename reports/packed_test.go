package reports

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPackedRows(t *testing.T) {
	tests := []struct {
		name string
		rows [][]string
	}{
		{"none", nil},
		{"one empty row", [][]string{{}}},
		{"empty cells", [][]string{{"", "", ""}}},
		{"text", [][]string{{"a", "bé", "<5"}, {"0", "1", "x"}}},
		{"long cell", [][]string{{string(make([]byte, 300)), "1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p packedRows
			for _, r := range tt.rows {
				p.add(r)
			}
			p.done()
			var got [][]string
			for rec := range p.all() {
				row := []string{}
				for _, c := range rec {
					row = append(row, string(c))
				}
				got = append(got, row)
			}
			want := tt.rows
			for i := range want {
				if want[i] == nil {
					want[i] = []string{}
				}
			}
			assert.Equal(t, want, got)
			assert.Equal(t, len(tt.rows), p.n)
		})
	}
}
