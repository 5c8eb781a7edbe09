// Command cimo turns a coded qualitative-interview study into a DuckDB store,
// linked CIMO chains, and tables and figures per work package.
//
// Usage:
//
//	cimo run [--out DIR] STUDY.yaml
//
// See the README for the study's files and what each table counts.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
