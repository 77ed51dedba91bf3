package prose

import (
	"image/color"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

const (
	fillAlpha    = 0x5a // ~0.35: the words stay legible through a code colour
	neutralAlpha = 0x30 // a search match: visible, but quieter than any code
	barHeight    = 2    // an overlap bar under a row, one per code colour
)

// renderer draws a Prose: highlight fills and bars, then the selection, then
// one canvas.Text per row, all pooled. Each part can be redrawn alone, so a
// drag step touches only the selection and a new highlight only the fills.
type renderer struct {
	p       *Prose
	marks   []*canvas.Rectangle // highlight fills and bars
	sels    []*canvas.Rectangle
	texts   []*canvas.Text
	objects []fyne.CanvasObject
	spans   []span // scratch, reused
	grown   bool   // a pool grew: objects must be rebuilt

	fg, selFill, selEdge, neutral color.Color
}

func (r *renderer) Layout(fyne.Size) {
	r.place()
}

func (r *renderer) MinSize() fyne.Size {
	return r.p.minSize()
}

func (r *renderer) Objects() []fyne.CanvasObject {
	return r.objects
}

func (r *renderer) Destroy() {
	if r.p.rend == r {
		r.p.rend = nil
	}
}

// Refresh follows the theme (colours, text size) and the text, rewrapping
// only if either changed.
func (r *renderer) Refresh() {
	r.p.rend = r
	r.resolveColours()
	r.place()
	canvas.Refresh(r.p)
}

func (r *renderer) resolveColours() {
	th := r.p.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.fg = th.Color(theme.ColorNameForeground, v)
	// The selection is the theme's selection tint with a primary outline: the
	// outline is what no translucent code fill can be mistaken for.
	r.selFill = th.Color(theme.ColorNameSelection, v)
	r.selEdge = th.Color(theme.ColorNamePrimary, v)
	r.neutral = withAlpha(r.fg, neutralAlpha)
}

func (r *renderer) place() {
	r.placeRows()
	r.placeHighlights()
	r.placeSelection()
}

// placeRows moves one text object onto each row, refreshing only the rows
// whose text or style changed: a refresh throws away a row's texture.
func (r *renderer) placeRows() {
	p := r.p
	l := p.layout()
	for i := range l.rows {
		row := &l.rows[i]
		t := r.text(i)
		s := p.src.display(row.start, row.vis)
		changed := !t.Visible() || t.Text != s || t.Color != r.fg ||
			t.TextSize != l.key.size || t.TextStyle != l.key.style
		t.Text, t.Color, t.TextSize, t.TextStyle = s, r.fg, l.key.size, l.key.style
		t.Move(fyne.NewPos(row.x, row.y))
		t.Resize(fyne.NewSize(l.caretX(&p.src, i, row.vis)-row.x, l.textH))
		if changed {
			t.Show()
			canvas.Refresh(t)
		}
	}
	for _, t := range r.texts[len(l.rows):] {
		hide(t)
	}
	r.rebuild()
}

func (r *renderer) text(i int) *canvas.Text {
	if i == len(r.texts) {
		r.texts = append(r.texts, canvas.NewText("", r.fg))
		r.grown = true
	}
	return r.texts[i]
}

// placeHighlights draws each highlight as a translucent fill behind its words
// and, where it overlaps another or carries several codes, one opaque bar per
// code colour in the gap under its rows, stacked so that none hides another.
func (r *renderer) placeHighlights() {
	p := r.p
	l := p.layout()
	lanes := p.lanes()
	n := 0
	for i, h := range p.highlights {
		if !p.fits(h) {
			continue
		}
		fill, bars := r.colours(h, lanes[i].overlaps)
		r.spans = l.spans(&p.src, h.Start, h.End, r.spans[:0])
		for _, sp := range r.spans {
			row := &l.rows[sp.row]
			pos, size := fyne.NewPos(sp.x1, row.y), fyne.NewSize(sp.x2-sp.x1, l.textH)
			n = r.mark(n, fill, pos, size)
			for k, c := range bars {
				y := row.y + l.textH + 1 + float32(lanes[i].slot+k)*(barHeight+1)
				n = r.mark(n, c, fyne.NewPos(sp.x1, y), fyne.NewSize(size.Width, barHeight))
			}
		}
	}
	for _, m := range r.marks[n:] {
		hide(m)
	}
	r.rebuild()
}

// colours returns a highlight's fill and the colours of its bars.
func (r *renderer) colours(h Highlight, overlaps bool) (color.Color, []color.Color) {
	if len(h.Colors) == 0 {
		return r.neutral, nil
	}
	if !overlaps && len(h.Colors) == 1 {
		return withAlpha(h.Colors[0], fillAlpha), nil
	}
	return withAlpha(h.Colors[0], fillAlpha), h.Colors
}

func (r *renderer) mark(n int, c color.Color, pos fyne.Position, size fyne.Size) int {
	if n == len(r.marks) {
		r.marks = append(r.marks, canvas.NewRectangle(c))
		r.grown = true
	}
	m := r.marks[n]
	m.FillColor = c
	m.Move(pos)
	m.Resize(size)
	m.Show()
	canvas.Refresh(m)
	return n + 1
}

// placeSelection draws the selection behind the words, whether or not the
// widget has focus.
func (r *renderer) placeSelection() {
	p := r.p
	l := p.layout()
	a, b := p.Selection()
	r.spans = l.spans(&p.src, a, b, r.spans[:0])
	for i, sp := range r.spans {
		if i == len(r.sels) {
			s := canvas.NewRectangle(r.selFill)
			s.StrokeWidth = 1
			r.sels = append(r.sels, s)
			r.grown = true
		}
		row := &l.rows[sp.row]
		s := r.sels[i]
		s.FillColor, s.StrokeColor = r.selFill, r.selEdge
		s.Move(fyne.NewPos(sp.x1, row.y))
		s.Resize(fyne.NewSize(sp.x2-sp.x1, l.textH))
		s.Show()
		canvas.Refresh(s)
	}
	for _, s := range r.sels[len(r.spans):] {
		hide(s)
	}
	r.rebuild()
}

// rebuild lists the objects back to front: fills, selection, text.
func (r *renderer) rebuild() {
	if !r.grown {
		return
	}
	r.grown = false
	r.objects = r.objects[:0]
	for _, m := range r.marks {
		r.objects = append(r.objects, m)
	}
	for _, s := range r.sels {
		r.objects = append(r.objects, s)
	}
	for _, t := range r.texts {
		r.objects = append(r.objects, t)
	}
}

func hide(o fyne.CanvasObject) {
	if o.Visible() {
		o.Hide()
		canvas.Refresh(o)
	}
}

func withAlpha(c color.Color, a uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(uint32(n.A) * uint32(a) / 0xff)
	return n
}

// lane is where a highlight's bars go: slot counts bar places up from the
// bottom of a row, and overlaps says whether it shares text with another.
type lane struct {
	slot     int
	overlaps bool
}

// lanes gives overlapping highlights disjoint bar slots, sweeping them in
// order of start, so that every code colour keeps its own visible bar.
func (p *Prose) lanes() []lane {
	hs := p.highlights
	out := make([]lane, len(hs))
	order := make([]int, 0, len(hs))
	for i, h := range hs {
		if p.fits(h) && len(h.Colors) > 0 {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return hs[order[a]].Start < hs[order[b]].Start })
	var active []int
	for _, i := range order {
		kept := active[:0]
		for _, j := range active {
			if hs[j].End > hs[i].Start {
				kept = append(kept, j)
				out[i].overlaps, out[j].overlaps = true, true
			}
		}
		active = append(kept, i)
		out[i].slot = freeSlot(hs, out, kept, len(hs[i].Colors))
	}
	return out
}

// freeSlot returns the lowest slot with room for n bars among the active
// highlights' bars.
func freeSlot(hs []Highlight, ls []lane, active []int, n int) int {
	for s := 0; ; s++ {
		free := true
		for _, j := range active {
			if s < ls[j].slot+len(hs[j].Colors) && ls[j].slot < s+n {
				free = false
				break
			}
		}
		if free {
			return s
		}
	}
}
