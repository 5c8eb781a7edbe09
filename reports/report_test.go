package reports

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// OWASP's "CSV Injection" page names the characters a spreadsheet reads as
// the start of a formula: = + - @, tab and carriage return.
func TestNeutralise(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{"+31 20 123", "'+31 20 123"},
		{"-Geen contact", "'-Geen contact"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tI1", "'\tI1"},
		{"\rI1", "'\rI1"},
		{"-1+2", "'-1+2"},      // a formula, not a number
		{"-", "'-"},            // a lone sign is no number
		{"1e5", "1e5"},         // does not start with a formula character
		{"-0.5", "-0.5"},       // numbers stay numbers
		{"-3", "-3"},           // a negative count
		{"+2", "+2"},           // a signed number
		{"0.0000", "0.0000"},   // p
		{"<0.0001", "<0.0001"}, // not a formula character
		{"<5", "<5"},           // a withheld count
		{"Cliënt", "Cliënt"},
		{"", ""},
		{" =1+1", " =1+1"}, // a leading space makes it text in Excel and LibreOffice
	} {
		assert.Equal(t, tt.want, neutralise(tt.in), "%q", tt.in)
	}
}

func TestSuppressedCounts(t *testing.T) {
	for _, tt := range []struct {
		cell    string
		minCell int
		want    bool
	}{
		{"1", 5, true}, {"4", 5, true}, {"5", 5, false}, {"0", 5, false}, // zero counts nobody
		{"2", 3, true}, {"3", 3, false}, {"1", 1, false}, {"1", 0, false}, // 0 and 1 are off
		{"1.5", 5, false}, {"", 5, false}, {"x", 5, false}, {"-1", 5, false},
	} {
		assert.Equal(t, tt.want, suppressed(tt.cell, tt.minCell), "%q with K=%d", tt.cell, tt.minCell)
	}
	assert.Equal(t, "C1.1 (<3: <3 hindering); C1.2 (4: <3 promoting, <3 hindering)",
		suppressInParens("C1.1 (1: 1 hindering); C1.2 (4: 2 promoting, 2 hindering)", 3))
	assert.Equal(t, "C1.2 (4: <3 promoting, <3 hindering)", suppressInParens("C1.2 (4: 2 promoting, 2 hindering)", 3))
	assert.Equal(t, "C1.1 (12)", suppressInParens("C1.1 (12)", 3), "the 1s of a code and of 12 are no counts")
	assert.Equal(t, "C1.1 (1)", suppressInParens("C1.1 (1)", 0), "off")
}

// csvFiles lists every CSV of the scope folders under out, as scope and
// name inside the scope folder.
func csvFiles(t *testing.T, out string) [][2]string {
	t.Helper()
	var files [][2]string
	require.NoError(t, filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".csv" {
			return err
		}
		rel, _ := filepath.Rel(out, path)
		scope, name, _ := strings.Cut(filepath.ToSlash(rel), "/")
		files = append(files, [2]string{scope, name})
		return nil
	}))
	return files
}

// Every table a run writes declares its columns (specFor knows it), and
// every column a declaration names is in the table, so that a renamed
// column cannot silently escape suppression.
func TestSpecsMatchTables(t *testing.T) {
	out := writeAnalysesStudy(t, nil)
	files := csvFiles(t, out)
	require.Len(t, files, 4*(len(specs)+10), "every scope: the tables of specs and ten matrices")
	for _, f := range files {
		header := readRecords(t, filepath.Join(out, f[0], f[1]))[0]
		spec, ok := specFor(f[1], header)
		require.True(t, ok, "%s has no spec", f[1])
		var named []string
		named = append(named, spec.counts...)
		named = append(named, spec.numbers...)
		named = append(named, spec.inParens...)
		for c, srcs := range spec.derived {
			named = append(named, c)
			named = append(named, srcs...)
		}
		for _, c := range named {
			assert.Contains(t, header, c, "%s declares a column it does not have", f[1])
		}
		for _, u := range spec.units {
			assert.Contains(t, nUnits, u, "%s: unknown unit", f[1])
		}
	}
}

// With --min-cell 3 every count of 1 or 2 reads "<3" and every cell
// computed from one reads "x"; everything else is as without it. The
// expectation is read from the same study written without suppression.
func TestMinCell(t *testing.T) {
	plain := writeAnalysesStudy(t, nil)
	out := writeAnalysesFrom(t, filepath.Join("testdata", "analyses"), func(o *Options) { o.MinCell = 3 })
	small := func(s string) bool { return s == "1" || s == "2" }
	inParens := regexp.MustCompile(`[( ]([12])[:) ]`)
	withheld, derived := 0, 0
	for _, f := range csvFiles(t, plain) {
		want := readRecords(t, filepath.Join(plain, f[0], f[1]))
		got := readRecords(t, filepath.Join(out, f[0], f[1]))
		require.Equal(t, len(want), len(got), f)
		spec, _ := specFor(f[1], want[0])
		col := map[string]int{}
		for i, h := range want[0] {
			col[h] = i
		}
		for r := 1; r < len(want); r++ {
			for i, h := range want[0] {
				orig, cell := want[r][i], got[r][i]
				switch {
				case slices.Contains(spec.counts, h) && small(orig):
					assert.Equal(t, "<3", cell, "%v row %d %s", f, r, h)
					withheld++
				case spec.derived[h] != nil && orig != "" && slices.ContainsFunc(spec.derived[h], func(src string) bool {
					return small(want[r][col[src]])
				}):
					assert.Equal(t, "x", cell, "%v row %d %s (from %v)", f, r, h, spec.derived[h])
					derived++
				case slices.Contains(spec.inParens, h) && inParens.MatchString(orig):
					assert.NotRegexp(t, inParens, cell, "%v row %d %s", f, r, h)
					assert.Contains(t, cell, "<3")
				default:
					assert.Equal(t, orig, cell, "%v row %d %s", f, r, h)
				}
			}
		}
	}
	assert.Positive(t, withheld, "the study has small counts")
	assert.Positive(t, derived, "and shares computed from them")

	summary, err := os.ReadFile(filepath.Join(out, "summary.md"))
	require.NoError(t, err)
	assert.NotRegexp(t, `\| [12] \|`, string(summary), "no small count in the summary")
	assert.Contains(t, string(summary), "--min-cell 3")
	md, err := os.ReadFile(filepath.Join(out, "A", "tables", "codes.md"))
	require.NoError(t, err)
	assert.Contains(t, string(md), `\<3`, "the Markdown table has the mark")
	page, err := os.ReadFile(filepath.Join(out, "A", "index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(page), "&lt;3", "the HTML page has the mark")
}

// copyStudy copies testdata/analyses into a temporary folder, with edits:
// file name -> old -> new.
func copyStudy(t *testing.T, edits map[string][][2]string) string {
	t.Helper()
	src := filepath.Join("testdata", "analyses")
	dir := t.TempDir()
	entries, err := os.ReadDir(src)
	require.NoError(t, err)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		require.NoError(t, err)
		s := string(b)
		for _, ed := range edits[e.Name()] {
			require.Contains(t, s, ed[0], "%s", e.Name())
			s = strings.ReplaceAll(s, ed[0], ed[1])
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, e.Name()), []byte(s), 0o644))
	}
	return dir
}

// A codebook label and a city that a spreadsheet would run as formulas
// come out as text in every CSV and in the workbook, and as written in
// the HTML and Markdown, which nothing executes.
func TestFormulasNeutralised(t *testing.T) {
	const link = `=HYPERLINK("http://example.org","click")`
	dir := copyStudy(t, map[string][][2]string{
		"codebook.csv":    {{"C2,City,C,", `C2,"=HYPERLINK(""http://example.org"",""click"")",C,`}, {"C3,Organisation,C,", "C3,-1+2,C,"}},
		"respondents.csv": {{"Haarlem", "@Haarlem"}},
	})
	out := writeAnalysesFrom(t, dir, func(*Options) {})
	for _, f := range csvFiles(t, out) {
		for _, rec := range readRecords(t, filepath.Join(out, f[0], f[1])) {
			for _, c := range rec {
				if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
					assert.Regexp(t, plainNumber, c, "%v: a cell a spreadsheet would run", f)
				}
			}
		}
	}
	codes := readRecords(t, filepath.Join(out, "A", "codes.csv"))
	assert.True(t, slices.ContainsFunc(codes, func(r []string) bool { return r[0] == "C2" && r[1] == "'"+link }), "the label as text")
	assert.True(t, slices.ContainsFunc(codes, func(r []string) bool { return r[0] == "C3" && r[1] == "'-1+2" }), "a formula, not a number")
	city := readRecords(t, filepath.Join(out, "all", "crosstab_city.csv"))
	assert.True(t, slices.ContainsFunc(city, func(r []string) bool { return r[4] == "'@Haarlem" }), "the city as text")

	wb, err := excelize.OpenFile(filepath.Join(out, WorkbookFile))
	require.NoError(t, err)
	defer wb.Close()
	rows, err := wb.GetRows("A codes")
	require.NoError(t, err)
	found := false
	for i, r := range rows {
		if r[0] == "C2" {
			found = true
			assert.Equal(t, "'"+link, r[1])
			cell, _ := excelize.CoordinatesToCellName(2, i+1)
			formula, err := wb.GetCellFormula("A codes", cell)
			require.NoError(t, err)
			assert.Empty(t, formula, "no formula in the workbook")
		}
	}
	assert.True(t, found, "C2 is on the sheet")

	page, err := os.ReadFile(filepath.Join(out, "A", "index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(page), `>=HYPERLINK(&#34;http://example.org&#34;,&#34;click&#34;)</td>`, "HTML shows the text, escaped")
	md, err := os.ReadFile(filepath.Join(out, "A", "tables", "codes.md"))
	require.NoError(t, err)
	assert.Contains(t, string(md), `| =HYPERLINK("http://example.org","click") |`)
}

// The workbook has a contents sheet and a sheet per table, each with its
// header frozen, widths set and numbers as numbers, and the same bytes on
// every run.
func TestWorkbook(t *testing.T) {
	out := writeAnalysesStudy(t, nil)
	files := csvFiles(t, out)
	wb, err := excelize.OpenFile(filepath.Join(out, WorkbookFile))
	require.NoError(t, err)
	defer wb.Close()
	sheets := wb.GetSheetList()
	require.Len(t, sheets, 1+len(files))
	assert.Equal(t, "Contents", sheets[0])
	contents, err := wb.GetRows("Contents")
	require.NoError(t, err)
	require.Len(t, contents, 1+len(files))
	listed := map[string]bool{}
	for i, r := range contents[1:] {
		assert.Equal(t, sheets[i+1], r[0], "the contents name each sheet in order")
		listed[r[2]] = true
		assert.LessOrEqual(t, len([]rune(r[0])), 31)
		assert.NotEmpty(t, r[3], "a caption")
	}
	for _, f := range files {
		assert.True(t, listed[f[0]+"/"+f[1]], "%v is in the workbook", f)
	}

	assert.Equal(t, 0, wb.GetActiveSheetIndex(), "the workbook opens on its contents")
	panes, err := wb.GetPanes("A codes")
	require.NoError(t, err)
	assert.True(t, panes.Freeze)
	assert.Equal(t, 1, panes.YSplit)
	rows, err := wb.GetRows("A codes")
	require.NoError(t, err)
	assert.Equal(t, readRecords(t, filepath.Join(out, "A", "codes.csv")), rows, "the sheet holds the CSV")
	// A number cell has no type attribute (excelize reads it as unset); a
	// text cell is a string.
	typ, err := wb.GetCellType("A codes", "E2")
	require.NoError(t, err)
	assert.Contains(t, []excelize.CellType{excelize.CellTypeNumber, excelize.CellTypeUnset}, typ, "segments is a number")
	typ, err = wb.GetCellType("A codes", "B2")
	require.NoError(t, err)
	assert.Contains(t, []excelize.CellType{excelize.CellTypeSharedString, excelize.CellTypeInlineString}, typ, "a label is text")
	w, err := wb.GetColWidth("A codes", "B")
	require.NoError(t, err)
	assert.Equal(t, columnWidths(rows)[1], w, "the label column as wide as its longest label, and 2")

	again := writeAnalysesStudy(t, nil)
	a, err := os.ReadFile(filepath.Join(out, WorkbookFile))
	require.NoError(t, err)
	b, err := os.ReadFile(filepath.Join(again, WorkbookFile))
	require.NoError(t, err)
	assert.True(t, bytes.Equal(a, b), "two runs give the same workbook")
}

// needTool finds a program the test needs, installing it through .ci/deps
// when missing; the test is skipped, saying why, only if that fails.
func needTool(t *testing.T, name string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	deps := filepath.Join("..", ".ci", "deps")
	if out, err := exec.Command(deps).CombinedOutput(); err != nil {
		t.Skipf("%s is not installed and %s could not install it: %v\n%s", name, deps, err, out)
	}
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not installed and %s did not install it", name, deps)
	}
	return p
}

// The PDF figure's text comes back out as written, Dutch letters and all,
// read by poppler's pdftotext (an independent reader); its font is
// embedded; it has no date and the same bytes on every run.
func TestPDFFigureText(t *testing.T) {
	pdftotext := needTool(t, "pdftotext")
	dir := t.TempDir()
	chart := BarChart{Title: "Tijdlijn van een cliënt: ë, é, ï en ü", Axis: "respondenten",
		Bars: []Bar{{Label: "Creëren basisvoorwaarden", Value: 3}, {Label: "Cocreatie en continuïteit", Value: 2},
			{Label: "Overvraging vóór de breuk — één keer", Value: 1}, {Label: "Ülker’s netwerk", Value: 0}}}
	require.NoError(t, WriteBarChart(chart, dir, "fig"))
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", filepath.Join(dir, "fig.pdf"), "-").Output()
	require.NoError(t, err)
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"Tijdlijn van een cliënt: ë, é, ï en ü", "Creëren basisvoorwaarden",
		"Cocreatie en continuïteit", "Overvraging vóór de breuk — één keer", "Ülker’s netwerk", "respondenten"} {
		assert.Contains(t, text, want)
	}
	b, err := os.ReadFile(filepath.Join(dir, "fig.pdf"))
	require.NoError(t, err)
	assert.Contains(t, string(b), "/FontFile2", "a TrueType font is embedded")
	assert.NotContains(t, string(b), "/CreationDate")
	assert.NotContains(t, string(b), "/ModDate")
	require.NoError(t, WriteBarChart(chart, dir, "fig2"))
	b2, err := os.ReadFile(filepath.Join(dir, "fig2.pdf"))
	require.NoError(t, err)
	assert.True(t, bytes.Equal(b, b2), "same bytes")
}

var linkAttr = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// Every link and image of every page leads to a file the run wrote (and to
// an element, for a #fragment), and every CSV of a scope is linked from its
// pages.
func TestHTMLLinks(t *testing.T) {
	out := writeAnalysesStudy(t, nil)
	ids := map[string]map[string]bool{}
	pages := map[string]string{}
	require.NoError(t, filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".html" {
			return err
		}
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		pages[path] = string(b)
		ids[path] = map[string]bool{}
		for _, m := range regexp.MustCompile(`id="([^"]*)"`).FindAllStringSubmatch(string(b), -1) {
			assert.False(t, ids[path][m[1]], "%s: id %s twice", path, m[1])
			ids[path][m[1]] = true
		}
		return nil
	}))
	require.Len(t, pages, 2+2*len(analysesScopes), "home, codebook, and two pages per scope")
	linked := map[string]bool{}
	for page, body := range pages {
		for _, m := range linkAttr.FindAllStringSubmatch(body, -1) {
			href := m[1]
			require.NotContains(t, href, "://", "%s: no network", page)
			file, frag, _ := strings.Cut(href, "#")
			target := page
			if file != "" {
				target = filepath.Join(filepath.Dir(page), filepath.FromSlash(file))
				_, err := os.Stat(target)
				assert.NoError(t, err, "%s links to %s", page, href)
				linked[target] = true
			}
			if frag != "" {
				assert.True(t, ids[target][frag], "%s links to #%s", page, frag)
			}
		}
	}
	for _, f := range csvFiles(t, out) {
		assert.True(t, linked[filepath.Join(out, f[0], filepath.FromSlash(f[1]))], "%v is in the report", f)
	}
}

// Quotes appear in no output unless asked for; then on the codebook page
// only, with respondent and role, readable by the owner only.
func TestQuotes(t *testing.T) {
	// Every row gets a quote column; one segment gets a quote.
	src, err := os.ReadFile(filepath.Join("testdata", "analyses", "segments_a.csv"))
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSuffix(string(src), "\n"), "\n")
	for i := range lines {
		switch {
		case i == 0:
			lines[i] += ",quote"
		case strings.HasPrefix(lines[i], "IA1,S1,I1a,"):
			lines[i] += ",QUOTE-MARKER about shame"
		default:
			lines[i] += ","
		}
	}
	dir := copyStudy(t, nil)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "segments_a.csv"), []byte(strings.Join(lines, "\n")+"\n"), 0o644))
	for _, include := range []bool{false, true} {
		out := writeAnalysesFrom(t, dir, func(o *Options) { o.IncludeQuotes = include })
		require.NoError(t, filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(path, ".duckdb") || (include && filepath.Base(path) == "codebook.html") {
				return err
			}
			b, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.NotContains(t, string(b), "QUOTE-MARKER", path)
			return nil
		}))
		page, err := os.ReadFile(filepath.Join(out, "codebook.html"))
		require.NoError(t, err)
		info, err := os.Stat(filepath.Join(out, "codebook.html"))
		require.NoError(t, err)
		if !include {
			assert.NotContains(t, string(page), "QUOTE-MARKER")
			assert.Equal(t, os.FileMode(0o644), info.Mode().Perm())
			continue
		}
		assert.Contains(t, string(page), "<blockquote>QUOTE-MARKER about shame</blockquote><p class=\"who\">respondent R1, role client (A)</p>")
		assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "a page with quotes is the owner's only")
	}
}

// The pages of the small study are pinned: run go test ./reports -update
// after a deliberate change and look at the diff (and the pages).
func TestHTMLGolden(t *testing.T) {
	out := writeAnalysesStudy(t, nil)
	for _, page := range []string{"index.html", "A/index.html", "A/matrices/index.html", "codebook.html"} {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
		require.NoError(t, err)
		checkGolden(t, "report/"+page, b)
	}
}

// Markdown and LaTeX escape what their syntax would take for markup, and
// keep the caption; pinned on a table made to need it.
func TestTextTables(t *testing.T) {
	recs := [][]string{
		{"code", "label", "segments", "segments_pct", "note"},
		{"I1", "Cliënt | naaste_1 *samen* [x] #2 <b>", "3", "37.5", "alpha ≥ 0,800; 50% & $5 ~ ^ {a} \\ −1 × 2"},
		{"I2", "two\nlines", "<5", "x", ""},
	}
	numeric := func(c string) bool { return c == "segments" || c == "segments_pct" }
	checkGolden(t, "report/table.md", markdownTable("WP1 — Codes (n = 8 coded segments)", recs, numeric))
	checkGolden(t, "report/table.tex", latexTable("WP1 — Codes (n = 8 coded segments)", latexLabel("WP1", "codes"), recs, numeric))
}

// Every figure of a study gives an intervention category the same colour.
func TestCategoryColours(t *testing.T) {
	chart := categoryChart([][]string{{"category", "label", "dimension", "segments", "respondents", "cases"},
		{"C1", "c", "C", "1", "1", "1"}, {"I1", "a", "I", "1", "4", "1"}, {"I2", "b", "I", "1", "<3", "1"}}, "en", Scope{ID: "A"})
	require.Len(t, chart.Bars, 2)
	assert.Equal(t, categoryColor(0), chart.Bars[0].Color)
	assert.Equal(t, categoryColor(1), chart.Bars[1].Color)
	assert.Equal(t, "<3", chart.Bars[1].Text, "a withheld count is printed, not drawn")
	flow := FlowChart{}
	l := flowLayout{f: flow}
	assert.Equal(t, categoryColor(1), l.color(1), "the flow's bands, as the timelines' dots (drawCategoryDot)")
	assert.Len(t, categoryPalette, 9, "Paul Tol's muted scheme")
}
