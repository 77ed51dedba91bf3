package prose

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

var (
	_ fyne.Draggable     = (*Prose)(nil)
	_ fyne.Tappable      = (*Prose)(nil)
	_ fyne.Focusable     = (*Prose)(nil)
	_ fyne.Shortcutable  = (*Prose)(nil)
	_ desktop.Mouseable  = (*Prose)(nil)
	_ desktop.Keyable    = (*Prose)(nil)
	_ desktop.Cursorable = (*Prose)(nil)
)

// clickSlop is how far the pointer may move between the presses of a double
// or triple click.
const clickSlop = 4

// inputState is what the mouse and keyboard handlers remember between events.
type inputState struct {
	focused, shift    bool
	pressed, dragging bool
	extended          bool // the last press was a shift-click
	clicks            int  // presses in the current multi-click: 1, 2 or 3
	lastPress         time.Time
	lastPos           fyne.Position
}

// Cursor implements desktop.Cursorable: the widget is for selecting text.
func (p *Prose) Cursor() desktop.Cursor {
	return desktop.TextCursor
}

// MouseDown implements desktop.Mouseable. A click places the caret, a double
// click selects a word, a triple click a paragraph and a shift-click extends
// the selection. Clicks are counted here from timing: fyne.DoubleTappable
// would delay every single click by the double-tap delay.
func (p *Prose) MouseDown(ev *desktop.MouseEvent) {
	p.requestFocus()
	if ev.Button != desktop.MouseButtonPrimary {
		return // keep the selection for a context menu
	}
	p.in.pressed = true
	p.in.extended = ev.Modifier&fyne.KeyModifierShift != 0
	p.countClick(ev.Position)
	o := p.OffsetAt(ev.Position)
	switch {
	case p.in.extended:
		p.userSelect(p.anchor, o)
	case p.in.clicks == 2:
		p.userSelect(p.src.wordAt(o))
	case p.in.clicks == 3:
		p.userSelect(p.src.paragraphAt(o))
	default:
		p.userSelect(o, o)
	}
}

func (p *Prose) countClick(pos fyne.Position) {
	now := time.Now()
	d := pos.Subtract(p.in.lastPos)
	near := d.X*d.X+d.Y*d.Y <= clickSlop*clickSlop
	quick := now.Sub(p.in.lastPress) <= fyne.CurrentApp().Driver().DoubleTapDelay()
	if p.in.extended || !near || !quick || p.in.clicks >= 3 {
		p.in.clicks = 1
	} else {
		p.in.clicks++
	}
	p.in.lastPress, p.in.lastPos = now, pos
}

// MouseUp implements desktop.Mouseable.
func (p *Prose) MouseUp(*desktop.MouseEvent) {
	p.in.pressed = false
}

// Dragged implements fyne.Draggable: the selection runs from where the press
// began (or the anchor kept by a double click) to the pointer.
func (p *Prose) Dragged(ev *fyne.DragEvent) {
	if !p.in.dragging {
		p.in.dragging = true
		if !p.in.pressed { // no MouseDown came (touch, the test driver): it began one step back
			p.anchor = p.OffsetAt(ev.Position.Subtract(ev.Dragged))
		}
	}
	p.userSelect(p.anchor, p.OffsetAt(ev.Position))
}

// DragEnd implements fyne.Draggable.
func (p *Prose) DragEnd() {
	p.in.dragging, p.in.pressed = false, false
}

// Tapped implements fyne.Tappable: a plain click on highlighted text reports
// the highlight. The second click of a double click and a shift-click do not:
// they are about the selection.
func (p *Prose) Tapped(ev *fyne.PointEvent) {
	p.requestFocus()
	if p.in.clicks > 1 || p.in.extended || p.OnHighlightTapped == nil {
		return
	}
	if id, ok := p.highlightAt(ev.Position); ok {
		p.OnHighlightTapped(id)
	}
}

// highlightAt returns the shortest highlight under pos.
func (p *Prose) highlightAt(pos fyne.Position) (string, bool) {
	i := p.layout().runeAt(&p.src, pos)
	best := -1
	for k, h := range p.highlights {
		if !p.fits(h) || i < h.Start || i >= h.End {
			continue
		}
		if best < 0 || h.End-h.Start < p.highlights[best].End-p.highlights[best].Start {
			best = k
		}
	}
	if best < 0 {
		return "", false
	}
	return p.highlights[best].ID, true
}

// FocusGained implements fyne.Focusable.
func (p *Prose) FocusGained() {
	p.in.focused = true
}

// FocusLost implements fyne.Focusable. The selection stays drawn: the
// researcher moves to a toolbar button to code it.
func (p *Prose) FocusLost() {
	p.in.focused, p.in.shift = false, false
}

// TypedRune implements fyne.Focusable; the text is read-only.
func (p *Prose) TypedRune(rune) {}

// KeyDown implements desktop.Keyable, to know when Shift is held.
func (p *Prose) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		p.in.shift = true
	}
}

// KeyUp implements desktop.Keyable.
func (p *Prose) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		p.in.shift = false
	}
}

// TypedKey implements fyne.Focusable: with Shift, the arrows, Home and End
// move the selection's moving end; without, they collapse the selection.
func (p *Prose) TypedKey(ev *fyne.KeyEvent) {
	o, ok := p.keyTarget(ev.Name)
	switch {
	case !ok:
	case p.shiftHeld():
		p.userSelect(p.anchor, o)
	default:
		p.userSelect(o, o)
	}
}

func (p *Prose) keyTarget(k fyne.KeyName) (int, bool) {
	a, b := p.Selection()
	collapse := a != b && !p.shiftHeld()
	l := p.layout()
	row := &l.rows[l.rowOf(p.caret)]
	switch k {
	case fyne.KeyLeft:
		if collapse {
			return a, true
		}
		return p.src.step(p.caret, -1), true
	case fyne.KeyRight:
		if collapse {
			return b, true
		}
		return p.src.step(p.caret, 1), true
	case fyne.KeyUp:
		return p.rowStep(-1), true
	case fyne.KeyDown:
		return p.rowStep(1), true
	case fyne.KeyHome:
		return row.start, true
	case fyne.KeyEnd:
		return row.vis, true
	}
	return 0, false
}

// rowStep returns the offset one row up or down from the caret, at the same x.
func (p *Prose) rowStep(dir int) int {
	l := p.layout()
	from := l.rowOf(p.caret)
	to := from + dir
	if to < 0 {
		return 0
	}
	if to >= len(l.rows) {
		return len(p.src.runes)
	}
	o := l.offsetInRow(&p.src, to, l.caretX(&p.src, from, p.caret))
	if r := l.rows[to]; o == r.end && to+1 < len(l.rows) && l.rows[to+1].start == o {
		o = r.vis // stay on the row rather than slip to the start of the next
	}
	return o
}

func (p *Prose) shiftHeld() bool {
	if p.in.shift {
		return true
	}
	d, ok := fyne.CurrentApp().Driver().(desktop.Driver)
	return ok && d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
}

// TypedShortcut implements fyne.Shortcutable. It handles copy, select all and
// Ctrl+Shift+Left/Right (extend by a word); every other shortcut goes on to
// the window, because the window gives a focused Shortcutable the shortcut
// instead of its own handlers (Ctrl+F, Ctrl+Z must still work while reading).
func (p *Prose) TypedShortcut(sh fyne.Shortcut) {
	switch s := sh.(type) {
	case *fyne.ShortcutCopy:
		if t := p.SelectedText(); t != "" {
			fyne.CurrentApp().Clipboard().SetContent(t)
		}
	case *fyne.ShortcutSelectAll:
		p.userSelect(0, len(p.src.runes))
	case *desktop.CustomShortcut:
		if !p.wordShortcut(s) {
			p.forward(sh)
		}
	default:
		p.forward(sh)
	}
}

func (p *Prose) wordShortcut(s *desktop.CustomShortcut) bool {
	if s.Modifier != fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift {
		return false
	}
	switch s.KeyName {
	case fyne.KeyLeft:
		p.userSelect(p.anchor, p.src.wordStep(p.caret, -1))
	case fyne.KeyRight:
		p.userSelect(p.anchor, p.src.wordStep(p.caret, 1))
	default:
		return false
	}
	return true
}

func (p *Prose) forward(sh fyne.Shortcut) {
	c := fyne.CurrentApp().Driver().CanvasForObject(p)
	if h, ok := c.(fyne.Shortcutable); ok {
		h.TypedShortcut(sh)
	}
}

func (p *Prose) requestFocus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(p); c != nil && c.Focused() != p {
		c.Focus(p)
	}
}

// userSelect sets the selection on the user's behalf and reports a change;
// two empty selections are the same "nothing selected".
func (p *Prose) userSelect(anchor, caret int) {
	oa, ob := p.Selection()
	p.anchor, p.caret = p.src.clamp(anchor), p.src.clamp(caret)
	p.selectionMoved()
	a, b := p.Selection()
	if (a != oa || b != ob) && (a != b || oa != ob) && p.OnSelectionChanged != nil {
		p.OnSelectionChanged(a, b)
	}
}
