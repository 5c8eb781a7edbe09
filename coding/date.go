package coding

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// A Date is a possibly fuzzy date as researchers write it on a timeline
// ("2023", "2023-03", "2023-Q2", "2023-03-14"), kept as the interval of days
// it may stand for so that later analyses can order events honestly.
type Date struct {
	Raw      string
	From, To time.Time // first and last day, inclusive, in UTC
}

// IsZero reports whether no date was given.
func (d Date) IsZero() bool { return d.Raw == "" }

var (
	yearRe    = regexp.MustCompile(`^(\d{4})$`)
	monthRe   = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	quarterRe = regexp.MustCompile(`^(\d{4})-[Qq](\d)$`)
	dayRe     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

const dateForms = "use 2023, 2023-03, 2023-Q2 or 2023-03-14"

// ParseDate reads one of the four date forms of the input contract.
// An empty string is no date and no error.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	switch {
	case yearRe.MatchString(s):
		y, _ := strconv.Atoi(s)
		return Date{Raw: s, From: day(y, 1, 1), To: day(y, 12, 31)}, nil
	case monthRe.MatchString(s):
		m := monthRe.FindStringSubmatch(s)
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if mo < 1 || mo > 12 {
			return Date{}, fmt.Errorf("date %q has no month %d (%s)", s, mo, dateForms)
		}
		return Date{Raw: s, From: day(y, mo, 1), To: day(y, mo+1, 0)}, nil
	case quarterRe.MatchString(s):
		m := quarterRe.FindStringSubmatch(s)
		y, _ := strconv.Atoi(m[1])
		q, _ := strconv.Atoi(m[2])
		if q < 1 || q > 4 {
			return Date{}, fmt.Errorf("date %q has no quarter %d (%s)", s, q, dateForms)
		}
		return Date{Raw: s, From: day(y, 3*q-2, 1), To: day(y, 3*q+1, 0)}, nil
	case dayRe.MatchString(s):
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return Date{}, fmt.Errorf("date %q does not exist (%s)", s, dateForms)
		}
		return Date{Raw: s, From: t, To: t}, nil
	}
	return Date{}, fmt.Errorf("cannot read date %q (%s)", s, dateForms)
}
