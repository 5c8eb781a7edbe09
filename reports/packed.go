package reports

import (
	"bytes"
	"encoding/binary"
	"iter"
)

// packedRows are a table's rows as its sheet shows them, packed into one
// byte slice: each row its cell count, then each cell its length and text,
// as uvarints. A run keeps the rows of every table a sheet holds until the
// workbook is written at its end; a wide matrix of a large study is
// millions of one-character cells, which as strings take 16 bytes of
// header each and packed two bytes.
type packedRows struct {
	data []byte
	n    int
}

func (p *packedRows) add(rec []string) {
	p.data = binary.AppendUvarint(p.data, uint64(len(rec)))
	for _, c := range rec {
		p.data = binary.AppendUvarint(p.data, uint64(len(c)))
		p.data = append(p.data, c...)
	}
	p.n++
}

// done trims the slice to its length, once every row is added.
func (p *packedRows) done() {
	if cap(p.data) > len(p.data) {
		p.data = bytes.Clone(p.data)
	}
}

// all yields each row, its cells slices of p's bytes; the row is reused.
func (p packedRows) all() iter.Seq[[][]byte] {
	return func(yield func([][]byte) bool) {
		var rec [][]byte
		b := p.data
		next := func() uint64 {
			v, k := binary.Uvarint(b)
			b = b[k:]
			return v
		}
		for len(b) > 0 {
			rec = rec[:0]
			for range next() {
				n := next()
				rec = append(rec, b[:n:n])
				b = b[n:]
			}
			if !yield(rec) {
				return
			}
		}
	}
}
