package reports

import (
	"html/template"
	"strings"
)

// Body is the table's rows as HTML, written here rather than by the page
// template: html/template looks up every field of every cell by reflection
// (up to 500 rows of 19 cells a table), which took most of the report's
// time after the scopes were done. The markup and its escaping are the
// template's own, byte for byte: text is escaped as html/template escapes
// element content (htmlEscape), and a cell's link goes through a template
// of its own, for the escaping of a URL in an attribute.
func (t *htmlTable) Body() (template.HTML, error) {
	var b strings.Builder
	for _, row := range t.Rows {
		b.WriteString("\n<tr>")
		for _, c := range row {
			b.WriteString("<td")
			switch {
			case c.Numeric:
				b.WriteString(` class="n"`)
			case c.Long:
				b.WriteString(` class="wide long"`)
			case c.Wide:
				b.WriteString(` class="wide"`)
			}
			b.WriteByte('>')
			if c.Href != "" {
				if err := cellLinkTemplate.Execute(&b, c); err != nil {
					return "", err
				}
			} else {
				htmlEscape(&b, c.Text)
			}
			b.WriteString("</td>")
		}
		b.WriteString("</tr>")
	}
	return template.HTML(b.String()), nil
}

var cellLinkTemplate = template.Must(template.New("link").Parse(`<a href="{{.Href}}">{{.Text}}</a>`))

// htmlEscape writes s as html/template writes a string in element content
// (its htmlEscaper): NUL becomes U+FFFD, and " & ' + < > character
// references; every other byte is written as it is.
func htmlEscape(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		last = i + 1
	}
	b.WriteString(s[last:])
}
