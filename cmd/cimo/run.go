package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"regexp"
	"time"

	"github.com/cimo-tool/cimo/pipeline"
	"github.com/cimo-tool/cimo/reports"
	"github.com/cimo-tool/cimo/store"
)

// memoryLimit is a size as DuckDB's memory_limit takes it.
var memoryLimit = regexp.MustCompile(`^(?i)[0-9]+(\.[0-9]+)? ?([KMGT]i?B)$`)

// runCommand is `cimo run`: the whole pipeline on one study.
type runCommand struct {
	stdout, stderr io.Writer
	flags          *flag.FlagSet
	out            string
	allowPII       bool
	opts           pipeline.OutputOptions
	quiet, verbose bool
	timelines      int
	memory         string
}

func newRunCommand(stdout, stderr io.Writer) *runCommand {
	c := &runCommand{stdout: stdout, stderr: stderr}
	c.flags = flag.NewFlagSet("cimo run", flag.ContinueOnError)
	c.flags.SetOutput(io.Discard) // errors are reported once, by report
	c.flags.StringVar(&c.out, "out", "out", "output `folder`: the store, and a folder of tables and figures per work package")
	c.flags.BoolVar(&c.allowPII, "allow-pii", false, "read the study even where cells look like personal data (see cimo check)")
	c.flags.IntVar(&c.opts.MinCell, "min-cell", 0, "withhold every count from 1 to `K`-1 in every output (shown as <K); 0 or 1: off")
	c.flags.BoolVar(&c.opts.IncludeQuotes, "include-quotes", false, "put each code's quotes, with respondent id and role, on the report's codebook page (readable by the owner only)")
	c.flags.IntVar(&c.timelines, "timelines", reports.DefaultMaxTimelines, "draw a timeline figure for at most `N` cases per work package (the tables hold every case); 0: none")
	c.flags.StringVar(&c.memory, "memory", store.DefaultMemoryLimit, "DuckDB's memory `limit` (KB, MB, GB, TB, or KiB to TiB): past it, large counts spill to a temporary folder beside the store")
	c.flags.BoolVar(&c.quiet, "quiet", false, "no progress and no closing line; warnings and errors only")
	c.flags.BoolVar(&c.verbose, "verbose", false, "a plain line on stderr as each stage is done")
	return c
}

func (c *runCommand) Run(ctx context.Context, args []string) error {
	if err := c.flags.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprintln(c.stdout, "Usage: cimo run [--out DIR] [--allow-pii] [--min-cell K] [--include-quotes] [--timelines N] [--memory LIMIT] [--quiet | --verbose] STUDY.yaml")
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
	if c.opts.MinCell < 0 {
		return usageError{fmt.Sprintf("--min-cell %d: give a count of 0 or more (0 or 1: off)", c.opts.MinCell)}
	}
	switch {
	case c.timelines < 0:
		return usageError{fmt.Sprintf("--timelines %d: give a number of figures, 0 or more", c.timelines)}
	case c.timelines == 0:
		c.opts.Timelines = -1
	case c.timelines != reports.DefaultMaxTimelines:
		c.opts.Timelines = c.timelines
	}
	if !memoryLimit.MatchString(c.memory) {
		return usageError{fmt.Sprintf("--memory %q: give a size such as 300MB or 2GB", c.memory)}
	}
	if c.quiet && c.verbose {
		return usageError{"--quiet and --verbose contradict each other: give one"}
	}
	p := &progress{w: c.stderr, mode: chooseProgress(c.quiet, c.verbose, c.stderr), start: time.Now()}
	defer ownerOnly()()
	res, err := pipeline.Run(ctx, c.flags.Arg(0), pipeline.Options{Out: c.out, Log: lineWriter{p, c.stderr},
		AllowPII: c.allowPII, MemoryLimit: c.memory, OutputOptions: c.opts, Progress: p.update})
	p.finish()
	if err != nil {
		return err
	}
	if c.quiet {
		return nil
	}
	fmt.Fprintf(c.stdout, "cimo: %s: %d coded segments from %d interviews; tables and figures in %s, store %s\n",
		res.Study.Name, res.Segments(), len(res.Data.Interviews), c.out, res.Store)
	return nil
}
