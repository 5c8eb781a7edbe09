package coding

import "slices"

// The input contract's tables and their columns, in one place: the readers
// check files against them and the study file checks column mappings.
var (
	respondentColumns = columns{required: []string{"respondent_id", "role", "city"}, optional: []string{"organisation"}}
	interviewColumns  = columns{required: []string{"interview_id", "respondent_id", "work_package"}, optional: []string{"date", "case_id"}}
	eventColumns      = columns{required: []string{"case_id", "event_id", "seq", "kind"}, optional: []string{"date", "phase", "description"}, verbatim: []string{"description"}}
)

// contract maps each table of a study to its columns.
var contract = map[string]*columns{
	"codebook":    &codebookColumns,
	"respondents": &respondentColumns,
	"interviews":  &interviewColumns,
	"events":      &eventColumns,
	"segments":    &segmentColumns,
}

// ContractColumns returns the columns the input contract gives table
// ("codebook", "respondents", "interviews", "events" or "segments"), required
// ones first; nil for a table the contract does not have.
func ContractColumns(table string) []string {
	c, ok := contract[table]
	if !ok {
		return nil
	}
	return c.names()
}

// names is every column, required ones first.
func (c columns) names() []string {
	return append(slices.Clone(c.required), c.optional...)
}

// namesCodes says whether a table's code column names codebook codes, which
// researchers and their tools may write by label: the coded segments' does.
func (c columns) namesCodes() bool { return slices.Equal(c.required, segmentColumns.required) }
