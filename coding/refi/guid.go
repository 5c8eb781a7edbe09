package refi

import (
	"crypto/sha1"
	"fmt"
	"regexp"
	"strings"
)

// guidPattern is the schema's GUIDType, braces optional.
var guidPattern = regexp.MustCompile(`^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$`)

// normGUID is the form GUIDs are kept and compared in: trimmed, without
// braces, lower-case, since programs differ in how they write the same GUID.
func normGUID(g string) string {
	g = strings.TrimSpace(g)
	if len(g) == 38 && g[0] == '{' && g[37] == '}' {
		g = g[1:37]
	}
	return strings.ToLower(g)
}

// guidCheck counts the GUIDs of one file that miss the schema's pattern, so
// that a file full of them ("c001") gives one warning, not hundreds.
type guidCheck struct {
	bad   int
	first string
}

func (g *guidCheck) see(raw string) {
	if raw == "" || guidPattern.MatchString(strings.TrimSpace(raw)) {
		return
	}
	if g.bad == 0 {
		g.first = raw
	}
	g.bad++
}

func (g *guidCheck) warning() string {
	if g.bad == 0 {
		return ""
	}
	return fmt.Sprintf("%d GUIDs do not match the standard's GUID pattern (the first is %q); they were read as they are, but other programs may reject the file", g.bad, g.first)
}

// codeNamespace is the UUID namespace of StableGUID: the version-5 UUID of
// the URL "https://github.com/cimo-tool/cimo/refi-qda/code" in the URL
// namespace (RFC 9562), fixed so that GUIDs never change between versions.
var codeNamespace = uuid5([16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8},
	"https://github.com/cimo-tool/cimo/refi-qda/code")

// StableGUID is the GUID a study's code id gets in a written codebook: a
// version-5 (name-based, SHA-1) UUID of id, so that the same code has the
// same GUID in every export and QDA programs can merge re-imports.
func StableGUID(id string) string {
	return formatUUID(uuid5(codeNamespace, id))
}

// uuid5 is RFC 9562's name-based UUID, version 5.
func uuid5(ns [16]byte, name string) [16]byte {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // variant 10
	return u
}

func formatUUID(u [16]byte) string {
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
