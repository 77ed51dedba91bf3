package report

import (
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"casebook/assets/fonts"
)

// family is the name the embedded fonts are registered under in the PDF.
const family = "dejavu"

// doc is one report being rendered: the fpdf document plus the layout state
// fpdf does not keep for us. All positions are in millimetres from the top
// left corner of the page.
type doc struct {
	pdf   *fpdf.Fpdf
	r     Report
	parts Parts
	g     geometry

	y    float64 // where the next line goes
	topY float64 // where content began on this page, below repeated heads
	cur  font    // the font selected in the PDF; zero = unknown

	// units caches glyph widths per style (widths+1, so 0 means "not
	// measured yet"): measuring through fpdf needs the font selected, and
	// every rune of a 100-page report is measured.
	units [3][]uint16

	labels []string // running-head label per page; index = page number
	label  string   // label of the pages added from now on

	toc      []tocEntry
	tocFirst int // first page of the contents
}

// newDoc sets up an empty document: fonts, metadata and the settings that
// make the output deterministic.
func newDoc(r Report, parts Parts, g geometry) *doc {
	pdf := fpdf.New(g.orient, "mm", g.paper, "")
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true) // resources in a fixed order: byte-identical output
	pdf.SetCreationDate(r.Date)
	pdf.SetModificationDate(r.Date)
	pdf.SetMargins(g.left, g.top, g.right)
	// Pages are broken here, between whole lines of every column; fpdf's own
	// breaking knows nothing about columns side by side.
	pdf.SetAutoPageBreak(false, g.bottom)
	pdf.SetCellMargin(0)
	pdf.AddUTF8FontFromBytes(family, "", fonts.Regular)
	pdf.AddUTF8FontFromBytes(family, "B", fonts.Bold)
	pdf.AddUTF8FontFromBytes(family, "I", fonts.Italic)
	setMetadata(pdf, r)
	d := &doc{pdf: pdf, r: r, parts: parts, g: g, labels: []string{""}}
	for i := range d.units {
		d.units[i] = make([]uint16, 0x10000)
	}
	return d
}

// setMetadata fills the document information dictionary, which desktop
// search tools and reference managers read.
func setMetadata(pdf *fpdf.Fpdf, r Report) {
	pdf.SetTitle(r.Title, true)
	pdf.SetAuthor(r.Author, true)
	titles := make([]string, len(r.Columns))
	for i, c := range r.Columns {
		titles[i] = c.Title
	}
	pdf.SetSubject("Comparison of "+strings.Join(titles, ", "), true)
	keys := append([]string{"Casebook", "comparison"}, titles...)
	for _, c := range r.Codes {
		keys = append(keys, c.Code.Name)
	}
	pdf.SetKeywords(strings.Join(keys, ", "), true)
	creator := "Casebook"
	if r.Version != "" {
		creator = r.Version
	}
	pdf.SetCreator(creator, true)
	pdf.SetLang("en")
}

// build lays out the whole report. The contents pages are reserved first and
// filled in at the end, when the page of every entry is known; headers and
// footers come last, when the page count is known.
func (d *doc) build() {
	d.cover()
	d.planContents()
	if d.showAttributes() {
		d.attributes()
	}
	if d.showSections() {
		d.sections()
	}
	if d.showCodes() {
		d.codeMatrix()
	}
	if d.showSources() {
		d.references()
	}
	d.writeContents()
	d.decorate()
}

func (d *doc) showAttributes() bool { return !d.parts.NoAttributes && len(d.r.Attributes) > 0 }
func (d *doc) showSections() bool   { return !d.parts.NoSections && len(d.r.Sections) > 0 }
func (d *doc) showCodes() bool      { return !d.parts.NoCodes && len(d.r.Codes) > 0 }
func (d *doc) showSources() bool    { return !d.parts.NoSources && len(d.r.References) > 0 }
func (d *doc) showNotes() bool      { return !d.parts.NoNotes }

// title is the report title, or a neutral one when the caller gave none.
func (d *doc) title() string {
	if d.r.Title == "" {
		return "Comparison report"
	}
	return d.r.Title
}
