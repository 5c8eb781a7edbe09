package data

import (
	"fmt"
	"strings"
)

// readme says, before anything else, that the example is invented.
func readme(d *design, segs map[string][][]string) []byte {
	var b strings.Builder
	b.WriteString(`# Example study: "Social Network First?" (invented data)

**Everything in this folder is invented (synthetic).** Every person,
respondent id, organisation, date, case, event and quote was made up by a
program; none of it comes from the real study's interviews, which are
confidential and never enter this repository.
*Alle gegevens in deze map zijn verzonnen; het zijn geen echte interviews.*

The example mirrors the design of the study (see DOMAIN.md) so that the
pipeline can be run and taught without real data. Respondent ids start with
` + "`EXA_` (Amsterdam) and `EXH_` (Haarlem)" + ` so they are never mistaken
for the real study's ids.

## Regenerating

The files are written by the deterministic generator in package ` + "`data`" + `:

    make example        # runs: go run ./data/cmd/genexample data/example

Do not edit them by hand: a test fails when they differ from what the
generator writes.

## Contents

| work package | interviews | coded segment rows |
|---|---|---|
`)
	total := 0
	for _, wp := range workPackages {
		n := 0
		for _, iv := range d.interviews {
			if iv.wp == wp[0] {
				n++
			}
		}
		fmt.Fprintf(&b, "| %s %s | %d | %d |\n", wp[0], wp[1], n, len(segs[wp[0]]))
		total += len(segs[wp[0]])
	}
	events := 0
	for _, c := range d.cases {
		events += len(c.events)
	}
	fmt.Fprintf(&b, `
- %d respondents, %d codes in the codebook, %d segment rows in total;
- %d WP2 cases (timelines T01..T%02d) with %d events; their CIMO chains are
  linked by `+"`event_id`"+`; in WP1 and WP3 chains are linked by `+"`chain_id`"+`;
- some chains are incomplete on purpose (no mechanism, no outcome or no
  context), some name two mechanisms, and two chains span WP1 and WP3;
- %d WP2 segments and %d WP1 segments are coded by both coders (column
  `+"`coder`"+`), who mostly but not always agree, so that intercoder agreement
  can be computed.
`, len(d.respondents), len(codebook), total, len(d.cases), len(d.cases), events,
		doubleCoded(segs["WP2"]), doubleCoded(segs["WP1"]))
	return []byte(b.String())
}

// doubleCoded counts the segments of rows that more than one coder coded.
func doubleCoded(rows [][]string) int {
	coders := map[[2]string]map[string]bool{}
	for _, row := range rows {
		k := [2]string{row[0], row[1]}
		if coders[k] == nil {
			coders[k] = map[string]bool{}
		}
		coders[k][row[colCoder]] = true
	}
	n := 0
	for _, c := range coders {
		if len(c) > 1 {
			n++
		}
	}
	return n
}
