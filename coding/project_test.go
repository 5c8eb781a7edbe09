package coding

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cimo-tool/cimo/coding/refi"
)

// projectText is the text of source IV3. Worked by hand, in code points:
// É=0 é=1 n=2 ' '=3 k=4 e=5 e=6 r=7 ' '=8 b=9 e=10 l=11 l=12 e=13 n=14
// ' '=15 h=16 ...: [4,15) is "keer bellen". É and é are two bytes each, so
// a byte slice at 4 would start inside "n keer".
const projectText = "Één keer bellen hielp, zei ze."

// projectQDE is a hand-made project over the codebook of validFiles:
// codes named as QDA users name them ("I1.1 Tijd" read with code_ids prefix,
// a label, a bare id, and one code the codebook lacks that codes nothing),
// two users (one without a name), variables on a case and on a source, a
// source listed in interviews.csv (IV1) and one that is not (IV3), a
// selection with two codings, a zero-length one, and one without codings.
const projectQDE = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="wp2" origin="test">
<Users>
<User guid="aaaaaaaa-0000-0000-0000-000000000001" name="Anna"/>
<User guid="aaaaaaaa-0000-0000-0000-000000000002"/>
</Users>
<CodeBook><Codes>
<Code guid="cccccccc-0000-0000-0000-000000000001" name="I1.1 Tijd" isCodable="true"/>
<Code guid="cccccccc-0000-0000-0000-000000000002" name="Vertrouwen" isCodable="true"/>
<Code guid="cccccccc-0000-0000-0000-000000000003" name="O1" isCodable="true"/>
<Code guid="cccccccc-0000-0000-0000-000000000004" name="Ander thema" isCodable="true"/>
</Codes></CodeBook>
<Variables>
<Variable guid="bbbbbbbb-0000-0000-0000-000000000001" name="Rol" typeOfVariable="Text"/>
<Variable guid="bbbbbbbb-0000-0000-0000-000000000002" name="Stad" typeOfVariable="Text"/>
<Variable guid="bbbbbbbb-0000-0000-0000-000000000003" name="Respondent" typeOfVariable="Text"/>
<Variable guid="bbbbbbbb-0000-0000-0000-000000000004" name="Organisatie" typeOfVariable="Text"/>
</Variables>
<Cases>
<Case guid="dddddddd-0000-0000-0000-000000000001" name="Casus A">
<VariableValue><VariableRef targetGUID="bbbbbbbb-0000-0000-0000-000000000001"/><TextValue>cliënt</TextValue></VariableValue>
<VariableValue><VariableRef targetGUID="bbbbbbbb-0000-0000-0000-000000000002"/><TextValue>Haarlem</TextValue></VariableValue>
<VariableValue><VariableRef targetGUID="bbbbbbbb-0000-0000-0000-000000000003"/><TextValue>R9</TextValue></VariableValue>
<SourceRef targetGUID="eeeeeeee-0000-0000-0000-000000000003"/>
</Case>
</Cases>
<Sources>
<TextSource guid="eeeeeeee-0000-0000-0000-000000000003" name="IV3.txt" plainTextPath="internal://iv3.txt">
<VariableValue><VariableRef targetGUID="bbbbbbbb-0000-0000-0000-000000000004"/><TextValue>Opvang Noord</TextValue></VariableValue>
<PlainTextSelection guid="5e1ec700-0000-0000-0000-000000000001" startPosition="4" endPosition="15" creatingUser="aaaaaaaa-0000-0000-0000-000000000001">
<Coding guid="c0d10000-0000-0000-0000-000000000001" creatingUser="aaaaaaaa-0000-0000-0000-000000000001"><CodeRef targetGUID="cccccccc-0000-0000-0000-000000000001"/></Coding>
<Coding guid="c0d10000-0000-0000-0000-000000000002" creatingUser="aaaaaaaa-0000-0000-0000-000000000002"><CodeRef targetGUID="cccccccc-0000-0000-0000-000000000002"/></Coding>
</PlainTextSelection>
<PlainTextSelection guid="5e1ec700-0000-0000-0000-000000000002" startPosition="16" endPosition="16">
<Coding guid="c0d10000-0000-0000-0000-000000000003" creatingUser="aaaaaaaa-0000-0000-0000-000000000001"><CodeRef targetGUID="cccccccc-0000-0000-0000-000000000003"/></Coding>
</PlainTextSelection>
<PlainTextSelection guid="5e1ec700-0000-0000-0000-000000000003" startPosition="0" endPosition="3"/>
</TextSource>
<TextSource guid="eeeeeeee-0000-0000-0000-000000000001" name="IV1" plainTextPath="internal://iv1.txt">
<PlainTextSelection guid="5e1ec700-0000-0000-0000-000000000004" startPosition="0" endPosition="2">
<Coding guid="c0d10000-0000-0000-0000-000000000004"><CodeRef targetGUID="cccccccc-0000-0000-0000-000000000003"/></Coding>
</PlainTextSelection>
</TextSource>
</Sources>
</Project>`

// lineOf is the line of the first occurrence of part in text, counted
// from 1, for the line numbers messages must name.
func lineOf(t *testing.T, text, part string) int {
	t.Helper()
	i := strings.Index(text, part)
	require.GreaterOrEqual(t, i, 0, "%q not in the text", part)
	return 1 + strings.Count(text[:i], "\n")
}

// writeProject zips a project.qde and its two texts into dir/name.
func writeProject(t *testing.T, dir, name, qde string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, name))
	require.NoError(t, err)
	zw := zip.NewWriter(f)
	for _, e := range [][2]string{{"project.qde", qde}, {"Sources/iv3.txt", projectText}, {"Sources/iv1.txt", "Ja."}} {
		w, err := zw.Create(e[0])
		require.NoError(t, err)
		_, err = w.Write([]byte(e[1]))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.NoError(t, f.Close())
}

// projectStudy reads validFiles with files changed and the project qde
// added as wp2.qdpx, through spec.
func projectStudy(t *testing.T, change map[string]string, qde string, spec Project) (*Study, error) {
	t.Helper()
	files := map[string]string{}
	for k, v := range validFiles {
		files[k] = v
	}
	for k, v := range change {
		files[k] = v
	}
	src := validSources
	src.Dir = writeFiles(t, files)
	writeProject(t, src.Dir, "wp2.qdpx", qde)
	spec.File = "wp2.qdpx"
	src.Projects = []Project{spec}
	return Read(context.Background(), src)
}

var wp2 = Project{WorkPackage: "WP2", CodeIDs: CodeIDsPrefix,
	Variables: map[string]string{"role": "Rol", "city": "Stad", "respondent_id": "Respondent", "organisation": "Organisatie"}}

// TestReadProject: a project's sources become interviews, its coded
// selections segments (one per coding), its users coders, its cases and
// variables cases and respondents, next to the tables' own.
func TestReadProject(t *testing.T) {
	st, err := projectStudy(t, nil, projectQDE, wp2)
	require.NoError(t, err)

	iv3 := Interview{ID: "IV3", RespondentID: "R9", WorkPackage: "WP2", CaseID: "Casus A", File: "wp2.qdpx",
		Row: lineOf(t, projectQDE, `name="IV3.txt"`)}
	require.Len(t, st.Interviews, 3)
	assert.Equal(t, iv3, st.Interviews[2], "the source's name without .txt; respondent, case from the case's variables")
	assert.Equal(t, "T1", st.Interviews[0].CaseID, "interviews.csv's row wins")
	assert.Equal(t, "WP1", st.Interviews[0].WorkPackage, "interviews.csv's row wins")

	require.Len(t, st.Respondents, 3)
	assert.Equal(t, Respondent{ID: "R9", Role: "cliënt", City: "Haarlem", Organisation: "Opvang Noord", File: "wp2.qdpx", Row: iv3.Row},
		st.Respondents[2], "role and city from the case, organisation from the source")

	// The four table rows first, then one row per coding of a coded selection.
	require.Len(t, st.Segments, 4+4)
	got := st.Segments[4:]
	sel1 := lineOf(t, projectQDE, `guid="5e1ec700-0000-0000-0000-000000000001"`)
	want := []struct {
		iv, seg, code, coder string
		start, end           int
		quote                string
		row                  int
	}{
		{"IV3", "5e1ec700-0000-0000-0000-000000000001", "I1.1", "Anna", 4, 15, "keer bellen", sel1},
		// the user without a name is named by its GUID; "Vertrouwen" is M1's label
		{"IV3", "5e1ec700-0000-0000-0000-000000000001", "M1", "aaaaaaaa-0000-0000-0000-000000000002", 4, 15, "keer bellen", sel1},
		{"IV3", "5e1ec700-0000-0000-0000-000000000002", "O1", "Anna", 16, 16, "", lineOf(t, projectQDE, `guid="5e1ec700-0000-0000-0000-000000000002"`)},
		// a coding without a user has no coder
		{"IV1", "5e1ec700-0000-0000-0000-000000000004", "O1", "", 0, 2, "Ja", lineOf(t, projectQDE, `guid="5e1ec700-0000-0000-0000-000000000004"`)},
	}
	for i, w := range want {
		s := got[i]
		require.NotNil(t, s.Start)
		require.NotNil(t, s.End)
		assert.Equal(t, w, struct {
			iv, seg, code, coder string
			start, end           int
			quote                string
			row                  int
		}{s.InterviewID, s.SegmentID, s.Code, s.Coder, *s.Start, *s.End, s.Quote, s.Row}, "segment %d", i)
		assert.Equal(t, "wp2.qdpx", s.File)
	}
	assert.Equal(t, got[0].No, got[1].No, "two codings of one selection are one segment")
	assert.Equal(t, []int{4, 4, 5, 6}, []int{got[0].No, got[1].No, got[2].No, got[3].No}, "numbered after the table's three segments")

	assert.Equal(t, []string{
		emptySelectionWarning, // refi's, naming the project
		`wp2.qdpx: left out 1 codes that are not in codebook.csv and code no text: "Ander thema"`,
	}, warnings(st))
}

// emptySelectionWarning is what refi says of the zero-length selection.
const emptySelectionWarning = "wp2.qdpx: project.qde: 1 selections are empty (startPosition equals endPosition; ATLAS.ti writes such); they are kept with an empty quote"

func warnings(st *Study) []string {
	var out []string
	for _, w := range st.Warnings {
		out = append(out, w.String())
	}
	return out
}

// TestReadProjectRespondentsTableWins: a respondent listed in
// respondents.csv keeps its row, whatever the variables say.
func TestReadProjectRespondentsTableWins(t *testing.T) {
	st, err := projectStudy(t, map[string]string{"respondents.csv": validFiles["respondents.csv"] + "R9,naaste,Amsterdam,\n"}, projectQDE, wp2)
	require.NoError(t, err)
	require.Len(t, st.Respondents, 3)
	assert.Equal(t, Respondent{ID: "R9", Role: "naaste", City: "Amsterdam", File: "respondents.csv", Row: 4}, st.Respondents[2])
}

// TestReadProjectCodebook: the codebook taken from the project itself. A
// mapped folder is no code: its children are the categories of its
// dimension; an unmapped top-level code is left out with all below it and
// its codings, in one warning.
func TestReadProjectCodebook(t *testing.T) {
	qde := strings.Replace(projectQDE, `<Code guid="cccccccc-0000-0000-0000-000000000001" name="I1.1 Tijd" isCodable="true"/>`,
		`<Code guid="cccccccc-0000-0000-0000-0000000000f1" name="Interventies" isCodable="false">
<Code guid="cccccccc-0000-0000-0000-000000000001" name="I1.1 Tijd" isCodable="true"><Description> Tijd nemen </Description>
<Code guid="cccccccc-0000-0000-0000-000000000005" name="I1.1.a Echt tijd" isCodable="true"/>
</Code>
</Code>`, 1)
	dir := writeFiles(t, validFiles)
	writeProject(t, dir, "wp2.qdpx", qde)
	src := validSources
	src.Dir = dir
	src.Segments = nil
	src.Codebook = Table{File: "wp2.qdpx"}
	src.CodebookCodes = REFICodebook{CodeIDs: CodeIDsPrefix, Dimensions: map[string]string{"Interventies": "I", "Vertrouwen": "M", "O1": "O"}}
	spec := wp2
	spec.File = "wp2.qdpx"
	spec.CodeIDs = "" // the codebook's ids apply: its codes are the project's
	src.Projects = []Project{spec}
	st, err := Read(context.Background(), src)
	require.NoError(t, err)

	codes := []Code{
		{Code: "I1.1", Label: "Tijd", Dimension: "I", Description: "Tijd nemen", Category: "I1.1", Row: lineOf(t, qde, `name="I1.1 Tijd"`)},
		{Code: "I1.1.a", Label: "Echt tijd", Dimension: "I", Parent: "I1.1", Category: "I1.1", Depth: 1, Row: lineOf(t, qde, `name="I1.1.a Echt tijd"`)},
		{Code: "Vertrouwen", Label: "Vertrouwen", Dimension: "M", Category: "Vertrouwen", Row: lineOf(t, qde, `name="Vertrouwen"`)},
		{Code: "O1", Label: "O1", Dimension: "O", Category: "O1", Row: lineOf(t, qde, `name="O1"`)},
	}
	for i := range codes {
		codes[i].File = "wp2.qdpx"
	}
	assert.Equal(t, codes, st.Codebook.Codes)
	var segs []string
	for _, s := range st.Segments {
		segs = append(segs, s.InterviewID+" "+s.Code)
	}
	assert.Equal(t, []string{"IV3 I1.1", "IV3 Vertrouwen", "IV3 O1", "IV1 O1"}, segs)
	assert.Equal(t, []string{emptySelectionWarning,
		`wp2.qdpx: left out the top-level codes "Ander thema", which dimensions: in study.yaml does not map to C, I, M or O`}, warnings(st))

	// Leave "Vertrouwen" out too: its one coding is skipped and counted.
	delete(src.CodebookCodes.Dimensions, "Vertrouwen")
	st, err = Read(context.Background(), src)
	require.NoError(t, err)
	assert.Len(t, st.Segments, 3)
	assert.Equal(t, []string{emptySelectionWarning,
		`wp2.qdpx: left out the top-level codes "Vertrouwen", "Ander thema", which dimensions: in study.yaml does not map to C, I, M or O; 1 codings of them were skipped`}, warnings(st))
}

// TestCodeIDs: how a code's name gives its id and label.
func TestCodeIDs(t *testing.T) {
	tests := []struct {
		ids         CodeIDs
		name        string
		path        []string
		id, label   string
		description string
	}{
		{CodeIDsPrefix, "I1.1 Genoeg tijd", nil, "I1.1", "Genoeg tijd", "first word, then the rest"},
		{CodeIDsPrefix, "I1.1\tGenoeg  tijd ", nil, "I1.1", "Genoeg  tijd", "any white space; inner spaces kept"},
		{CodeIDsPrefix, "Tijd", nil, "Tijd", "Tijd", "one word is its own label"},
		{CodeIDsName, " Genoeg tijd ", nil, "Genoeg tijd", "Genoeg tijd", "the trimmed name"},
		{CodeIDsPath, "fun", []string{"rq1", "pedagogy", "fun"}, "rq1/pedagogy/fun", "fun", "the path from the top"},
	}
	for _, tt := range tests {
		t.Run(tt.description, func(t *testing.T) {
			id, label := tt.ids.idLabel(&refi.Code{Name: tt.name, Path: tt.path})
			assert.Equal(t, tt.id, id)
			assert.Equal(t, tt.label, label)
		})
	}
}

func TestInterviewID(t *testing.T) {
	for name, want := range map[string]string{
		"Interview 1.txt": "Interview 1", "WP2_03.docx": "WP2_03", "WP2_03": "WP2_03", "board_2017.txt": "board_2017",
		"Dr. Smith": "Dr. Smith", // not an extension
	} {
		assert.Equal(t, want, InterviewID(name), name)
	}
}

// TestReadProjectProblems: every fault of a project names the project
// file, the XML file in it and its line, and what to do.
func TestReadProjectProblems(t *testing.T) {
	coded := func(name string) string {
		return strings.Replace(projectQDE, `name="I1.1 Tijd"`, `name="`+name+`"`, 1)
	}
	codeLine := lineOf(t, projectQDE, `name="I1.1 Tijd"`)
	iv3Line := lineOf(t, projectQDE, `name="IV3.txt"`)
	noVars := wp2
	noVars.Variables = nil
	noWP := wp2
	noWP.WorkPackage = ""
	badVar := wp2
	badVar.Variables = map[string]string{"role": "Functie"}
	byName := wp2
	byName.CodeIDs = CodeIDsName
	tests := []struct {
		name   string
		change map[string]string
		qde    string
		spec   Project
		want   []string
	}{
		{"a coded code the codebook lacks", nil, coded("I9 Onbekend"), wp2,
			[]string{`wp2.qdpx: project.qde:` + strconv.Itoa(codeLine) + `: code "I9 Onbekend", which 1 codings use, is not in codebook.csv: add it to the codebook, or name it in your QDA program by a code, a label or "code label" of the codebook (code_ids: prefix reads its id as "I9")`}},
		{"a coded code that could be two", map[string]string{"codebook.csv": validFiles["codebook.csv"] + "O2,Tijd,O,,\n"}, coded("Tijd"), byName,
			[]string{`wp2.qdpx: project.qde:` + strconv.Itoa(codeLine) + `: code "Tijd", which 1 codings use: "Tijd" could be code I1.1 (Tijd) or O2 (Tijd): write the code itself`}},
		{"no respondent attributes", nil, projectQDE, noVars,
			[]string{`wp2.qdpx: project.qde:` + strconv.Itoa(iv3Line) + `: respondent "IV3" of source "IV3.txt" has no role and no city: map the project's variables in study.yaml (variables: {role: ..., city: ...}), or list the respondent in a respondents table`}},
		{"no work package", nil, projectQDE, noWP,
			[]string{`wp2.qdpx: project.qde:` + strconv.Itoa(iv3Line) + `: 1 text sources (the first is "IV3.txt") are interviews not in interviews.csv, and study.yaml gives the project no work_package: give it one, or list the interviews in an interviews table`}},
		{"a variable the project lacks", nil, projectQDE, badVar,
			[]string{`wp2.qdpx: has no variable "Functie", which study.yaml maps role to: its variables are "Rol", "Stad", "Respondent", "Organisatie"`}},
		{"two sources, one interview", nil, strings.Replace(projectQDE, `name="IV1"`, `name="IV3.docx"`, 1), wp2,
			[]string{`wp2.qdpx: project.qde:` + strconv.Itoa(lineOf(t, projectQDE, `name="IV1"`)) + `: source "IV3.docx" gives interview id "IV3", as does the source on line ` + strconv.Itoa(iv3Line) + `: rename one in your QDA program`}},
		{"not REFI-QDA", nil, `<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`, wp2,
			[]string{`wp2.qdpx: project.qde:1:1: is not a REFI-QDA project: it starts with <html xmlns="http://www.w3.org/1999/xhtml"> where <Project xmlns="urn:QDA-XML:project:1.0"> was expected; export the project from your QDA program as REFI-QDA`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := projectStudy(t, tt.change, tt.qde, tt.spec)
			var ps *Problems
			require.ErrorAs(t, err, &ps)
			var got []string
			for _, p := range ps.List {
				got = append(got, p.String())
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestReadProjectKeepsGUIDs: a code that keeps the GUID of the .qdc cimo
// wrote (QDA programs keep GUIDs on import) is that code, whatever it was
// renamed to.
func TestReadProjectKeepsGUIDs(t *testing.T) {
	qde := strings.Replace(projectQDE, `guid="cccccccc-0000-0000-0000-000000000001" name="I1.1 Tijd"`,
		`guid="`+refi.StableGUID("I1.1.a")+`" name="Hernoemd in NVivo"`, 1)
	qde = strings.Replace(qde, `<CodeRef targetGUID="cccccccc-0000-0000-0000-000000000001"/>`, `<CodeRef targetGUID="`+refi.StableGUID("I1.1.a")+`"/>`, 1)
	st, err := projectStudy(t, nil, qde, wp2)
	require.NoError(t, err)
	assert.Equal(t, "I1.1.a", st.Segments[4].Code)
}

// TestReadProjectCases: a source in two cases informs the first by name,
// with a warning; two sources of one respondent must agree on its
// attributes.
func TestReadProjectCases(t *testing.T) {
	// listed before Casus A, which comes first by name
	second := `<Cases>
<Case guid="dddddddd-0000-0000-0000-000000000002" name="Casus B"><SourceRef targetGUID="eeeeeeee-0000-0000-0000-000000000003"/></Case>`
	st, err := projectStudy(t, nil, strings.Replace(projectQDE, "<Cases>", second, 1), wp2)
	require.NoError(t, err)
	assert.Equal(t, "Casus A", st.Interviews[2].CaseID)
	assert.Contains(t, warnings(st), `wp2.qdpx: source "IV3.txt" is in case "Casus A" and in case "Casus B": its interview informs "Casus A", the first by name`)

	// IV1 is not in interviews.csv now: a second interview of R9, in another city.
	qde := strings.Replace(projectQDE, `<SourceRef targetGUID="eeeeeeee-0000-0000-0000-000000000003"/>`,
		`<SourceRef targetGUID="eeeeeeee-0000-0000-0000-000000000003"/><SourceRef targetGUID="eeeeeeee-0000-0000-0000-000000000001"/>`, 1)
	qde = strings.Replace(qde, `<TextSource guid="eeeeeeee-0000-0000-0000-000000000001" name="IV1" plainTextPath="internal://iv1.txt">`,
		`<TextSource guid="eeeeeeee-0000-0000-0000-000000000001" name="IV4" plainTextPath="internal://iv1.txt">
<VariableValue><VariableRef targetGUID="bbbbbbbb-0000-0000-0000-000000000002"/><TextValue>Amsterdam</TextValue></VariableValue>`, 1)
	_, err = projectStudy(t, nil, qde, wp2)
	var ps *Problems
	require.ErrorAs(t, err, &ps)
	assert.Equal(t, []string{`wp2.qdpx: project.qde:` + strconv.Itoa(lineOf(t, qde, `name="IV4"`)) + `: respondent "R9" of source "IV4" has city "Amsterdam", but "Haarlem" for the source at wp2.qdpx:` +
		strconv.Itoa(lineOf(t, qde, `name="IV3.txt"`)) + `: give a respondent the same variables everywhere, or list them in respondents.csv`}, problemLines(ps))
}

func problemLines(ps *Problems) []string {
	var out []string
	for _, p := range ps.List {
		out = append(out, p.String())
	}
	return out
}

// TestReadREFICodebookProblems: faults of a codebook taken from a REFI-QDA
// file name the file, the XML file in it and the line.
func TestReadREFICodebookProblems(t *testing.T) {
	folder := `<Code guid="cccccccc-0000-0000-0000-0000000000f1" name="Interventies" isCodable="false">
<Code guid="cccccccc-0000-0000-0000-000000000001" name="I1.1 Tijd" isCodable="true"/>
</Code>`
	withFolder := strings.Replace(projectQDE, `<Code guid="cccccccc-0000-0000-0000-000000000001" name="I1.1 Tijd" isCodable="true"/>`, folder, 1)
	dims := map[string]string{"Interventies": "I", "Vertrouwen": "M", "O1": "O"}
	tests := []struct {
		name string
		qde  string
		dims map[string]string
		want func(qde string) []string
	}{
		{"an id twice", strings.Replace(withFolder, `name="O1"`, `name="I1.1 Nog eens"`, 1), map[string]string{"Interventies": "I", "Vertrouwen": "M", "I1.1": "O"},
			func(qde string) []string {
				return []string{`wp2.qdpx: project.qde:` + strconv.Itoa(lineOf(t, qde, `name="I1.1 Nog eens"`)) + `: code "I1.1 Nog eens" has the id "I1.1" (code_ids: prefix), as the code on line ` +
					strconv.Itoa(lineOf(t, qde, `name="I1.1 Tijd"`)) + ` has: ids must be unique; rename one in your QDA program, or read ids with code_ids: path`}
			}},
		{"a key that is no top-level code", withFolder, map[string]string{"Interventies": "I", "I1.1": "I"},
			func(string) []string {
				return []string{`wp2.qdpx: dimensions: "I1.1" is not the id or name of a top-level code here: its top-level codes are "Interventies", "Vertrouwen", "O1", "Ander thema"`}
			}},
		{"a coded folder", strings.Replace(withFolder, `<CodeRef targetGUID="cccccccc-0000-0000-0000-000000000001"/>`, `<CodeRef targetGUID="cccccccc-0000-0000-0000-0000000000f1"/>`, 1), dims,
			func(qde string) []string {
				return []string{`wp2.qdpx: project.qde:` + strconv.Itoa(lineOf(t, qde, `name="Interventies"`)) + `: code "Interventies" is a folder that dimensions: maps to a dimension, so it is no code of the study, yet 1 selections are coded with it: code them with a code below it, or map the code's own parent instead`}
			}},
		{"nothing mapped", withFolder, map[string]string{},
			func(string) []string {
				return []string{`wp2.qdpx: gives the study no code: map its top-level codes to C, I, M or O with dimensions: in study.yaml (its top-level codes are "Interventies", "Vertrouwen", "O1", "Ander thema")`}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, validFiles)
			writeProject(t, dir, "wp2.qdpx", tt.qde)
			src := validSources
			src.Dir, src.Segments = dir, nil
			src.Codebook = Table{File: "wp2.qdpx"}
			src.CodebookCodes = REFICodebook{CodeIDs: CodeIDsPrefix, Dimensions: tt.dims}
			spec := wp2
			spec.File = "wp2.qdpx"
			src.Projects = []Project{spec}
			_, err := Read(context.Background(), src)
			var ps *Problems
			require.ErrorAs(t, err, &ps)
			assert.Equal(t, tt.want(tt.qde), problemLines(ps))
		})
	}
}
