package refi

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// RFC 9562, appendix A.4: the version-5 UUID of "www.example.com" in the
// DNS namespace.
func TestUUID5(t *testing.T) {
	dns := [16]byte{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	if got, want := formatUUID(uuid5(dns, "www.example.com")), "2ed6657d-e927-568b-95e1-2665a8aea6a2"; got != want {
		t.Errorf("uuid5 = %s, want %s", got, want)
	}
	a, b := StableGUID("I01"), StableGUID("I02")
	if a == b || a != StableGUID("I01") || !guidPattern.MatchString(a) {
		t.Errorf("StableGUID I01 %s, I02 %s: want distinct, repeatable GUIDs", a, b)
	}
}

// studyCodebook is a codebook as a study would write it: nested codes,
// Dutch characters, characters XML escapes, a description over two lines,
// a code that only groups.
func studyCodebook() *Codebook {
	code := func(id, name, desc, color string, codable bool, children ...*Code) *Code {
		return &Code{GUID: StableGUID(id), Name: name, Description: desc, Color: color, IsCodable: codable, Children: children}
	}
	return &Codebook{Codes: []*Code{
		code("C", "Context", "", "", false,
			code("C01", "Schaamte & \"overleven\"", "Cliënt schaamt zich <niet> voor zijn netwerk.\nTweede regel: één, geïnd.", "#a1b2c3", true,
				code("C01a", "Familie in het buitenland", "", "#abc", true))),
		code("I01", "Netwerkberaad", "Een beraad met naasten.", "", true),
	}}
}

// shape is what a codebook says, without where it was read from.
type shape struct {
	GUID, Name, Description, Color, Parent string
	IsCodable                              bool
	Path                                   []string
	Children                               []shape
}

func shapes(codes []*Code, parent string, path []string) []shape {
	var out []shape
	for _, c := range codes {
		p := append(append([]string{}, path...), c.Name)
		out = append(out, shape{c.GUID, c.Name, c.Description, c.Color, parent, c.IsCodable, p, shapes(c.Children, c.GUID, p)})
	}
	return out
}

// A written codebook is the same bytes every time (pinned by a golden
// file), validates against the standard's Codebook.xsd, and reads back
// into the same codebook.
func TestWriteCodebook(t *testing.T) {
	cb := studyCodebook()
	var first, second bytes.Buffer
	if err := WriteCodebook(&first, cb); err != nil {
		t.Fatal(err)
	}
	if err := WriteCodebook(&second, cb); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Error("two writes of one codebook differ")
	}
	checkGolden(t, "study.qdc", first.Bytes())
	path := filepath.Join(t.TempDir(), "study.qdc")
	if err := os.WriteFile(path, first.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	back, err := ReadCodebook(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := shapes(back.Codes, "", nil), shapes(cb.Codes, "", nil); !reflect.DeepEqual(got, want) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, want)
	}
	if back.Origin != "cimo" || len(back.Warnings) != 0 {
		t.Errorf("origin %q, warnings %q", back.Origin, back.Warnings)
	}
	validate(t, path)
}

// The NVivo sample's codebook (152 codes, Hungarian names, descriptions
// over several lines) written and read back is the same codebook, and valid.
func TestWriteCodebookFromNVivo(t *testing.T) {
	p, err := ReadProject(context.Background(), filepath.Join(sharedDir(t), "samples", "nvivo12_oltas0517.qdpx"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "nvivo.qdc")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteCodebook(f, &Codebook{Origin: p.Origin, Codes: p.Codes}); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	back, err := ReadCodebook(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := shapes(back.Codes, "", nil), shapes(p.Codes, "", nil); !reflect.DeepEqual(got, want) {
		t.Errorf("read back differs")
	}
	validate(t, path)
}

// validate runs xmllint against the standard's Codebook.xsd.
func validate(t *testing.T, path string) {
	t.Helper()
	if out, err := xmllint(t, path); err != nil {
		t.Errorf("xmllint: %v\n%s", err, out)
	}
}

func xmllint(t *testing.T, path string) ([]byte, error) {
	t.Helper()
	xsd := filepath.Join(sharedDir(t), "schema", "official-v1.0", "Codebook.xsd")
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not found: install libxml2-utils to validate written codebooks against Codebook.xsd")
	}
	return exec.Command(bin, "--noout", "--schema", xsd, path).CombinedOutput()
}

// The validation can fail: the openqda codebook, whose GUIDs miss the
// pattern (SOURCES.md), does not validate.
func TestValidationRejects(t *testing.T) {
	path := filepath.Join(sharedDir(t), "samples", "openqda-refi-tools", "example_codebook.qdc")
	if out, err := xmllint(t, path); err == nil || !bytes.Contains(out, []byte("pattern")) {
		t.Errorf("xmllint accepted %s: %v\n%s", path, err, out)
	}
}

func TestWriteCodebookRejects(t *testing.T) {
	ok := func() *Code { return &Code{GUID: StableGUID("x"), Name: "X", IsCodable: true} }
	tests := []struct {
		name string
		cb   *Codebook
		want string
	}{
		{"no codes", &Codebook{}, "at least one code"},
		{"GUID off the pattern", &Codebook{Codes: []*Code{{GUID: "c001", Name: "A"}}}, `GUID "c001" does not match the standard's pattern: use StableGUID`},
		{"no GUID", &Codebook{Codes: []*Code{{Name: "A"}}}, `GUID "" does not match`},
		{"no name", &Codebook{Codes: []*Code{{GUID: StableGUID("a")}}}, "has no name"},
		{"same GUID twice", &Codebook{Codes: []*Code{ok(), {GUID: StableGUID("x"), Name: "Y", Children: nil}}}, `codes "X" and "Y" have the same GUID`},
		{"bad colour", &Codebook{Codes: []*Code{{GUID: StableGUID("a"), Name: "A", Color: "red"}}}, `colour "red" is not #rrggbb`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := WriteCodebook(&buf, tt.cb)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one with %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes of an invalid codebook", buf.Len())
			}
		})
	}
}

// checkGolden compares got with testdata/<name>; -update rewrites it.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run 'go test ./coding/refi -update' to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what was written:\n%s\n(run 'go test ./coding/refi -update' if the change is intended)", path, got)
	}
}
