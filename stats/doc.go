// Package stats holds every statistic of the analyses: Fisher's exact test
// (with the Freeman-Halton extension), Cohen's kappa, Krippendorff's alpha,
// Kendall's W and the Jaccard (c-)coefficient.
//
// It is pure Go and works on small aggregated tables that the reports have
// already counted in SQL. Each function says its formula and reference, and
// is tested against published or hand-worked values to 1e-9. A statistic
// that is not defined for the data at hand (no units, no variation, a zero
// denominator) gives ErrUndefined instead of NaN or an infinity, so that a
// table can show an empty cell with a note.
package stats

import "errors"

// ErrUndefined says a statistic is not defined for these data: no units, no
// variation, or a zero denominator.
var ErrUndefined = errors.New("not defined for these data")

// ErrTooLarge says an exact test would need more work than its limit
// allows; the table is too large to enumerate in reasonable time.
var ErrTooLarge = errors.New("too many tables to enumerate")
