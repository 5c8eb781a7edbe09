package pipeline

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cimo-tool/cimo/coding"
)

// handSource is one text source of the hand-made project: its text is its
// passages joined by blank lines, and each passage is coded as listed.
type handSource struct {
	name     string // the source's name: the interview id plus ".txt"
	values   string // <VariableValue>s of the source
	passages []handPassage
}

type handPassage struct {
	text    string
	codings [][2]string // code name in the project, coder
}

// handProject is a WP2 project as NVivo or ATLAS.ti would export it: codes
// named "<code> <label>" (read with code_ids: prefix), one named by its
// label alone, a folder the codebook lacks; two coders; a case holding two
// new interviews, with variables on the case and on the sources; and one
// source that interviews.csv already lists (WP2_03), whose row wins.
var handProject = []handSource{
	{"WP2_90.txt", `<VariableValue><VariableRef targetGUID="bbbbbbbb-0000-0000-0000-000000000003"/><TextValue>EXP_90</TextValue></VariableValue>`, []handPassage{
		{"Ze belde haar zus, voor het eerst in jaren.", [][2]string{{"I5.1 In kleine stappen contact herstellen", "codeur-A"}, {"O1 Contact hersteld", "codeur-A"},
			{"I5.1 In kleine stappen contact herstellen", "codeur-B"}}},
		{"Vertrouwen kwam pas na maanden, ë en é en 😀.", [][2]string{{"Vertrouwen", "codeur-A"}}},
		{"Niets gecodeerd hier.", nil},
	}},
	{"WP2_91.txt", `<VariableValue><VariableRef targetGUID="bbbbbbbb-0000-0000-0000-000000000003"/><TextValue>EXP_91</TextValue></VariableValue>
<VariableValue><VariableRef targetGUID="bbbbbbbb-0000-0000-0000-000000000001"/><TextValue>netwerkondersteuner</TextValue></VariableValue>`, []handPassage{
		{"We hebben het netwerk in kaart gebracht met een ecogram.", [][2]string{{"I3.2 Netwerk in kaart brengen", "codeur-B"}, {"M2 Bewustwording", "codeur-B"}}},
	}},
	{"WP2_03.txt", "", []handPassage{
		{"Eerst tijd nemen.", [][2]string{{"I1.1 Genoeg tijd", "codeur-A"}, {"C1.2 Schaamte", "codeur-A"}}},
	}},
}

// handCase holds the two new interviews; its variables give role and city.
const handCase = `<Case guid="dddddddd-0000-0000-0000-000000000001" name="T90">
<VariableValue><VariableRef targetGUID="bbbbbbbb-0000-0000-0000-000000000001"/><TextValue>cliënt</TextValue></VariableValue>
<VariableValue><VariableRef targetGUID="bbbbbbbb-0000-0000-0000-000000000002"/><TextValue>Haarlem</TextValue></VariableValue>
<SourceRef targetGUID="eeeeeeee-0000-0000-0000-000000000000"/><SourceRef targetGUID="eeeeeeee-0000-0000-0000-000000000001"/>
</Case>`

// handRespondents and handInterviews are the rows the project stands for,
// worked from the sources, the case and the variables above.
const (
	handRespondents = "EXP_90,cliënt,Haarlem,\nEXP_91,netwerkondersteuner,Haarlem,\n"
	handInterviews  = "WP2_90,EXP_90,WP2,,T90\nWP2_91,EXP_91,WP2,,T90\n"
)

func guid(kind byte, n int) string {
	return fmt.Sprintf("%c%c%c%c%c%c%c%c-0000-0000-0000-%012d", kind, kind, kind, kind, kind, kind, kind, kind, n)
}

// buildHandProject writes the project as a .qdpx and returns the segments
// table it stands for (one row per coding, positions in runes, worked by
// the test from the passages) as CSV records.
func buildHandProject(t *testing.T, path string) [][]string {
	t.Helper()
	codeGUID := map[string]string{}
	var codes strings.Builder
	codes.WriteString(`<Code guid="` + guid('f', 1) + `" name="Mijn map" isCodable="false">` + "\n")
	users := map[string]string{"codeur-A": guid('a', 1), "codeur-B": guid('a', 2)}
	var sources strings.Builder
	entries := [][2]string{}
	segments := [][]string{{"interview_id", "segment_id", "code", "coder", "start", "end", "quote"}}
	sel := 0
	for i, s := range handProject {
		var text strings.Builder
		var sels strings.Builder
		for j, p := range s.passages {
			if j > 0 {
				text.WriteString("\n\n")
			}
			start := utf8.RuneCountInString(text.String())
			text.WriteString(p.text)
			end := start + utf8.RuneCountInString(p.text)
			sel++
			sels.WriteString(fmt.Sprintf(`<PlainTextSelection guid="%s" startPosition="%d" endPosition="%d">`+"\n", guid('5', sel), start, end))
			for k, c := range p.codings {
				if codeGUID[c[0]] == "" {
					codeGUID[c[0]] = guid('c', len(codeGUID)+1)
					codes.WriteString(`<Code guid="` + codeGUID[c[0]] + `" name="` + c[0] + `" isCodable="true"/>` + "\n")
				}
				sels.WriteString(fmt.Sprintf(`<Coding guid="%s" creatingUser="%s"><CodeRef targetGUID="%s"/></Coding>`+"\n", guid('9', sel*10+k), users[c[1]], codeGUID[c[0]]))
				code, _, _ := strings.Cut(c[0], " ")
				if c[0] == "Vertrouwen" {
					code = "M1" // its label in the codebook
				}
				segments = append(segments, []string{strings.TrimSuffix(s.name, ".txt"), guid('5', sel), code, c[1], strconv.Itoa(start), strconv.Itoa(end), p.text})
			}
			sels.WriteString("</PlainTextSelection>\n")
		}
		file := fmt.Sprintf("s%d.txt", i)
		entries = append(entries, [2]string{"Sources/" + file, text.String()})
		sources.WriteString(fmt.Sprintf(`<TextSource guid="%s" name="%s" plainTextPath="internal://%s">`+"\n%s\n%s</TextSource>\n", guid('e', i), s.name, file, s.values, sels.String()))
	}
	codes.WriteString("</Code>\n")
	qde := `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="wp2" origin="hand">
<Users><User guid="` + users["codeur-A"] + `" name="codeur-A"/><User guid="` + users["codeur-B"] + `" name="codeur-B"/></Users>
<CodeBook><Codes>
` + codes.String() + `</Codes></CodeBook>
<Variables>
<Variable guid="bbbbbbbb-0000-0000-0000-000000000001" name="Rol" typeOfVariable="Text"/>
<Variable guid="bbbbbbbb-0000-0000-0000-000000000002" name="Stad" typeOfVariable="Text"/>
<Variable guid="bbbbbbbb-0000-0000-0000-000000000003" name="Respondent" typeOfVariable="Text"/>
</Variables>
<Cases>` + handCase + `</Cases>
<Sources>
` + sources.String() + `</Sources>
</Project>`
	zipEntries(t, path, append([][2]string{{"project.qde", qde}}, entries...))
	return segments
}

// copyExample copies the example study into a new folder.
func copyExample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range append(exampleTables(t), "study.yaml") {
		b, err := os.ReadFile(filepath.Join(exampleDir, f))
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(filepath.Join(dir, filepath.Dir(f)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), b, 0o644))
	}
	return dir
}

func appendFile(t *testing.T, path, text string) {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, append(b, text...), 0o644))
}

const handProjectEntry = "projects:\n  - {file: wp2.qdpx, work_package: WP2, code_ids: prefix, variables: {role: Rol, city: Stad, respondent_id: Respondent}}\n"

// TestProjectWithTables: the example study with a hand-made project added
// gives the tables of the example study with the project's rows written
// into its CSV files instead (respondents, interviews and one row per
// coding, worked out by the test from the passages), and those tables
// agree with the independent recount of that CSV study.
func TestProjectWithTables(t *testing.T) {
	withProject := copyExample(t)
	segments := buildHandProject(t, filepath.Join(withProject, "wp2.qdpx"))
	appendFile(t, filepath.Join(withProject, "study.yaml"), handProjectEntry)

	asTables := copyExample(t)
	appendFile(t, filepath.Join(asTables, "respondents.csv"), handRespondents)
	appendFile(t, filepath.Join(asTables, "interviews.csv"), handInterviews)
	var buf bytes.Buffer
	require.NoError(t, csv.NewWriter(&buf).WriteAll(segments))
	require.NoError(t, os.WriteFile(filepath.Join(asTables, "segments", "zz_project.csv"), buf.Bytes(), 0o644))

	out, res := runStudy(t, filepath.Join(withProject, "study.yaml"))
	tablesOut, _ := runStudy(t, filepath.Join(asTables, "study.yaml"))
	// A study of tables only takes the fast path, whose Result holds no
	// segments: they are read here as the Go path reads them.
	tablesData := goRead(t, filepath.Join(asTables, "study.yaml"))

	// The project adds its codings: one segment row per coding.
	require.Equal(t, len(segments)-1, len(res.Data.Segments)-countLines(t, exampleTables(t)))
	assert.Equal(t, studyRows(tablesData), studyRows(res.Data), "the same respondents, interviews and segments (quotes and positions too)")
	want, got := outputTables(t, tablesOut), outputTables(t, out)
	require.Equal(t, len(want), len(got))
	for name, w := range want {
		assert.True(t, bytes.Equal(w, got[name]), "%s differs:\n%s", name, firstDiff(w, got[name]))
	}
	recounted := recount(t, filepath.Join(asTables, "study.yaml"))
	for _, scope := range res.Study.Scopes() {
		assert.Equal(t, recounted[scope].Codes, readCSV(t, filepath.Join(out, scope, "codes.csv")), "%s codes.csv", scope)
		assert.Equal(t, recounted[scope].Categories, readCSV(t, filepath.Join(out, scope, "categories.csv")), "%s categories.csv", scope)
	}
	// unit: auto read the positions as code points, as the test wrote them
	// (the emoji in the second passage tells code points from UTF-16 units)
	ws := warningLines(res.Warnings)
	require.Len(t, ws, 2)
	assert.True(t, strings.HasPrefix(ws[0], "wp2.qdpx: project.qde: selection positions read as code points, as the standard says"), ws[0])
	assert.Equal(t, `wp2.qdpx: left out 1 codes that are not in codebook.csv and code no text: "Mijn map"`, ws[1])

	var inputs []string
	for _, in := range res.Manifest.Inputs {
		inputs = append(inputs, in.Path)
	}
	assert.Contains(t, inputs, "wp2.qdpx", "the manifest pins the project")
}

// countLines counts the segment rows of the example's segments tables.
func countLines(t *testing.T, files []string) int {
	n := 0
	for _, f := range files {
		if strings.HasPrefix(f, "segments") {
			n += len(readRecords(t, filepath.Join(exampleDir, f))) - 1
		}
	}
	return n
}

// studyRows is what a study holds, without where each row was read.
func studyRows(st *coding.Study) []string {
	var out []string
	for _, r := range st.Respondents {
		out = append(out, fmt.Sprint("respondent ", r.ID, r.Role, r.City, r.Organisation))
	}
	for _, iv := range st.Interviews {
		out = append(out, fmt.Sprint("interview ", iv.ID, iv.RespondentID, iv.WorkPackage, iv.Date.Raw, iv.CaseID))
	}
	for _, s := range st.Segments {
		pos := func(p *int) string {
			if p == nil {
				return "-"
			}
			return strconv.Itoa(*p)
		}
		out = append(out, fmt.Sprint("segment ", s.No, s.InterviewID, s.SegmentID, s.Code, s.EventID, s.ChainID, s.Coder, pos(s.Start), pos(s.End), s.Valence, s.Quote))
	}
	return out
}

func warningLines(ws []coding.Warning) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.String())
	}
	return out
}

// TestCodebookQDCRoundTrip: the codebook.qdc a run writes, read back as
// the study's codebook with code_ids: prefix and its categories mapped to
// their dimensions, is the same codebook (code, label, dimension, parent,
// description) and gives byte-identical tables.
func TestCodebookQDCRoundTrip(t *testing.T) {
	out, res := runStudy(t, filepath.Join(exampleDir, "study.yaml"))

	dir := copyExample(t)
	qdc, err := os.ReadFile(filepath.Join(out, CodebookFile))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "codebook.qdc"), qdc, 0o644))
	// The dimension of each category, which a .qdc cannot hold, from codebook.csv.
	var dims []string
	for _, rec := range readRecords(t, filepath.Join(exampleDir, "codebook.csv"))[1:] {
		if rec[3] == "" { // no parent
			dims = append(dims, rec[0]+": "+rec[2])
		}
	}
	text, err := os.ReadFile(filepath.Join(dir, "study.yaml"))
	require.NoError(t, err)
	yamlText := replaceLine(string(text), "codebook:", "codebook: {file: codebook.qdc, code_ids: prefix, dimensions: {"+strings.Join(dims, ", ")+"}}")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "study.yaml"), []byte(yamlText), 0o644))

	back, backRes := runStudy(t, filepath.Join(dir, "study.yaml"))
	type code struct{ Code, Label, Dimension, Parent, Description string }
	codes := func(cb *coding.Codebook) []code {
		var out []code
		for _, c := range cb.Codes {
			out = append(out, code{c.Code, c.Label, c.Dimension, c.Parent, c.Description})
		}
		return out
	}
	assert.Equal(t, codes(res.Data.Codebook), codes(backRes.Data.Codebook))
	assert.Equal(t, res.Manifest.Codebook, backRes.Manifest.Codebook, "the codebook's content hash")
	want, got := outputTables(t, out), outputTables(t, back)
	require.Equal(t, len(want), len(got))
	for name, w := range want {
		assert.True(t, bytes.Equal(w, got[name]), "%s differs:\n%s", name, firstDiff(w, got[name]))
	}
	assert.Empty(t, backRes.Warnings)
}

// TestBadProjectFiles: a project that is not one stops the run with one
// line naming the file, and the store of the previous run is left as it was.
func TestBadProjectFiles(t *testing.T) {
	dir := copyExample(t)
	project := filepath.Join(dir, "wp2.qdpx")
	buildHandProject(t, project)
	appendFile(t, filepath.Join(dir, "study.yaml"), handProjectEntry)
	study := filepath.Join(dir, "study.yaml")
	out := t.TempDir()
	_, err := Run(context.Background(), study, Options{Out: out})
	require.NoError(t, err)
	before, err := os.ReadFile(filepath.Join(out, StoreFile))
	require.NoError(t, err)

	tests := []struct {
		name  string
		write func(t *testing.T)
		want  string
	}{
		{"a broken zip", func(t *testing.T) {
			require.NoError(t, os.WriteFile(project, []byte("PK\x03\x04 not a whole zip"), 0o644))
		}, `^wp2\.qdpx: is not a readable zip archive \(.*\): a \.qdpx project is a zip file; export it again from your QDA program, or check that it was copied whole$`},
		{"XML that is not REFI-QDA", func(t *testing.T) {
			zipEntries(t, project, [][2]string{{"project.qde", "<?xml version=\"1.0\"?>\n<html><body/></html>"}})
		}, `^wp2\.qdpx: project\.qde:2:1: is not a REFI-QDA project: it starts with <html> where <Project xmlns="urn:QDA-XML:project:1\.0"> was expected; export the project from your QDA program as REFI-QDA$`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.write(t)
			_, err := Run(context.Background(), study, Options{Out: out})
			var ps *coding.Problems
			require.True(t, errors.As(err, &ps), "want problems, got %v", err)
			assert.Regexp(t, tt.want, ps.Error())
			after, err := os.ReadFile(filepath.Join(out, StoreFile))
			require.NoError(t, err)
			assert.True(t, bytes.Equal(before, after), "the store is left as it was")
		})
	}
}
