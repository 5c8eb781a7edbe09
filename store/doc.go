// Package store owns the DuckDB store: its SQL schema (schema.sql, the one
// place where tables are defined), opening it, and loading a read study into
// it in one transaction, so that a run either replaces the whole study or
// leaves the store as it was.
package store
