package coding

import (
	"fmt"
	"strings"

	"github.com/cimo-tool/cimo/coding/refi"
)

// projectPII reports personal data in a project's text sources (whole
// transcripts, the likeliest place for a name's e-mail or phone number) and
// in its variables, as the table reader does for every cell.
func (r *refs) projectPII(file string, p *refi.Project) {
	report := func(where string, v string) {
		for _, f := range FindPII(v) {
			r.tr.problems.PII++
			r.tr.problems.add(file, 0, "", "%s: looks like %s (%q): remove it or replace it by a pseudonym", where, f.Kind, f.Masked)
		}
	}
	for _, s := range p.Sources {
		for i, line := range strings.Split(s.Text, "\n") {
			report(fmt.Sprintf("source %q, line %d", s.Name, i+1), line)
		}
		for _, v := range s.Values {
			report(fmt.Sprintf("source %q, variable %q", s.Name, v.Name), v.Value)
		}
	}
	for _, c := range p.Cases {
		for _, v := range c.Values {
			report(fmt.Sprintf("case %q, variable %q", c.Name, v.Name), v.Value)
		}
	}
}
