package coding

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
)

// A pseudonymised study holds no contact details or numbers that name a
// person. FindPII looks for the kinds a Dutch interview transcript or
// spreadsheet is likely to let slip: e-mail addresses, phone numbers,
// citizen service numbers (BSN) and bank account numbers (IBAN). Numbers
// are checked as well as matched (the BSN's eleven-test, the IBAN's
// length and mod-97 check digits), so that ids, dates and counts are not
// reported.

// Kinds of personal data FindPII reports, as they read in a message.
const (
	PIIEmail = "an e-mail address"
	PIIPhone = "a phone number"
	PIIBSN   = "a citizen service number (BSN)"
	PIIIBAN  = "an IBAN"
)

// PII is one finding in a text.
type PII struct {
	Kind string
	// Masked is the finding with what identifies a person replaced by
	// '*', to show in a message: "j***@***.nl", "06-********".
	Masked     string
	Start, End int // byte offsets of the finding in the text
}

// FindPII returns what in text looks like personal data, in text order.
func FindPII(text string) []PII {
	// Every cell of a study passes here: most hold no '@' and too few
	// digits for any number sought, and are done with in one loop.
	digits, at := 0, false
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case isDigit(c):
			digits++
		case c == '@':
			at = true
		}
	}
	var out []PII
	if at {
		out = findEmails(text, out)
	}
	if digits >= 2 { // an IBAN's check digits
		out = findIBANs(text, out)
	}
	if digits >= 9 { // the shortest phone number or BSN
		out = findNumbers(text, out)
	}
	if len(out) > 1 {
		slices.SortFunc(out, func(a, b PII) int { return a.Start - b.Start })
	}
	return out
}

// mayHoldPII says whether FindPII could find anything in text, cheaply: a
// strict superset of what it finds. FindPII looks for an e-mail address only
// around an '@', for an IBAN only where two letters are followed by two
// digits, and for a phone number or BSN only in a text of nine digits or
// more; text passing none of these is done with in one loop over its bytes.
func mayHoldPII(text []byte) bool {
	digits := 0
	for i, c := range text {
		switch {
		case isDigit(c):
			digits++
			if i >= 3 && isDigit(text[i-1]) && isLetter(text[i-2]) && isLetter(text[i-3]) {
				return true
			}
		case c == '@':
			return true
		}
	}
	return digits >= 9
}

// overlaps says whether [start, end) overlaps a finding of found.
func overlaps(found []PII, start, end int) bool {
	for _, f := range found {
		if start < f.End && f.Start < end {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
func isAlnum(c byte) bool  { return isDigit(c) || isLetter(c) }

// findEmails finds local@domain.tld, with a top-level domain of two or more
// letters.
func findEmails(s string, out []PII) []PII {
	isLocal := func(c byte) bool { return isAlnum(c) || strings.IndexByte("._%+-'", c) >= 0 }
	isDomain := func(c byte) bool { return isAlnum(c) || c == '.' || c == '-' }
	last := 0 // the end of the last address found: addresses do not overlap
	for at := 0; ; {
		i := strings.IndexByte(s[at:], '@')
		if i < 0 {
			return out
		}
		i += at
		at = i + 1
		start := i
		for start > last && isLocal(s[start-1]) {
			start--
		}
		for start < i && !isAlnum(s[start]) {
			start++ // a local part starts with a letter or digit, not a quote or dot
		}
		end := i + 1
		for end < len(s) && isDomain(s[end]) {
			end++
		}
		for end > i+1 && !isAlnum(s[end-1]) {
			end-- // the full stop ending a sentence
		}
		domain := s[i+1 : end]
		dot := strings.LastIndexByte(domain, '.')
		if start == i || dot <= 0 {
			continue
		}
		tld := domain[dot+1:]
		if len(tld) < 2 || strings.IndexFunc(tld, func(r rune) bool { return r > 127 || !isLetter(byte(r)) }) >= 0 {
			continue
		}
		out = append(out, PII{Kind: PIIEmail, Masked: s[start:start+1] + "***@***." + tld, Start: start, End: end})
		at, last = end, end
	}
}

// ibanLengths are the lengths of each country's IBAN, from the SWIFT IBAN
// Registry (release 99, 2025).
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
	"BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
	"ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
	"HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
	"LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22,
	"MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25,
	"QA": 29, "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25,
	"SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}

// findIBANs finds IBANs written whole (NL91ABNA0417164300) or in groups of
// four (NL91 ABNA 0417 1643 00) that have their country's length and pass
// the mod-97 check (ISO 13616).
func findIBANs(s string, out []PII) []PII {
	for i := 0; i+4 <= len(s); i++ {
		if !isLetter(s[i]) || !isLetter(s[i+1]) || !isDigit(s[i+2]) || !isDigit(s[i+3]) || (i > 0 && isAlnum(s[i-1])) {
			continue
		}
		n, ok := ibanLengths[strings.ToUpper(s[i:i+2])]
		if !ok {
			continue
		}
		// Gather n letters and digits, single spaces between them allowed.
		var compact []byte
		j := i
		for j < len(s) && len(compact) < n {
			switch {
			case isAlnum(s[j]):
				compact = append(compact, upper(s[j]))
				j++
			case s[j] == ' ' && j+1 < len(s) && isAlnum(s[j+1]) && len(compact) > 0:
				j++
			default:
				j = len(s) + 1
			}
		}
		if len(compact) < n || j > len(s) || (j < len(s) && isAlnum(s[j])) || !mod97(compact) {
			continue
		}
		masked := []byte(s[i:j])
		for k := 2; k < len(masked); k++ {
			if masked[k] != ' ' {
				masked[k] = '*'
			}
		}
		out = append(out, PII{Kind: PIIIBAN, Masked: string(masked), Start: i, End: j})
		i = j - 1
	}
	return out
}

func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

// mod97 is the IBAN check: the country and check digits moved to the end,
// letters as 10 to 35, the number mod 97 is 1. iban is upper case.
func mod97(iban []byte) bool {
	r := 0
	for _, c := range append(slices.Clone(iban[4:]), iban[:4]...) {
		switch {
		case isDigit(c):
			r = (r*10 + int(c-'0')) % 97
		case 'A' <= c && c <= 'Z':
			r = (r*100 + int(c-'A') + 10) % 97
		default:
			return false
		}
	}
	return r == 1
}

// findNumbers finds phone numbers and BSNs: runs of digits with the
// separators people write them with.
func findNumbers(s string, out []PII) []PII {
	found := out
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isDigit(c) && c != '+' && c != '(' {
			continue
		}
		if i > 0 && (isAlnum(s[i-1]) || strings.IndexByte("_.,-/+@", s[i-1]) >= 0) {
			continue // inside a word, an id, a decimal number or a date
		}
		n := scanNumber(s, i)
		if n.end == i || overlaps(found, i, n.end) {
			continue
		}
		if p, ok := n.phone(s); ok {
			found = append(found, p)
			i = n.end - 1
			continue
		}
		if p, ok := n.bsn(s); ok {
			found = append(found, p)
			i = n.end - 1
			continue
		}
		for i+1 < n.end && (isDigit(s[i+1]) || s[i+1] == '+') {
			i++ // no finding starts inside the run
		}
	}
	return found
}

// maxNumberDigits bounds the digits scanNumber reads: more than any phone
// number or BSN has.
const maxNumberDigits = 18

// number is a run of digits from start to end, with the lengths of its
// groups of digits and the separators between them. It is kept in arrays:
// every cell of a study with enough digits is scanned for numbers.
type number struct {
	start, end int
	digits     [maxNumberDigits]byte
	groups     [maxNumberDigits]int8
	seps       [maxNumberDigits]byte // between groups: the first separator of each run
	nd, ng     int
	plus       bool
}

// scanNumber reads digits from i, and the separators ' ', '-', '.', '/',
// '(' and ')' between them (at most two in a row), so that 06-12345678,
// +31 (0)6 1234 5678 and (020) 123 4567 are each one number.
func scanNumber(s string, i int) number {
	n := number{start: i, end: i}
	j := i
	if s[j] == '+' {
		if j+1 >= len(s) || (!isDigit(s[j+1]) && s[j+1] != ' ') {
			return n
		}
		n.plus = true
		j++
	}
	var sep byte // the first separator since the last digit, 0 for none
	seps := 0    // separators since the last digit
	for j < len(s) && n.nd < maxNumberDigits {
		c := s[j]
		switch {
		case isDigit(c):
			if seps > 0 || n.ng == 0 {
				if n.ng > 0 {
					n.seps[n.ng-1] = sep
				}
				n.ng++
				sep, seps = 0, 0
			}
			n.digits[n.nd] = c
			n.nd++
			n.groups[n.ng-1]++
			n.end = j + 1
			j++
		case strings.IndexByte(" -./()", c) >= 0 && seps < 2:
			if seps == 0 {
				sep = c
			}
			seps++
			if c == '(' && n.plus && strings.HasPrefix(s[j:], "(0)") {
				j += 3 // +31 (0)6: the trunk prefix in parentheses is not dialled
				continue
			}
			j++
		default:
			j = len(s)
		}
	}
	if n.end < len(s) && (isLetter(s[n.end]) || s[n.end] == '_' || s[n.end] == '@') {
		n.end = n.start // part of a word or id
	}
	return n
}

// phone says whether n is a Dutch phone number (ten digits from a 0 that is
// not followed by another 0, written nationally or after +31 or 0031), or
// an international one (+ or 00 and 9 to 15 digits).
func (n *number) phone(s string) (PII, bool) {
	d := n.digits[:n.nd]
	var national []byte
	switch {
	case n.plus && bytes.HasPrefix(d, []byte("31")):
		national = d[1:] // with the 1 standing for the trunk 0
	case n.plus:
		if len(d) < 9 || len(d) > 15 {
			return PII{}, false
		}
	case bytes.HasPrefix(d, []byte("0031")):
		national = d[3:]
	case bytes.HasPrefix(d, []byte("00")):
		if len(d) < 11 || len(d) > 17 || d[2] == '0' {
			return PII{}, false
		}
	case d[0] == '0':
		national = d
		if slices.Min(n.groups[:n.ng]) < 2 || n.date() {
			return PII{}, false // 0 1 2 3 ..., a list; 01-03-2023 14, a date and an hour
		}
	default:
		return PII{}, false
	}
	if national != nil && (len(national) != 10 || national[1] == '0') {
		return PII{}, false
	}
	return PII{Kind: PIIPhone, Masked: maskDigits(s[n.start:n.end], 2), Start: n.start, End: n.end}, true
}

// date says whether n starts as a day-month-year date: 01-03-2023.
func (n *number) date() bool {
	return n.ng >= 3 && n.groups[0] <= 2 && n.groups[1] <= 2 && n.groups[2] == 4 &&
		n.seps[0] == n.seps[1] && strings.IndexByte("-./", n.seps[0]) >= 0
}

// bsn says whether n is a citizen service number: nine digits, written
// whole or as 1234.56.782, that pass the eleven-test and are not all zeros.
func (n *number) bsn(s string) (PII, bool) {
	whole := n.ng == 1
	dotted := n.ng == 3 && n.groups[0] == 4 && n.groups[1] == 2 && n.groups[2] == 3 &&
		n.seps[0] == n.seps[1] && (n.seps[0] == '.' || n.seps[0] == ' ')
	if n.plus || n.nd != 9 || !(whole || dotted) || !ElevenTest(string(n.digits[:9])) {
		return PII{}, false
	}
	// A decimal's fraction (3.141592653) was skipped by the caller; a
	// number followed by one is no BSN either.
	if n.end+1 < len(s) && (s[n.end] == '.' || s[n.end] == ',') && isDigit(s[n.end+1]) {
		return PII{}, false
	}
	return PII{Kind: PIIBSN, Masked: maskDigits(s[n.start:n.end], 0), Start: n.start, End: n.end}, true
}

// ElevenTest is the check a Dutch citizen service number passes: for its
// nine digits a..i, 9a + 8b + 7c + 6d + 5e + 4f + 3g + 2h - i is a multiple
// of 11; all zeros is no number.
func ElevenTest(digits string) bool {
	if len(digits) != 9 || strings.Trim(digits, "0") == "" {
		return false
	}
	sum := 0
	for k := 0; k < 9; k++ {
		c := digits[k]
		if !isDigit(c) {
			return false
		}
		w := 9 - k
		if k == 8 {
			w = -1
		}
		sum += w * int(c-'0')
	}
	return sum%11 == 0
}

// maskDigits replaces every digit of s after the first keep with '*'.
func maskDigits(s string, keep int) string {
	b := []byte(s)
	for i, c := range b {
		if isDigit(c) {
			if keep > 0 {
				keep--
				continue
			}
			b[i] = '*'
		}
	}
	return string(b)
}

// findPII reports every finding in the cells of one record, named by the
// columns' labels.
func (tr *tableReader) findPII(file string, line int, labels []string, rec []string) {
	for i, v := range rec {
		for _, p := range FindPII(v) {
			col, where := labels[i], ""
			if col == "" {
				where = fmt.Sprintf("column %d (no header): ", i+1)
			}
			tr.problems.PII++
			tr.problems.add(file, line, col, "%slooks like %s (%q): remove it or replace it by a pseudonym", where, p.Kind, p.Masked)
		}
	}
}
