package prose

import (
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// show puts a Prose for text in a test window whose content is width wide.
func show(t testing.TB, text string, width float32) (*Prose, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	p := New(text)
	w := test.NewTempWindow(t, p)
	w.Resize(fyne.NewSize(width+2*theme.Padding(), 900))
	if got := p.Size().Width; got != width {
		t.Fatalf("prose width = %v, want %v", got, width)
	}
	return p, w
}

// nth returns the rune offset of the n-th (1-based) occurrence of sub in s.
func nth(s, sub string, n int) int {
	at := -1
	for ; n > 0; n-- {
		i := strings.Index(s[at+1:], sub)
		if i < 0 {
			return -1
		}
		at += 1 + i
	}
	return len([]rune(s[:at]))
}

// middle returns the point halfway down the row at offset o, dx right of it.
func middle(p *Prose, o int, dx float32) fyne.Position {
	l := p.layout()
	return l.caretPos(&p.src, o).AddXY(dx, l.textH/2)
}

func TestWrapNarrowerGivesMoreRowsAndKeepsEveryRuneOnce(t *testing.T) {
	blanks := "Tabs\tand\u00a0no-break spaces,\r\nCRLF line ends\n\n\nand  double  spaces " +
		"that go on for long enough to wrap twice or more at the narrow width."
	for _, text := range []string{sample, blanks} {
		p, w := show(t, text, 600)
		wide := len(p.layout().rows)
		checkRows(t, p)

		w.Resize(fyne.NewSize(180+2*theme.Padding(), 900))
		if narrow := len(p.layout().rows); narrow <= wide {
			t.Errorf("rows at 180 = %d, at 600 = %d: want more when narrower", narrow, wide)
		}
		checkRows(t, p)
	}
}

func TestWrapCutsAWordWiderThanTheRow(t *testing.T) {
	p, _ := show(t, "short Pneumonoultramicroscopicsilicovolcanoconiosis end", 120)
	if len(p.layout().rows) < 3 {
		t.Errorf("got %d rows, want the long word cut over several", len(p.layout().rows))
	}
	checkRows(t, p)
}

// checkRows asserts that the rows cover the text in order with nothing lost
// or repeated, that the drawn rows show every visible rune once, and that no
// drawn row is wider than the widget.
func checkRows(t *testing.T, p *Prose) {
	t.Helper()
	l := p.layout()
	var joined strings.Builder
	for i, r := range l.rows {
		if i > 0 {
			switch prev := l.rows[i-1]; {
			case r.start == prev.end+1 && p.src.runes[prev.end] == '\n':
				joined.WriteString("\n")
			case r.start != prev.end:
				t.Fatalf("row %d starts at %d, previous ends at %d", i, r.start, prev.end)
			}
		}
		joined.WriteString(p.src.slice(r.start, r.end))
		if right := l.caretX(&p.src, i, r.vis); right > p.Size().Width-l.key.pad+0.01 {
			t.Errorf("row %d (%q) ends at x=%v, beyond the width %v", i, p.src.slice(r.start, r.vis), right, p.Size().Width)
		}
	}
	if joined.String() != p.Text() {
		t.Errorf("rows joined = %q\nwant %q", joined.String(), p.Text())
	}
	var drawn strings.Builder
	rows := 0
	for _, o := range test.WidgetRenderer(p).Objects() {
		if txt, ok := o.(*canvas.Text); ok && txt.Visible() {
			drawn.WriteString(txt.Text)
			rows++
		}
	}
	if got, want := dropSpace(drawn.String()), dropSpace(p.Text()); got != want || rows != len(l.rows) {
		t.Errorf("drawn %d rows %q\nwant %d rows %q", rows, got, len(l.rows), want)
	}
}

func dropSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), "")
}

func TestOffsetAtAndPositionOfRoundTrip(t *testing.T) {
	p, _ := show(t, sample, 260)
	l := p.layout()
	n := len(p.src.runes)
	for o := 0; o <= n; o++ {
		if !p.src.boundary(o) {
			continue
		}
		if got := p.OffsetAt(middle(p, o, 0)); got != o {
			t.Errorf("OffsetAt(caret of %d) = %d", o, got)
		}
		if got, want := p.PositionOf(o).Y, l.caretPos(&p.src, o).Y; got != want {
			t.Errorf("PositionOf(%d).Y = %v, want its row's top %v", o, got, want)
		}
	}
	for i, r := range l.rows {
		if got := p.OffsetAt(p.PositionOf(r.start)); got != r.start {
			t.Errorf("row %d: OffsetAt(PositionOf(%d)) = %d", i, r.start, got)
		}
	}
	if got := p.OffsetAt(fyne.NewPos(-10, -10)); got != 0 {
		t.Errorf("OffsetAt above the text = %d, want 0", got)
	}
	if got := p.OffsetAt(fyne.NewPos(1e6, 1e6)); got != n {
		t.Errorf("OffsetAt below the text = %d, want %d", got, n)
	}
	if p.PositionOf(-3) != p.PositionOf(0) || p.PositionOf(1e6) != p.PositionOf(n) {
		t.Error("PositionOf does not clamp offsets outside the text")
	}
}

func TestCaretNeverSplitsALetterFromItsMark(t *testing.T) {
	text := "Ame\u0301lie, Zoe\u0308 and Ãe\u0303\u0301 ő Ж"
	p, _ := show(t, text, 400)
	for x := float32(0); x < 400; x += 0.5 {
		if o := p.OffsetAt(fyne.NewPos(x, 15)); !p.src.boundary(o) {
			t.Fatalf("OffsetAt(x=%v) = %d, just before a combining mark", x, o)
		}
	}
}

func TestSelectCountsRunesNotBytes(t *testing.T) {
	text := "ő Ж e\u0301 ł Ω ß"
	p := New(text)
	for _, c := range []struct {
		a, b int
		want string
	}{
		{0, 1, "ő"}, {2, 3, "Ж"}, {4, 6, "e\u0301"}, {7, 8, "ł"}, {11, 12, "ß"},
		{3, 2, "Ж"}, {-5, 1000, text}, {6, 6, ""},
	} {
		p.Select(c.a, c.b)
		if got := p.SelectedText(); got != c.want {
			t.Errorf("Select(%d, %d): SelectedText = %q, want %q", c.a, c.b, got, c.want)
		}
	}
	p.Select(-5, 1000)
	if a, b := p.Selection(); a != 0 || b != len([]rune(text)) {
		t.Errorf("Selection after Select(-5, 1000) = %d, %d", a, b)
	}
}

func TestMinHeightFollowsWidth(t *testing.T) {
	test.NewTempApp(t)
	p := New(sample)
	box := container.NewVBox(p)
	box.Resize(fyne.NewSize(600, 100))
	wide := p.MinSize()
	box.Resize(fyne.NewSize(200, 100))
	narrow := p.MinSize()
	if narrow.Height <= wide.Height {
		t.Errorf("min height at 200 = %v, at 600 = %v: want taller when narrower", narrow.Height, wide.Height)
	}
	if wide.Width > 200 || wide.Width <= 0 {
		t.Errorf("min width = %v, want a narrow positive width for comparison cells", wide.Width)
	}
	if got := p.layout().height; p.Size().Width == 200 && got != narrow.Height {
		t.Errorf("min height %v is not the wrapped height %v", narrow.Height, got)
	}
}

func TestNoPanicOnOddInput(t *testing.T) {
	test.NewTempApp(t)
	texts := []string{"", "\n", "\n\n\n", " ", "\t\tx\r\n", "e\u0301", "- ", strings.Repeat("x", 300)}
	for _, text := range texts {
		p := New(text)
		for _, width := range []float32{0, 1, 10, 1000} {
			p.Resize(fyne.NewSize(width, width))
			poke(p)
		}
		w := test.NewTempWindow(t, p)
		w.Resize(fyne.NewSize(50, 50))
		poke(p)
		p.SetText("")
		poke(p)
	}
}

// poke calls every entry point with hostile arguments.
func poke(p *Prose) {
	p.MinSize()
	p.OffsetAt(fyne.NewPos(-1, 5))
	p.PositionOf(-1)
	p.PositionOf(1 << 30)
	p.Select(-5, 1<<30)
	p.SelectedText()
	p.SetHighlights([]Highlight{{ID: "a", Start: -3, End: 1 << 30}, {Start: 5, End: 2}, {Start: 0, End: 1}})
	p.MouseDown(click(fyne.NewPos(3, 3), 0))
	p.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(400, 400)}, Dragged: fyne.Delta{DX: 500, DY: 500}})
	p.DragEnd()
	p.Tapped(&fyne.PointEvent{Position: fyne.NewPos(2, 2)})
	for _, k := range []fyne.KeyName{fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown, fyne.KeyHome, fyne.KeyEnd} {
		p.TypedKey(&fyne.KeyEvent{Name: k})
	}
	p.TypedShortcut(&fyne.ShortcutSelectAll{})
	p.TypedShortcut(&fyne.ShortcutCopy{})
	p.TypedShortcut(&fyne.ShortcutPaste{})
	p.Refresh()
}
