package report

import "strconv"

// tocEntry is one line of the contents, and the target of its link.
type tocEntry struct {
	key   string // which part starts it, see startEntry
	num   string // the section number, "" for the other parts
	title string
	link  int
	page  int
}

// Layout of the contents, in mm.
const (
	tocNumW  = 9  // the column of section numbers
	tocPageW = 14 // the column of page numbers
	tocGap   = 1.6
)

func sectionKey(i int) string { return "section " + strconv.Itoa(i) }

// planContents decides the entries and reserves the pages they will take.
// Entries do not know their page numbers yet; everything after the contents
// is laid out first and writeContents fills them in, so the number of
// contents pages must be known now: each entry's height depends only on its
// title, which is what makes that possible.
func (d *doc) planContents() {
	add := func(key, num, title string) {
		d.toc = append(d.toc, tocEntry{key: key, num: num, title: title, link: d.pdf.AddLink()})
	}
	if d.showAttributes() {
		add("attributes", "", "Attribute matrix")
	}
	if d.showSections() {
		for i, s := range d.r.Sections {
			add(sectionKey(i), strconv.Itoa(i+1), s.Heading)
		}
	}
	if d.showCodes() {
		add("codes", "", "Code matrix")
	}
	if d.showSources() {
		add("references", "", "References")
	}
	if len(d.toc) == 0 {
		return
	}
	d.label = "Contents"
	pages := d.placeContents(nil)
	for p := range pages {
		d.newPage(nil)
		if p == 0 {
			d.tocFirst = d.pdf.PageNo()
			d.pdf.Bookmark("Contents", 0, 0)
		}
	}
}

// writeContents draws the contents on their reserved pages.
func (d *doc) writeContents() {
	if len(d.toc) == 0 {
		return
	}
	d.placeContents(func(p int, y float64, e tocEntry, ls []line) {
		d.revisit(d.tocFirst + p)
		d.drawEntry(y, e, ls)
	})
}

// placeContents walks the entries as they will be laid out and returns the
// number of pages they take; draw, when not nil, draws each entry. Planning
// and drawing share this walk, so they cannot disagree about page breaks.
func (d *doc) placeContents(draw func(page int, y float64, e tocEntry, ls []line)) int {
	w := d.narrow() - tocNumW - tocPageW
	y, page := d.g.top+lineHeight(fH1)+4, 0
	if draw != nil {
		d.revisit(d.tocFirst)
		d.text(d.g.left, baseline(d.g.top, fH1), fH1, accent, "Contents")
	}
	for _, e := range d.toc {
		ls := d.plainLines(e.title, entryFont(e), ink, w, alignLeft)
		h := linesHeight(ls) + tocGap
		if y+h > d.g.textBottom() {
			page, y = page+1, d.g.top
		}
		if draw != nil {
			draw(page, y, e, ls)
		}
		y += h
	}
	return page + 1
}

// drawEntry draws one entry: number, title, a dotted leader and the page
// number; the whole entry links to its page.
func (d *doc) drawEntry(y float64, e tocEntry, ls []line) {
	x := d.g.left
	if e.num != "" {
		d.text(x, baseline(y, fTOC), fTOC, muted, e.num)
	}
	ly := y
	for _, l := range ls {
		l.draw(x+tocNumW, ly)
		ly += l.h
	}
	pg := strconv.Itoa(e.page)
	right := x + d.narrow()
	base := baseline(ly-lineHeight(fTOC), fTOC)
	d.text(right-d.strWidth(fTOC, pg), base, fTOC, ink, pg)
	// The leaders all end at the same place, whatever the number's width.
	d.leader(x+tocNumW+d.lastLineWidth(e)+2, right-d.strWidth(fTOC, "000")-1.5, base)
	d.pdf.Link(x, y, d.narrow(), ly-y, e.link)
}

// entryFont sets the parts in bold and the sections under them in regular.
func entryFont(e tocEntry) font {
	if e.num == "" {
		return font{"B", fTOC.size}
	}
	return fTOC
}

// lastLineWidth is how far the last line of an entry's title reaches.
func (d *doc) lastLineWidth(e tocEntry) float64 {
	rs := []rune(e.title)
	spans := trimSpans(d.wrap(rs, entryFont(e), d.narrow()-tocNumW-tocPageW, nil))
	if len(spans) == 0 {
		return 0
	}
	last := spans[len(spans)-1]
	return d.width(entryFont(e), rs[last.a:last.b])
}

// leader is the dotted line that leads the eye from a title to its page.
// It is drawn, not typed, so pdftotext does not return rows of dots.
func (d *doc) leader(x1, x2, y float64) {
	if x2-x1 < 4 {
		return
	}
	d.pdf.SetDashPattern([]float64{0.25, 1.1}, 0)
	d.pdf.SetLineCapStyle("round")
	d.hline(x1, x2, y, muted, 0.3)
	d.pdf.SetLineCapStyle("butt")
	d.pdf.SetDashPattern([]float64{}, 0)
}

// startEntry marks the start of a part at the current position: its
// bookmark in the PDF outline, the target of its contents link, its page.
func (d *doc) startEntry(key, title string) {
	d.pdf.Bookmark(title, 0, d.y)
	for i := range d.toc {
		if d.toc[i].key == key {
			d.pdf.SetLink(d.toc[i].link, d.y, -1)
			d.toc[i].page = d.pdf.PageNo()
			return
		}
	}
}

// h1 is the title of a part at the top of its first page.
func (d *doc) h1(title string) {
	d.text(d.g.left, baseline(d.y, fH1), fH1, accent, title)
	d.y += lineHeight(fH1) + 4
}
