// Package reports owns what a study's readers see: the tables per work
// package (frequencies, cross-tabs, co-occurrence, configurations, matrices,
// timelines, agreement), the figures, the summary and the HTML report and
// workbook, all written from the store.
//
// Counting is done in SQL with a full ORDER BY and integer counts; shares
// and statistics are computed in Go from those integers (package stats) and
// written with one fixed rounding, so that the same store gives
// byte-identical files on any machine.
package reports
