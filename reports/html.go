package reports

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The HTML report: OUT/index.html (the study: what was read, per work
// package), OUT/<scope>/index.html for each work package and the whole
// study (every table and figure of the scope's folder, in sections),
// OUT/<scope>/matrices/index.html (the scope's matrices), and
// OUT/codebook.html. The pages need no network: the stylesheet and the
// sorting script are files in OUT/report/, and figures are the PNG files
// beside the tables. html/template escapes every cell. The bytes depend
// only on what the run wrote: no date, no map order.

//go:embed assets/page.html.tmpl assets/style.css assets/sort.js
var assets embed.FS

var pageTemplate = template.Must(template.ParseFS(assets, "assets/page.html.tmpl"))

// ReportDir holds the report's stylesheet and script, inside the output folder.
const ReportDir = "report"

type htmlLink struct {
	Href, Text string
	Current    bool
}

type htmlPage struct {
	Lang, Title, Root, Study, Heading, Footer string
	Text                                      map[string]string
	Nav                                       []htmlLink
	Lead, Notes                               []string
	Sections                                  []*htmlSection
}

type htmlSection struct {
	ID, Title  string
	Paragraphs []string
	Items      []htmlItem
}

// An htmlItem is one of: a table, a figure, a link to another page, a code.
type htmlItem struct {
	Anchor, Label string // the table of contents' entry; "" for none
	Table         *htmlTable
	Figure        *htmlFigure
	Link          *htmlLink
	Code          *htmlCode
}

type htmlCell struct {
	Text, Href string
	Numeric    bool
	Wide       bool // long text: given room, rather than a word per line
	Long       bool // long text without spaces: may break anywhere
}

type htmlTable struct {
	ID, Number, Caption string
	Files               []htmlLink
	Header              []htmlCell
	Rows                [][]htmlCell
	Tall                bool
	Omitted             string // says which rows the page leaves out
}

// htmlMaxRows is the most rows a table shows on a page. The matrices of a
// large study have a row per respondent; tens of thousands of rows make a
// page a browser chokes on and take the report longer to write than every
// table behind it. The CSV file holds every row.
var htmlMaxRows = 500 // a variable for the tests

type htmlFigure struct {
	ID, Number, Caption, Src, Alt string
	Width, Height                 int
	Files                         []htmlLink
}

type htmlCode struct {
	ID, Code, Label, Meta, Description string
	Counts                             *htmlTable
	QuotesShown                        bool
	QuotesTitle, NoQuotes              string
	Quotes                             []htmlQuote
}

type htmlQuote struct{ Text, Who string }

// tallRows is the number of rows above which a table scrolls in a box of
// its own, so that a page stays browsable.
const tallRows = 25

// newHTMLTable builds a table of recs (header first) numbered number.
func newHTMLTable(id, number, caption string, recs [][]string, numeric func(string) bool, files []htmlLink) *htmlTable {
	t := &htmlTable{ID: id, Number: number, Caption: caption, Files: files, Tall: len(recs)-1 > tallRows}
	for _, h := range recs[0] {
		t.Header = append(t.Header, htmlCell{Text: h, Numeric: numeric(h)})
	}
	for _, rec := range recs[1:] {
		row := make([]htmlCell, len(rec))
		for i, c := range rec {
			row[i] = htmlCell{Text: c, Numeric: i < len(t.Header) && t.Header[i].Numeric,
				Wide: utf8.RuneCountInString(c) > 30, Long: len(c) > 40 && !strings.Contains(c, " ")}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// anchor turns a file name into an element id: "t-matrices-cases_long".
func anchor(prefix, name string) string {
	return prefix + "-" + strings.Map(func(r rune) rune {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return r
		}
		return '-'
	}, strings.TrimSuffix(name, ".csv"))
}

// pageBase is what every page shares; root leads from the page to OUT.
func (r *report) pageBase(root, current, heading string) *htmlPage {
	lang := r.lang()
	p := &htmlPage{
		Lang: lang, Root: root, Study: r.opt.Study, Heading: heading,
		Title:  heading + " — " + r.opt.Study,
		Footer: text(lang, "html.footer"),
		Text:   map[string]string{"skip": text(lang, "html.skip"), "nav": text(lang, "html.nav"), "contents": text(lang, "html.contents")},
	}
	p.Nav = append(p.Nav, htmlLink{Href: root + "index.html", Text: text(lang, "html.home"), Current: current == ""})
	for _, sc := range r.opt.Scopes {
		name := sc.ID
		if sc.ID == "all" {
			name = capitalise(text(lang, "all"))
		}
		p.Nav = append(p.Nav, htmlLink{Href: root + sc.ID + "/index.html", Text: name, Current: current == sc.ID})
	}
	p.Nav = append(p.Nav, htmlLink{Href: root + "codebook.html", Text: text(lang, "html.codebook"), Current: current == "codebook"})
	if r.opt.MinCell > 1 {
		p.Notes = append(p.Notes, minCellNote(lang, r.opt.MinCell))
	}
	return p
}

// figureItem is a figure as the scope page (in the scope folder) shows it.
func (r *report) figureItem(f reportFigure, number int) (htmlItem, error) {
	lang := r.lang()
	img := filepath.Join(r.opt.Out, f.scope, filepath.FromSlash(f.name)+".png")
	file, err := os.Open(img)
	if err != nil {
		return htmlItem{}, err
	}
	cfg, err := png.DecodeConfig(file)
	file.Close()
	if err != nil {
		return htmlItem{}, fmt.Errorf("%s: %w", img, err)
	}
	// Shown at its print size: 300 dpi pixels at 96 CSS pixels per inch.
	w, h := cfg.Width*96/figureDPI, cfg.Height*96/figureDPI
	id := anchor("f", f.name)
	num := fmt.Sprintf("%s %d.", text(lang, "html.figure"), number)
	fig := &htmlFigure{ID: id, Number: num, Src: f.name + ".png", Alt: f.title, Width: w, Height: h,
		Caption: f.title + ". " + r.figureCaption(f),
		Files: []htmlLink{{Href: f.name + ".png", Text: "PNG"}, {Href: f.name + ".svg", Text: "SVG"},
			{Href: f.name + ".pdf", Text: "PDF"}}}
	return htmlItem{Anchor: id, Label: num + " " + f.title, Figure: fig}, nil
}

// tableItem is a table as a page at rel (the folder of the page, inside the
// scope folder: "" or "matrices/") shows it.
func (r *report) tableItem(t reportTable, number int, rel string) htmlItem {
	lang := r.lang()
	id := anchor("t", t.name)
	num := fmt.Sprintf("%s %d.", text(lang, "html.table"), number)
	local := strings.TrimPrefix(t.name, rel)
	up := strings.Repeat("../", strings.Count(rel, "/"))
	files := []htmlLink{{Href: local, Text: "CSV"},
		{Href: up + textTableName(t.name, ".md"), Text: "Markdown"},
		{Href: up + textTableName(t.name, ".tex"), Text: "LaTeX"}}
	caption := r.tableCaption(t)
	recs := t.records
	tbl := newHTMLTable(id, num, caption, recs[:min(len(recs), htmlMaxRows+1)], t.spec.numeric, files)
	if t.rows > htmlMaxRows {
		tbl.Omitted = fmt.Sprintf(text(lang, "html.rowsomitted"), htmlMaxRows, t.rows)
	}
	return htmlItem{Anchor: id, Label: num + " " + text(lang, t.spec.caption), Table: tbl}
}

// sortedBySpec orders tables as specs lists them; others keep their order, after.
func sortedBySpec(ts []reportTable) []reportTable {
	rank := func(t reportTable) int {
		for i, s := range specs {
			if s.name == t.name {
				return i
			}
		}
		return len(specs)
	}
	out := slices.Clone(ts)
	slices.SortStableFunc(out, func(a, b reportTable) int { return rank(a) - rank(b) })
	return out
}

func writeHTML(ctx context.Context, q Queryer, r *report) error {
	for _, name := range []string{"style.css", "sort.js"} {
		b, err := assets.ReadFile("assets/" + name)
		if err != nil {
			return err
		}
		if err := writeFileAtomic(filepath.Join(r.opt.Out, ReportDir, name), b); err != nil {
			return err
		}
	}
	if err := writePage(filepath.Join(r.opt.Out, "index.html"), r.homePage(r.summary), 0o644); err != nil {
		return err
	}
	for _, sc := range r.opt.Scopes {
		main, matrices, err := r.scopePages(sc)
		if err != nil {
			return err
		}
		if err := writePage(filepath.Join(r.opt.Out, sc.ID, "index.html"), main, 0o644); err != nil {
			return err
		}
		if err := writePage(filepath.Join(r.opt.Out, sc.ID, "matrices", "index.html"), matrices, 0o644); err != nil {
			return err
		}
	}
	cb, err := r.codebookPage(ctx, q)
	if err != nil {
		return err
	}
	// A page with quotes is confidential: readable by its owner only.
	mode := os.FileMode(0o644)
	if r.opt.IncludeQuotes {
		mode = 0o600
	}
	return writePage(filepath.Join(r.opt.Out, "codebook.html"), cb, mode)
}

func writePage(file string, p *htmlPage, mode os.FileMode) error {
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, p); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return writeFileAtomicMode(file, buf.Bytes(), mode)
}

// homePage is OUT/index.html: the summary, with a link to each scope's page.
func (r *report) homePage(s *summary) *htmlPage {
	lang := r.lang()
	p := r.pageBase("", "", r.opt.Study)
	p.Title = r.opt.Study
	p.Lead = []string{text(lang, "html.home.lead")}
	if !r.opt.IncludeQuotes {
		p.Notes = append(p.Notes, text(lang, "html.noquotes"))
	}

	ingested := [][]string{{text(lang, "html.what"), "n"}}
	for i, key := range studyColumns {
		ingested = append(ingested, []string{text(lang, key), s.study[i]})
	}
	t1 := newHTMLTable("t-ingested", text(lang, "html.table")+" 1.", text(lang, "summary.ingested"), ingested,
		func(h string) bool { return h == "n" }, nil)

	head := []string{text(lang, "wp")}
	for _, key := range summaryColumns {
		head = append(head, text(lang, key))
	}
	perScope := [][]string{head}
	for i, sc := range r.opt.Scopes {
		perScope = append(perScope, append([]string{summaryScopeName(lang, sc)}, s.scopes[i]...))
	}
	t2 := newHTMLTable("t-perwp", text(lang, "html.table")+" 2.", text(lang, "summary.perwp")+". "+text(lang, "summary.note"),
		perScope, func(h string) bool { return h != head[0] }, nil)
	for i, sc := range r.opt.Scopes {
		t2.Rows[i][0].Href = sc.ID + "/index.html"
	}

	sec := &htmlSection{ID: "summary", Title: text(lang, "summary.title")}
	sec.Items = append(sec.Items, htmlItem{Table: t1}, htmlItem{Table: t2})
	pages := &htmlSection{ID: "pages", Title: text(lang, "html.pages")}
	for _, sc := range r.opt.Scopes {
		pages.Items = append(pages.Items, htmlItem{Link: &htmlLink{Href: sc.ID + "/index.html", Text: r.scopeTitle(sc.ID)}})
	}
	pages.Items = append(pages.Items,
		htmlItem{Link: &htmlLink{Href: "codebook.html", Text: text(lang, "html.codebook")}},
		htmlItem{Link: &htmlLink{Href: WorkbookFile, Text: text(lang, "html.workbook")}})
	p.Sections = []*htmlSection{sec, pages}
	return p
}

// scopePages are a scope's page and its matrices page.
func (r *report) scopePages(sc Scope) (main, matrices *htmlPage, err error) {
	lang := r.lang()
	heading := r.scopeTitle(sc.ID)
	main = r.pageBase("../", sc.ID, heading)
	main.Lead = []string{r.nText(r.scopeUnits(sc.ID, nUnits[:4]))}
	main.Notes = append(main.Notes, text(lang, "html.columns"))
	matrices = r.pageBase("../../", sc.ID, heading+": "+text(lang, "section.matrices"))
	matrices.Notes = append(matrices.Notes, text(lang, "html.columns"))
	matSec := &htmlSection{ID: "matrices", Title: text(lang, "section.matrices"), Paragraphs: []string{text(lang, "section.matrices.intro")}}
	matrices.Sections = []*htmlSection{matSec}

	// Each section shows its tables in the order of specs, then its
	// figures; tables and figures are numbered in the order shown, the
	// matrices page going on from the scope page.
	sectionIDs := append(slices.Clone(reportSections), "other")
	tablesOf := map[string][]reportTable{}
	for _, t := range r.got.tables {
		if t.scope == sc.ID {
			tablesOf[t.spec.section] = append(tablesOf[t.spec.section], t)
		}
	}
	figuresOf := map[string][]reportFigure{}
	for _, f := range r.got.figures {
		if f.scope == sc.ID {
			figuresOf[f.section] = append(figuresOf[f.section], f)
		}
	}
	sections := map[string]*htmlSection{}
	tableNo, figureNo := 0, 0
	for _, id := range sectionIDs {
		sec := &htmlSection{ID: id, Title: text(lang, "section."+id)}
		for _, n := range r.got.notes {
			if n.scope == sc.ID && n.section == id {
				sec.Paragraphs = append(sec.Paragraphs, n.text)
			}
		}
		sections[id] = sec
		if id == "matrices" {
			continue
		}
		for _, t := range sortedBySpec(tablesOf[id]) {
			tableNo++
			sec.Items = append(sec.Items, r.tableItem(t, tableNo, ""))
		}
		for _, f := range figuresOf[id] {
			figureNo++
			item, err := r.figureItem(f, figureNo)
			if err != nil {
				return nil, nil, err
			}
			sec.Items = append(sec.Items, item)
		}
	}
	for _, t := range tablesOf["matrices"] {
		tableNo++
		matSec.Items = append(matSec.Items, r.tableItem(t, tableNo, "matrices/"))
	}
	sections["matrices"].Paragraphs = []string{text(lang, "section.matrices.intro")}
	sections["matrices"].Items = []htmlItem{{Link: &htmlLink{Href: "matrices/index.html",
		Text: fmt.Sprintf(text(lang, "html.matrices.link"), len(matSec.Items))}}}
	for _, id := range sectionIDs {
		if s := sections[id]; len(s.Items) > 0 {
			main.Sections = append(main.Sections, s)
		}
	}
	return main, matrices, nil
}

// codebookEntry is one code of the codebook as the store holds it.
type codebookEntry struct {
	code, label, dimension, parent, description string
}

const codebookPageQuery = `
SELECT code, label, dimension, coalesce(parent, ''), coalesce(description, '')
FROM codes ORDER BY dimension, code`

// quotesQuery lists each code's quotes once per segment, with the
// respondent and role of the segment's interview.
const quotesQuery = `
SELECT DISTINCT s.code, s.quote, i.respondent_id, r.role, i.work_package, s.interview_id, s.segment_id
FROM segments s JOIN interviews i USING (interview_id) JOIN respondents r USING (respondent_id)
WHERE s.quote IS NOT NULL AND trim(s.quote) <> ''
ORDER BY s.code, i.work_package, i.respondent_id, s.interview_id, s.segment_id, s.quote`

// codebookPage is OUT/codebook.html: the codebook as a table, then each
// code with its counts per scope and, with IncludeQuotes, its quotes.
func (r *report) codebookPage(ctx context.Context, q Queryer) (*htmlPage, error) {
	lang := r.lang()
	p := r.pageBase("", "codebook", text(lang, "html.codebook"))
	var entries []codebookEntry
	err := scanRows(ctx, q, codebookPageQuery, nil, func(scan func(...any) error) error {
		var e codebookEntry
		if err := scan(&e.code, &e.label, &e.dimension, &e.parent, &e.description); err != nil {
			return err
		}
		entries = append(entries, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("codebook: %w", err)
	}
	quotes := map[string][]htmlQuote{}
	if r.opt.IncludeQuotes {
		p.Notes = append(p.Notes, text(lang, "html.quotes.warning"))
		err := scanRows(ctx, q, quotesQuery, nil, func(scan func(...any) error) error {
			var code, quote, resp, role, wp, iv, seg string
			if err := scan(&code, &quote, &resp, &role, &wp, &iv, &seg); err != nil {
				return err
			}
			who := fmt.Sprintf("%s %s, %s %s (%s)", text(lang, "html.respondent"), resp, text(lang, "html.role"), role, wp)
			quotes[code] = append(quotes[code], htmlQuote{Text: quote, Who: who})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("quotes: %w", err)
		}
	} else {
		p.Notes = append(p.Notes, text(lang, "html.noquotes"))
	}

	// Each code's counts per scope, from the codes.csv tables as written.
	counts := map[string]map[string][]string{} // scope -> code -> row
	var countHeader []string
	for _, t := range r.got.tables {
		if t.name != codesTable.file {
			continue
		}
		countHeader = t.records[0]
		counts[t.scope] = map[string][]string{}
		for _, rec := range t.records[1:] {
			counts[t.scope][rec[0]] = rec
		}
	}

	ids := map[string]string{}
	overview := [][]string{{text(lang, "cb.code"), text(lang, "cb.label"), text(lang, "cb.dimension"),
		text(lang, "cb.parent"), text(lang, "cb.description")}}
	for i, e := range entries {
		ids[e.code] = "c" + strconv.Itoa(i+1)
		overview = append(overview, []string{e.code, e.label, text(lang, "dimension."+e.dimension), e.parent, e.description})
	}
	tbl := newHTMLTable("t-codebook", text(lang, "html.table")+" 1.",
		fmt.Sprintf(text(lang, "html.codebook.caption"), len(entries)), overview, func(string) bool { return false }, nil)
	if _, err := os.Stat(filepath.Join(r.opt.Out, "codebook.qdc")); err == nil {
		tbl.Files = []htmlLink{{Href: "codebook.qdc", Text: "REFI-QDA"}}
	}
	for i, e := range entries {
		tbl.Rows[i][0].Href = "#" + ids[e.code]
	}
	over := &htmlSection{ID: "overview", Title: text(lang, "html.codebook.overview"), Items: []htmlItem{{Table: tbl}}}
	codes := &htmlSection{ID: "codes", Title: text(lang, "html.codebook.codes")}
	for _, e := range entries {
		meta := text(lang, "dimension."+e.dimension)
		if e.parent != "" {
			meta += " · " + text(lang, "cb.parent") + " " + e.parent
		}
		c := &htmlCode{ID: ids[e.code], Code: e.code, Label: e.label, Meta: meta, Description: e.description,
			QuotesShown: r.opt.IncludeQuotes, QuotesTitle: text(lang, "html.quotes"), NoQuotes: text(lang, "html.noquote"),
			Quotes: quotes[e.code]}
		if countHeader != nil {
			recs := [][]string{{text(lang, "wp"), countHeader[4], countHeader[5], countHeader[6]}}
			for _, sc := range r.opt.Scopes {
				if rec, ok := counts[sc.ID][e.code]; ok {
					recs = append(recs, []string{summaryScopeName(lang, sc), rec[4], rec[5], rec[6]})
				}
			}
			c.Counts = newHTMLTable("t-"+ids[e.code], "", text(lang, "html.codebook.counts"), recs,
				func(h string) bool { return h != recs[0][0] }, nil)
		}
		codes.Items = append(codes.Items, htmlItem{Code: c})
	}
	p.Sections = []*htmlSection{over, codes}
	return p, nil
}
