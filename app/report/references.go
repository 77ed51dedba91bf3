package report

import "strconv"

// references lists the sources of every case, numbered through the whole
// list and grouped under the case they belong to.
func (d *doc) references() {
	d.label = "References"
	d.newPage(nil)
	d.startEntry("references", "References")
	d.h1("References")
	numW := d.strWidth(fTable, "[000]") + 2
	g := grid{cols: []col{{d.g.left, numW}, {d.g.left + numW, d.narrow() - numW}}, padY: 0.9}
	group := "\x00" // no case has this name: the first reference opens a group
	for i, ref := range d.r.References {
		if ref.Case != group {
			group = ref.Case
			d.referenceGroup(group, i > 0)
		}
		cells := [][]line{
			d.plainLines("["+strconv.Itoa(i+1)+"]", fTable, muted, numW, alignLeft),
			d.referenceLines(ref, g.cols[1].w),
		}
		d.flowRow(g, cells, rowStyle{keep: true}, nil)
	}
}

// referenceGroup is the case title over its sources; it is never left alone
// at the bottom of a page.
func (d *doc) referenceGroup(name string, spaced bool) {
	if name == "" {
		name = "Other sources"
	}
	ls := d.plainLines(name, fH2, accent, d.narrow(), alignLeft)
	h := linesHeight(ls)
	if spaced {
		d.y += 4
	}
	d.need(h + 2 + 3*lineHeight(fTable))
	d.put(d.g.left, ls)
	d.hline(d.g.left, d.g.left+d.narrow(), d.y+0.6, hair, 0.2)
	d.y += 2
}

// referenceLines is a source's title and, under it, its address as a link.
func (d *doc) referenceLines(ref Reference, w float64) []line {
	title := ref.Title
	if title == "" {
		title = ref.URL
	}
	ls := d.plainLines(title, fTable, ink, w, alignLeft)
	if ref.URL == "" || ref.URL == title {
		return ls
	}
	for _, l := range d.plainLines(ref.URL, fSmall, muted, w, alignLeft) {
		draw, h, url := l.draw, l.h, ref.URL
		ls = append(ls, line{h: h, draw: func(x, y float64) {
			draw(x, y)
			d.pdf.LinkString(x, y, w, h, url)
		}})
	}
	return ls
}
