package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/cimo-tool/cimo/coding"
	"github.com/cimo-tool/cimo/pipeline"
)

// checkCommand is `cimo check`: read a study as a run would, looking in
// every cell for personal data that a pseudonymised study must not hold.
// It writes nothing.
type checkCommand struct {
	stdout io.Writer
	flags  *flag.FlagSet
}

// checkFailed is what check found: the lines are the study's problems, of
// which Problems.PII are personal data.
type checkFailed struct{ *coding.Problems }

func (e checkFailed) Unwrap() error { return e.Problems }

func newCheckCommand(stdout io.Writer) *checkCommand {
	c := &checkCommand{stdout: stdout}
	c.flags = flag.NewFlagSet("cimo check", flag.ContinueOnError)
	c.flags.SetOutput(io.Discard)
	return c
}

func (c *checkCommand) Run(ctx context.Context, args []string) error {
	if err := c.flags.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprintln(c.stdout, "Usage: cimo check STUDY.yaml")
			return err
		}
		return usageError{err.Error()}
	}
	if c.flags.NArg() != 1 {
		return usageError{"check takes one study file: cimo check STUDY.yaml"}
	}
	st, err := pipeline.LoadStudy(c.flags.Arg(0))
	if err != nil {
		return err
	}
	// Read as a run reads, so that rows and columns are named as in every
	// other message; a fault that stops a table from being read is listed
	// too, since its cells could not be checked.
	if _, err := coding.Read(ctx, st.Sources); err != nil {
		var ps *coding.Problems
		if errors.As(err, &ps) {
			return checkFailed{ps}
		}
		return err
	}
	files := 3 + len(st.Sources.Segments)
	if st.Sources.Events.File != "" {
		files++
	}
	fmt.Fprintf(c.stdout, "cimo check: %s: no e-mail addresses, phone numbers, BSNs or IBANs in the cells of its %d table files\n",
		c.flags.Arg(0), files)
	return nil
}
