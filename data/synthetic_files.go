package data

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
)

// csvFile streams CSV rows to a file through a large buffer.
type csvFile struct {
	f   *os.File
	buf *bufio.Writer
	w   *csv.Writer
}

func createCSV(path string, header []string) (*csvFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	c := &csvFile{f: f, buf: bufio.NewWriterSize(f, 1<<16)}
	c.w = csv.NewWriter(c.buf)
	if err := c.write(header...); err != nil {
		f.Close()
		return nil, err
	}
	return c, nil
}

func (c *csvFile) write(fields ...string) error {
	if err := c.w.Write(fields); err != nil {
		return fmt.Errorf("write %s: %w", c.f.Name(), err)
	}
	return nil
}

// close flushes and closes the file; a nil csvFile is closed already.
func (c *csvFile) close() error {
	if c == nil || c.f == nil {
		return nil
	}
	name := c.f.Name()
	c.w.Flush()
	err := errors.Join(c.w.Error(), c.buf.Flush(), c.f.Close())
	c.f = nil
	if err != nil {
		return fmt.Errorf("close %s: %w", name, err)
	}
	return nil
}

// generateCommand is how a synthetic study is written again.
func generateCommand(opt Synthetic) string {
	cmd := fmt.Sprintf("cimo generate --segments %d --seed %d", opt.Segments, opt.Seed)
	if opt.DoubleCoded != DefaultDoubleCoded {
		cmd += fmt.Sprintf(" --double-coded %v", opt.DoubleCoded)
	}
	if opt.RepeatAgreed {
		cmd += " --repeat-agreed"
	}
	return cmd + " --out DIR"
}

func syntheticYAML(opt Synthetic) []byte {
	var b strings.Builder
	b.WriteString("# Synthetische studie: alle personen, ids, datums en citaten zijn door een programma verzonnen.\n")
	fmt.Fprintf(&b, "# Synthetic study, not real interviews; written by `%s`.\n", generateCommand(opt))
	fmt.Fprintf(&b, "name: \"Synthetische studie (%d codeerregels, seed %d)\"\n", opt.Segments, opt.Seed)
	b.WriteString("language: nl\n")
	b.WriteString("work_packages:\n")
	for _, wp := range workPackages {
		fmt.Fprintf(&b, "  - {id: %s, title: %q}\n", wp[0], wp[1])
	}
	b.WriteString("codebook: codebook.csv\n")
	b.WriteString("respondents: respondents.csv\n")
	b.WriteString("interviews: interviews.csv\n")
	b.WriteString("segments: [segments/*.csv]\n")
	b.WriteString("events: events.csv\n")
	return []byte(b.String())
}

// syntheticReadme says, before anything else, that the study is synthetic.
func syntheticReadme(opt Synthetic, s *SyntheticSummary) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `# Synthetic study (invented data)

**Everything in this folder is synthetic.** A program invented every
person, id, organisation, date, case, event and quote; nothing comes from
real interviews. It exists to measure cimo at scale.
*Alle gegevens in deze map zijn door een programma verzonnen; het zijn geen echte interviews.*

Written by:

    %s

The same command writes the same bytes. The shape follows the example study
(data/example): its codebook and code weights, WP2 timelines of 5 to 40
events with fuzzy dates, CIMO chains linked by `+"`event_id`"+` (WP2) or
`+"`chain_id`"+` (WP1, WP3), many of them incomplete, valence on context codes,
eight coders.

## Contents

| work package | interviews | coded-segment rows | segment files |
|---|---|---|---|
`, generateCommand(opt))
	total := 0
	for _, wp := range s.WorkPackages {
		files := slices.Clone(wp.Files)
		slices.Sort(files)
		fmt.Fprintf(&b, "| %s | %d | %d | %s |\n", wp.ID, wp.Interviews, wp.Rows, strings.Join(files, ", "))
		total += wp.Rows
	}
	agreed := "only the codes a second coder gave differently are written, so each (interview, segment, code) appears once and a segment on which both agreed has no second-coder rows"
	if opt.RepeatAgreed {
		agreed = "a second coder's agreeing codes are written too, so an (interview, segment, code) appears once per coder"
	}
	fmt.Fprintf(&b, `
- %d coded-segment rows in total (rows of the segment files: one per segment and code);
- %d respondents, %d interviews, %d cases with %d events;
- a share of %v of the segments was coded by a second coder as well: %s;
  %d segments have rows of two coders.
`, total, s.Respondents, s.Interviews, s.Cases, s.Events, opt.DoubleCoded, agreed, s.DoubleCoded)
	return []byte(b.String())
}
