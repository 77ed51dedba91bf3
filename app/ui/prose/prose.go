// Package prose is Casebook's text widget: long, word-wrapped, proportional
// text in which a researcher selects passages by rune offset and sees coded
// highlights drawn behind the words.
//
// Stock Fyne 2.7 widgets cannot do both: a selectable Label reports only the
// selected string (ambiguous when a phrase repeats), RichText has no
// backgrounds, and long wrapped Labels re-measure a paragraph for every row.
// Prose wraps the text itself, measuring each word once, draws one
// canvas.Text per row and keeps every drawing object pooled, so one widget
// can serve a whole case section or a comparison cell.
//
// The text is plain: paragraphs are separated by "\n\n", a single "\n" breaks
// the line, and a line starting with "- " is a bullet item drawn with a
// hanging indent. Every offset in this API counts runes of the exact string
// given to New or SetText, newlines included.
package prose

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// DefaultLineSpacing is the row pitch, as a multiple of the font's line
// height, used when Prose.LineSpacing is zero: looser than a Label, for long
// reading, and leaving room under each row for the bars of overlapping codes.
const DefaultLineSpacing = 1.45

// Highlight is a coloured run of text, usually one annotation.
type Highlight struct {
	// ID identifies the highlight to OnHighlightTapped.
	ID string
	// Start and End are rune offsets into the text, [Start, End).
	Start, End int
	// Colors holds one colour per code on the annotation. Empty means a search
	// match, drawn in a neutral tint that no code colour is mistaken for.
	Colors []color.Color
}

// Prose shows read-only text with highlights and a rune-offset selection.
// Create it with New; change TextStyle, TextSize or LineSpacing and then call
// Refresh.
type Prose struct {
	widget.BaseWidget

	// OnSelectionChanged is called when the user changes the selection
	// (mouse, keyboard or shortcut), with rune offsets start <= end; start ==
	// end means the selection was cleared. Select and SetText do not call it:
	// the caller already knows.
	OnSelectionChanged func(start, end int)
	// OnHighlightTapped is called with a highlight's ID when the user clicks
	// on its text without dragging. Where highlights overlap, the shortest
	// one wins, as it is the one the click can hardly mean to miss.
	OnHighlightTapped func(id string)

	// TextStyle is the style of every row (bold, italic, monospace).
	TextStyle fyne.TextStyle
	// TextSize is the text size; zero follows the theme's text size.
	TextSize float32
	// LineSpacing is the row pitch as a multiple of the font's line height
	// (what fyne.MeasureText reports); zero means DefaultLineSpacing.
	LineSpacing float32

	src        source
	highlights []Highlight
	anchor     int // where the selection began; the caret is its moving end
	caret      int
	lay        layout
	rend       *renderer
	in         inputState
}

// New returns a Prose showing text.
func New(text string) *Prose {
	p := &Prose{}
	p.ExtendBaseWidget(p)
	p.src.set(text)
	return p
}

// SetText replaces the text. Highlights whose offsets no longer fit the new
// text are dropped (they would point at other words); the selection is
// cleared.
func (p *Prose) SetText(text string) {
	p.src.set(text)
	kept := make([]Highlight, 0, len(p.highlights))
	for _, h := range p.highlights {
		if p.fits(h) {
			kept = append(kept, h)
		}
	}
	p.highlights = kept
	p.anchor, p.caret = 0, 0
	p.Refresh()
}

// Text returns the text exactly as it was given.
func (p *Prose) Text() string {
	return p.src.text
}

// SetHighlights replaces all highlights. Highlights with offsets outside the
// text or with Start >= End are kept but not drawn. Only the highlight
// rectangles are redrawn: the text is not wrapped again.
func (p *Prose) SetHighlights(hs []Highlight) {
	p.highlights = append([]Highlight(nil), hs...)
	if p.rend != nil {
		p.rend.placeHighlights()
	}
}

// Highlights returns a copy of the current highlights.
func (p *Prose) Highlights() []Highlight {
	return append([]Highlight(nil), p.highlights...)
}

// Select selects the runes [start, end), clamped to the text; start == end
// clears the selection. The order of the arguments does not matter.
func (p *Prose) Select(start, end int) {
	p.anchor, p.caret = p.src.clamp(min(start, end)), p.src.clamp(max(start, end))
	p.selectionMoved()
}

// Selection returns the selected rune offsets, start <= end; start == end
// means nothing is selected.
func (p *Prose) Selection() (start, end int) {
	return min(p.anchor, p.caret), max(p.anchor, p.caret)
}

// SelectedText returns the selected text, or "" when nothing is selected.
func (p *Prose) SelectedText() string {
	a, b := p.Selection()
	return p.src.slice(a, b)
}

// OffsetAt returns the rune offset nearest pos, a position relative to the
// widget. Above the text it is 0, below it the length of the text.
func (p *Prose) OffsetAt(pos fyne.Position) int {
	return p.layout().offsetAt(&p.src, pos)
}

// PositionOf returns the top-left corner of the row holding offset (clamped
// to the text), relative to the widget: what a scroll container needs to
// bring an annotation into view.
func (p *Prose) PositionOf(offset int) fyne.Position {
	l := p.layout()
	r := l.rows[l.rowOf(p.src.clamp(offset))]
	return fyne.NewPos(r.x, r.y)
}

// CreateRenderer implements fyne.Widget.
func (p *Prose) CreateRenderer() fyne.WidgetRenderer {
	r := &renderer{p: p}
	p.rend = r
	r.resolveColours()
	r.place()
	return r
}

// fits reports whether h points inside the current text.
func (p *Prose) fits(h Highlight) bool {
	return h.Start >= 0 && h.Start < h.End && h.End <= len(p.src.runes)
}

// layout returns the wrapped rows for the current width, text and theme,
// wrapping again only when one of them changed.
func (p *Prose) layout() *layout {
	p.lay.ensure(&p.src, p.layoutKey(p.Size().Width))
	return &p.lay
}

func (p *Prose) layoutKey(width float32) layoutKey {
	th := p.Theme()
	size := p.TextSize
	if size <= 0 {
		size = th.Size(theme.SizeNameText)
	}
	spacing := p.LineSpacing
	if spacing <= 0 {
		spacing = DefaultLineSpacing
	}
	return layoutKey{
		width: width, size: size, spacing: spacing, style: p.TextStyle,
		pad:     th.Size(theme.SizeNameInnerPadding),
		font:    th.Font(p.TextStyle).Name(),
		version: p.src.version,
	}
}

// Warm measures the words of text as this widget would draw them, so that a
// later text sharing them lays out without measuring: Fyne measures each new
// word in about 40 us, most of the cost of showing a long text the first
// time. Call it on the UI goroutine, in idle time.
func (p *Prose) Warm(text string) {
	k := p.layoutKey(0)
	start := -1
	for i, r := range text {
		switch {
		case !blank(r) && r != '\n' && start < 0:
			start = i
		case (blank(r) || r == '\n') && start >= 0:
			measure(text[start:i], &k)
			start = -1
		}
	}
	if start >= 0 {
		measure(text[start:], &k)
	}
}

// minSize is narrow enough for a comparison cell, and as tall as the text
// wrapped at the current width, so that a VBox or a scroll container gives
// the widget its whole height (Fyne re-asks after each resize).
func (p *Prose) minSize() fyne.Size {
	l := p.layout()
	return fyne.NewSize(l.minWidth, l.height)
}

// selectionMoved redraws the selection alone: cheap enough for every drag
// step, and it leaves the texture of every text row alone.
func (p *Prose) selectionMoved() {
	if p.rend != nil {
		p.rend.placeSelection()
	}
}
