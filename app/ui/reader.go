package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"casebook/app/exchange"
	"casebook/app/ui/prose"
	"casebook/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// reader shows one case: title, attributes as chips, the sections in
// template order (each a prose widget, where passages are highlighted), and
// the sources as links; beside it, the case's notes.
type reader struct {
	ctx    context.Context
	cat    Catalogue
	marks  *marks
	win    fyne.Window
	body   *fyne.Container
	scroll *container.Scroll
	mark   *widget.Button
	cite   *widget.Button
	shown  string
	// current is the case shown, for its citation.
	current store.Case
	// sections holds the text widget of each section shown, by key.
	sections map[string]*prose.Prose
	notes    *annotator
	// compareWith shows two cases side by side (set by the main window).
	compareWith func(a, b string)
}

func newReader(ctx context.Context, cat Catalogue, m *marks, w fyne.Window, prefs fyne.Preferences, status func(string)) *reader {
	r := &reader{ctx: ctx, cat: cat, marks: m, win: w, sections: map[string]*prose.Prose{}}
	r.notes = newAnnotator(r, prefs, status)
	return r
}

func (r *reader) build() fyne.CanvasObject {
	r.mark = widget.NewButtonWithIcon("Compare", theme.ContentAddIcon(), func() {
		if r.shown != "" {
			r.marks.Toggle(r.shown)
		}
	})
	r.mark.Hide()
	r.cite = widget.NewButtonWithIcon("Cite", theme.ContentCopyIcon(), r.copyCitation)
	r.cite.Hide()
	placeholder := widget.NewLabel("Select a case to read it.")
	placeholder.Importance = widget.LowImportance
	r.body = container.NewVBox(placeholder)
	r.scroll = container.NewVScroll(container.NewPadded(r.body))
	text := container.NewBorder(r.notes.buildBar(), nil, nil, nil, r.scroll)
	split := container.NewHSplit(text, r.notes.buildPanel())
	split.Offset = 0.74
	return split
}

// show loads and displays the case with the given id.
func (r *reader) show(id, query string) error {
	c, err := r.cat.Case(r.ctx, id)
	if err != nil {
		return err
	}
	t, err := r.cat.Template(r.ctx)
	if err != nil {
		return err
	}
	v, err := r.cat.Vocabulary(r.ctx)
	if err != nil {
		return err
	}
	r.shown, r.current = id, c
	r.body.Objects = r.layout(c, t, v)
	r.body.Refresh()
	r.refreshMark()
	r.scroll.ScrollToTop()
	return r.notes.load(c, t)
}

func (r *reader) layout(c store.Case, t store.Template, v store.Vocabulary) []fyne.CanvasObject {
	title := widget.NewRichText(&widget.TextSegment{Text: c.Title, Style: widget.RichTextStyleHeading})
	title.Wrapping = fyne.TextWrapWord
	r.mark.Show()
	r.cite.Show()
	objects := []fyne.CanvasObject{
		container.NewBorder(nil, nil, nil, container.NewVBox(r.mark, r.cite), title),
		newFlow(caseChips(c, v)...),
	}
	r.sections = map[string]*prose.Prose{}
	for _, sec := range t {
		text := c.Text(sec.Key)
		if text == "" {
			continue
		}
		body := r.notes.sectionText(sec.Key, text)
		r.sections[sec.Key] = body
		objects = append(objects, sectionHeading(sec.Heading), body)
	}
	objects = append(objects, sectionHeading("Sources"))
	for i, src := range c.Sources {
		objects = append(objects, sourceLink(i+1, src))
	}
	return objects
}

func (r *reader) refreshMark() {
	if r.marks.Has(r.shown) {
		r.mark.SetText("Marked")
		r.mark.SetIcon(theme.CheckButtonCheckedIcon())
	} else {
		r.mark.SetText("Compare")
		r.mark.SetIcon(theme.ContentAddIcon())
	}
}

func sectionHeading(text string) fyne.CanvasObject {
	h := widget.NewRichText(&widget.TextSegment{Text: text, Style: widget.RichTextStyleSubHeading})
	h.Wrapping = fyne.TextWrapWord // a narrow reader wraps the heading rather than widening
	return h
}

// copyCitation puts a one-line citation of the case on the clipboard.
func (r *reader) copyCitation() {
	if r.shown == "" {
		return
	}
	fyne.CurrentApp().Clipboard().SetContent(exchange.Citation(r.current))
	if r.notes != nil {
		r.notes.status("Citation copied")
	}
}

// scrollTo brings a section's rune offset into view, a little below the top.
func (r *reader) scrollTo(section string, offset int) {
	p, ok := r.sections[section]
	if !ok {
		return
	}
	pos := p.PositionOf(offset)
	y := pos.Y
	for o := fyne.CanvasObject(p); o != nil && o != r.scroll.Content; {
		y += o.Position().Y
		o = parentOf(r.scroll.Content, o)
	}
	r.scroll.Offset = fyne.NewPos(0, max(0, y-theme.TextSize()*3))
	r.scroll.Refresh()
}

// parentOf finds the container holding o below root.
func parentOf(root, o fyne.CanvasObject) fyne.CanvasObject {
	c, ok := root.(*fyne.Container)
	if !ok {
		return nil
	}
	for _, child := range c.Objects {
		if child == o {
			return c
		}
		if p := parentOf(child, o); p != nil {
			return p
		}
	}
	return nil
}

func sourceLink(n int, src store.Source) fyne.CanvasObject {
	u, err := url.Parse(src.URL)
	if err != nil {
		return widget.NewLabel(fmt.Sprintf("%d. %s", n, src.Title))
	}
	link := widget.NewHyperlink(fmt.Sprintf("%d. %s", n, src.Title), u)
	link.Wrapping = fyne.TextWrapWord
	return link
}

// caseChips lists a case's attributes as small labelled chips.
func caseChips(c store.Case, v store.Vocabulary) []fyne.CanvasObject {
	chips := []fyne.CanvasObject{
		newChip("", provenanceBadge(c.Provenance, c.Origin), true),
		newChip("Country", fmt.Sprintf("%s (%s)", v.Label(store.KindCountry, c.Country), c.Country), false),
		newChip("Field", v.Label(store.KindField, c.Field), false),
	}
	if c.Region != "" {
		chips = append(chips, newChip("Region", c.Region, false))
	}
	if p := c.Period.String(); p != "" {
		chips = append(chips, newChip("Period", p, false))
	}
	for _, list := range []struct {
		name, kind string
		values     []string
	}{{"Levels", store.KindLevel, c.Levels}, {"Direction", store.KindDirection, c.Directions},
		{"Mechanisms", store.KindMechanism, c.Mechanisms}, {"Instruments", "", c.Instruments}} {
		if len(list.values) > 0 {
			labels := make([]string, len(list.values))
			for i, value := range list.values {
				labels[i] = v.Label(list.kind, value)
			}
			chips = append(chips, newChip(list.name, strings.Join(labels, ", "), false))
		}
	}
	if len(c.Authors) > 0 {
		chips = append(chips, newChip("Case study by", strings.Join(c.Authors, ", "), false))
	}
	return chips
}

// provenanceBadge says plainly where a case comes from.
func provenanceBadge(provenance string, origin store.Origin) string {
	switch {
	case origin == store.OriginImport && provenance == "":
		return "My case"
	case provenance == "catalogue-confirmed":
		return "COCOPS catalogue case"
	case provenance == "cocops-related":
		return "COCOPS related case"
	case provenance == "related":
		return "Related practice"
	}
	return provenance
}

// chip is a small rounded label, "Name: value", or a badge when strong. Its
// background is read from the theme at every refresh, so that it follows a
// switch between light and dark.
type chip struct {
	widget.BaseWidget
	label *widget.Label
}

func newChip(name, value string, strong bool) *chip {
	text := value
	if name != "" {
		text = name + ": " + value
	}
	c := &chip{label: widget.NewLabel(text)}
	// Long values are cut with an ellipsis when the reader is narrow, rather
	// than widening the reader (see flowLayout).
	c.label.Truncation = fyne.TextTruncateEllipsis
	if strong {
		c.label.Importance = widget.HighImportance
		c.label.TextStyle.Bold = true
	}
	c.ExtendBaseWidget(c)
	return c
}

func (c *chip) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize() * 2
	return &chipRenderer{chip: c, bg: bg, objects: []fyne.CanvasObject{bg, c.label}}
}

type chipRenderer struct {
	chip    *chip
	bg      *canvas.Rectangle
	objects []fyne.CanvasObject
}

func (r *chipRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.chip.label.Resize(size)
}

// MinSize is the chip's natural size: its whole text on one line. (The
// truncating label's own minimum is only an ellipsis.)
func (r *chipRenderer) MinSize() fyne.Size {
	l := r.chip.label
	text := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle)
	pad := theme.InnerPadding()
	return fyne.NewSize(text.Width+2*pad+theme.Padding(), l.MinSize().Height)
}

func (r *chipRenderer) Refresh() {
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.bg.CornerRadius = theme.InputRadiusSize() * 2
	r.bg.Refresh()
	r.chip.label.Refresh()
}

func (r *chipRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *chipRenderer) Destroy() {}

func showError(w fyne.Window, err error) {
	dialog.ShowError(errors.New(store.Message(err)), w)
}
