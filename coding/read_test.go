package coding

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A small valid study, as files. Tests change one file at a time.
var validFiles = map[string]string{
	"codebook.csv": "code,label,dimension,parent,description\n" +
		"C1,Klein netwerk,C,,\n" +
		"I1,Randvoorwaarden,I,,\n" +
		"I1.1,Tijd,I,I1,\n" +
		"I1.1.a,Tijd nemen,I,I1.1,\"drie niveaus, met komma\"\n" +
		"M1,Vertrouwen,M,,\n" +
		"O1,Contact hersteld,O,,\n",
	"respondents.csv": "respondent_id,role,city,organisation\n" +
		"R1,cliënt,Amsterdam,\n" +
		"R2,netwerkondersteuner,Haarlem,Org\n",
	"interviews.csv": "interview_id,respondent_id,work_package,date,case_id\n" +
		"IV1,R1,WP1,2023-03-14,T1\n" +
		"IV2,R2,WP2,,\n",
	"events.csv": "case_id,event_id,seq,kind,date,phase,description\n" +
		"T1,E1,1,activity,2023,opvang,\n" +
		"T1,E2,2,breakthrough,2023-Q2,opvang,\"eerste contact, met moeder\"\n",
	"segments/a.csv": "interview_id,segment_id,code,event_id,chain_id,coder,start,end,valence,quote\n" +
		"IV1,S1,I1.1.a,E1,,A,0,10,,\"Ik belde, samen met haar\"\n" +
		"IV1,S1,M1,E1,,A,0,10,,\n" +
		"IV1,S2,C1,E2,,A,,,hindering,\n" +
		"IV2,S1,O1,,K1,B,,,,\n",
}

var validSources = Sources{
	Codebook: Table{File: "codebook.csv"}, Respondents: Table{File: "respondents.csv"}, Interviews: Table{File: "interviews.csv"},
	Events: Table{File: "events.csv"}, Segments: []Table{{File: "segments/a.csv"}}, WorkPackages: []string{"WP1", "WP2"},
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}
	return dir
}

// absent, as a changed file's content, removes the file.
const absent = "\x00absent"

func readStudy(t *testing.T, change map[string]string) (*Study, error) {
	t.Helper()
	return readStudyWith(t, change, nil)
}

// readStudyWith reads the valid study with files changed and, when sources
// is not nil, its Sources changed by it.
func readStudyWith(t *testing.T, change map[string]string, sources func(*Sources)) (*Study, error) {
	t.Helper()
	files := map[string]string{}
	for k, v := range validFiles {
		files[k] = v
	}
	for k, v := range change {
		files[k] = v
		if v == absent {
			delete(files, k)
		}
	}
	src := validSources
	src.Dir = writeFiles(t, files)
	if sources != nil {
		sources(&src)
	}
	return Read(context.Background(), src)
}

func TestReadValid(t *testing.T) {
	st, err := readStudy(t, nil)
	require.NoError(t, err)
	assert.Empty(t, st.Warnings)

	c, ok := st.Codebook.Lookup("I1.1.a")
	require.True(t, ok)
	assert.Equal(t, "I1", c.Category, "a category is the top-level ancestor, at any depth")
	assert.Equal(t, 2, c.Depth)
	assert.Equal(t, "drie niveaus, met komma", c.Description)
	cat, _ := st.Codebook.Lookup("I1")
	assert.Equal(t, "I1", cat.Category, "a code without parent is its own category")

	require.Len(t, st.Segments, 4)
	s := st.Segments[0]
	assert.Equal(t, "Ik belde, samen met haar", s.Quote)
	assert.Equal(t, "segments/a.csv", s.File)
	assert.Equal(t, 2, s.Row)
	require.NotNil(t, s.Start)
	assert.Equal(t, 10, *s.End)
	assert.Equal(t, []int{1, 1, 2, 3}, []int{st.Segments[0].No, st.Segments[1].No, st.Segments[2].No, st.Segments[3].No},
		"rows of one segment share a number; the same segment_id in another interview is another segment")
	assert.Equal(t, "2023-Q2", st.Events[1].Date.Raw)
	assert.Equal(t, "cliënt", st.Respondents[0].Role)
}

// TestReadDoubleCoding: a second coder may give a segment the same codes
// again; the rows stay one segment.
func TestReadDoubleCoding(t *testing.T) {
	st, err := readStudy(t, map[string]string{"segments/a.csv": validFiles["segments/a.csv"] +
		"IV1,S1,I1.1.a,E1,,B,0,10,,\n" +
		"IV1,S1,O1,E1,,B,0,10,,\n"})
	require.NoError(t, err)
	require.Len(t, st.Segments, 6)
	assert.Equal(t, "B", st.Segments[4].Coder)
	assert.Equal(t, st.Segments[0].No, st.Segments[4].No, "both coders' rows belong to one segment")
	assert.Equal(t, st.Segments[0].No, st.Segments[5].No)
}

func TestReadToleratesSpreadsheetHabits(t *testing.T) {
	st, err := readStudy(t, map[string]string{
		// BOM, CRLF, columns in another order, padded ids, a trailing blank line, an unknown column.
		"respondents.csv": "\ufeffcity,respondent_id,role,notes\r\nAmsterdam, R1 ,cliënt,x\r\nHaarlem,R2,netwerkondersteuner,\r\n\r\n",
	})
	require.NoError(t, err)
	assert.Equal(t, "R1", st.Respondents[0].ID)
	assert.Equal(t, "Amsterdam", st.Respondents[0].City)
	require.Len(t, st.Warnings, 1)
	assert.Contains(t, st.Warnings[0].String(), `respondents.csv:1: column "notes": unknown column is ignored`)
}

// TestReadProblems: each fault gives one line naming file, row and column and
// what to do.
func TestReadProblems(t *testing.T) {
	tests := []struct {
		name   string
		change map[string]string
		want   []string
	}{
		{"unknown code", map[string]string{"segments/a.csv": "interview_id,segment_id,code\nIV1,S1,I9\n"},
			[]string{`segments/a.csv:2: column "code": unknown code "I9" (not in codebook.csv)`}},
		{"unknown interview", map[string]string{"segments/a.csv": "interview_id,segment_id,code\nIV7,S1,I1\n"},
			[]string{`segments/a.csv:2: column "interview_id": unknown interview "IV7" (not in interviews.csv)`}},
		{"unknown event", map[string]string{"segments/a.csv": "interview_id,segment_id,code,event_id\nIV1,S1,I1,E9\n"},
			[]string{`segments/a.csv:2: column "event_id": unknown event "E9" (not in events.csv)`}},
		{"duplicate coding", map[string]string{"segments/a.csv": "interview_id,segment_id,code\nIV1,S1,I1\nIV1,S1,I1\n"},
			[]string{`segments/a.csv:3: column "code": segment "S1" of interview "IV1" already has code "I1" at segments/a.csv:2: remove the duplicate row`}},
		{"duplicate coding by one coder", map[string]string{"segments/a.csv": "interview_id,segment_id,code,coder\nIV1,S1,I1,A\nIV1,S1,I1,B\nIV1,S1,I1,A\n"},
			[]string{`segments/a.csv:4: column "code": segment "S1" of interview "IV1" already has code "I1" from coder "A" at segments/a.csv:2: remove the duplicate row`}},
		{"a segment's rows on two events", map[string]string{"segments/a.csv": "interview_id,segment_id,code,event_id,coder\nIV1,S1,I1,E1,A\nIV1,S1,M1,E2,A\n"},
			[]string{`segments/a.csv:3: column "event_id": segment "S1" of interview "IV1" has event_id "E2" here but event_id "E1" at segments/a.csv:2: give every row of the segment from coder "A" the same event_id`}},
		{"a segment's rows in a chain and out of it", map[string]string{"segments/a.csv": "interview_id,segment_id,code,chain_id\nIV2,S1,I1,K1\nIV2,S1,M1,\n"},
			[]string{`segments/a.csv:3: column "chain_id": segment "S1" of interview "IV2" has no chain_id here but chain_id "K1" at segments/a.csv:2: give every row of the segment the same chain_id`}},
		{"a segment's rows at two positions", map[string]string{"segments/a.csv": "interview_id,segment_id,code,start,end\nIV1,S1,I1,0,10\nIV1,S1,M1,,\nIV1,S1,O1,0,12\n"},
			[]string{`segments/a.csv:4: column "end": segment "S1" of interview "IV1" has end "12" here but "10" at segments/a.csv:2: a segment is one passage; give its rows the same end`}},
		{"a segment's rows with two quotes", map[string]string{"segments/a.csv": "interview_id,segment_id,code,coder,quote\nIV1,S1,I1,A,Ik belde\nIV1,S1,I1,B,Ik belde haar\n"},
			[]string{`segments/a.csv:3: column "quote": segment "S1" of interview "IV1" has another quote here than at segments/a.csv:2: a segment is one passage; give its rows the same quote, or write it on one row only`}},
		{"bad valence", map[string]string{"segments/a.csv": "interview_id,segment_id,code,valence\nIV1,S1,C1,positief\n"},
			[]string{`segments/a.csv:2: column "valence": "positief" is not a valence: use promoting or hindering or leave it empty`}},
		{"bad position", map[string]string{"segments/a.csv": "interview_id,segment_id,code,start,end\nIV1,S1,C1,-3,x\n"},
			[]string{`segments/a.csv:2: column "start": "-3" is not a position`, `segments/a.csv:2: column "end": "x" is not a position`}},
		{"end before start", map[string]string{"segments/a.csv": "interview_id,segment_id,code,start,end\nIV1,S1,C1,9,3\n"},
			[]string{`segments/a.csv:2: column "end": segment ends (3) before it starts (9)`}},
		{"empty segment id", map[string]string{"segments/a.csv": "interview_id,segment_id,code\nIV1,,C1\n"},
			[]string{`segments/a.csv:2: column "segment_id": is empty: every coded segment needs one`}},
		{"missing column", map[string]string{"segments/a.csv": "interview_id,code\nIV1,C1\n"},
			[]string{`segments/a.csv:1: missing column "segment_id": the header must name interview_id, segment_id, code`}},
		{"missing columns, one line", map[string]string{"respondents.csv": "respondent_id,organisation\nR1,x\nR2,y\n"},
			[]string{`respondents.csv:1: missing columns "role", "city": the header must name respondent_id, role, city`}},
		{"a row that cannot be read is not reported again where it is named", map[string]string{"respondents.csv": "respondent_id,role,city\nR1,x,y\nR2,x,y,z\n"},
			[]string{`respondents.csv:3: row has 4 fields but the header has 3: check the separators and quotes in this row`}},
		{"duplicated column", map[string]string{"segments/a.csv": "interview_id,segment_id,code,code\nIV1,S1,C1,C1\n"},
			[]string{`segments/a.csv:1: column "code": appears twice in the header (columns 3 and 4): keep one`}},
		{"empty file", map[string]string{"segments/a.csv": ""},
			[]string{`segments/a.csv: file is empty: expected a header row with interview_id, segment_id, code`}},
		{"header only", map[string]string{"segments/a.csv": "interview_id,segment_id,code\n"},
			[]string{`segments/a.csv: has a header but no rows`}},
		{"wrong width", map[string]string{"segments/a.csv": "interview_id,segment_id,code\nIV1,S1,C1,extra\n"},
			[]string{`segments/a.csv:2: row has 4 fields but the header has 3: check the separators and quotes in this row`}},
		{"bad quoting", map[string]string{"segments/a.csv": "interview_id,segment_id,code,quote\nIV1,S1,C1,\"open\nIV1,S2,C1,x\n"},
			[]string{`segments/a.csv:2: not valid CSV: extraneous or missing " in quoted-field`}},
		{"not UTF-8 and not Windows-1252", map[string]string{"segments/a.csv": "interview_id,segment_id,code,quote\nIV1,S1,C1,cli\x81nt\n"},
			[]string{`segments/a.csv:2: column "quote": byte 0x81 is not a character in Windows-1252, which it was read as because it is not UTF-8`}},
		{"not UTF-8 despite its byte-order mark", map[string]string{"segments/a.csv": "\ufeffinterview_id,segment_id,code,quote\nIV1,S1,C1,cli\xebnt\n"},
			[]string{`segments/a.csv:2: column "quote": text is not valid UTF-8: save the file as UTF-8`}},
		{"missing file", map[string]string{"respondents.csv": absent},
			[]string{`respondents.csv: cannot open: no such file or directory (check its path in study.yaml)`}},
		{"empty events file reported once, not per segment", map[string]string{"events.csv": ""},
			[]string{`events.csv: file is empty`}},
		{"codebook without rows reported once", map[string]string{"codebook.csv": "code,label,dimension\n"},
			[]string{`codebook.csv: has a header but no rows`}},
		{"duplicate code", map[string]string{"codebook.csv": validFiles["codebook.csv"] + "C1,Nog eens,C,,\n"},
			[]string{`codebook.csv:8: column "code": code "C1" is already defined on row 2: codes must be unique`}},
		{"bad dimension", map[string]string{"codebook.csv": "code,label,dimension\nC1,X,C\nI1,X,I\nI1.1.a,X,I\nM1,X,Mechanism\nO1,X,O\n"},
			[]string{`codebook.csv:5: column "dimension": "Mechanism" is not a CIMO dimension: use C, I, M or O`}},
		{"unknown parent", map[string]string{"codebook.csv": validFiles["codebook.csv"] + "O2,X,O,O9,\n"},
			[]string{`codebook.csv:8: column "parent": unknown parent "O9" of code "O2": add it to the codebook or leave parent empty`}},
		{"parent in another dimension", map[string]string{"codebook.csv": validFiles["codebook.csv"] + "O2,X,O,M1,\n"},
			[]string{`codebook.csv:8: column "parent": parent "M1" is in dimension M but code "O2" is in O: a code and its parent share a dimension`}},
		{"cycle", map[string]string{"codebook.csv": validFiles["codebook.csv"] + "O2,X,O,O3,\nO3,X,O,O4,\nO4,X,O,O2,\n"},
			[]string{`codebook.csv:8: column "parent": codes form a cycle (O2 -> O3 -> O4 -> O2): one of them must have a different parent`}},
		{"duplicate respondent", map[string]string{"respondents.csv": validFiles["respondents.csv"] + "R1,cliënt,Haarlem,\n"},
			[]string{`respondents.csv:4: column "respondent_id": "R1" is already used on row 2: ids must be unique`}},
		{"unknown respondent and work package", map[string]string{"interviews.csv": "interview_id,respondent_id,work_package\nIV1,R9,WP7\nIV2,R2,WP2\n"},
			[]string{`interviews.csv:2: column "respondent_id": unknown respondent "R9" (not in respondents.csv)`,
				`interviews.csv:2: column "work_package": unknown work package "WP7": study.yaml lists WP1, WP2`}},
		{"impossible date", map[string]string{"interviews.csv": "interview_id,respondent_id,work_package,date\nIV1,R1,WP1,2023-02-30\nIV2,R2,WP2,\n"},
			[]string{`interviews.csv:2: column "date": date "2023-02-30" does not exist`}},
		{"event faults", map[string]string{"events.csv": "case_id,event_id,seq,kind,date\nT1,E1,1,activity,2023\nT1,E2,1,doorbraak,2023-Q7\nT1,E3,x,setback,\n"},
			[]string{`events.csv:3: column "seq": case "T1" already has seq 1 on row 2: give each event of a case its own place`,
				`events.csv:3: column "kind": "doorbraak" is not an event kind: use activity, breakthrough, setback`,
				`events.csv:3: column "date": date "2023-Q7" has no quarter 7`,
				`events.csv:4: column "seq": "x" is not a whole number`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readStudy(t, tt.change)
			var ps *Problems
			require.ErrorAs(t, err, &ps)
			require.Len(t, ps.List, len(tt.want), "got:\n%v", err)
			for i, w := range tt.want {
				assert.Contains(t, ps.List[i].String(), w)
			}
		})
	}
}

// TestReadReportsEveryProblem: faults in several files come back from one read.
func TestReadReportsEveryProblem(t *testing.T) {
	_, err := readStudy(t, map[string]string{
		"respondents.csv": "respondent_id,role,city\nR1,,Amsterdam\nR2,x,Haarlem\n",
		"segments/a.csv":  "interview_id,segment_id,code\nIV1,S1,I9\nIV1,S2,I8\n",
	})
	var ps *Problems
	require.ErrorAs(t, err, &ps)
	require.Len(t, ps.List, 3, "%v", err)
	assert.Equal(t, "respondents.csv", ps.List[0].File)
	assert.Equal(t, 3, ps.List[2].Row)
}

func TestProblemsAreBounded(t *testing.T) {
	rows := "interview_id,segment_id,code\n"
	for range maxProblems + 5 {
		rows += "IV1,S1,I9\n"
	}
	_, err := readStudy(t, map[string]string{"segments/a.csv": rows})
	var ps *Problems
	require.ErrorAs(t, err, &ps)
	assert.Len(t, ps.List, maxProblems)
	assert.Equal(t, 5, ps.Omitted)
	assert.Contains(t, err.Error(), "... and 5 more problems")
}

// TestReadSegmentAgreement: what may differ between the rows of one segment.
func TestReadSegmentAgreement(t *testing.T) {
	st, err := readStudy(t, map[string]string{"segments/a.csv": "interview_id,segment_id,code,event_id,coder,start,end,quote\n" +
		"IV1,S1,I1,E1,A,0,10,Ik belde\n" +
		"IV1,S1,M1,E1,A,,,\n" + // the passage's positions and quote on one row only
		"IV1,S1,I1,E2,B,0,10,Ik belde\n" + // another coder may link it to another event
		"IV2,S1,O1,,A,5,6,Anders\n"}) // the same segment id in another interview is another segment
	require.NoError(t, err)
	assert.Len(t, st.Segments, 4)
}

// TestReadProblemsOfStudyFile: faults that come from what study.yaml says
// about a table, each on one line.
func TestReadProblemsOfStudyFile(t *testing.T) {
	tests := []struct {
		name    string
		change  map[string]string
		sources func(*Sources)
		want    string
	}{
		{"declared delimiter the file does not use", map[string]string{"respondents.csv": "respondent_id;role;city\nR1;x;y\nR2;x;y\n"},
			func(src *Sources) { src.Respondents.Delimiter = ',' },
			`respondents.csv:1: the header is one column when split at ",", the delimiter study.yaml gives, but its names are apart by ";": write delimiter: ";" in study.yaml, or leave delimiter out to have it sniffed`},
		{"events named without an events file, once per file", map[string]string{"events.csv": absent, "segments/a.csv": "interview_id,segment_id,code,event_id\nIV1,S1,I1,E1\nIV1,S2,I1,E2\n"},
			func(src *Sources) { src.Events = Table{} },
			`segments/a.csv:2: column "event_id": names event "E1" but study.yaml has no events file: name it in study.yaml (events: ...), or leave event_id empty in this file`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readStudyWith(t, tt.change, tt.sources)
			require.EqualError(t, err, tt.want)
		})
	}
}
