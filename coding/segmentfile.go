package coding

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"
)

// A SegmentFile is a table of coded segments that a database can read as it
// is: delimited UTF-8 text in the contract's own columns (no preset, no
// mapping, no column the contract does not know), one record per line, every
// record as wide as the header and quoted as RFC 4180 and Go's encoding/csv
// want it. Its data row k (from 1) is on line k+1, so a reader that numbers
// rows in file order gives the same source rows as Read.
//
// Being a SegmentFile says nothing of the values: the reader that loads it
// must check them as readSegments does, and leave the file to Read when
// anything is off (see store.(*Tx).LoadSegmentFiles).
type SegmentFile struct {
	File      string   // as the study file names it, relative to the study folder
	Path      string   // to open it
	Delimiter byte     // ASCII
	Columns   []string // the contract column of each field, in file order
	Rows      int      // data rows below the header
	// Padded says that a cell other than a quote has white space around
	// it, which the reader must trim as strings.TrimSpace does.
	Padded bool
}

// ReadDeferred reads a study as Read does, but leaves its segment tables to
// the caller when every one of them is a SegmentFile and the study has no
// REFI-QDA projects (whose segments are numbered after the tables'): the
// study comes back without those segments, and files lists them in study
// order. Their cells are scanned for personal data here, as written and
// with FindPII itself, while each line is read anyway; a file with a
// finding is not a SegmentFile. Otherwise, and whenever the other tables hold a problem, it is Read
// (files is nil), so that every message is Read's.
func ReadDeferred(ctx context.Context, src Sources) (st *Study, files []SegmentFile, err error) {
	if len(src.Projects) > 0 || len(src.Segments) == 0 {
		st, err = Read(ctx, src)
		return st, nil, err
	}
	// The other tables are read while the segment files are scanned.
	rest := src
	rest.Segments = nil
	type read struct {
		st  *Study
		err error
	}
	other := make(chan read, 1)
	go func() {
		st, err := Read(ctx, rest)
		other <- read{st, err}
	}()
	files, err = segmentFiles(ctx, src)
	r := <-other
	if err != nil {
		return nil, nil, err
	}
	if files == nil {
		st, err = Read(ctx, src)
		return st, nil, err
	}
	if st, err = r.st, r.err; err != nil {
		if _, bad := errors.AsType[*Problems](err); bad {
			st, err = Read(ctx, src)
		}
		return st, nil, err
	}
	return st, files, nil
}

// segmentFiles returns every segment table of src as a SegmentFile, or nil
// when any one is not. The files are scanned side by side, one per CPU:
// at a million coded segments the scan was the only work of the run's
// first seconds, on one CPU. The first file found not to be one stops
// the others.
func segmentFiles(ctx context.Context, src Sources) ([]SegmentFile, error) {
	files := make([]SegmentFile, len(src.Segments))
	ok := make([]bool, len(src.Segments))
	scan, stop := context.WithCancel(ctx)
	defer stop()
	g := new(errgroup.Group)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, t := range src.Segments {
		g.Go(func() error {
			f, fine, err := asSegmentFile(scan, t, filepath.Join(src.Dir, t.File), !src.AllowPII)
			if err != nil || !fine {
				stop()
				if ctx.Err() == nil && scan.Err() != nil && errors.Is(err, context.Canceled) {
					err = nil // stopped because another file is not one
				}
				return err
			}
			files[i], ok[i] = f, true
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if slices.Contains(ok, false) {
		return nil, nil
	}
	return files, nil
}

// asSegmentFile scans the file at path once, line by line: never more than
// one line of it is held. ok is false when it is not a SegmentFile, or when
// scanPII and a cell looks like personal data; err is only for a read that
// failed part way (a file that cannot be opened is left to Read, which names
// the fault).
func asSegmentFile(ctx context.Context, t Table, path string, scanPII bool) (f SegmentFile, ok bool, err error) {
	if formatOf(t.File) != formatCSV || t.Preset != "" || len(t.Columns) > 0 || t.Encoding == EncodingWindows1252 {
		return f, false, nil
	}
	// A database reading the file by its path may take these for a glob or
	// the home folder, and read another file.
	if strings.ContainsAny(path, "*?[]{}") || strings.HasPrefix(path, "~") {
		return f, false, nil
	}
	fh, err := os.Open(path)
	if err != nil {
		return f, false, nil
	}
	defer fh.Close()
	// A line longer than a cell may be is left to Read: no cell of a
	// SegmentFile can pass MaxCellBytes, nor its line MaxLineBytes.
	br := bufio.NewReaderSize(fh, MaxCellBytes+2)
	f = SegmentFile{File: t.File, Path: path}
	width, quote := 0, -1
	var fields [][]byte
	for line := 1; ; line++ {
		if line%65536 == 1 {
			if err := ctx.Err(); err != nil {
				return f, false, err
			}
		}
		text, err := br.ReadSlice('\n')
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			return f, false, nil
		case errors.Is(err, io.EOF) && len(text) == 0:
			return f, f.Rows > 0, nil
		case err != nil && !errors.Is(err, io.EOF):
			return f, false, fmt.Errorf("%s: %w", t.File, err)
		}
		if line == 1 {
			if notText(text) != "" {
				return f, false, nil
			}
			text = bytes.TrimPrefix(text, bomUTF8)
		}
		text = bytes.TrimSuffix(bytes.TrimSuffix(text, []byte("\n")), []byte("\r"))
		// A blank line is skipped by Read, a lone CR read as text: both
		// would shift the rows.
		if len(text) == 0 || bytes.IndexByte(text, '\r') >= 0 || bytes.IndexByte(text, 0) >= 0 || !utf8.Valid(text) {
			return f, false, nil
		}
		if line == 1 {
			if f.Delimiter, f.Columns, ok = segmentHeader(t, text); !ok {
				return f, false, nil
			}
			width, quote = len(f.Columns), slices.Index(f.Columns, "quote")
			continue
		}
		if fields, ok = splitRecord(text, f.Delimiter, fields[:0]); !ok || len(fields) != width {
			return f, false, nil
		}
		for k, v := range fields {
			if k != quote && !f.Padded && padded(v) {
				f.Padded = true
			}
			// A quoted field holds its quotes doubled: undone, for the
			// rare cell that may hold personal data.
			if scanPII && mayHoldPII(v) && len(FindPII(string(bytes.ReplaceAll(v, []byte(`""`), []byte(`"`))))) > 0 {
				return f, false, nil
			}
		}
		f.Rows++
	}
}

// segmentHeader reads a header line: its delimiter, as Read would take it,
// and the contract column of each field. ok is false unless every field is
// a segments column, once, and the required ones are all there: any other
// header gives Read a problem or a warning to write.
func segmentHeader(t Table, text []byte) (delim byte, cols []string, ok bool) {
	d := t.Delimiter
	if d == 0 {
		d = sniffDelimiter(text, segmentColumns.known)
	}
	if d >= utf8.RuneSelf || d == '"' || !validDelimiter(d) {
		return 0, nil, false
	}
	fields, ok := splitRecord(text, byte(d), nil)
	if !ok {
		return 0, nil, false
	}
	for _, h := range fields {
		name := strings.TrimSpace(string(h))
		if !segmentColumns.known(name) || slices.Contains(cols, name) {
			return 0, nil, false
		}
		cols = append(cols, name)
	}
	for _, c := range segmentColumns.required {
		if !slices.Contains(cols, c) {
			return 0, nil, false
		}
	}
	return byte(d), cols, true
}

// splitRecord splits one line into its fields as encoding/csv reads them,
// appending to fields (quoted fields keep their quotes: only the count and
// the header's names are used). ok is false for what encoding/csv refuses or
// reads otherwise than a database's CSV reader may: a quote in an unquoted
// field, text after a closing quote, a quote left open.
func splitRecord(text []byte, delim byte, fields [][]byte) ([][]byte, bool) {
	for {
		if len(text) > 0 && text[0] == '"' {
			i := 1
			for {
				j := bytes.IndexByte(text[i:], '"')
				if j < 0 {
					return fields, false // open at the line's end
				}
				i += j + 1
				if i < len(text) && text[i] == '"' {
					i++ // a doubled quote
					continue
				}
				break
			}
			fields = append(fields, text[1:i-1])
			switch {
			case i == len(text):
				return fields, true
			case text[i] != delim:
				return fields, false
			}
			text = text[i+1:]
			continue
		}
		end := bytes.IndexByte(text, delim)
		field := text
		if end >= 0 {
			field = text[:end]
		}
		if bytes.IndexByte(field, '"') >= 0 {
			return fields, false
		}
		fields = append(fields, field)
		if end < 0 {
			return fields, true
		}
		text = text[end+1:]
	}
}

// padded says whether v starts or ends with what strings.TrimSpace trims.
func padded(v []byte) bool {
	if len(v) == 0 {
		return false
	}
	first, _ := utf8.DecodeRune(v)
	last, _ := utf8.DecodeLastRune(v)
	return unicode.IsSpace(first) || unicode.IsSpace(last)
}

// CodeResolver returns how a cell of a segments table's code column is read
// with cb, as Read reads it: the code it names, or ok false when it names
// none, or more than one.
func CodeResolver(cb *Codebook) func(cell string) (code string, ok bool) {
	cn := newCodeNames(cb)
	return func(cell string) (string, bool) {
		code, msg := cn.resolve(strings.TrimSpace(cell), false)
		if msg != "" {
			return "", false
		}
		_, known := cb.Lookup(code)
		return code, known
	}
}
