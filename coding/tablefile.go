package coding

import (
	"path/filepath"
	"strings"
)

// A Table is one table file of a study and how to read it. For a table in the
// contract's own shape only File is set; the rest is for files as Excel and
// the analysis tools write them.
type Table struct {
	File      string // relative to Sources.Dir
	Sheet     string // .xlsx: the sheet to read; empty for the first
	Delimiter rune   // CSV: the separator; 0 to sniff it from the header
	Encoding  string // CSV: EncodingUTF8, EncodingWindows1252, or empty to detect
	// Preset names a tool whose export the file is ("maxqda" or "atlasti"):
	// it maps the export's columns onto the contract (segments only).
	Preset string
	// Columns maps contract columns to the file's headers; it overrides the
	// preset for the columns it names.
	Columns map[string]string
}

// Encodings a CSV file may be declared in.
const (
	EncodingUTF8        = "utf-8"
	EncodingWindows1252 = "windows-1252"
)

// ParseEncoding reads an encoding name as a study file may write it: utf-8,
// windows-1252 (or cp1252), or auto, which returns "" (detect).
func ParseEncoding(name string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "utf-8", "utf8":
		return EncodingUTF8, true
	case "windows-1252", "cp1252":
		return EncodingWindows1252, true
	case "auto", "":
		return "", true
	}
	return "", false
}

// A format is how a table file is stored, told by its extension.
type format int

const (
	formatUnknown format = iota
	formatCSV
	formatXLSX
)

func formatOf(file string) format {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".csv", ".tsv", ".txt":
		return formatCSV
	case ".xlsx":
		return formatXLSX
	}
	return formatUnknown
}

// IsWorkbook says whether file is read as an Excel workbook (.xlsx) rather
// than as delimited text.
func IsWorkbook(file string) bool { return formatOf(file) == formatXLSX }

// IsTableFile says whether cimo reads file as a table, by its extension.
func IsTableFile(file string) bool { return formatOf(file) != formatUnknown }
