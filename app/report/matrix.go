package report

import "strconv"

// Cell padding of the matrices, in mm.
const (
	tablePadX = 2
	tablePadY = 1.5
)

// attributes draws the attribute matrix: one row per attribute, one column
// per case; rows whose values differ are shaded and edged, so differences
// stand out in colour and in greyscale print alike.
func (d *doc) attributes() {
	d.label = "Attribute matrix"
	d.newPage(nil)
	d.startEntry("attributes", "Attribute matrix")
	d.h1("Attribute matrix")
	d.legend(differ, "Shaded rows: the values differ between the compared cases.")
	g := d.tableGrid(d.firstColumnWeights(0.3-0.025*float64(len(d.r.Columns)), false), tablePadX, tablePadY)
	head := d.tableHead(g, "Attribute", false)
	for _, a := range d.r.Attributes {
		cells := [][]line{d.plainLines(a.Name, fTableB, ink, g.cols[0].w, alignLeft)}
		for c, v := range a.Values {
			cells = append(cells, d.plainLines(v, fTable, ink, g.cols[c+1].w, alignLeft))
		}
		st := rowStyle{rule: true, keep: true}
		if a.Differs {
			st.fill = fillAll(len(cells), differ)
			st.edge = &differK
		}
		d.flowRow(g, cells, st, head)
	}
}

// codeMatrix draws the code x case matrix: how many passages each case has
// coded with each code, shaded in the code's colour by count, with a total.
func (d *doc) codeMatrix() {
	d.label = "Code matrix"
	d.newPage(nil)
	d.startEntry("codes", "Code matrix")
	d.h1("Code matrix")
	d.legend(tint(accent), "Coded passages per case; the darker the cell, the more passages.")
	g := d.tableGrid(d.firstColumnWeights(0.30, true), tablePadX, tablePadY)
	head := d.tableHead(g, "Code", true)
	top := 0
	for _, row := range d.r.Codes {
		for _, k := range row.Counts {
			top = max(top, k)
		}
	}
	for _, row := range d.r.Codes {
		d.codeRow(g, row, top, head)
	}
}

// codeRow is one code's row of counts.
func (d *doc) codeRow(g grid, row CodeRow, top int, head *repeat) {
	c := codeRGB(row.Code)
	cells := [][]line{d.swatchLines(row.Code.Name, c, g.cols[0].w)}
	fills := []*rgb{nil}
	total := 0
	for i, k := range row.Counts {
		total += k
		fill, txt := countColours(c, k, top)
		cells = append(cells, d.plainLines(strconv.Itoa(k), fTable, txt, g.cols[i+1].w, alignCenter))
		fills = append(fills, fill)
	}
	cells = append(cells, d.plainLines(strconv.Itoa(total), fTableB, ink, g.cols[len(g.cols)-1].w, alignCenter))
	d.flowRow(g, cells, rowStyle{fill: fills, rule: true, keep: true}, head)
}

// countColours shades a count cell: the code colour, stronger as the count
// nears the largest count of the matrix; white text where the shade is dark.
func countColours(c rgb, k, top int) (*rgb, rgb) {
	if k == 0 || top == 0 {
		return nil, muted
	}
	fill := mix(c, white, 0.85-0.65*float64(k)/float64(top))
	if luminance(fill) < 0.45 {
		return &fill, white
	}
	return &fill, ink
}

// firstColumnWeights gives the label column the fraction first of the
// width and shares the rest between the cases (and a total column).
func (d *doc) firstColumnWeights(first float64, total bool) []float64 {
	n := len(d.r.Columns)
	if total {
		n++
	}
	ws := []float64{first}
	for range n {
		ws = append(ws, (1-first)/float64(n))
	}
	return ws
}

// tableHead draws the head row of a matrix now and returns it as the repeat
// for the pages the matrix continues on.
func (d *doc) tableHead(g grid, label string, total bool) *repeat {
	cells := [][]line{d.plainLines(label, fTableB, accent, g.cols[0].w, alignLeft)}
	al := alignLeft
	if total {
		al = alignCenter
	}
	for c, column := range d.r.Columns {
		w := g.cols[c+1].w
		ls := d.plainLines(column.Title, fTableB, accent, w, al)
		if column.Subtitle != "" {
			ls = append(ls, d.plainLines(column.Subtitle, fColSub, muted, w, al)...)
		}
		cells = append(cells, ls)
	}
	if total {
		cells = append(cells, d.plainLines("Total", fTableB, accent, g.cols[len(g.cols)-1].w, alignCenter))
	}
	st := rowStyle{fill: fillAll(len(cells), bandBg)}
	d.flowRow(g, cells, st, nil)
	return &repeat{h: maxHeight(cells) + 2*g.padY, draw: func() { d.flowRow(g, cells, st, nil) }}
}

// swatchLines is a code name with a square of its colour before it.
func (d *doc) swatchLines(name string, c rgb, w float64) []line {
	const sq, gap = 2.6, 1.8
	ls := d.plainLines(name, fTable, ink, w-sq-gap, alignLeft)
	draw := ls[0].draw
	ls[0].draw = func(x, y float64) {
		d.fillRect(x, y+(lineHeight(fTable)-sq)/2, sq, sq, c)
		draw(x+sq+gap, y)
	}
	for i := 1; i < len(ls); i++ {
		draw := ls[i].draw
		ls[i].draw = func(x, y float64) { draw(x+sq+gap, y) }
	}
	return ls
}

// legend is a one-line key under a part's title: a swatch and its meaning.
func (d *doc) legend(c rgb, s string) {
	lh := lineHeight(fSmall)
	d.fillRect(d.g.left, d.y+(lh-2.6)/2, 2.6, 2.6, c)
	if c == differ {
		d.fillRect(d.g.left, d.y+(lh-2.6)/2, 0.6, 2.6, differK) // as the rows' edge
	}
	d.text(d.g.left+4.5, baseline(d.y, fSmall), fSmall, muted, s)
	d.y += lh + 4
}

// fillAll is the same background for n cells.
func fillAll(n int, c rgb) []*rgb {
	fills := make([]*rgb, n)
	for i := range fills {
		fills[i] = &c
	}
	return fills
}
