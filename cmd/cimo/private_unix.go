//go:build unix

package main

import "syscall"

// ownerOnly makes every file and folder the process creates from now on
// readable by its owner only (files 0600, folders 0700), until restore is
// called: the store holds the interview quotes, and so do DuckDB's
// write-ahead log (study.duckdb.wal) and spill files beside it, which
// DuckDB creates itself with the process's umask. The umask is the
// process's, so this belongs to the command, not to a library.
func ownerOnly() (restore func()) {
	old := syscall.Umask(0o077)
	return func() { syscall.Umask(old) }
}
