// Package store owns the DuckDB store: its SQL schema (schema.sql, the one
// place where tables are defined), opening it, and loading a read study into
// it: a new store is built beside the old one and renamed over it when
// loading and linking are done, so that a run either replaces the whole
// study or leaves the store as it was.
//
// Coded segments in plain delimited text (coding.SegmentFile) are read by
// the store itself, with DuckDB's read_csv, and checked in SQL against the
// rules of coding's reader (segmentchecks.go). Those checks live here, not
// in coding, because they run where the rows are: in the store being built,
// against the codebook, interviews and events just loaded. They
// only decide, never explain: a check that flags anything makes the load
// fail with ErrSegmentsFlagged, and the caller reads the study with
// coding.Read, which stays the one place a researcher's messages come from.
// What coding knows of a cell (how a code cell names a code, what looks like
// personal data) the checks ask coding for.
package store
