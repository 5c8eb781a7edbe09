package reports

import (
	"html/template"
	"strings"
	"testing"
)

// rowsTemplate is how the page template wrote a table's rows before Body:
// the reference Body must match byte for byte.
var rowsTemplate = template.Must(template.New("rows").Parse(`
{{- range .Rows}}
<tr>{{range .}}<td{{if .Numeric}} class="n"{{else if .Long}} class="wide long"{{else if .Wide}} class="wide"{{end}}>{{if .Href}}<a href="{{.Href}}">{{.Text}}</a>{{else}}{{.Text}}{{end}}</td>{{end}}</tr>
{{- end}}`))

func TestBodyWritesWhatTheTemplateWrote(t *testing.T) {
	tests := []struct {
		name string
		rows [][]htmlCell
	}{
		{"none", nil},
		{"plain", [][]htmlCell{{{Text: "C1"}, {Text: "12", Numeric: true}}, {{Text: ""}, {Text: "0", Numeric: true}}}},
		{"classes", [][]htmlCell{{{Text: "a long text of more than thirty characters", Wide: true},
			{Text: strings.Repeat("x", 41), Long: true, Wide: true}, {Text: "3", Numeric: true, Wide: true}}}},
		{"escaped", [][]htmlCell{{{Text: `<b>"Ik" & 'jij' + 1 > 0</b>`}, {Text: "nul\x00byte"}, {Text: "ongeldig \xff\xfe utf-8"},
			{Text: "ë é — \ufdd0 \uffff"}}}},
		{"links", [][]htmlCell{{{Text: "WP1 & co", Href: "WP1/index.html"}, {Text: "x", Href: "a b/c?d=e&f=\"g\"#h"},
			{Text: "js", Href: "javascript:alert(1)"}, {Text: "5", Numeric: true, Href: "all/index.html"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := &htmlTable{Rows: tt.rows}
			var want strings.Builder
			if err := rowsTemplate.Execute(&want, tab); err != nil {
				t.Fatal(err)
			}
			got, err := tab.Body()
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != want.String() {
				t.Errorf("Body:\n%q\nthe template wrote:\n%q", got, want.String())
			}
		})
	}
}
