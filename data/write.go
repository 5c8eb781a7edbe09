package data

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// file is one output file, relative to the study folder.
type file struct {
	name string
	body []byte
}

// WriteExample writes the invented example study into dir (created if
// needed). The output is the same, byte for byte, on every call.
func WriteExample(dir string) error {
	for _, f := range example() {
		path := filepath.Join(dir, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("write example: %w", err)
		}
		if err := os.WriteFile(path, f.body, 0o644); err != nil {
			return fmt.Errorf("write example: %w", err)
		}
	}
	return nil
}

// example builds every file of the study in memory.
func example() []file {
	d := newDesign()
	d.timelines()
	segs := d.codeSegments()
	d.doubleCode(segs)

	files := []file{
		{"study.yaml", studyYAML()},
		{"codebook.csv", codebookCSV()},
		{"respondents.csv", respondentsCSV(d)},
		{"interviews.csv", interviewsCSV(d)},
		{"events.csv", eventsCSV(d)},
	}
	for _, wp := range workPackages {
		name := "segments/" + strings.ToLower(wp[0]) + ".csv"
		files = append(files, file{name, toCSV(segmentHeader, segs[wp[0]])})
	}
	files = append(files, file{"README.md", readme(d, segs)})
	return files
}

// toCSV writes RFC 4180 CSV with "\n" line ends (encoding/csv's default).
func toCSV(header []string, rows [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.Write(header); err != nil {
		panic(err) // writing to a bytes.Buffer cannot fail
	}
	if err := w.WriteAll(rows); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func studyYAML() []byte {
	var b strings.Builder
	b.WriteString("# Voorbeeldstudie met verzonnen data: alle personen, ids, datums en citaten zijn verzonnen.\n")
	b.WriteString("# Invented example data, not real interviews. Regenerate with `make example`.\n")
	b.WriteString(`name: "Social Network First? (voorbeeldstudie, verzonnen data)"` + "\n")
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
	// The WP1 report's table 1: person-bound against organisational factors.
	b.WriteString("context_groups: {persoonsgebonden: [C1], organisatorisch: [C2, C3, C4]}\n")
	return []byte(b.String())
}

func codebookCSV() []byte {
	var rows [][]string
	for _, c := range codebook {
		rows = append(rows, []string{c.id, c.label, c.dim, c.parent, c.desc})
	}
	return toCSV([]string{"code", "label", "dimension", "parent", "description"}, rows)
}

func respondentsCSV(d *design) []byte {
	people := slices.Clone(d.respondents)
	slices.SortFunc(people, func(a, b *respondent) int { return strings.Compare(a.id, b.id) })
	var rows [][]string
	for _, p := range people {
		rows = append(rows, []string{p.id, p.role, p.city, p.org})
	}
	return toCSV([]string{"respondent_id", "role", "city", "organisation"}, rows)
}

func interviewsCSV(d *design) []byte {
	var rows [][]string
	for _, iv := range d.interviews {
		rows = append(rows, []string{iv.id, iv.resp.id, iv.wp, iv.date.Format("2006-01-02"), iv.caseID})
	}
	return toCSV([]string{"interview_id", "respondent_id", "work_package", "date", "case_id"}, rows)
}

func eventsCSV(d *design) []byte {
	var rows [][]string
	for _, c := range d.cases {
		for _, e := range c.events {
			rows = append(rows, []string{c.id, e.id, strconv.Itoa(e.seq), e.kind, e.date, e.phase, e.desc})
		}
	}
	return toCSV([]string{"case_id", "event_id", "seq", "kind", "date", "phase", "description"}, rows)
}
