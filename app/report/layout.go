package report

// line is the unit of vertical layout. A page break only ever falls between
// two lines, never through one: that is how no line is cut in half.
type line struct {
	h     float64            // advance, mm
	glue  bool               // keep on the same page as the next line (headings)
	space bool               // blank (a paragraph gap): dropped at the top of a page
	draw  func(x, y float64) // draws the line with its box's top left at (x, y)
}

// col is one column of a grid: where its text starts and how wide it is.
type col struct{ x, w float64 }

// grid places the cells of a row. Backgrounds extend padX beyond the text
// on both sides and padY above and below it.
type grid struct {
	cols       []col
	padX, padY float64
}

// left and right are the outer edges of the grid, backgrounds included.
func (g grid) left() float64 { return g.cols[0].x - g.padX }
func (g grid) right() float64 {
	last := g.cols[len(g.cols)-1]
	return last.x + last.w + g.padX
}

// tableGrid divides the text width into cells of the given relative widths.
func (d *doc) tableGrid(weights []float64, padX, padY float64) grid {
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	g := grid{padX: padX, padY: padY}
	x := d.g.left
	for _, w := range weights {
		cw := d.g.textWidth() * w / sum
		g.cols = append(g.cols, col{x + padX, cw - 2*padX})
		x += cw
	}
	return g
}

// rowStyle is how a row looks and how it behaves at a page break.
type rowStyle struct {
	fill    []*rgb // background per column (nil = none)
	edge    *rgb   // a bar at the row's left edge
	rule    bool   // a hairline under the row
	divider bool   // hairlines between the columns
	keep    bool   // move the row to the next page rather than split it, if it fits there
}

// repeat is what a page continuing a row starts with: the column heads, so
// that every page can be read on its own.
type repeat struct {
	h    float64
	draw func()
}

// flowRow lays out one row of side-by-side cells, splitting it across as
// many pages as needed. On every page each column takes as many of its
// remaining lines as fit, so the columns break together and stay aligned;
// the row's fragment on that page is as tall as its tallest column.
func (d *doc) flowRow(g grid, cells [][]line, st rowStyle, head *repeat) {
	if st.keep {
		d.keepTogether(g, cells, head)
	}
	next := make([]int, len(cells))
	for {
		take, h := fitLines(cells, next, d.room()-2*g.padY, d.atTop())
		// Not one line fits below what is already on this page: all of the
		// row goes to the next page.
		if h > 0 || d.atTop() {
			d.paintRow(g, cells, next, take, h+2*g.padY, st)
			d.y += h + 2*g.padY
			for c := range next {
				next[c] += take[c]
			}
		}
		if allDone(cells, next) {
			return
		}
		d.newPage(head)
		skipSpace(cells, next)
	}
}

// keepTogether starts a new page when the row does not fit in what is left
// of this one but would fit on a fresh page.
func (d *doc) keepTogether(g grid, cells [][]line, head *repeat) {
	full := 2 * g.padY
	for _, ls := range cells {
		full = max(full, linesHeight(ls)+2*g.padY)
	}
	fresh := d.g.textBottom() - d.g.top
	if head != nil {
		fresh -= head.h
	}
	if full > d.room() && full <= fresh && !d.atTop() {
		d.newPage(head)
	}
}

// fitLines counts, per column, the lines from next[c] that fit in room. A
// glued line (a heading) is not left alone at the bottom. At the top of a
// page at least one line is taken, so layout always makes progress.
func fitLines(cells [][]line, next []int, room float64, force bool) ([]int, float64) {
	take := make([]int, len(cells))
	tallest := 0.0
	for c, ls := range cells {
		k, h := next[c], 0.0
		for k < len(ls) && h+ls[k].h <= room+1e-6 {
			h += ls[k].h
			k++
		}
		for k > next[c] && k < len(ls) && ls[k-1].glue {
			k--
			h -= ls[k].h
		}
		if k == next[c] && force && k < len(ls) {
			h += ls[k].h
			k++
		}
		take[c] = k - next[c]
		tallest = max(tallest, h)
	}
	return take, tallest
}

// paintRow draws one page's fragment of a row: backgrounds first, then the
// lines, then the rules, so that text is never painted over.
func (d *doc) paintRow(g grid, cells [][]line, next, take []int, h float64, st rowStyle) {
	y := d.y
	for c, cl := range g.cols {
		if c < len(st.fill) && st.fill[c] != nil {
			d.fillRect(cl.x-g.padX, y, cl.w+2*g.padX, h, *st.fill[c])
		}
	}
	if st.edge != nil {
		d.fillRect(g.left(), y, 0.9, h, *st.edge)
	}
	for c, cl := range g.cols {
		ly := y + g.padY
		for _, l := range cells[c][next[c] : next[c]+take[c]] {
			l.draw(cl.x, ly)
			ly += l.h
		}
	}
	if st.divider {
		for c := 1; c < len(g.cols); c++ {
			prev := g.cols[c-1]
			d.vline((prev.x+prev.w+g.cols[c].x)/2, y+0.5, y+h-0.5, hair)
		}
	}
	if st.rule {
		d.hline(g.left(), g.right(), y+h, hair, 0.2)
	}
}

// skipSpace drops paragraph gaps that would open a continuation page.
func skipSpace(cells [][]line, next []int) {
	for c, ls := range cells {
		for next[c] < len(ls) && ls[next[c]].space {
			next[c]++
		}
	}
}

func allDone(cells [][]line, next []int) bool {
	for c, ls := range cells {
		if next[c] < len(ls) {
			return false
		}
	}
	return true
}

func linesHeight(ls []line) float64 {
	h := 0.0
	for _, l := range ls {
		h += l.h
	}
	return h
}

// newPage starts a page; head, when not nil, repeats the heads of a row that
// continues from the previous page.
func (d *doc) newPage(head *repeat) {
	d.pdf.AddPage()
	d.labels = append(d.labels, d.label)
	d.y, d.topY = d.g.top, d.g.top
	if head != nil {
		head.draw()
	}
	d.topY = d.y
}

// room is the height left on this page.
func (d *doc) room() float64 { return d.g.textBottom() - d.y }

// atTop tells whether nothing but repeated heads is on this page yet.
func (d *doc) atTop() bool { return d.y <= d.topY+0.01 }

// need starts a new page unless h fits on this one.
func (d *doc) need(h float64) {
	if d.room() < h && !d.atTop() {
		d.newPage(nil)
	}
}

// put draws lines one under the other from the current position, breaking
// pages between lines; for single-column flows such as the cover.
func (d *doc) put(x float64, ls []line) {
	d.flowRow(grid{cols: []col{{x, 0}}}, [][]line{ls}, rowStyle{}, nil)
}
