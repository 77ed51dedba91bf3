package prose

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

var (
	red  = color.NRGBA{R: 0xe5, G: 0x3e, B: 0x3e, A: 0xff}
	blue = color.NRGBA{R: 0x2b, G: 0x6c, B: 0xd0, A: 0xff}
)

// rects returns the visible rectangles filled with c, and whether every one
// of them lies behind every text row.
func rects(p *Prose, c color.Color) (found []*canvas.Rectangle, behind bool) {
	behind = true
	seenText := false
	for _, o := range test.WidgetRenderer(p).Objects() {
		switch o := o.(type) {
		case *canvas.Text:
			seenText = true
		case *canvas.Rectangle:
			if o.Visible() && o.FillColor == c {
				found = append(found, o)
				behind = behind && !seenText
			}
		}
	}
	return found, behind
}

func TestHighlightFillsSitBehindTheirWordsOnEachRow(t *testing.T) {
	p, _ := show(t, sample, 300)
	l := p.layout()
	start, end := nth(sample, "merged", 1), nth(sample, "Clerks", 1)
	if l.rowOf(start) == l.rowOf(end) {
		t.Fatal("test text must wrap inside the highlight")
	}
	p.SetHighlights([]Highlight{{ID: "h", Start: start, End: end, Colors: []color.Color{red}}})

	got, behind := rects(p, withAlpha(red, fillAlpha))
	want := l.spans(&p.src, start, end, nil)
	if len(got) != len(want) || !behind {
		t.Fatalf("got %d fills (behind text: %v), want %d behind the text", len(got), behind, len(want))
	}
	for i, sp := range want {
		wantPos := fyne.NewPos(sp.x1, l.rows[sp.row].y)
		if got[i].Position() != wantPos || got[i].Size().Width != sp.x2-sp.x1 {
			t.Errorf("fill %d at %v size %v, want %v width %v", i, got[i].Position(), got[i].Size(), wantPos, sp.x2-sp.x1)
		}
	}
	if x := l.caretX(&p.src, l.rowOf(start), start); got[0].Position().X != x || x <= l.key.pad {
		t.Errorf("first fill starts at %v, want at the word %q (%v)", got[0].Position().X, "merged", x)
	}
}

func TestOverlapsGetABarPerCodeUnderTheRow(t *testing.T) {
	p, _ := show(t, sample, 600)
	l := p.layout()
	a := nth(sample, "eleven", 1)
	p.SetHighlights([]Highlight{
		{ID: "a", Start: a, End: a + 20, Colors: []color.Color{red}},
		{ID: "b", Start: a + 7, End: a + 30, Colors: []color.Color{blue}},
		{ID: "search", Start: 0, End: 3},
	})
	redBars, _ := rects(p, red)
	blueBars, _ := rects(p, blue)
	if len(redBars) == 0 || len(blueBars) == 0 {
		t.Fatalf("red bars %d, blue bars %d: want both", len(redBars), len(blueBars))
	}
	row := l.rows[l.rowOf(a)]
	if redBars[0].Position().Y < row.y+l.textH || redBars[0].Position().Y == blueBars[0].Position().Y {
		t.Errorf("bars at y %v and %v, want distinct and under the text (%v)",
			redBars[0].Position().Y, blueBars[0].Position().Y, row.y+l.textH)
	}
	if neutral, _ := rects(p, p.rend.neutral); len(neutral) != 1 {
		t.Errorf("got %d neutral fills for a search match, want 1", len(neutral))
	}
}

func TestSelectionIsDrawnAndKeptWithoutFocus(t *testing.T) {
	p, w := show(t, sample, 600)
	p.Select(4, 20)
	w.Canvas().Focus(p)
	w.Canvas().Unfocus()
	sel, behind := rects(p, p.rend.selFill)
	if len(sel) != 1 || !behind || sel[0].StrokeWidth == 0 {
		t.Errorf("got %d selection rectangles (behind text: %v), want 1 outlined, behind the text", len(sel), behind)
	}
	p.Select(0, 0)
	if sel, _ := rects(p, p.rend.selFill); len(sel) != 0 {
		t.Errorf("%d selection rectangles remain after clearing it", len(sel))
	}
}

func TestSetTextDropsHighlightsThatNoLongerFit(t *testing.T) {
	p := New("0123456789 abcdefghij")
	p.SetHighlights([]Highlight{{ID: "in", Start: 0, End: 5}, {ID: "out", Start: 12, End: 20}})
	p.Select(1, 3)
	p.SetText("short")
	hs := p.Highlights()
	if len(hs) != 1 || hs[0].ID != "in" {
		t.Errorf("highlights after SetText = %v, want only \"in\"", hs)
	}
	if a, b := p.Selection(); a != b || p.Text() != "short" {
		t.Errorf("after SetText: selection %d, %d, text %q", a, b, p.Text())
	}
}
