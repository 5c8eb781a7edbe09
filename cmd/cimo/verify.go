package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/cimo-tool/cimo/pipeline"
)

// verifyCommand is `cimo verify`: re-run a study and compare with its manifest.
type verifyCommand struct {
	stdout, stderr io.Writer
	flags          *flag.FlagSet
}

// mismatch means the outputs or inputs are not what the manifest records.
type mismatch struct{ n int }

func (e mismatch) Error() string {
	return fmt.Sprintf("%d %s not what the manifest records", e.n, plural(e.n, "file is", "files are"))
}

func newVerifyCommand(stdout, stderr io.Writer) *verifyCommand {
	c := &verifyCommand{stdout: stdout, stderr: stderr}
	c.flags = flag.NewFlagSet("cimo verify", flag.ContinueOnError)
	c.flags.SetOutput(io.Discard)
	return c
}

func (c *verifyCommand) Run(ctx context.Context, args []string) error {
	if err := c.flags.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprintln(c.stdout, "Usage: cimo verify OUT/manifest.json")
			return err
		}
		return usageError{err.Error()}
	}
	if c.flags.NArg() != 1 {
		return usageError{"verify takes one manifest: cimo verify OUT/manifest.json"}
	}
	defer ownerOnly()() // the new run's store, in a temporary folder
	v, err := pipeline.Verify(ctx, c.flags.Arg(0))
	if err != nil {
		return err
	}
	for _, n := range v.Notes {
		fmt.Fprintf(c.stderr, "note: %s\n", n)
	}
	for _, d := range v.Differences {
		fmt.Fprintf(c.stdout, "%s\n", d)
	}
	if len(v.Differences) > 0 {
		return mismatch{len(v.Differences)}
	}
	fmt.Fprintf(c.stdout, "cimo verify: %d inputs and %d outputs are as the manifest records, and a new run gives the same outputs\n",
		len(v.Manifest.Inputs), len(v.Manifest.Outputs))
	return nil
}
