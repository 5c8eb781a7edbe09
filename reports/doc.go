// Package reports owns what a study's readers see: the frequency tables per
// work package, the figures, and the summary, all written from the store.
//
// Every table is one SQL query with a full ORDER BY and integer counts, so
// that the same store gives byte-identical files on any machine.
package reports
