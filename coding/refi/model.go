package refi

// Project is what a REFI-QDA project holds that a study of coded text needs.
// Slices keep the order of the XML file. GUIDs are trimmed, lower-cased and
// stripped of braces, so that references written in either form match.
type Project struct {
	Name   string // the project's name attribute
	Origin string // the exporting program, e.g. "NVivo for Windows 12.6"
	// QDE is the project's XML file inside the project ("project.qde"),
	// which the Line fields count in.
	QDE string
	// Unit is how the file counted selection positions (UnitCodePoints or
	// UnitUTF16): what Options.Unit said, or what was detected.
	Unit       Unit
	Users      []User
	Codes      []*Code // the top-level codes; each holds its children
	Variables  []Variable
	Cases      []Case
	Sources    []TextSource
	Selections []Selection // of every text source, in file order
	// Warnings are departures from the standard that were read anyway, and
	// parts of the project that were left out. They name the file inside the
	// project where that helps, not the project itself.
	Warnings []string
}

// Codebook is the code tree of a .qdc file.
type Codebook struct {
	Origin   string  // the exporting program
	Codes    []*Code // the top-level codes; each holds its children
	Warnings []string
}

// A User is someone who created or changed codings in the project.
type User struct {
	GUID string
	Name string
	ID   string // a short id some programs add (NVivo: initials); often empty
}

// A Code is one node of the code tree.
type Code struct {
	GUID        string
	Name        string
	Description string // surrounding white space trimmed; a memo in ATLAS.ti
	Color       string // "#rrggbb" as written, or empty
	IsCodable   bool   // false for a folder-like code that only groups others
	Parent      string // GUID of the parent code; empty at the top
	// Path is the names from the top-level code down to this one.
	Path     []string
	Children []*Code
	Line     int // where the code starts in the XML file
}

// All returns codes and all their descendants, each parent before its
// children, in file order.
func All(codes []*Code) []*Code {
	var out []*Code
	var walk func([]*Code)
	walk = func(cs []*Code) {
		for _, c := range cs {
			out = append(out, c)
			walk(c.Children)
		}
	}
	walk(codes)
	return out
}

// A TextSource is one plain-text document, such as an interview transcript.
type TextSource struct {
	GUID string
	// Name is the name attribute, else the base name of the text file, else
	// the GUID.
	Name string
	// Path is the plainTextPath as written ("internal://x.txt"), empty when
	// the text is inline in the XML.
	Path string
	// Text is the decoded text: UTF-8, without a byte-order mark, line ends
	// as in the file (a CRLF is two characters, as the positions count it).
	Text        string
	Description string
	Values      []VariableValue // the source's own variables
	Line        int
}

// A Selection is a stretch of a text source with the codes it carries. One
// selection can carry several codings.
type Selection struct {
	GUID       string
	Name       string
	SourceGUID string
	// Start and End are rune offsets into the source's Text, End exclusive:
	// Quote == string([]rune(Text)[Start:End]).
	Start, End int
	// RawStart and RawEnd are the positions as the file wrote them, in
	// Project.Unit.
	RawStart, RawEnd int
	Quote            string
	CreatingUser     string // GUID of a User, or empty
	Description      string // ATLAS.ti writes its quotation memos here
	Codings          []Coding
	Line             int
}

// A Coding applies one code to a selection.
type Coding struct {
	GUID         string
	CodeGUID     string
	CreatingUser string // GUID of a User, or empty
}

// A Variable is an attribute that cases and sources can have a value of.
type Variable struct {
	GUID        string
	Name        string
	Type        string // Text, Boolean, Integer, Float, Date or DateTime
	Description string
}

// A VariableValue is one case's or source's value of a variable, as written
// in the XML (e.g. "34", "true", "2024-01-15").
type VariableValue struct {
	VariableGUID string
	Name         string // the variable's name
	Type         string // the element it came in: Text, Boolean, Integer, ...
	Value        string
}

// A Case groups sources and selections about one unit of analysis, such as
// a respondent, and holds that unit's variable values.
type Case struct {
	GUID           string
	Name           string
	Description    string
	Values         []VariableValue
	CodeGUIDs      []string // codes applied to the case as a whole
	SourceGUIDs    []string // text sources of the case
	SelectionGUIDs []string // text selections of the case
	Line           int
}

// Unit is what selection positions count.
type Unit string

// The units positions can be read in. The standard says code points; NVivo
// writes UTF-16 code units. They differ only in texts with characters
// outside the Basic Multilingual Plane, such as emoji.
const (
	UnitAuto       Unit = "auto"
	UnitCodePoints Unit = "codepoints"
	UnitUTF16      Unit = "utf16"
)

// DefaultMaxEntryBytes bounds the bytes read from one file of a project,
// so that a crafted archive cannot exhaust memory.
const DefaultMaxEntryBytes int64 = 1 << 30

// Limits on a zipped project beside the size of each file: a project with
// more entries, or an entry that inflates more than MaxRatio times its
// compressed size (beyond its first MiB), is refused as a zip bomb. A real
// project has a few files per source and text compresses about 3 to 10 times.
const (
	MaxEntries = 10_000
	MaxRatio   = 200
)

// Options tune ReadProject. The zero value is the default.
type Options struct {
	// Unit is what the file's positions count; "" or UnitAuto detects it.
	Unit Unit
	// MaxEntryBytes caps the uncompressed size of any one file read from the
	// project; 0 means DefaultMaxEntryBytes.
	MaxEntryBytes int64
}
