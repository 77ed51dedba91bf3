package prose

import (
	"sort"

	"fyne.io/fyne/v2"
)

// span is the drawn part of a run of text on one row.
type span struct {
	row    int
	x1, x2 float32
}

// rowOf returns the row holding offset o: the last row starting at or before
// it. An offset where a row wraps belongs to the row it begins.
func (l *layout) rowOf(o int) int {
	i := sort.Search(len(l.rows), func(i int) bool { return l.rows[i].start > o })
	return max(i-1, 0)
}

// rowAt returns the row at height y, clamped to the first and last rows.
func (l *layout) rowAt(y float32) int {
	i := sort.Search(len(l.rows), func(i int) bool { return l.rows[i].y+l.rows[i].h > y })
	return min(i, len(l.rows)-1)
}

// caretX returns the x of offset o, which must lie on row ri. Inside a word it
// measures the word's prefix: rarer than it sounds, as most highlight and
// selection edges fall between words.
func (l *layout) caretX(s *source, ri, o int) float32 {
	r := &l.rows[ri]
	segs := l.segs[r.s0:r.s1]
	i := sort.Search(len(segs), func(i int) bool { return segs[i].end > o })
	if i == len(segs) {
		if i == 0 {
			return r.x
		}
		return segs[i-1].x + segs[i-1].w
	}
	g := segs[i]
	switch {
	case o <= g.start:
		return g.x
	case g.space:
		return g.x + float32(o-g.start)*l.spaceW
	}
	return g.x + fyne.MeasureText(s.slice(g.start, o), l.key.size, l.key.style).Width
}

// caretPos returns the point where a caret before offset o is drawn: its x,
// and the top of its row.
func (l *layout) caretPos(s *source, o int) fyne.Position {
	ri := l.rowOf(o)
	return fyne.NewPos(l.caretX(s, ri, o), l.rows[ri].y)
}

// offsetAt returns the offset nearest pos. Above the widget it is the start
// of the text and below it the end, so a drag past either edge selects to it.
func (l *layout) offsetAt(s *source, pos fyne.Position) int {
	if pos.Y < 0 {
		return 0
	}
	if pos.Y >= l.height {
		return len(s.runes)
	}
	return l.offsetInRow(s, l.rowAt(pos.Y), pos.X)
}

// offsetInRow returns the offset on row ri nearest x.
func (l *layout) offsetInRow(s *source, ri int, x float32) int {
	r := &l.rows[ri]
	segs := l.segs[r.s0:r.s1]
	i := sort.Search(len(segs), func(i int) bool { return segs[i].x+segs[i].w > x })
	if i == len(segs) {
		return r.end
	}
	g := segs[i]
	switch {
	case x <= g.x:
		return g.start
	case g.space:
		return g.start + int((x-g.x)/l.spaceW+0.5)
	}
	return l.offsetInWord(s, g, x)
}

// offsetInWord returns the caret position in word g nearest x, never one
// between a letter and its combining mark.
func (l *layout) offsetInWord(s *source, g seg, x float32) int {
	prevX, prev := g.x, g.start
	for o := g.start + 1; o <= g.end; o++ {
		if !s.boundary(o) {
			continue
		}
		ox := g.x + g.w
		if o < g.end {
			ox = g.x + fyne.MeasureText(s.slice(g.start, o), l.key.size, l.key.style).Width
		}
		if x < (prevX+ox)/2 {
			return prev
		}
		prevX, prev = ox, o
	}
	return g.end
}

// runeAt returns the index of the drawn rune under pos, or -1 when pos is
// not over text (a margin, the end of a short row, a paragraph gap).
func (l *layout) runeAt(s *source, pos fyne.Position) int {
	if pos.Y < l.rows[0].y || pos.Y >= l.height-l.key.pad {
		return -1
	}
	ri := l.rowAt(pos.Y)
	r := &l.rows[ri]
	if pos.X < r.x || pos.X >= l.caretX(s, ri, r.vis) {
		return -1
	}
	o := l.offsetInRow(s, ri, pos.X)
	if o > r.start && l.caretX(s, ri, o) > pos.X {
		o = s.step(o, -1)
	}
	if o >= r.vis {
		return -1
	}
	return o
}

// spans returns where runes [a, b) are drawn, one span per row, appended to
// out. Trailing spaces of a wrapped row are left out: they are not drawn.
func (l *layout) spans(s *source, a, b int, out []span) []span {
	for ri := l.rowOf(a); a < b && ri < len(l.rows) && l.rows[ri].start < b; ri++ {
		r := &l.rows[ri]
		lo, hi := max(a, r.start), min(b, r.vis)
		if hi > lo {
			out = append(out, span{row: ri, x1: l.caretX(s, ri, lo), x2: l.caretX(s, ri, hi)})
		}
	}
	return out
}
