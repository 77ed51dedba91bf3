package report

import (
	"fmt"
	"strings"
)

// use selects f in the PDF unless it is selected already.
func (d *doc) use(f font) {
	if f == d.cur {
		return
	}
	d.pdf.SetFont(family, f.style, f.size)
	d.cur = f
}

// styleIndex maps a font style to its slot in doc.units.
func styleIndex(style string) int {
	switch style {
	case "B":
		return 1
	case "I":
		return 2
	}
	return 0
}

// width is the advance of rs set in f. fpdf does no kerning, so the sum of
// the glyph widths is exactly what it draws.
func (d *doc) width(f font, rs []rune) float64 {
	u := d.units[styleIndex(f.style)]
	total := 0
	for _, r := range rs {
		if int(r) >= len(u) {
			r = '\uFFFD' // clean keeps these out; never index past the table
		}
		w := u[r]
		if w == 0 {
			w = d.measure(f, r)
		}
		total += int(w) - 1
	}
	return float64(total) * f.size * ptToMM / 1000
}

// measure asks fpdf for the width of r in glyph units and caches it.
func (d *doc) measure(f font, r rune) uint16 {
	d.use(f)
	w := uint16(d.pdf.GetStringSymbolWidth(string(r)) + 1)
	d.units[styleIndex(f.style)][r] = w
	return w
}

// strWidth is width for a string.
func (d *doc) strWidth(f font, s string) float64 { return d.width(f, []rune(s)) }

// baseline is where text of f sits in a line box whose top is y: the glyphs
// (DejaVu: ascent 0.928 em, descent 0.236 em) are centred in the box, so
// tints drawn over the whole box look even above and below the words.
func baseline(y float64, f font) float64 {
	return y + lineHeight(f)/2 + 0.346*f.size*ptToMM
}

// text draws s with its baseline at y.
func (d *doc) text(x, y float64, f font, c rgb, s string) {
	if s == "" {
		return
	}
	d.use(f)
	d.pdf.SetTextColor(c.r, c.g, c.b)
	d.pdf.Text(x, y, s)
}

// fillRect paints a rectangle.
func (d *doc) fillRect(x, y, w, h float64, c rgb) {
	d.pdf.SetFillColor(c.r, c.g, c.b)
	d.pdf.Rect(x, y, w, h, "F")
}

// hline draws a horizontal rule of the given thickness.
func (d *doc) hline(x1, x2, y float64, c rgb, thick float64) {
	d.pdf.SetDrawColor(c.r, c.g, c.b)
	d.pdf.SetLineWidth(thick)
	d.pdf.Line(x1, y, x2, y)
}

// vline draws a vertical hairline.
func (d *doc) vline(x, y1, y2 float64, c rgb) {
	d.pdf.SetDrawColor(c.r, c.g, c.b)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(x, y1, x, y2)
}

// narrow is the measure of single-column text (contents, references): the
// whole width of a landscape page makes lines too long to read.
func (d *doc) narrow() float64 { return min(d.g.textWidth(), 175) }

// ellipsize shortens s to fit w, for one-line places such as running heads.
func (d *doc) ellipsize(f font, s string, w float64) string {
	rs := []rune(s)
	if d.width(f, rs) <= w {
		return s
	}
	dots := d.strWidth(f, "…")
	for len(rs) > 0 && d.width(f, rs)+dots > w {
		rs = rs[:len(rs)-1]
	}
	return strings.TrimSpace(string(rs)) + "…"
}

// decorate draws running heads and footers on every page. It runs last, when
// the page count is known, so "page N of M" is exact and centred (fpdf's
// AliasNbPages would leave the width of "{nb}" behind).
func (d *doc) decorate() {
	n := d.pdf.PageCount()
	for p := 1; p <= n; p++ {
		d.revisit(p)
		if p > 1 {
			d.runningHead(d.labels[p])
		}
		d.footer(p, n)
	}
	// fpdf writes pages only up to the current one: go back to the last.
	d.pdf.SetPage(n)
}

// revisit makes page p current again. Its content stream ends in whatever
// state the page was left in, so font and fill are selected afresh.
func (d *doc) revisit(p int) {
	d.pdf.SetPage(p)
	d.cur = font{}
	d.pdf.SetFillColor(white.r, white.g, white.b)
}

func (d *doc) runningHead(label string) {
	s := d.title()
	if label != "" {
		s += " · " + label
	}
	y := d.g.top - 12
	d.text(d.g.left, baseline(y, fHead), fHead, muted, d.ellipsize(fHead, s, d.g.textWidth()))
	d.hline(d.g.left, d.g.w-d.g.right, y+lineHeight(fHead)+1, hair, 0.2)
}

func (d *doc) footer(p, n int) {
	s := fmt.Sprintf("page %d of %d · %s", p, n, d.r.Date.Format("2006-01-02"))
	y := d.g.h - d.g.bottom/2 - lineHeight(fHead)/2
	x := d.g.left + (d.g.textWidth()-d.strWidth(fHead, s))/2
	d.text(x, baseline(y, fHead), fHead, muted, s)
}
