package coding

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/cimo-tool/cimo/coding/refi"
)

// A Project is one REFI-QDA project of a study (a .qdpx, a .qde, or an
// unzipped project folder) and how what its QDA program holds becomes the
// study's: text sources become interviews, cases the interviews' cases,
// variables respondent attributes, and coded text selections segments.
type Project struct {
	File string // relative to Sources.Dir
	// WorkPackage is the work package of the interviews the project adds;
	// it may be empty when interviews.csv lists every source.
	WorkPackage string
	Unit        refi.Unit // what selection positions count; "" detects it
	// CodeIDs reads the ids of the project's codes from their names, to
	// find them in a codebook that is not this project's own.
	CodeIDs CodeIDs
	// Variables maps respondent attributes (RespondentVariables) to the
	// names of the case or source variables that hold them.
	Variables map[string]string
}

// RespondentVariables are what a project's variables may give a respondent.
var RespondentVariables = []string{"respondent_id", "role", "city", "organisation"}

// REFICodebook says how the codes of a REFI-QDA file become the study's
// codebook, when Sources.Codebook names such a file.
type REFICodebook struct {
	CodeIDs CodeIDs
	// Dimensions maps top-level codes, by id or by name, to C, I, M or O.
	// A top-level code it does not map is left out with all below it: QDA
	// codebooks hold other codes too.
	Dimensions map[string]string
}

// CodeIDs is how a REFI-QDA code's name gives its id and label. QDA
// programs know codes by name only; a codebook of the study needs ids.
type CodeIDs string

const (
	// CodeIDsName: the whole name is the id, and the label.
	CodeIDsName CodeIDs = "name"
	// CodeIDsPrefix: the first word of the name is the id, the rest the
	// label ("I1.1 Genoeg tijd"), as cimo names codes in the .qdc it writes.
	CodeIDsPrefix CodeIDs = "prefix"
	// CodeIDsPath: the names from the top-level code down, joined by "/",
	// are the id and the name the label; for code trees whose names repeat
	// under different parents.
	CodeIDsPath CodeIDs = "path"
)

// ParseCodeIDs reads code_ids as a study file gives it; "" is CodeIDsName.
func ParseCodeIDs(s string) (CodeIDs, bool) {
	switch c := CodeIDs(strings.ToLower(strings.TrimSpace(s))); c {
	case "":
		return CodeIDsName, true
	case CodeIDsName, CodeIDsPrefix, CodeIDsPath:
		return c, true
	}
	return "", false
}

// CodeIDModes are the values code_ids may take, for messages.
var CodeIDModes = []string{string(CodeIDsName), string(CodeIDsPrefix), string(CodeIDsPath)}

// idLabel is the id and label code c gets under ids.
func (ids CodeIDs) idLabel(c *refi.Code) (id, label string) {
	name := strings.TrimSpace(c.Name)
	switch ids {
	case CodeIDsPrefix:
		k := strings.IndexFunc(name, unicode.IsSpace)
		if k < 0 {
			return name, name // a name of one word is its own label
		}
		return name[:k], strings.TrimSpace(name[k:])
	case CodeIDsPath:
		parts := make([]string, len(c.Path))
		for i, p := range c.Path {
			parts[i] = strings.TrimSpace(p)
		}
		return strings.Join(parts, "/"), name
	}
	return name, name
}

// refiExtensions are the files read as REFI-QDA.
var refiExtensions = []string{".qdpx", ".qde", ".qdc"}

// IsREFI says whether path (as it can be opened) is read as REFI-QDA: a
// .qdpx project, a .qde project file, a .qdc codebook, or a folder holding
// an unzipped project.
func IsREFI(path string) bool {
	if slices.Contains(refiExtensions, strings.ToLower(filepath.Ext(path))) {
		return true
	}
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// IsREFICodebook says whether file is a REFI-QDA codebook (.qdc) rather
// than a project.
func IsREFICodebook(file string) bool { return strings.EqualFold(filepath.Ext(file), ".qdc") }
