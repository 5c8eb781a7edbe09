package coding

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestResolveCode: the rule the README gives for reading a code cell.
func TestResolveCode(t *testing.T) {
	cb := &Codebook{index: map[string]int{}}
	for _, c := range []Code{
		{Code: "C1", Label: "Situatie van de cliënt"},
		{Code: "C1.1", Label: "Klein netwerk", Parent: "C1"},
		{Code: "C1.9", Label: "Anders", Parent: "C1"},
		{Code: "C2", Label: "Stedelijke context"},
		{Code: "C2.9", Label: "Anders", Parent: "C2"},
		{Code: "I1", Label: "Randvoorwaarden"},
		{Code: "I1.1", Label: "Tijd", Parent: "I1"},
		{Code: "O1", Label: "M1"}, // a label that is another code's id
		{Code: "M1", Label: "Vertrouwen"},
	} {
		cb.index[c.Code] = len(cb.Codes)
		cb.Codes = append(cb.Codes, c)
	}
	cn := newCodeNames(cb)
	tests := []struct {
		name, cell string
		paths      bool
		want, msg  string
	}{
		{"the code", "I1.1", false, "I1.1", ""},
		{"its label", "Tijd", false, "I1.1", ""},
		{"code and label", "I1.1 Tijd", false, "I1.1", ""},
		{"code, colon, label", "I1.1: Tijd", false, "I1.1", ""},
		{"code, dash, label", "I1.1 - Tijd", false, "I1.1", ""},
		{"code and another label is no code", "I1.1 Tijd nemen", false, "I1.1 Tijd nemen", ""},
		{"a code is a whole token, not a prefix", "I1", false, "I1", ""},
		{"no code", "Onbekend", false, "Onbekend", ""},
		{"labels are exact", "klein netwerk", false, "klein netwerk", ""},
		{"empty", "", false, "", ""},
		{"a label two codes share", "Anders", false, "",
			`"Anders" could be code C1.9 (Anders) or C2.9 (Anders): write the code itself`},
		{"a label that is another code", "M1", false, "",
			`"M1" could be code O1 (M1) or M1 (Vertrouwen): write the code itself`},
		{"a path, by its last part", `Situatie van de cliënt\Klein netwerk`, true, "C1.1", ""},
		{"a path with spaces around the separator", `Situatie van de cliënt \ Klein netwerk`, true, "C1.1", ""},
		{"a path tells a shared label apart by its parent", `Situatie van de cliënt\Anders`, true, "C1.9", ""},
		{"the parent may be written as code and label", `C2 Stedelijke context\Anders`, true, "C2.9", ""},
		{"a parent that tells nothing apart", `Overig\Anders`, true, "",
			`"Overig\\Anders" could be code C1.9 (Anders) or C2.9 (Anders): write the code itself`},
		{"paths only where the tool writes them", `Situatie van de cliënt\Klein netwerk`, false, `Situatie van de cliënt\Klein netwerk`, ""},
		{"a path to no code", `Situatie van de cliënt\Geen`, true, `Situatie van de cliënt\Geen`, ""},
		{"a path of codes and labels", `C1 Situatie van de cliënt\C1.1 Klein netwerk`, true, "C1.1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, msg := cn.resolve(tt.cell, tt.paths)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.msg, msg)
		})
	}
}
