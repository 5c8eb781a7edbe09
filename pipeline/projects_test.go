package pipeline

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cimo-tool/cimo/coding"
	"github.com/cimo-tool/cimo/coding/refi"
)

// projectYAML is a study of REFI-QDA projects alone: no respondents,
// interviews or segments tables.
const projectYAML = `name: Test
language: en
work_packages:
  - {id: WP1, title: One}
  - {id: WP2, title: Two}
codebook: {file: coding/project.qdpx, code_ids: prefix, dimensions: {Context: C, I1: i}}
projects:
  - coding/project.qdpx
  - file: coding/wp2
    work_package: WP2
    unit: utf16
    code_ids: path
    variables: {role: Rol, city: Stad, organisation: Organisatie, respondent_id: Respondent}
`

// TestLoadStudyProjects: the codebook may be a REFI-QDA file with its
// codes' dimensions; projects list REFI-QDA projects, zipped or in a folder.
func TestLoadStudyProjects(t *testing.T) {
	st, err := LoadStudy(writeStudy(t, projectYAML, "coding/project.qdpx", "coding/wp2/project.qde"))
	require.NoError(t, err)
	src := st.Sources
	assert.Equal(t, coding.Table{File: "coding/project.qdpx"}, src.Codebook)
	assert.Equal(t, coding.REFICodebook{CodeIDs: coding.CodeIDsPrefix, Dimensions: map[string]string{"Context": "C", "I1": "I"}}, src.CodebookCodes)
	assert.Equal(t, []coding.Project{
		{File: "coding/project.qdpx", Unit: refi.UnitAuto, CodeIDs: coding.CodeIDsName},
		{File: "coding/wp2", WorkPackage: "WP2", Unit: refi.UnitUTF16, CodeIDs: coding.CodeIDsPath,
			Variables: map[string]string{"role": "Rol", "city": "Stad", "organisation": "Organisatie", "respondent_id": "Respondent"}},
	}, src.Projects)
	assert.Empty(t, src.Respondents.File, "a study of projects needs no respondents table")
	assert.Empty(t, src.Interviews.File)
	assert.Empty(t, src.Segments)
}

func TestLoadStudyProjectProblems(t *testing.T) {
	files := []string{"coding/project.qdpx", "coding/codes.qdc", "coding/wp2/project.qde"}
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"a REFI-QDA codebook without dimensions", replaceLine(projectYAML, "codebook:", "codebook: coding/codes.qdc"),
			[]string{`study.yaml:6: codebook "coding/codes.qdc" is a REFI-QDA file: say which dimension each top-level code is in, e.g. codebook: {file: coding/codes.qdc, code_ids: prefix, dimensions: {C1: C, I1: I}}`}},
		{"a dimension that is none", replaceLine(projectYAML, "codebook:", "codebook: {file: coding/codes.qdc, dimensions: {Context: X}}"),
			[]string{`study.yaml:6: codebook: dimensions: "Context" is mapped to "X", which is not a CIMO dimension: use C, I, M or O`}},
		{"a table key on a REFI-QDA codebook", replaceLine(projectYAML, "codebook:", "codebook: {file: coding/codes.qdc, sheet: Codes, dimensions: {Context: C}}"),
			[]string{`study.yaml:6: unknown key "sheet" in codebook: a REFI-QDA codebook has file, code_ids, dimensions`}},
		{"dimensions on a table", replaceLine(validYAML, "codebook:", "codebook: {file: codebook.csv, dimensions: {C1: C}}"),
			[]string{`study.yaml:6: dimensions is for a REFI-QDA codebook (.qdc, .qdpx, .qde or a project folder); a table has file, sheet, delimiter, encoding, preset, columns`}},
		{"unknown code_ids", replaceLine(projectYAML, "    code_ids:", "    code_ids: first"),
			[]string{`study.yaml:12: projects: code_ids "first" is not known: use name, prefix, path`}},
		{"unknown unit", replaceLine(projectYAML, "    unit:", "    unit: bytes"),
			[]string{`study.yaml:11: projects: unknown position unit "bytes": use auto, codepoints or utf16`}},
		{"unknown work package", replaceLine(projectYAML, "    work_package:", "    work_package: WP3"),
			[]string{`study.yaml:10: projects: unknown work package "WP3": study.yaml lists WP1, WP2`}},
		{"unknown attribute", replaceLine(projectYAML, "    variables:", "    variables: {age: Leeftijd}"),
			[]string{`study.yaml:13: projects: variables: "age" is not a respondent attribute: use respondent_id, role, city, organisation`}},
		{"unknown key", replaceLine(projectYAML, "    unit:", "    units: utf16"),
			[]string{`study.yaml:11: unknown key "units" in a project: a project has file, work_package, unit, code_ids, variables`}},
		{"a codebook as project", replaceLine(projectYAML, "  - coding/project.qdpx", "  - coding/codes.qdc"),
			[]string{`study.yaml:8: projects: "coding/codes.qdc" is a REFI-QDA codebook, not a project: name it under codebook:`}},
		{"listed twice", replaceLine(projectYAML, "  - file: coding/wp2", "  - file: coding/project.qdpx"),
			[]string{`study.yaml:9: projects: "coding/project.qdpx" is listed twice`}},
		{"outside the folder", replaceLine(projectYAML, "  - coding/project.qdpx", "  - ../project.qdpx"),
			[]string{`study.yaml:8: projects: "../project.qdpx" is outside the study folder`}},
		{"not a list", validYAML + "projects: {file: coding/project.qdpx}\n",
			[]string{`study.yaml:11: projects: expected a list of REFI-QDA projects here, e.g. [{file: coding/wp2.qdpx, work_package: WP2}]`}},
		{"no segments and no projects", replaceLine(validYAML, "segments:", ""),
			[]string{`segments is missing: name one or more files or globs, e.g. [segments/*.csv], or REFI-QDA projects under projects:`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadStudy(writeStudy(t, tt.yaml, files...))
			var ps *coding.Problems
			require.ErrorAs(t, err, &ps)
			require.Len(t, ps.List, len(tt.want), "%v", err)
			for i, w := range tt.want {
				assert.Contains(t, ps.List[i].String(), w)
			}
		})
	}
}
