package report

import "strconv"

// Geometry of the section pages, in mm.
const (
	gutter     = 7   // between text columns; a hairline runs down its middle
	bandH      = 9   // the band with the section title
	bandContH  = 6.5 // the slimmer band on continuation pages
	afterBand  = 2.5 // space between a band and the column heads
	sectionGap = 9   // space after a section
)

// sections lays out one part per template section: a band with the title,
// the column heads, the columns' texts side by side, and the row's note.
func (d *doc) sections() {
	g := d.columnGrid()
	heads := d.columnHeads(g)
	d.label = d.r.Sections[0].Heading
	d.newPage(nil)
	for i, s := range d.r.Sections {
		d.label = s.Heading // the running head of the pages this section starts
		d.section(i, s, g, heads)
	}
}

// columnGrid splits the text width into equal columns with gutters.
func (d *doc) columnGrid() grid {
	n := len(d.r.Columns)
	w := (d.g.textWidth() - gutter*float64(n-1)) / float64(n)
	g := grid{padY: 1.2}
	for c := range n {
		g.cols = append(g.cols, col{d.g.left + float64(c)*(w+gutter), w})
	}
	return g
}

// columnHeads are the case titles and subtitles over the columns.
func (d *doc) columnHeads(g grid) [][]line {
	heads := make([][]line, len(d.r.Columns))
	for c, column := range d.r.Columns {
		w := g.cols[c].w
		heads[c] = d.plainLines(column.Title, fColHead, accent, w, alignLeft)
		if column.Subtitle != "" {
			heads[c] = append(heads[c], d.plainLines(column.Subtitle, fColSub, muted, w, alignLeft)...)
		}
	}
	return heads
}

// section lays out one section row.
func (d *doc) section(i int, s SectionRow, g grid, heads [][]line) {
	title := strconv.Itoa(i+1) + "  " + s.Heading
	headH := maxHeight(heads) + 2*g.padY
	d.need(bandH + afterBand + headH + 6*lineHeight(fBody))
	d.startEntry(sectionKey(i), title)
	d.band(title, false)
	headStyle := rowStyle{rule: true}
	d.flowRow(g, heads, headStyle, nil)
	cont := &repeat{h: bandContH + afterBand + headH, draw: func() {
		d.band(title+" (continued)", true)
		d.flowRow(g, heads, headStyle, nil)
	}}
	num := 0
	cells := make([][]line, len(s.Cells))
	for c, cell := range s.Cells {
		cells[c] = d.cellLines(cell, g.cols[c].w, &num)
	}
	d.y += 1.5
	d.flowRow(g, cells, rowStyle{divider: len(cells) > 1}, cont)
	if s.Note != "" && d.showNotes() {
		d.noteBox(s.Note, &repeat{h: bandContH + afterBand, draw: func() { d.band(title+" (continued)", true) }})
	}
	d.y += sectionGap
}

// band draws the section title across the text width.
func (d *doc) band(title string, cont bool) {
	h, f, c := float64(bandH), fBand, accent
	if cont {
		h, f, c = bandContH, fBandC, muted
	}
	d.fillRect(d.g.left, d.y, d.g.textWidth(), h, bandBg)
	w := d.g.textWidth() - 6
	d.text(d.g.left+3, d.y+h/2+0.346*f.size*ptToMM, f, c, d.ellipsize(f, title, w))
	d.y += h + afterBand
}

// cellLines lays out one column's text for a section: each part (several in
// country mode, under their case titles and divided by rules), its
// highlights and its numbered notes.
func (d *doc) cellLines(c Cell, w float64, num *int) []line {
	if c.Empty || len(c.Parts) == 0 {
		return d.plainLines("(no text)", fItalic, muted, w, alignLeft)
	}
	var out []line
	for i, p := range c.Parts {
		if i > 0 {
			out = append(out, gapLine(1.5), d.ruleLine(w, 2), gapLine(1.5))
		}
		out = append(out, d.partLines(p, w, num)...)
	}
	return out
}

// partLines is one case's text in a cell.
func (d *doc) partLines(p Part, w float64, num *int) []line {
	var out []line
	if p.Heading != "" {
		out = append(out, glued(d.plainLines(p.Heading, fColHead, ink, w, alignLeft))...)
		out = append(out, gapLine(1))
	}
	pr := newProse(p, num)
	body := d.proseLines(pr, w)
	if len(body) == 0 {
		body = d.plainLines("(no text)", fItalic, muted, w, alignLeft)
	}
	out = append(out, body...)
	return append(out, d.noteLines(pr, p.Memos, w, num)...)
}

// noteBox is the row's comparison note, in a tinted box across the columns;
// a long note continues on the next page like any row.
func (d *doc) noteBox(note string, head *repeat) {
	g := d.tableGrid([]float64{1}, 4, 2.5)
	w := g.cols[0].w
	ls := glued(d.plainLines("Comparison note", fSmallB, noteK, w, alignLeft))
	ls = append(ls, gapLine(0.8))
	ls = append(ls, d.plainLines(note, fBody, ink, w, alignLeft)...)
	d.y += 3
	d.flowRow(g, [][]line{ls}, rowStyle{fill: []*rgb{&noteBg}, edge: &noteK, keep: true}, head)
}

func maxHeight(cells [][]line) float64 {
	h := 0.0
	for _, ls := range cells {
		h = max(h, linesHeight(ls))
	}
	return h
}
