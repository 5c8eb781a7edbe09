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
func writeStudy(t *testing.T, yaml string, more ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range append([]string{"codebook.csv", "respondents.csv", "interviews.csv", "events.csv", "segments/a.csv", "segments/b.csv"}, more...) {
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
	assert.Equal(t, []coding.Table{{File: filepath.Join("segments", "a.csv")}, {File: filepath.Join("segments", "b.csv")}}, st.Sources.Segments)
	assert.Equal(t, coding.Table{File: "events.csv"}, st.Sources.Events)
}

func TestLoadStudySingleSegmentsFile(t *testing.T) {
	st, err := LoadStudy(writeStudy(t, replaceLine(validYAML, "segments:", "segments: segments/b.csv")))
	require.NoError(t, err)
	assert.Equal(t, []coding.Table{{File: filepath.Join("segments", "b.csv")}}, st.Sources.Segments)
}

// TestLoadStudyTableOptions: a table entry may be a mapping that says how
// to read its file; a glob's options go to every file it matches.
func TestLoadStudyTableOptions(t *testing.T) {
	path := writeStudy(t, `name: Test
language: en
work_packages: [{id: WP1, title: One}]
codebook: {file: codebook.xlsx, sheet: Codes}
respondents: {file: respondents.csv, delimiter: ";", encoding: cp1252}
interviews: {file: interviews.csv, delimiter: tab, encoding: auto}
events: {file: events.csv, encoding: UTF-8, columns: {event_id: Gebeurtenis, seq: Volgorde}}
segments:
  - segments/a.csv
  - {file: "segments/*.xlsx", preset: maxqda, columns: {coder: Author}}
  - {file: atlas.xlsx, preset: atlasti}
`, "codebook.xlsx", "segments/m1.xlsx", "segments/m2.xlsx", "atlas.xlsx")
	st, err := LoadStudy(path)
	require.NoError(t, err)
	src := st.Sources
	assert.Equal(t, coding.Table{File: "codebook.xlsx", Sheet: "Codes"}, src.Codebook)
	assert.Equal(t, coding.Table{File: "respondents.csv", Delimiter: ';', Encoding: coding.EncodingWindows1252}, src.Respondents)
	assert.Equal(t, coding.Table{File: "interviews.csv", Delimiter: '\t'}, src.Interviews, "auto is the default: detect")
	assert.Equal(t, coding.Table{File: "events.csv", Encoding: coding.EncodingUTF8,
		Columns: map[string]string{"event_id": "Gebeurtenis", "seq": "Volgorde"}}, src.Events)
	maxqda := func(f string) coding.Table {
		return coding.Table{File: filepath.Join("segments", f), Preset: "maxqda", Columns: map[string]string{"coder": "Author"}}
	}
	assert.Equal(t, []coding.Table{{File: filepath.Join("segments", "a.csv")}, maxqda("m1.xlsx"), maxqda("m2.xlsx"),
		{File: "atlas.xlsx", Preset: "atlasti"}}, src.Segments)
}

// TestLoadStudyProblems: every fault of a study file is reported with its
// line and what to do.
func TestLoadStudyProblems(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"unknown key", validYAML + "colour: blue\n",
			[]string{`study.yaml:11: unknown key "colour": a study file has name, language, work_packages, codebook, respondents, interviews, segments, events, projects and context_groups`}},
		{"misspelt key", replaceLine(validYAML, "codebook:", "codeboek: codebook.csv"),
			[]string{`study.yaml:6: unknown key "codeboek": a study file has name, language, work_packages, codebook, respondents, interviews, segments, events, projects and context_groups`}},
		{"language", replaceLine(validYAML, "language:", "language: fr"),
			[]string{`study.yaml:2: language "fr" is not supported: use nl or en`}},
		{"no name", replaceLine(validYAML, "name:", "name: ''"),
			[]string{`study.yaml:1: name is missing: give the study a name for the report`}},
		{"reserved id", replaceLine(validYAML, "  - {id: WP2", "  - {id: all, title: x}"),
			[]string{`study.yaml:3: work package id "all" is reserved for the tables of the whole study: choose another`}},
		{"id of the report's folder", replaceLine(validYAML, "  - {id: WP2", "  - {id: Report, title: x}"),
			[]string{`study.yaml:3: work package id "Report" is reserved for the output folder's own report/ folder: choose another`}},
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
			[]string{`study.yaml: interviews is missing: name its table file (.csv or .xlsx), relative to the study file`}},
		{"not a table format", replaceLine(validYAML, "codebook:", "codebook: codebook.ods"),
			[]string{`study.yaml:6: codebook "codebook.ods" is not a table cimo reads: use .csv, .tsv or .txt (delimited text) or .xlsx (Excel)`}},
		{"a glob for one table", replaceLine(validYAML, "codebook:", "codebook: '*.csv'"),
			[]string{`study.yaml:6: codebook "*.csv" is a glob: name one file (only segments may be several)`}},
		{"unknown key in a table", replaceLine(validYAML, "codebook:", "codebook: {file: codebook.csv, sep: ';'}"),
			[]string{`study.yaml:6: unknown key "sep" in codebook: a table has file, sheet, delimiter, encoding, preset, columns`}},
		{"unknown key on its own line", replaceLine(validYAML, "segments:", "segments:\n  - file: segments/a.csv\n    preset: maxqda\n    colums: {}"),
			[]string{`study.yaml:12: unknown key "colums" in segments: a table has file, sheet, delimiter, encoding, preset, columns`}},
		{"no file", replaceLine(validYAML, "codebook:", "codebook: {sheet: Codes}"),
			[]string{`study.yaml:6: codebook: the entry has no file: add file: with the table's path`}},
		{"long delimiter", replaceLine(validYAML, "codebook:", "codebook: {file: codebook.csv, delimiter: ';;'}"),
			[]string{`study.yaml:6: codebook: delimiter ";;" is not one character: use ";", ",", tab or another single character`}},
		{"quote as delimiter", replaceLine(validYAML, "codebook:", `codebook: {file: codebook.csv, delimiter: '"'}`),
			[]string{`study.yaml:6: codebook: delimiter "\"" is not one character`}},
		{"encoding", replaceLine(validYAML, "codebook:", "codebook: {file: codebook.csv, encoding: latin1}"),
			[]string{`study.yaml:6: codebook: encoding "latin1" is not supported: use utf-8, windows-1252 (also cp1252) or auto`}},
		{"unknown preset", replaceLine(validYAML, "segments:", "segments: [{file: segments/a.csv, preset: nvivo}]"),
			[]string{`study.yaml:9: segments: unknown preset "nvivo": use atlasti or maxqda`}},
		{"preset on another table", replaceLine(validYAML, "codebook:", "codebook: {file: codebook.csv, preset: maxqda}"),
			[]string{`study.yaml:6: codebook: preset is for coded segments exported from a tool; map this table's columns with columns:`}},
		{"column not in the contract", replaceLine(validYAML, "respondents:", "respondents: {file: respondents.csv, columns: {code: Code}}"),
			[]string{`study.yaml:7: respondents: columns: "code" is not a column of respondents: its columns are respondent_id, role, city, organisation`}},
		{"columns not a mapping", replaceLine(validYAML, "respondents:", "respondents: {file: respondents.csv, columns: [a]}"),
			[]string{`study.yaml:7: respondents: columns should map contract columns to the file's headers`}},
		{"sheet of a CSV file", replaceLine(validYAML, "codebook:", "codebook: {file: codebook.csv, sheet: Codes}"),
			[]string{`study.yaml:6: codebook "codebook.csv" is delimited text: sheet is for .xlsx workbooks`}},
		{"delimiter of a workbook", replaceLine(validYAML, "codebook:", "codebook: {file: codebook.xlsx, delimiter: ';'}"),
			[]string{`study.yaml:6: codebook "codebook.xlsx" is an Excel workbook: delimiter and encoding are for CSV files`}},
		{"a list for one table", replaceLine(validYAML, "codebook:", "codebook: [a.csv, b.csv]"),
			[]string{`study.yaml:6: codebook: expected a file name or {file: ...} here, found a list`}},
		{"empty", "\n",
			[]string{`study.yaml: is empty: a study file names the study, its work packages and its tables`}},
		{"a text with a line break for the whole file (found by FuzzLoadStudy)", "0\n\n0",
			[]string{`study.yaml:1: expected a set of keys here, found a text "0\n0"`}},
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
