package reports

import (
	"regexp"
	"strconv"
	"strings"
)

// Two things are done to table cells before they leave the store, both
// defined here so that every output (CSV, workbook, HTML, Markdown, LaTeX,
// figures, summary) does them the same way.

// plainNumber is a cell a spreadsheet reads as a number and nothing else:
// an optional sign, digits, an optional decimal part. Such a cell is left
// as it is by neutralise, so that a negative count or -0.5 stays a number.
var plainNumber = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`)

// isPlainNumber is plainNumber.MatchString written out: the workbook asks it
// of every numeric cell, and a large study has millions.
func isPlainNumber(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	digits := func() int {
		n := 0
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		s = s[n:]
		return n
	}
	if digits() == 0 {
		return false
	}
	if s == "" {
		return true
	}
	if s[0] != '.' {
		return false
	}
	s = s[1:]
	return digits() > 0 && s == ""
}

// neutralise keeps a spreadsheet from executing a cell as a formula (CSV
// or formula injection): a cell that starts with '=', '+', '-', '@', a tab
// or a carriage return gets a leading single quote, as OWASP's "CSV
// Injection" page advises; Excel and LibreOffice then show it as text. A
// plain number (plainNumber: -3, -0.5, +2) is left alone: it cannot hold a
// formula and must stay a number. Only CSV and workbook cells are
// neutralised; HTML, Markdown and LaTeX are not executed and show the text
// as it is.
func neutralise(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || isPlainNumber(s) {
		return s
	}
	return "'" + s
}

// derivedMark stands in a cell that is computed from a suppressed count (a
// share, a coefficient, a note quoting counts): "x", the mark statistics
// offices use for a value withheld for confidentiality.
const derivedMark = "x"

// smallCount is the mark for a count below minCell: "<5" for 5.
func smallCount(minCell int) string { return "<" + strconv.Itoa(minCell) }

// suppressed reports whether count cell s is to be withheld: a whole number
// from 1 to minCell-1. Zero is shown: it counts nobody, and hiding it would
// hide which codes were never used. minCell 0 or 1 turns suppression off.
func suppressed(s string, minCell int) bool {
	if minCell <= 1 {
		return false
	}
	n, err := strconv.Atoi(s)
	return err == nil && n > 0 && n < minCell
}

// suppressCount returns s, or the small-count mark when s is withheld.
func suppressCount(s string, minCell int) string {
	if suppressed(s, minCell) {
		return smallCount(minCell)
	}
	return s
}

// parenCounts finds the parenthesised parts of a cell that lists counts
// after codes, as configurations.csv's contexts do: "C1.2 (3: 1 promoting)".
var parenCounts = regexp.MustCompile(`\([^()]*\)`)

// wholeNumber is a run of digits that is not part of a longer token.
var wholeNumber = regexp.MustCompile(`(^|[^0-9.])([0-9]+)([^0-9.]|$)`)

// suppressInParens withholds every whole number inside parentheses that is
// a count below minCell. The codes outside parentheses are left alone.
func suppressInParens(s string, minCell int) string {
	if minCell <= 1 {
		return s
	}
	return parenCounts.ReplaceAllStringFunc(s, func(p string) string {
		// ReplaceAll does not see overlapping matches ("(1 1)"): loop.
		for {
			q := wholeNumber.ReplaceAllStringFunc(p, func(m string) string {
				sub := wholeNumber.FindStringSubmatch(m)
				if !suppressed(sub[2], minCell) {
					return m
				}
				return sub[1] + smallCount(minCell) + sub[3]
			})
			if q == p {
				return p
			}
			p = q
		}
	})
}
