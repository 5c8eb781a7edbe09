package refi

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
)

// The qdpx-toolkit fixture uses every element family of the standard. What
// it should read as is worked by hand from its project.qde and its text
// "Diet and health are closely linked in this interview." (53 bytes, ASCII).
// The folder and the same folder zipped read alike.
func TestHandAuthoredProject(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "samples", "qdpx-toolkit-hand-authored")
	folder, err := ReadProject(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	zipped, err := ReadProject(context.Background(), zipFolder(t, dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(folder, zipped) {
		t.Errorf("folder and zip read differently:\n%+v\n%+v", folder, zipped)
	}
	p := folder
	if p.Name != "Sample Study" || p.Origin != "refi_qda test fixture" {
		t.Errorf("name %q origin %q", p.Name, p.Origin)
	}
	if want := []User{{GUID: "10000000-0000-0000-0000-000000000001", Name: "Researcher A"}}; !reflect.DeepEqual(p.Users, want) {
		t.Errorf("users %+v", p.Users)
	}

	// Topics (not codable) > Health > Diet, and Topics > Wellbeing.
	type code struct {
		guid, name, desc, color, parent string
		codable                         bool
		path                            []string
	}
	var codes []code
	for _, c := range All(p.Codes) {
		codes = append(codes, code{c.GUID, c.Name, c.Description, c.Color, c.Parent, c.IsCodable, c.Path})
	}
	g := func(n string) string { return n + "0000000-0000-0000-0000-00000000000" }
	wantCodes := []code{
		{g("2") + "1", "Topics", "", "", "", false, []string{"Topics"}},
		{g("2") + "2", "Health", "Anything about physical or mental health", "#33cc33", g("2") + "1", true, []string{"Topics", "Health"}},
		{g("2") + "3", "Diet", "Food and eating habits", "#dc0000", g("2") + "2", true, []string{"Topics", "Health", "Diet"}},
		{g("2") + "4", "Wellbeing", "", "#0000ff", g("2") + "1", true, []string{"Topics", "Wellbeing"}},
	}
	if !reflect.DeepEqual(codes, wantCodes) {
		t.Errorf("codes\n%+v\nwant\n%+v", codes, wantCodes)
	}

	if len(p.Sources) != 1 {
		t.Fatalf("%d text sources, want 1 (the picture, PDF, audio and video are left out)", len(p.Sources))
	}
	s := p.Sources[0]
	if s.GUID != g("4")+"1" || s.Name != "Interview 1.txt" || s.Text != "Diet and health are closely linked in this interview." {
		t.Errorf("source %+v", s)
	}

	// "Diet and health are closely": D=0 ... h=9, the space after "health"
	// is 15, "clo" is 20-22. So [0,15) is "Diet and health" and [9,23) is
	// "health are clo" (the selection's name says more than its positions).
	type sel struct {
		guid        string
		start, end  int
		quote, code string
	}
	var sels []sel
	for _, x := range p.Selections {
		if len(x.Codings) != 1 || x.SourceGUID != s.GUID {
			t.Fatalf("selection %+v", x)
		}
		sels = append(sels, sel{x.GUID, x.Start, x.End, x.Quote, x.Codings[0].CodeGUID})
	}
	wantSels := []sel{
		{g("5") + "1", 0, 15, "Diet and health", g("2") + "2"},
		{g("5") + "2", 9, 23, "health are clo", g("2") + "3"},
	}
	if !reflect.DeepEqual(sels, wantSels) {
		t.Errorf("selections %+v, want %+v", sels, wantSels)
	}

	wantVars := []Variable{{GUID: g("3") + "1", Name: "Age", Type: "Integer"}, {GUID: g("3") + "2", Name: "Consented", Type: "Boolean"}}
	if !reflect.DeepEqual(p.Variables, wantVars) {
		t.Errorf("variables %+v", p.Variables)
	}
	wantCase := Case{
		GUID: "d0000000-0000-0000-0000-000000000001", Name: "Participant 1", Description: "A pseudonymised interview participant.",
		Values: []VariableValue{
			{VariableGUID: g("3") + "1", Name: "Age", Type: "Integer", Value: "34"},
			{VariableGUID: g("3") + "2", Name: "Consented", Type: "Boolean", Value: "true"},
		},
		CodeGUIDs: []string{g("2") + "2"}, SourceGUIDs: []string{g("4") + "1"}, SelectionGUIDs: []string{g("5") + "1"},
	}
	if len(p.Cases) != 1 {
		t.Fatalf("%d cases", len(p.Cases))
	}
	got := p.Cases[0]
	got.Line = 0
	if !reflect.DeepEqual(got, wantCase) {
		t.Errorf("case\n%+v\nwant\n%+v", got, wantCase)
	}

	// Left out: 4 non-text sources, and 5 codings on their selections
	// (picture, PDF, transcript, audio and video selections).
	for _, w := range []string{"1 Picture, 1 PDF, 1 Audio, 1 Video", "left out 5 codings"} {
		if !hasWarning(p.Warnings, w) {
			t.Errorf("no warning says %q: %q", w, p.Warnings)
		}
	}
}
