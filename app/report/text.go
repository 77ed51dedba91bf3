package report

// align is the horizontal alignment of plain text lines.
type align int

const (
	alignLeft align = iota
	alignCenter
	alignRight
)

// plainLines wraps s (no highlights) to the width w. Empty lines between
// paragraphs become half-line gaps; an empty s still gives one blank line,
// so that an empty table cell keeps its height.
func (d *doc) plainLines(s string, f font, c rgb, w float64, al align) []line {
	rs := []rune(s)
	spans := trimSpans(d.wrap(rs, f, w, nil))
	lh := lineHeight(f)
	if len(spans) == 0 {
		return []line{{h: lh, draw: func(float64, float64) {}}}
	}
	out := make([]line, 0, len(spans))
	for _, sp := range spans {
		if sp.a == sp.b {
			out = append(out, gapLine(lh/2))
			continue
		}
		str, tw := string(rs[sp.a:sp.b]), d.width(f, rs[sp.a:sp.b])
		dx := 0.0
		switch al {
		case alignCenter:
			dx = (w - tw) / 2
		case alignRight:
			dx = w - tw
		}
		out = append(out, line{h: lh, draw: func(x, y float64) {
			d.text(x+dx, baseline(y, f), f, c, str)
		}})
	}
	return out
}

// hangLines is a numbered note: label at the left, s wrapped beside it with
// a hanging indent, so the numbers stand out in a column of their own.
func (d *doc) hangLines(label string, lf font, lc rgb, s string, f font, c rgb, w, indent float64) []line {
	ls := d.plainLines(s, f, c, w-indent, alignLeft)
	out := make([]line, len(ls))
	for i, l := range ls {
		draw := l.draw
		first := i == 0
		// A note is short: keep it whole on one page.
		out[i] = line{h: l.h, space: l.space, glue: i < len(ls)-1, draw: func(x, y float64) {
			if first {
				d.text(x, baseline(y, f), lf, lc, label)
			}
			draw(x+indent, y)
		}}
	}
	return out
}

// trimSpans drops blank lines before the first and after the last text line.
func trimSpans(sp []span) []span {
	for len(sp) > 0 && sp[0].a == sp[0].b {
		sp = sp[1:]
	}
	for len(sp) > 0 && sp[len(sp)-1].a == sp[len(sp)-1].b {
		sp = sp[:len(sp)-1]
	}
	return sp
}

// glued marks lines to stay on the page of the line after them: a heading
// is never the last thing on a page.
func glued(ls []line) []line {
	for i := range ls {
		ls[i].glue = true
	}
	return ls
}

// gapLine is vertical space; at the top of a page it is dropped.
func gapLine(h float64) line {
	return line{h: h, space: true, draw: func(float64, float64) {}}
}

// ruleLine is a hairline across the column, in the middle of h.
func (d *doc) ruleLine(w, h float64) line {
	return line{h: h, draw: func(x, y float64) {
		d.hline(x, x+w, y+h/2, hair, 0.2)
	}}
}
