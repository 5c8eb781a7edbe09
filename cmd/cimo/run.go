package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/cimo-tool/cimo/pipeline"
)

// runCommand is `cimo run`: the whole pipeline on one study.
type runCommand struct {
	stdout, stderr io.Writer
	flags          *flag.FlagSet
	out            string
	allowPII       bool
}

func newRunCommand(stdout, stderr io.Writer) *runCommand {
	c := &runCommand{stdout: stdout, stderr: stderr}
	c.flags = flag.NewFlagSet("cimo run", flag.ContinueOnError)
	c.flags.SetOutput(io.Discard) // errors are reported once, by report
	c.flags.StringVar(&c.out, "out", "out", "output `folder`: the store, and a folder of tables and figures per work package")
	c.flags.BoolVar(&c.allowPII, "allow-pii", false, "read the study even where cells look like personal data (see cimo check)")
	return c
}

func (c *runCommand) Run(ctx context.Context, args []string) error {
	if err := c.flags.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprintln(c.stdout, "Usage: cimo run [--out DIR] [--allow-pii] STUDY.yaml")
			c.flags.SetOutput(c.stdout)
			c.flags.PrintDefaults()
			return err
		}
		return usageError{err.Error()}
	}
	switch c.flags.NArg() {
	case 0:
		return usageError{"run needs a study file: cimo run [--out DIR] STUDY.yaml"}
	case 1:
	default:
		return usageError{fmt.Sprintf("run takes one study file, got %d (flags go before the file)", c.flags.NArg())}
	}
	defer ownerOnly()()
	res, err := pipeline.Run(ctx, c.flags.Arg(0), pipeline.Options{Out: c.out, Log: c.stderr, AllowPII: c.allowPII})
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "cimo: %s: %d coded segments from %d interviews; tables and figures in %s, store %s\n",
		res.Study.Name, res.Segments(), len(res.Data.Interviews), c.out, res.Store)
	return nil
}
