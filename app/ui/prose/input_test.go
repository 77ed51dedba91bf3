package prose

import (
	"image/color"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

const repeated = "In Győr the office opened in May. Later, in Győr the office closed for good.\n\n" +
	"A second paragraph, about Ωmega and Жуков."

func click(pos fyne.Position, mod fyne.KeyModifier) *desktop.MouseEvent {
	return &desktop.MouseEvent{
		PointEvent: fyne.PointEvent{Position: pos},
		Button:     desktop.MouseButtonPrimary,
		Modifier:   mod,
	}
}

func press(p *Prose, pos fyne.Position, mod fyne.KeyModifier) {
	p.MouseDown(click(pos, mod))
	p.MouseUp(click(pos, mod))
}

func wantSelection(t *testing.T, p *Prose, a, b int) {
	t.Helper()
	if ga, gb := p.Selection(); ga != a || gb != b {
		t.Errorf("Selection() = %d, %d (%q), want %d, %d (%q)",
			ga, gb, p.SelectedText(), a, b, p.src.slice(a, b))
	}
}

func TestDragSelectsTheRepeatedPhraseWhereItWasDragged(t *testing.T) {
	p, w := show(t, repeated, 600)
	var reported [2]int
	p.OnSelectionChanged = func(a, b int) { reported = [2]int{a, b} }
	phrase := "Győr the office"
	start := nth(repeated, phrase, 2)
	end := start + len([]rune(phrase))

	from, to := middle(p, start, 1), middle(p, end, -1)
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(p)
	test.Drag(w.Canvas(), origin.Add(to), to.X-from.X, to.Y-from.Y)

	wantSelection(t, p, start, end)
	if p.SelectedText() != phrase || start == nth(repeated, phrase, 1) {
		t.Errorf("SelectedText = %q at %d", p.SelectedText(), start)
	}
	if reported != [2]int{start, end} {
		t.Errorf("OnSelectionChanged got %v, want [%d %d]", reported, start, end)
	}
}

func TestDoubleClickSelectsAWordAndTripleClickAParagraph(t *testing.T) {
	p, _ := show(t, repeated, 600)
	word := nth(repeated, "office", 2)
	pos := middle(p, word+2, 0)

	press(p, pos, 0)
	wantSelection(t, p, word+2, word+2)
	press(p, pos, 0)
	wantSelection(t, p, word, word+len("office"))
	press(p, pos, 0)
	wantSelection(t, p, 0, nth(repeated, "\n\n", 1))

	p.in.lastPress = time.Now().Add(-time.Second) // a slow click starts again
	press(p, pos, 0)
	press(p, middle(p, nth(repeated, "Жуков", 1)+1, 0), 0)
	wantSelection(t, p, nth(repeated, "Жуков", 1)+1, nth(repeated, "Жуков", 1)+1)
}

func TestDoubleClickTakesAccentsAndApostrophesWithTheWord(t *testing.T) {
	text := "Ame\u0301lie didn't go."
	p, _ := show(t, text, 600)
	for _, c := range []struct{ word, at int }{{0, 4}, {8, 10}} {
		p.in.lastPress = time.Time{}
		press(p, middle(p, c.at, 0), 0)
		press(p, middle(p, c.at, 0), 0)
		if c.word == 0 {
			wantSelection(t, p, 0, 7)
		} else {
			wantSelection(t, p, 8, 14)
		}
	}
}

func TestShiftClickExtendsTheSelection(t *testing.T) {
	p, _ := show(t, repeated, 600)
	a, b, c := nth(repeated, "office", 1), nth(repeated, "Later", 1), nth(repeated, "opened", 1)

	press(p, middle(p, a, 0), 0)
	press(p, middle(p, b, 0), fyne.KeyModifierShift)
	wantSelection(t, p, a, b)
	press(p, middle(p, c, 0), fyne.KeyModifierShift)
	wantSelection(t, p, a, c)
}

func TestShiftArrowsExtendByOneRuneOrRow(t *testing.T) {
	p, _ := show(t, "Zoe\u0308 and ő Ж\nnext line", 600)
	shift := &fyne.KeyEvent{Name: desktop.KeyShiftLeft}
	key := func(k fyne.KeyName) { p.TypedKey(&fyne.KeyEvent{Name: k}) }

	p.Select(0, 1)
	p.KeyDown(shift)
	key(fyne.KeyRight)
	wantSelection(t, p, 0, 2)
	key(fyne.KeyRight) // over "e" and its combining diaeresis together
	wantSelection(t, p, 0, 4)
	key(fyne.KeyLeft)
	wantSelection(t, p, 0, 2)
	key(fyne.KeyDown)
	if a, b := p.Selection(); a != 0 || b < nth(p.Text(), "next", 1) {
		t.Errorf("Shift+Down: selection %d, %d does not reach the next row", a, b)
	}
	p.KeyUp(shift)
	p.Select(5, 8)
	key(fyne.KeyRight)
	wantSelection(t, p, 8, 8)
}

func TestShortcutsCopySelectAllAndForwardTheRest(t *testing.T) {
	p, w := show(t, repeated, 600)
	find := &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	found := 0
	w.Canvas().AddShortcut(find, func(fyne.Shortcut) { found++ })
	w.Canvas().Focus(p)
	// Route as the GLFW window does: a focused Shortcutable gets the shortcut
	// and the window's own handlers do not.
	typed := func(s fyne.Shortcut) { w.Canvas().Focused().(fyne.Shortcutable).TypedShortcut(s) }

	typed(find)
	if found != 1 {
		t.Errorf("window shortcut ran %d times while the prose had focus, want 1", found)
	}
	p.Select(3, 7)
	typed(&fyne.ShortcutCopy{})
	if got := fyne.CurrentApp().Clipboard().Content(); got != "Győr" {
		t.Errorf("clipboard = %q after copy, want %q", got, "Győr")
	}
	typed(&fyne.ShortcutSelectAll{})
	wantSelection(t, p, 0, len([]rune(repeated)))
	p.Select(3, 3)
	typed(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	wantSelection(t, p, 3, 7)
	if found != 1 {
		t.Error("Ctrl+Shift+Right went on to the window")
	}
}

func TestTappingAHighlightReportsItsID(t *testing.T) {
	p, _ := show(t, repeated, 600)
	office := nth(repeated, "office", 1)
	p.SetHighlights([]Highlight{
		{ID: "long", Start: 0, End: nth(repeated, "May", 1), Colors: []color.Color{color.NRGBA{R: 200, A: 255}}},
		{ID: "office", Start: office, End: office + 6, Colors: []color.Color{color.NRGBA{B: 200, A: 255}}},
	})
	var got []string
	p.OnHighlightTapped = func(id string) { got = append(got, id) }

	test.TapAt(p, middle(p, office+3, 0))
	test.TapAt(p, middle(p, 1, 2))
	test.TapAt(p, middle(p, nth(repeated, "closed", 1), 3))
	test.TapAt(p, middle(p, nth(repeated, "Жуков.", 1)+6, 40)) // past the end of the row
	if len(got) != 2 || got[0] != "office" || got[1] != "long" {
		t.Errorf("tapped %v, want [office long]", got)
	}
}
