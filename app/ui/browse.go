package ui

import (
	"context"
	"fmt"
	"strings"

	"casebook/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Browser is the main screen: a search field, the list of cases, and a reader.
type Browser struct {
	ctx    context.Context
	cat    Catalogue
	win    fyne.Window
	search *widget.Entry
	count  *widget.Label
	list   *widget.List
	reader *reader
	hits   []store.Hit
}

func newBrowser(ctx context.Context, cat Catalogue, win fyne.Window) *Browser {
	return &Browser{ctx: ctx, cat: cat, win: win}
}

func (b *Browser) build() fyne.CanvasObject {
	b.search = widget.NewEntry()
	b.search.SetPlaceHolder("Search the catalogue…")
	b.search.OnChanged = func(string) { b.refresh() }
	b.count = widget.NewLabel("")
	b.list = widget.NewList(
		func() int { return len(b.hits) },
		func() fyne.CanvasObject { return newResultRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*resultRow).show(b.hits[i]) },
	)
	b.list.OnSelected = func(i widget.ListItemID) { b.open(b.hits[i].ID) }
	b.reader = newReader(b.ctx, b.cat)
	left := container.NewBorder(container.NewVBox(b.search, b.count), nil, nil, nil, b.list)
	split := container.NewHSplit(left, b.reader.build())
	split.Offset = 0.38
	b.refresh()
	return split
}

// refresh runs the search and shows the results.
func (b *Browser) refresh() {
	hits, err := b.cat.Search(b.ctx, store.Filter{Query: b.search.Text}, 200)
	if err != nil {
		b.count.SetText(store.Message(err))
		return
	}
	b.hits = hits
	switch len(hits) {
	case 0:
		b.count.SetText(fmt.Sprintf("No cases match %q", b.search.Text))
	case 1:
		b.count.SetText("1 case")
	default:
		b.count.SetText(fmt.Sprintf("%d cases", len(hits)))
	}
	b.list.UnselectAll()
	b.list.Refresh()
}

// Results lists the ids of the cases currently shown.
func (b *Browser) Results() []string {
	ids := make([]string, len(b.hits))
	for i, h := range b.hits {
		ids[i] = h.ID
	}
	return ids
}

func (b *Browser) open(id string) {
	if err := b.reader.show(id); err != nil {
		dialog.ShowError(fmt.Errorf("%s", store.Message(err)), b.win)
	}
}

// resultRow shows one search result: title, a meta line and the snippet.
type resultRow struct {
	widget.BaseWidget
	title, meta *widget.Label
	snippet     *widget.RichText
}

func newResultRow() *resultRow {
	r := &resultRow{
		title:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		meta:    widget.NewLabel(""),
		snippet: widget.NewRichText(),
	}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.meta.Truncation = fyne.TextTruncateEllipsis
	r.snippet.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

func (r *resultRow) show(h store.Hit) {
	r.title.SetText(h.Title)
	r.meta.SetText(strings.Join(nonEmpty(h.Country, h.Field, h.Period.String()), " · "))
	r.snippet.Segments = snippetSegments(h.Snippet)
	r.snippet.Refresh()
}

func (r *resultRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewVBox(r.title, r.meta, r.snippet))
}

// snippetSegments renders a snippet with its matches in bold.
func snippetSegments(s store.Snippet) []widget.RichTextSegment {
	runes := []rune(s.Text)
	var segs []widget.RichTextSegment
	last := 0
	add := func(text string, bold bool) {
		if text == "" {
			return
		}
		style := widget.RichTextStyleInline
		if bold {
			style = widget.RichTextStyleStrong
		}
		segs = append(segs, &widget.TextSegment{Text: text, Style: style})
	}
	for _, m := range s.Marks {
		add(string(runes[last:m[0]]), false)
		add(string(runes[m[0]:m[1]]), true)
		last = m[1]
	}
	add(strings.ReplaceAll(string(runes[last:]), "\n", " "), false)
	return segs
}

func nonEmpty(values ...string) []string {
	var out []string
	for _, v := range values {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}
