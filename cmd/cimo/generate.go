package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/cimo-tool/cimo/data"
)

const generateUsage = `Usage: cimo generate --segments N [--seed S] --out DIR

Writes a synthetic study (invented data, in Dutch, four work packages) of N
coded-segment rows: rows of the segments CSV files, one per segment and
code, so N codings rather than N distinct segments. The same flags write the
same bytes. DIR must be new or empty. Run it with: cimo run DIR/study.yaml

Flags:
`

// generateCommand is `cimo generate`: a synthetic study of a given size, for
// benchmarks and for trying cimo at scale.
type generateCommand struct {
	stdout io.Writer
	flags  *flag.FlagSet
	opt    data.Synthetic
	out    string
}

func newGenerateCommand(stdout io.Writer) *generateCommand {
	c := &generateCommand{stdout: stdout}
	c.flags = flag.NewFlagSet("cimo generate", flag.ContinueOnError)
	c.flags.SetOutput(io.Discard)
	c.flags.IntVar(&c.opt.Segments, "segments", 0, "`N` coded-segment rows (codings) to write; required")
	c.flags.Uint64Var(&c.opt.Seed, "seed", 1, "`S` fixes every random draw")
	c.flags.StringVar(&c.out, "out", "", "new or empty `folder` to write the study into; required")
	c.flags.Float64Var(&c.opt.DoubleCoded, "double-coded", data.DefaultDoubleCoded, "`share` of segments a second coder also coded (0 to 1)")
	c.flags.BoolVar(&c.opt.RepeatAgreed, "repeat-agreed", true,
		"write a second coder's agreeing codes too, one row per coder, as a QDA tool's export of a double-coded\nsegment has them; false writes only the codes a second coder gave differently")
	return c
}

func (c *generateCommand) Run(ctx context.Context, args []string) error {
	if err := c.flags.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprint(c.stdout, generateUsage)
			c.flags.SetOutput(c.stdout)
			c.flags.PrintDefaults()
			return err
		}
		return usageError{err.Error()}
	}
	switch {
	case c.flags.NArg() > 0:
		return usageError{fmt.Sprintf("generate takes no file, got %q: cimo generate --segments N --out DIR", c.flags.Arg(0))}
	case c.opt.Segments < 1:
		return usageError{"generate needs --segments N with N at least 1: cimo generate --segments N --out DIR"}
	case c.out == "":
		return usageError{"generate needs --out DIR, a new or empty folder: cimo generate --segments N --out DIR"}
	case !(c.opt.DoubleCoded >= 0 && c.opt.DoubleCoded <= 1):
		return usageError{fmt.Sprintf("--double-coded %v: give a share from 0 to 1", c.opt.DoubleCoded)}
	}
	sum, err := data.WriteSynthetic(ctx, c.out, c.opt)
	if errors.Is(err, data.ErrFolderNotEmpty) {
		return usageError{fmt.Sprintf("generate: %s is not empty: give a new folder with --out", c.out)}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "cimo: synthetic study of %d coded-segment rows (%d %s, %d %s) in %s; run it with: cimo run %s\n",
		c.opt.Segments, sum.Interviews, plural(sum.Interviews, "interview", "interviews"), sum.Cases, plural(sum.Cases, "case", "cases"),
		c.out, filepath.Join(c.out, "study.yaml"))
	return nil
}
