package ui

import (
	"fmt"
	"strings"
	"unicode"

	"casebook/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// resultList is the middle pane: the search field, the number of cases, the
// results, and an empty state that says why nothing shows.
type resultList struct {
	main       *Main
	search     *searchEntry
	count      *widget.Label
	unranked   *widget.Label
	onlyMarked bool
	markedOnly *widget.Check
	onlyMine   bool
	mineOnly   *widget.Check
	list       *widget.List
	empty      *fyne.Container
	emptyText  *widget.Label
	hits       []store.Hit
	selected   int
}

func newResultList(m *Main) *resultList {
	return &resultList{main: m, selected: -1}
}

func (r *resultList) build() fyne.CanvasObject {
	r.search = newSearchEntry(r)
	r.search.OnChanged = r.main.queryChanged
	r.count = widget.NewLabel("")
	r.unranked = widget.NewLabelWithStyle(fmt.Sprintf("More than %d cases match, too many to rank: the newest come first. "+
		"Add a word or a filter to rank them by relevance.", store.RankLimit), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	r.unranked.Wrapping = fyne.TextWrapWord
	r.unranked.Importance = widget.LowImportance
	r.unranked.Hide()
	r.markedOnly = widget.NewCheck("Marked", func(on bool) {
		r.onlyMarked = on
		r.main.refresh()
	})
	r.mineOnly = widget.NewCheck("My notes", func(on bool) {
		r.onlyMine = on
		r.main.refresh()
	})
	r.list = widget.NewList(
		func() int { return len(r.hits) },
		func() fyne.CanvasObject { return newResultRow(r.main.marks) },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*resultRow).show(r.hits[i]) },
	)
	r.list.OnSelected = func(i widget.ListItemID) {
		r.selected = i
		r.main.open(r.hits[i].ID)
	}
	r.emptyText = widget.NewLabel("")
	r.emptyText.Wrapping = fyne.TextWrapWord
	r.empty = container.NewVBox(r.emptyText, container.NewHBox(widget.NewButtonWithIcon("Clear search and filters",
		theme.ContentClearIcon(), r.main.clearAll)))
	r.empty.Hide()
	top := container.NewVBox(r.search, container.NewBorder(nil, nil, nil, container.NewHBox(r.mineOnly, r.markedOnly), r.count), r.unranked)
	return container.NewBorder(top, nil, nil, nil, container.NewStack(r.list, r.empty))
}

// show puts new results in the list; total is the number of matching cases.
func (r *resultList) show(hits []store.Hit, total int, f store.Filter) {
	r.hits = hits
	r.selected = -1
	r.list.UnselectAll()
	r.list.Refresh()
	r.list.ScrollToTop()
	// Say why the order is not by relevance, and what brings it back.
	if total > store.RankLimit && strings.TrimSpace(f.Query) != "" {
		r.unranked.Show()
	} else {
		r.unranked.Hide()
	}
	switch {
	case total == 0:
		r.count.SetText("No cases")
		r.emptyText.SetText(emptyMessage(f))
		r.empty.Show()
	case total == 1:
		r.count.SetText("1 case")
		r.empty.Hide()
	case total > len(hits):
		r.count.SetText(fmt.Sprintf("%d cases (first %d shown)", total, len(hits)))
		r.empty.Hide()
	default:
		r.count.SetText(fmt.Sprintf("%d cases", total))
		r.empty.Hide()
	}
}

func emptyMessage(f store.Filter) string {
	q := strings.TrimSpace(f.Query)
	switch {
	case q != "" && f.Empty() == false && len(f.Values) > 0:
		return fmt.Sprintf("No cases match “%s” with these filters.", q)
	case q != "":
		return fmt.Sprintf("No cases match “%s”.", q)
	}
	return "No cases match these filters."
}

func (r *resultList) showError(msg string) {
	r.hits = nil
	r.list.Refresh()
	r.count.SetText("")
	r.unranked.Hide()
	r.emptyText.SetText(msg)
	r.empty.Show()
}

func (r *resultList) refreshMarks() { r.list.Refresh() }

// IDs lists the cases shown, in order.
func (r *resultList) IDs() []string {
	ids := make([]string, len(r.hits))
	for i, h := range r.hits {
		ids[i] = h.ID
	}
	return ids
}

// move selects the result delta rows away from the current one.
func (r *resultList) move(delta int) {
	if len(r.hits) == 0 {
		return
	}
	i := min(max(r.selected+delta, 0), len(r.hits)-1)
	r.selected = i
	r.list.Select(i)
	r.list.ScrollTo(i)
}

// resultRow shows one result: title, a meta line, the snippet, a mark button.
type resultRow struct {
	widget.BaseWidget
	marks         *marks
	id            string
	title         *widget.Label
	meta, snippet *widget.RichText
	mark          *widget.Button
}

func newResultRow(m *marks) *resultRow {
	r := &resultRow{
		marks:   m,
		title:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		meta:    widget.NewRichText(),
		snippet: widget.NewRichText(),
	}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.meta.Truncation = fyne.TextTruncateEllipsis
	r.snippet.Truncation = fyne.TextTruncateEllipsis
	r.mark = widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() { r.marks.Toggle(r.id) })
	r.mark.Importance = widget.LowImportance
	r.ExtendBaseWidget(r)
	return r
}

func (r *resultRow) show(h store.Hit) {
	r.id = h.ID
	r.title.SetText(h.Title)
	r.meta.Segments = []widget.RichTextSegment{&widget.TextSegment{
		Text:  strings.Join(nonEmpty(h.Country, h.Field, h.Period.String(), provenanceBadge(h.Provenance, "")), " · "),
		Style: widget.RichTextStyle{Inline: true, SizeName: theme.SizeNameCaptionText, ColorName: theme.ColorNamePlaceHolder},
	}}
	r.meta.Refresh()
	r.snippet.Segments = snippetSegments(h.Snippet)
	r.snippet.Refresh()
	if r.marks.Has(h.ID) {
		r.mark.SetIcon(theme.CheckButtonCheckedIcon())
	} else {
		r.mark.SetIcon(theme.ContentAddIcon())
	}
}

// CreateRenderer lays the row out: title, meta line and snippet beside the mark button.
func (r *resultRow) CreateRenderer() fyne.WidgetRenderer {
	text := container.New(tightVBox{}, r.title, r.meta, r.snippet)
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, container.NewVBox(r.mark), text))
}

// snippetLead is how much text a one-line snippet keeps before its first
// match: the row is cut at its width, and the match must stay in sight.
const snippetLead = 24

// snippetSegments renders a snippet on one line with its matches in bold,
// starting a few words before the first match.
func snippetSegments(s store.Snippet) []widget.RichTextSegment {
	s = fromLead(s, snippetLead)
	runes := []rune(s.Text)
	var segs []widget.RichTextSegment
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
	last := 0
	for _, m := range s.Marks {
		add(string(runes[last:m[0]]), false)
		add(string(runes[m[0]:m[1]]), true)
		last = m[1]
	}
	add(string(runes[last:]), false)
	return segs
}

// fromLead drops the words that come more than lead runes before the first
// match, marking the cut with an ellipsis.
func fromLead(s store.Snippet, lead int) store.Snippet {
	if len(s.Marks) == 0 || s.Marks[0][0] <= lead {
		return s
	}
	runes := []rune(s.Text)
	cut := s.Marks[0][0] - lead
	for cut < s.Marks[0][0] && !unicode.IsSpace(runes[cut-1]) {
		cut++ // to the start of a word
	}
	out := store.Snippet{Text: "…" + string(runes[cut:])}
	for _, m := range s.Marks {
		out.Marks = append(out.Marks, [2]int{m[0] - cut + 1, m[1] - cut + 1})
	}
	return out
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

// tightVBox stacks objects with no padding between them, for a compact row.
type tightVBox struct{}

// Layout stacks the objects at their minimum heights, overlapping by the
// padding each label brings, so that a row reads as one block.
func (tightVBox) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	gap := -theme.Padding()
	for _, o := range objects {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + gap
	}
}

// MinSize is the widest object by the heights less the overlaps.
func (tightVBox) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objects {
		min := o.MinSize()
		w, h = max(w, min.Width), h+min.Height-theme.Padding()
	}
	return fyne.NewSize(w, h+theme.Padding())
}
