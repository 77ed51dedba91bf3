package report

// cover draws the title page: what is compared, by whom, when, and from
// which version of the catalogue, so that a printed copy can be traced.
func (d *doc) cover() {
	d.label = ""
	d.newPage(nil)
	d.pdf.Bookmark(d.title(), 0, 0)
	x, w := d.g.left, min(d.g.textWidth(), 160)
	d.y += 28
	if d.g.orient == "L" {
		d.y -= 18 // a landscape page has less height to spare
	}
	d.put(x, d.plainLines("COMPARISON REPORT", fSmallB, muted, w, alignLeft))
	d.y += 3
	d.put(x, d.plainLines(d.title(), fCoverT, accent, w, alignLeft))
	if d.r.Subtitle != "" {
		d.y += 2
		d.put(x, d.plainLines(d.r.Subtitle, fCoverS, muted, w, alignLeft))
	}
	d.y += 7
	d.hline(x, x+28, d.y, accent, 0.8)
	d.y += 9
	d.coverColumns(x, w)
	block := d.coverFooter(w)
	d.y = max(d.y+10, d.g.textBottom()-linesHeight(block))
	d.put(x, block)
}

// coverColumns lists the compared cases (or country groups).
func (d *doc) coverColumns(x, w float64) {
	d.put(x, d.plainLines("COMPARED", fSmallB, muted, w, alignLeft))
	d.y += 1.5
	for _, c := range d.r.Columns {
		ls := d.plainLines(c.Title, fCoverN, ink, w, alignLeft)
		if c.Subtitle != "" {
			ls = append(ls, d.plainLines(c.Subtitle, fCoverM, muted, w, alignLeft)...)
		}
		d.put(x, glued(ls))
		d.y += 3
	}
}

// coverFooter is the block at the foot of the cover: author, date, version.
func (d *doc) coverFooter(w float64) []line {
	var ls []line
	if d.r.Author != "" {
		ls = append(ls, d.plainLines(d.r.Author, fCoverN, ink, w, alignLeft)...)
	}
	ls = append(ls, d.plainLines(d.r.Date.Format("2 January 2006"), fCoverM, ink, w, alignLeft)...)
	if d.r.Version != "" {
		ls = append(ls, gapLine(2))
		ls = append(ls, d.plainLines(d.r.Version, fSmall, muted, w, alignLeft)...)
	}
	return ls
}
