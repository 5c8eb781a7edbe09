// Package reports owns what a study's readers see: the tables per work
// package (frequencies, cross-tabs, co-occurrence, configurations, matrices,
// timelines, agreement), the figures, the summary and the HTML report and
// workbook, all written from the store.
//
// Counting is done in SQL with a full ORDER BY and integer counts; shares
// and statistics are computed in Go from those integers (package stats) and
// written with one fixed rounding, so that the same store gives
// byte-identical files on any machine.
//
// A query's CTE that only picks a scope's rows of a table (f, the scope's
// codings, in most) is NOT MATERIALIZED: DuckDB materializes a CTE named
// more than once, copying every row and column it selects, and scanning
// the copy cost more than scanning the table again with the filter. At 1M
// coded segments the frequency and matrix queries took 40% less time
// without the copies (23.6 s to 14.5 s over the five scopes, one thread
// a query).
package reports
