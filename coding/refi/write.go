package refi

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// rgbPattern is the schema's RGBType.
var rgbPattern = regexp.MustCompile(`^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$`)

// WriteCodebook writes cb as a REFI-QDA codebook (.qdc) that validates
// against the standard's Codebook.xsd: codes nested under their parents, in
// cb's order, with their description, colour and isCodable. The same
// codebook always gives the same bytes.
//
// Every code needs a name and a GUID matching the standard's pattern, unique
// in the codebook; give a study's codes StableGUID(id) so that they keep
// their GUIDs from one export to the next. Origin defaults to "cimo".
func WriteCodebook(w io.Writer, cb *Codebook) error {
	if err := checkCodebook(cb); err != nil {
		return fmt.Errorf("refi: write codebook: %w", err)
	}
	bw := bufio.NewWriter(w)
	origin := cb.Origin
	if origin == "" {
		origin = "cimo"
	}
	fmt.Fprintf(bw, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook xmlns=%q origin=\"%s\">\n  <Codes>\n", codebookNS, escape(origin))
	for _, c := range cb.Codes {
		writeCode(bw, c, 2)
	}
	bw.WriteString("  </Codes>\n</CodeBook>\n")
	return bw.Flush()
}

func writeCode(w *bufio.Writer, c *Code, depth int) {
	indent := strings.Repeat("  ", depth)
	fmt.Fprintf(w, "%s<Code guid=\"%s\" name=\"%s\" isCodable=\"%t\"", indent, normGUID(c.GUID), escape(c.Name), c.IsCodable)
	if c.Color != "" {
		fmt.Fprintf(w, " color=\"%s\"", c.Color)
	}
	if c.Description == "" && len(c.Children) == 0 {
		w.WriteString("/>\n")
		return
	}
	w.WriteString(">\n")
	if c.Description != "" {
		// A line break stays one in element text, where XML keeps it as is.
		fmt.Fprintf(w, "%s  <Description>%s</Description>\n", indent, strings.ReplaceAll(escape(c.Description), "&#xA;", "\n"))
	}
	for _, ch := range c.Children {
		writeCode(w, ch, depth+1)
	}
	fmt.Fprintf(w, "%s</Code>\n", indent)
}

// escape makes s safe as XML text or a double-quoted attribute value.
func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// checkCodebook reports what would make the written file invalid.
func checkCodebook(cb *Codebook) error {
	if cb == nil || len(cb.Codes) == 0 {
		return errors.New("a codebook needs at least one code")
	}
	seen := map[string]string{}
	for _, c := range All(cb.Codes) {
		g := normGUID(c.GUID)
		switch {
		case c.Name == "":
			return fmt.Errorf("code with GUID %q has no name", c.GUID)
		case !guidPattern.MatchString(g):
			return fmt.Errorf("code %q: GUID %q does not match the standard's pattern: use StableGUID", c.Name, c.GUID)
		case seen[g] != "":
			return fmt.Errorf("codes %q and %q have the same GUID %s", seen[g], c.Name, g)
		case c.Color != "" && !rgbPattern.MatchString(c.Color):
			return fmt.Errorf("code %q: colour %q is not #rrggbb or #rgb", c.Name, c.Color)
		}
		seen[g] = c.Name
	}
	return nil
}
