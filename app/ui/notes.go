package ui

import (
	"fmt"
	"image/color"
	"strings"

	"casebook/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// notesPanel lists the open case's memos and highlights in text order, the
// orphaned highlights last and never hidden. Tapping a highlight scrolls the
// reader to it; tapping a memo opens it for editing.
type notesPanel struct {
	box      *fyne.Container
	title    *widget.Label
	onOpen   func(store.Annotation)
	onEdit   func(id string)
	onMemo   func(store.Memo)
	onAdd    func()
	headings map[string]string
}

func newNotesPanel(onOpen func(store.Annotation), onEdit func(id string), onMemo func(store.Memo), onAdd func()) *notesPanel {
	return &notesPanel{onOpen: onOpen, onEdit: onEdit, onMemo: onMemo, onAdd: onAdd}
}

func (p *notesPanel) build() fyne.CanvasObject {
	p.title = widget.NewLabelWithStyle("Notes", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	add := widget.NewButtonWithIcon("Memo", theme.ContentAddIcon(), func() { p.onAdd() })
	add.Importance = widget.LowImportance
	p.box = container.NewVBox()
	return container.NewBorder(container.NewBorder(nil, nil, nil, add, p.title), nil, nil, nil, container.NewVScroll(p.box))
}

// show lists the notes of a case.
func (p *notesPanel) show(annotations []store.Annotation, memos []store.Memo, codes []store.Code, t store.Template) {
	p.headings = map[string]string{"": "Case"}
	for _, s := range t {
		p.headings[s.Key] = s.Heading
	}
	p.title.SetText(fmt.Sprintf("Notes (%d)", len(annotations)+len(memos)))
	var items []fyne.CanvasObject
	for _, m := range memos {
		items = append(items, p.memoCard(m))
	}
	orphans := 0
	for _, a := range annotations {
		if a.Orphaned {
			if orphans == 0 {
				items = append(items, widget.NewSeparator(), orphanHeading(annotations))
			}
			orphans++
		}
		items = append(items, p.annotationCard(a, codes))
	}
	if len(items) == 0 {
		empty := widget.NewLabel("Select words in the text and press Highlight (Ctrl+H) to annotate them.")
		empty.Wrapping = fyne.TextWrapWord
		empty.Importance = widget.LowImportance
		items = append(items, empty)
	}
	p.box.Objects = items
	p.box.Refresh()
}

func orphanHeading(annotations []store.Annotation) fyne.CanvasObject {
	n := 0
	for _, a := range annotations {
		if a.Orphaned {
			n++
		}
	}
	l := widget.NewLabelWithStyle(fmt.Sprintf("! Orphaned (%d): their words are no longer in the text", n),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Importance = widget.WarningImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

func (p *notesPanel) annotationCard(a store.Annotation, codes []store.Code) fyne.CanvasObject {
	var names []string
	col := theme.Color(theme.ColorNameDisabled)
	for i, id := range a.Codes {
		names = append(names, store.CodePath(codes, id))
		if i == 0 {
			col = codeColorOf(codes, id)
		}
	}
	lines := []string{"“" + shorten(a.Quote, 160) + "”"}
	if len(names) > 0 {
		lines = append([]string{strings.Join(names, ", ")}, lines...)
	}
	if a.Memo != "" {
		lines = append(lines, "memo: "+shorten(a.Memo, 240))
	}
	lines = append(lines, fmt.Sprintf("%s · %s · %s", p.headings[a.Section], nonEmptyOr(a.Author, "unknown author"), a.Updated.Local().Format("2 Jan 2006")))
	return newNoteCard(col, lines, func() { p.onOpen(a) }, func() { p.onEdit(a.ID) })
}

func (p *notesPanel) memoCard(m store.Memo) fyne.CanvasObject {
	lines := []string{"Memo on " + strings.ToLower(p.headings[m.Section]), shorten(m.Text, 400),
		fmt.Sprintf("%s · %s", nonEmptyOr(m.Author, "unknown author"), m.Updated.Local().Format("2 Jan 2006"))}
	if m.Section == "" {
		lines[0] = "Memo on the case"
	}
	return newNoteCard(theme.Color(theme.ColorNamePrimary), lines, func() { p.onMemo(m) }, func() { p.onMemo(m) })
}

// codeColorOf is the colour of a code, grey if it is unknown.
func codeColorOf(codes []store.Code, id string) color.Color {
	c, _ := findCode(codes, id)
	return codeColor(c.Color)
}

func shorten(s string, max int) string {
	r := []rune(strings.ReplaceAll(s, "\n", " "))
	if len(r) <= max {
		return string(r)
	}
	return string(r[:max]) + "…"
}

func nonEmptyOr(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// noteCard is one entry of the notes panel: a coloured bar and a few lines.
// Tapping it acts on the note; it takes the keyboard focus (Tab), shows it
// with an outline, and Enter or Space opens the note for editing.
type noteCard struct {
	widget.BaseWidget
	bar     *canvas.Rectangle
	outline *canvas.Rectangle
	text    *widget.Label
	onTap   func()
	onEdit  func()
}

func newNoteCard(c color.Color, lines []string, onTap, onEdit func()) *noteCard {
	n := &noteCard{text: widget.NewLabel(strings.Join(lines, "\n")), onTap: onTap, onEdit: onEdit}
	n.text.Wrapping = fyne.TextWrapWord
	n.bar = canvas.NewRectangle(c)
	n.outline = canvas.NewRectangle(color.Transparent)
	n.outline.StrokeWidth = 2
	n.ExtendBaseWidget(n)
	return n
}

// Tapped acts on the note.
func (n *noteCard) Tapped(*fyne.PointEvent) { n.onTap() }

// FocusGained outlines the card, so that keyboard users see where they are.
func (n *noteCard) FocusGained() {
	n.outline.StrokeColor = theme.Color(theme.ColorNameFocus)
	n.outline.Refresh()
}

// FocusLost removes the outline.
func (n *noteCard) FocusLost() {
	n.outline.StrokeColor = color.Transparent
	n.outline.Refresh()
}

// TypedRune opens the note on Space.
func (n *noteCard) TypedRune(r rune) {
	if r == ' ' {
		n.onEdit()
	}
}

// TypedKey opens the note on Enter.
func (n *noteCard) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter {
		n.onEdit()
	}
}

func (n *noteCard) CreateRenderer() fyne.WidgetRenderer {
	n.bar.SetMinSize(fyne.NewSize(4, 4))
	return widget.NewSimpleRenderer(container.NewStack(n.outline, container.NewBorder(nil, nil, n.bar, nil, n.text)))
}
