package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
)

// A command is one subcommand: its own flags, and a Run that returns an error
// for exitCode to classify.
type command interface {
	Run(ctx context.Context, args []string) error
}

const usage = `cimo turns a coded interview study into tables and figures per work package.

Usage:
  cimo run [--out DIR] [--allow-pii] [--min-cell K] [--include-quotes] [--quiet|--verbose] STUDY.yaml
                                    run the pipeline on a study
  cimo check STUDY.yaml             look for personal data (e-mail addresses, phone
                                    numbers, BSNs, IBANs) in every cell of a study
  cimo verify OUT/manifest.json     re-run a study and check every output against its manifest
  cimo generate --segments N --out DIR
                                    write a synthetic study of N coded-segment rows (codings)
  cimo help                         show this help

Exit codes: 0 success, 2 bad input or usage, 1 any other failure
(for check: 2 when something is found; for verify: 1 when a file differs
from the manifest).
`

// Run runs cimo with args (without the program name) and returns the exit code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var cmd command
	switch args[0] {
	case "run":
		cmd = newRunCommand(stdout, stderr)
	case "check":
		cmd = newCheckCommand(stdout)
	case "verify":
		cmd = newVerifyCommand(stdout, stderr)
	case "generate":
		cmd = newGenerateCommand(stdout)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "cimo: unknown command %q\n\n%s", args[0], usage)
		return exitUsage
	}
	err := cmd.Run(ctx, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return report(stderr, err)
}
