package coding

import (
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
	"strings"
)

// A preset reads one tool's export of coded segments without a mapping in
// the study file. The README lists, for each, the columns it expects.
type preset struct {
	name, tool string
	// columns maps contract columns to the export's headers.
	columns map[string]string
	// segmentFrom, when set, are the headers of the segment's first and last
	// position: the export has no segment id, so one is made from them (and
	// from the segment's text, when the quote column is there).
	segmentFrom []string
	// codePaths: a code cell is a path from its top-level code, "A\B\C".
	codePaths bool
	// codeLists: a code cell may hold several codes, one per line; a row
	// with none (a quotation not coded) is skipped.
	codeLists bool
	// ignored are the export's other columns, read by nothing and not
	// worth a warning.
	ignored []string
}

var presets = map[string]*preset{
	// MAXQDA: "Export coded segments" / the "Overview of Coded Segments" as
	// an Excel table: one row per coded segment and code.
	"maxqda": {
		name: "maxqda", tool: "MAXQDA",
		columns: map[string]string{
			"interview_id": "Document name",
			"code":         "Code",
			"coder":        "Created by",
			"quote":        "Segment",
		},
		segmentFrom: []string{"Beginning", "End"},
		codePaths:   true,
		ignored:     []string{"Color", "Document group", "Weight score", "Comment", "Created", "Modified by", "Modified", "Area", "Coverage %"},
	},
	// ATLAS.ti: the Quotation Manager's Excel export: one row per quotation,
	// its codes in one cell.
	"atlasti": {
		name: "atlasti", tool: "ATLAS.ti",
		columns: map[string]string{
			"segment_id":   "ID",
			"interview_id": "Document",
			"code":         "Codes",
			"coder":        "Created by",
			"quote":        "Quotation Content",
		},
		codeLists: true,
		ignored: []string{"Number", "Quotation Name", "Document Groups", "Reference", "Start", "End", "Density",
			"Comment", "Created", "Modified by", "Modified"},
	},
}

// Presets are the names a study file may give as preset.
func Presets() []string { return slices.Sorted(maps.Keys(presets)) }

// layout is how one file's records become rows of the contract: which
// record field each contract column is read from, and what is derived.
type layout struct {
	file   string
	cols   *columns
	preset *preset // nil for none
	names  []string
	index  map[string]int // contract column -> position in names and in a row's fields
	from   []int          // per contract column: its field in a record, -1 for none
	// label names each record field in problems: the contract column it
	// feeds, else the file's header.
	label []string
	// segment, when not nil, derives segment_id from fields of the record:
	// first and last position, and the text (-1 for none).
	segment *[3]int
	code    int // position of the code column when it names codebook codes, else -1
	// fields is the row handed on, reused from record to record: no row
	// is kept past its callback.
	fields []string
	// uncoded counts rows skipped for holding no code (codeLists).
	uncoded int
}

// newLayout maps a file's header onto the contract columns cols, through
// the table's preset and column mapping. It reports duplicated, unknown and
// missing columns; ok is false when a required column is missing.
func (tr *tableReader) newLayout(t Table, cols *columns, header []string, line int) (l *layout, ok bool) {
	file := t.File
	l = &layout{file: file, cols: cols, names: cols.names(), index: map[string]int{}, code: -1}
	// what feeds each contract column: a header of the file, and who said so
	want, how := map[string]string{}, map[string]string{}
	if t.Preset != "" {
		p, known := presets[t.Preset]
		switch {
		case !known:
			tr.problems.add(file, 0, "", "unknown preset %q: use %s", t.Preset, strings.Join(Presets(), " or "))
			return nil, false
		case !cols.namesCodes():
			tr.problems.add(file, 0, "", "preset %q is for tables of coded segments only", t.Preset)
			return nil, false
		}
		l.preset = p
		for c, h := range p.columns {
			want[c], how[c] = h, "the "+p.name+" preset"
		}
	}
	for _, c := range slices.Sorted(maps.Keys(t.Columns)) {
		if !cols.known(c) {
			tr.problems.add(file, 0, "", "columns: %q is not a column of this table (its columns: %s)", c, strings.Join(l.names, ", "))
			return nil, false
		}
		want[c], how[c] = t.Columns[c], "study.yaml"
	}

	fields := map[string]int{}
	l.label = make([]string, len(header))
	for i, h := range header {
		h = strings.TrimSpace(h)
		l.label[i] = h
		if h == "" {
			if i < len(header)-1 || len(header) == 1 {
				tr.warnings = append(tr.warnings, Warning{File: file, Row: line, Msg: fmt.Sprintf("column %d has no name and is ignored", i+1)})
			}
			continue
		}
		if j, dup := fields[h]; dup {
			tr.problems.add(file, line, h, "appears twice in the header (columns %d and %d): keep one", j+1, i+1)
			continue
		}
		fields[h] = i
	}

	used := map[int]bool{}
	missing := false
	var absent []string // required contract columns the header lacks, unmapped
	var reads []string  // the headers read, for the warning about the others
	for j, c := range l.names {
		l.index[c] = j
		h, mapped := want[c]
		if !mapped {
			h = c
		}
		reads = append(reads, h)
		i, ok := fields[h]
		if !ok {
			i = -1
		}
		l.from = append(l.from, i)
		if ok {
			used[i] = true
			l.label[i] = c
			if mapped {
				tr.problems.describe(file, c, fmt.Sprintf("file column %q", h))
			}
			continue
		}
		if !slices.Contains(cols.required, c) {
			continue
		}
		if c == "segment_id" && l.preset != nil && l.preset.segmentFrom != nil && how[c] != "study.yaml" {
			if !l.deriveSegment(tr, fields, want, used, line) {
				missing = true
			}
			reads = append(reads[:len(reads)-1], l.preset.segmentFrom...)
			continue
		}
		missing = true
		if mapped {
			tr.problems.add(file, line, "", "missing column %q: %s reads it from %q, which the header does not have (it has %s)",
				c, how[c], h, quoteList(headerNames(header)))
		} else {
			absent = append(absent, c)
		}
	}
	switch {
	case len(absent) > 0 && len(header) == 1 && t.Delimiter != 0 && otherDelimiter(t, header[0], tr.knownHeaders(t, cols)) != 0:
		// A declared delimiter is obeyed; when the header does not split at
		// it, every column is missing for one fault.
		d := otherDelimiter(t, header[0], tr.knownHeaders(t, cols))
		tr.problems.add(file, line, "", "the header is one column when split at %s, the delimiter study.yaml gives, but its names are apart by %s: "+
			"write delimiter: %s in study.yaml, or leave delimiter out to have it sniffed", delimiterName(t.Delimiter), delimiterName(d), delimiterName(d))
	case len(absent) == 1:
		tr.problems.add(file, line, "", "missing column %q: the header must name %s", absent[0], strings.Join(cols.required, ", "))
	case len(absent) > 1:
		tr.problems.add(file, line, "", "missing columns %s: the header must name %s", quoteList(absent), strings.Join(cols.required, ", "))
	}
	if missing {
		return nil, false
	}
	for i := range header {
		h := strings.TrimSpace(header[i])
		if j, named := fields[h]; !named || j != i || used[i] || (l.preset != nil && slices.Contains(l.preset.ignored, h)) {
			continue // no name, a duplicate (both reported above), read, or the preset knows it
		}
		msg := fmt.Sprintf("unknown column is ignored (known: %s)", strings.Join(l.names, ", "))
		if len(want) > 0 {
			msg = fmt.Sprintf("column is not read (this table reads %s)", quoteList(reads))
		}
		tr.warnings = append(tr.warnings, Warning{File: file, Row: line, Column: h, Msg: msg})
	}
	if cols.namesCodes() {
		l.code = l.index["code"]
	}
	return l, true
}

// deriveSegment sets up segment ids made from the preset's position columns
// and the segment's text, reporting position columns the header lacks.
func (l *layout) deriveSegment(tr *tableReader, fields map[string]int, want map[string]string, used map[int]bool, line int) bool {
	p := l.preset
	seg := [3]int{-1, -1, -1}
	src := []string{}
	for k, h := range p.segmentFrom {
		i, ok := fields[h]
		if !ok {
			tr.problems.add(l.file, line, "", "missing column %q: the %s preset makes segment_id from %s, which the header does not have; "+
				"or map segment_id with columns: in study.yaml", h, p.name, quoteList(p.segmentFrom))
			return false
		}
		seg[k] = i
		used[i] = true
		src = append(src, fmt.Sprintf("%q", h))
	}
	if i, ok := fields[want["quote"]]; ok {
		seg[2] = i
		src = append(src, fmt.Sprintf("%q", want["quote"]))
	}
	l.segment = &seg
	tr.problems.describe(l.file, "segment_id", "made from file columns "+strings.Join(src, ", "))
	return true
}

// segmentID is a segment's id made from its positions, as MAXQDA gives
// them ("12-14"), and a short hash of its text: two passages coded in the
// same paragraphs are two segments; one passage with two codes is one.
func (l *layout) segmentID(rec []string) string {
	get := func(i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	begin, end := get(l.segment[0]), get(l.segment[1])
	if begin == "" && end == "" {
		return ""
	}
	id := begin + "-" + end
	if l.segment[2] >= 0 && l.segment[2] < len(rec) && rec[l.segment[2]] != "" {
		h := fnv.New32a()
		h.Write([]byte(rec[l.segment[2]]))
		id += fmt.Sprintf(":%08x", h.Sum32())
	}
	return id
}

// rows turns one record into rows of the contract and hands each to each: a
// code cell with several codes gives one row per code.
func (l *layout) rows(tr *tableReader, rec []string, line int, each func(row)) {
	if l.fields == nil {
		l.fields = make([]string, len(l.names))
	}
	fields := l.fields
	for j, i := range l.from {
		fields[j] = ""
		if i >= 0 && i < len(rec) {
			fields[j] = rec[i]
		}
	}
	if l.segment != nil {
		fields[l.index["segment_id"]] = l.segmentID(rec)
	}
	if l.code < 0 {
		each(row{file: l.file, line: line, fields: fields, index: l.index, cols: l.cols})
		return
	}
	values := []string{fields[l.code]}
	paths := l.preset != nil && l.preset.codePaths
	if l.preset != nil && l.preset.codeLists {
		values = codeLines(fields[l.code])
		if len(values) == 0 {
			l.uncoded++
			return
		}
	}
	for k, v := range values {
		code, msg := tr.codes.resolve(strings.TrimSpace(v), paths)
		if msg != "" {
			tr.problems.add(l.file, line, "code", "%s", msg)
			continue
		}
		f := fields
		if k < len(values)-1 {
			f = slices.Clone(fields)
		}
		f[l.code] = code
		each(row{file: l.file, line: line, fields: f, index: l.index, cols: l.cols})
	}
}

// codeLines splits a cell holding one code per line.
func codeLines(cell string) []string {
	var out []string
	for _, v := range strings.Split(strings.ReplaceAll(cell, "\r", "\n"), "\n") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func headerNames(header []string) []string {
	var out []string
	for _, h := range header {
		if h = strings.TrimSpace(h); h != "" {
			out = append(out, h)
		}
	}
	return out
}
