package coding

// A Respondent is one pseudonymised person interviewed.
type Respondent struct {
	ID, Role, City, Organisation string
	File                         string
	Row                          int
}

// An Interview belongs to one work package and may inform one case (timeline).
type Interview struct {
	ID, RespondentID, WorkPackage string
	Date                          Date
	CaseID                        string
	File                          string
	Row                           int
}

// Event kinds on a timeline.
var EventKinds = []string{"activity", "breakthrough", "setback"}

// An Event is one step of a client's trajectory, ordered by Seq within its case.
type Event struct {
	CaseID, ID  string
	Seq         int
	Kind        string
	Date        Date
	Phase       string
	Description string
	File        string
	Row         int
}

// Valences of a context code.
var Valences = []string{"promoting", "hindering"}

// A Segment is one coded segment carrying one code: a segment with three codes
// is three Segments with the same InterviewID and SegmentID.
type Segment struct {
	// No numbers the distinct (interview, segment) pairs from 1 in reading
	// order, so that counting segments is counting integers.
	No                               int
	InterviewID, SegmentID, Code     string
	EventID, ChainID, Coder, Valence string
	Start, End                       *int
	Quote                            string
	File                             string
	Row                              int
}

// Study is everything coded in one study, validated.
type Study struct {
	Codebook    *Codebook
	Respondents []Respondent
	Interviews  []Interview
	Events      []Event
	Segments    []Segment
	Warnings    []Warning
}
