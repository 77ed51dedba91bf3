package ui

import (
	"context"
	"net/url"
	"strings"

	"casebook/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// reader shows one case: title, attributes, sections in template order, sources.
type reader struct {
	ctx    context.Context
	cat    Catalogue
	text   *widget.RichText
	scroll *container.Scroll
	shown  string
}

func newReader(ctx context.Context, cat Catalogue) *reader {
	return &reader{ctx: ctx, cat: cat}
}

func (r *reader) build() fyne.CanvasObject {
	r.text = widget.NewRichText(&widget.TextSegment{
		Text: "Select a case to read it.", Style: widget.RichTextStyleParagraph,
	})
	r.text.Wrapping = fyne.TextWrapWord
	r.scroll = container.NewVScroll(r.text)
	return r.scroll
}

// show loads and displays the case with the given id.
func (r *reader) show(id string) error {
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
	r.shown = id
	r.text.Segments = caseSegments(c, t, v)
	r.text.Refresh()
	r.scroll.ScrollToTop()
	return nil
}

// caseSegments lays out a case as rich text.
func caseSegments(c store.Case, t store.Template, v store.Vocabulary) []widget.RichTextSegment {
	segs := []widget.RichTextSegment{
		&widget.TextSegment{Text: c.Title, Style: widget.RichTextStyleHeading},
		&widget.TextSegment{Text: strings.Join(nonEmpty(
			v.Label(store.KindCountry, c.Country)+" ("+c.Country+")", v.Label(store.KindField, c.Field),
			c.Period.String(), v.Label(store.KindProvenance, c.Provenance)), " · "), Style: widget.RichTextStyleParagraph},
	}
	for _, sec := range t {
		text := c.Text(sec.Key)
		if text == "" {
			continue
		}
		segs = append(segs, &widget.TextSegment{Text: sec.Heading, Style: widget.RichTextStyleSubHeading})
		for _, para := range strings.Split(text, "\n\n") {
			segs = append(segs, &widget.TextSegment{Text: para, Style: widget.RichTextStyleParagraph})
		}
	}
	segs = append(segs, &widget.TextSegment{Text: "Sources", Style: widget.RichTextStyleSubHeading})
	for _, src := range c.Sources {
		if u, err := url.Parse(src.URL); err == nil {
			segs = append(segs, &widget.HyperlinkSegment{Text: src.Title, URL: u})
		}
	}
	return segs
}
