package ui

import (
	"fmt"

	"casebook/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// showSimilar lists the passages of other cases most like the selected one,
// each one click from reading both side by side in Compare.
func (a *annotator) showSimilar() {
	if a.section == "" || a.start >= a.end {
		a.status("Select a passage first")
		return
	}
	p := a.r.sections[a.section]
	passage := string([]rune(p.Text())[a.start:a.end])
	hits, err := a.r.cat.Similar(a.r.ctx, a.caseID, a.section, passage, 10)
	if err != nil {
		showError(a.r.win, err)
		return
	}
	var d dialog.Dialog
	rows := container.NewVBox()
	for _, h := range hits {
		rows.Add(a.similarRow(h, func() { d.Hide() }))
	}
	if len(hits) == 0 {
		rows.Add(widget.NewLabel("No other case shares this passage's distinctive words."))
	}
	title := fmt.Sprintf("Passages like “%s”", shorten(passage, 60))
	d = dialog.NewCustom(title, "Close", container.NewVScroll(rows), a.r.win)
	d.Resize(fyne.NewSize(720, 520))
	d.Show()
}

func (a *annotator) similarRow(h store.Hit, close func()) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(h.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	where := widget.NewLabel(fmt.Sprintf("%s · %s", h.Country, a.heading(h.Part)))
	where.Importance = widget.LowImportance
	snippet := widget.NewRichText(snippetSegments(h.Snippet)...)
	snippet.Wrapping = fyne.TextWrapWord
	caseID := a.caseID
	compare := widget.NewButtonWithIcon("Compare side by side", theme.ViewRestoreIcon(), func() {
		close()
		if a.r.compareWith != nil {
			a.r.compareWith(caseID, h.ID)
		}
	})
	return container.NewVBox(title, where, snippet, container.NewHBox(compare), widget.NewSeparator())
}

// heading is a section's heading, or the key when it is not a section.
func (a *annotator) heading(key string) string {
	for _, s := range a.template {
		if s.Key == key {
			return s.Heading
		}
	}
	return key
}
