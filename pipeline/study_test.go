package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cimo-tool/cimo/coding"
)

// writeStudy writes a study folder with the given study.yaml and empty
// table files, and returns the path of study.yaml.
func writeStudy(t *testing.T, yaml string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"codebook.csv", "respondents.csv", "interviews.csv", "events.csv", "segments/a.csv", "segments/b.csv"} {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), nil, 0o644))
	}
	path := filepath.Join(dir, "study.yaml")
	require.NoError(t, os.WriteFile(path, []byte(yaml), 0o644))
	return path
}

const validYAML = `name: Test
language: en
work_packages:
  - {id: WP1, title: One}
  - {id: WP2, title: Two}
codebook: codebook.csv
respondents: respondents.csv
interviews: interviews.csv
segments: [segments/*.csv]
events: events.csv
`

func TestLoadStudy(t *testing.T) {
	st, err := LoadStudy(writeStudy(t, validYAML))
	require.NoError(t, err)
	assert.Equal(t, "Test", st.Name)
	assert.Equal(t, []string{"WP1", "WP2", "all"}, st.Scopes())
	assert.Equal(t, []string{filepath.Join("segments", "a.csv"), filepath.Join("segments", "b.csv")}, st.Sources.Segments)
	assert.Equal(t, "events.csv", st.Sources.Events)
}

func TestLoadStudySingleSegmentsFile(t *testing.T) {
	st, err := LoadStudy(writeStudy(t, replaceLine(validYAML, "segments:", "segments: segments/b.csv")))
	require.NoError(t, err)
	assert.Equal(t, []string{filepath.Join("segments", "b.csv")}, st.Sources.Segments)
}

// TestLoadStudyProblems: every fault of a study file is reported with its
// line and what to do.
func TestLoadStudyProblems(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"unknown key", validYAML + "colour: blue\n",
			[]string{`study.yaml:11: unknown key "colour": a study file has name, language, work_packages, codebook, respondents, interviews, segments, events and context_groups`}},
		{"misspelt key", replaceLine(validYAML, "codebook:", "codeboek: codebook.csv"),
			[]string{`study.yaml:6: unknown key "codeboek": a study file has name, language, work_packages, codebook, respondents, interviews, segments, events and context_groups`}},
		{"language", replaceLine(validYAML, "language:", "language: fr"),
			[]string{`study.yaml:2: language "fr" is not supported: use nl or en`}},
		{"no name", replaceLine(validYAML, "name:", "name: ''"),
			[]string{`study.yaml:1: name is missing: give the study a name for the report`}},
		{"reserved id", replaceLine(validYAML, "  - {id: WP2", "  - {id: all, title: x}"),
			[]string{`study.yaml:3: work package id "all" is reserved for the tables of the whole study: choose another`}},
		{"duplicate id", replaceLine(validYAML, "  - {id: WP2", "  - {id: WP1, title: x}"),
			[]string{`study.yaml:3: work package id "WP1" is listed twice`}},
		{"id not a folder", replaceLine(validYAML, "  - {id: WP2", "  - {id: ../x, title: x}"),
			[]string{`study.yaml:3: work package id "../x" cannot name an output folder: use letters, digits, '-', '_' or '.'`}},
		{"glob matches nothing", replaceLine(validYAML, "segments:", "segments: [segments/*.tsv]"),
			[]string{`study.yaml:9: segments "segments/*.tsv" matches no file in `}},
		{"outside the folder", replaceLine(validYAML, "codebook:", "codebook: ../codebook.csv"),
			[]string{`study.yaml:6: codebook "../codebook.csv" is outside the study folder`}},
		{"absolute path", replaceLine(validYAML, "interviews:", "interviews: /etc/passwd"),
			[]string{`study.yaml:8: interviews "/etc/passwd" is outside the study folder`}},
		{"missing interviews", replaceLine(validYAML, "interviews:", ""),
			[]string{`study.yaml: interviews is missing: name its CSV file, relative to the study file`}},
		{"not yaml", "name: [unclosed\n",
			[]string{`study.yaml:1: not valid YAML: did not find expected ',' or ']'`}},
		{"wrong type", replaceLine(validYAML, "name:", "name: {first: a}"),
			[]string{`study.yaml:1: expected a text here, found a set of keys`}},
		{"scalar for a list", replaceLine(validYAML, "work_packages:", "work_packages: WP1\nx:"),
			[]string{`study.yaml:3: expected a list of work packages here, found a text "WP1"`, `study.yaml:4: unknown key "x"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadStudy(writeStudy(t, tt.yaml))
			var ps *coding.Problems
			require.ErrorAs(t, err, &ps)
			require.Len(t, ps.List, len(tt.want), "%v", err)
			for i, w := range tt.want {
				assert.Contains(t, ps.List[i].String(), w)
			}
		})
	}
}

func TestLoadStudyMissingFile(t *testing.T) {
	_, err := LoadStudy(filepath.Join(t.TempDir(), "study.yaml"))
	var ps *coding.Problems
	require.ErrorAs(t, err, &ps)
	assert.Contains(t, err.Error(), "cannot read the study file")
}

// replaceLine replaces the line starting with prefix.
func replaceLine(text, prefix, with string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			lines[i] = with
		}
	}
	return strings.Join(lines, "\n")
}
