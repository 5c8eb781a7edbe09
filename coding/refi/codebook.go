package refi

import (
	"bufio"
	"context"
	"errors"
	"os"
)

// ReadCodebook reads a REFI-QDA codebook (.qdc). Input that cannot be read
// gives an *Errors.
func ReadCodebook(ctx context.Context, path string) (*Codebook, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fail(path, "", "cannot be opened (%v): check the path", reason(err))
	}
	defer f.Close()
	a := &archive{max: DefaultMaxEntryBytes}
	if fi, err := f.Stat(); err == nil && fi.Size() > a.max {
		return nil, fail(path, "", "%s", a.tooBig())
	}
	c := &collector{file: path}
	p := newParser(bufio.NewReader(&capped{r: f, left: a.max}), c, "CodeBook", codebookNS)
	p.tooBig = a.tooBig()
	if err := p.run(ctx); err != nil {
		var es *Errors
		if errors.As(err, &es) || ctx.Err() != nil {
			return nil, err
		}
		return nil, fail(path, "", "cannot be read (%v)", reason(err))
	}
	p.finish()
	if err := c.err(); err != nil {
		return nil, err
	}
	return &Codebook{Origin: p.p.Origin, Codes: p.p.Codes, Warnings: p.p.Warnings}, nil
}
