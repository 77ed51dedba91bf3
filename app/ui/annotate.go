package ui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"slices"

	"casebook/app/ui/prose"
	"casebook/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Preference keys of annotating.
const (
	prefAuthor = "annotate.author"
	prefRecent = "annotate.recent"
)

// maxRecent is how many recently used codes the highlight bar offers.
const maxRecent = 6

// annotator is the reader's annotating: the highlight bar over the text, the
// notes panel beside it, and the dialogs that edit notes. Every action is one
// store call, saved at once and undoable.
type annotator struct {
	r           *reader
	prefs       fyne.Preferences
	status      func(string)
	caseID      string
	template    store.Template
	codes       []store.Code
	annotations []store.Annotation
	memos       []store.Memo
	panel       *notesPanel
	bar         *fyne.Container
	recent      *fyne.Container
	section     string
	start, end  int
}

func newAnnotator(r *reader, prefs fyne.Preferences, status func(string)) *annotator {
	a := &annotator{r: r, prefs: prefs, status: status}
	a.panel = newNotesPanel(a.openAnnotation, a.editAnnotation, a.editMemo, a.addMemo)
	return a
}

// buildBar is the bar shown over the text while words are selected.
func (a *annotator) buildBar() fyne.CanvasObject {
	a.recent = container.NewHBox()
	highlight := widget.NewButtonWithIcon("Highlight", theme.ColorPaletteIcon(), func() { a.highlightWithLast() })
	highlight.Importance = widget.HighImportance
	a.bar = container.NewHBox(highlight, a.recent,
		widget.NewButtonWithIcon("New code…", theme.ContentAddIcon(), a.newCodeForSelection),
		widget.NewButtonWithIcon("Memo…", theme.DocumentCreateIcon(), a.highlightWithMemo),
		widget.NewButtonWithIcon("Similar…", theme.SearchIcon(), a.showSimilar))
	a.bar.Hide()
	return a.bar
}

func (a *annotator) buildPanel() fyne.CanvasObject { return a.panel.build() }

// sectionText makes the prose widget of one section.
func (a *annotator) sectionText(key, text string) *prose.Prose {
	p := prose.New(text)
	p.OnSelectionChanged = func(start, end int) { a.selectionChanged(key, start, end) }
	p.OnHighlightTapped = a.editAnnotation
	return p
}

// load reads the notes of a case and draws them.
func (a *annotator) load(c store.Case, t store.Template) error {
	a.caseID, a.template = c.ID, t
	a.section, a.start, a.end = "", 0, 0
	a.bar.Hide()
	return a.reload()
}

func (a *annotator) reload() error {
	if a.caseID == "" {
		return nil
	}
	var err error
	if a.codes, err = a.r.cat.Codes(a.r.ctx); err != nil {
		return err
	}
	if a.annotations, err = a.r.cat.Annotations(a.r.ctx, a.caseID); err != nil {
		return err
	}
	if a.memos, err = a.r.cat.Memos(a.r.ctx, a.caseID); err != nil {
		return err
	}
	a.drawHighlights()
	a.panel.show(a.annotations, a.memos, a.codes, a.template)
	a.showRecent()
	return nil
}

// drawHighlights gives each section's prose its highlights in code colours;
// an uncoded highlight takes a plain marker yellow.
func (a *annotator) drawHighlights() {
	per := map[string][]prose.Highlight{}
	for _, an := range a.annotations {
		if an.Orphaned {
			continue
		}
		colors := []color.Color{}
		for _, id := range an.Codes {
			colors = append(colors, codeColorOf(a.codes, id))
		}
		if len(colors) == 0 {
			colors = append(colors, codeColor("#f2d13c"))
		}
		per[an.Section] = append(per[an.Section], prose.Highlight{ID: an.ID, Start: an.Start, End: an.End, Colors: colors})
	}
	for key, p := range a.r.sections {
		p.SetHighlights(per[key])
	}
}

func (a *annotator) selectionChanged(section string, start, end int) {
	if start == end {
		if a.section == section {
			a.section = ""
			a.bar.Hide()
		}
		return
	}
	for key, p := range a.r.sections {
		if key != section {
			p.Select(0, 0) // one selection at a time, across sections
		}
	}
	a.section, a.start, a.end = section, start, end
	a.bar.Show()
}

// showRecent offers the codes used last as one-click chips.
func (a *annotator) showRecent() {
	var buttons []fyne.CanvasObject
	for _, id := range a.prefs.StringList(prefRecent) {
		c, ok := findCode(a.codes, id)
		if !ok {
			continue
		}
		b := widget.NewButton(c.Name, func() { a.highlight([]string{c.ID}, "") })
		buttons = append(buttons, container.NewStack(newSwatch(codeColor(c.Color)), b))
	}
	a.recent.Objects = buttons
	a.recent.Refresh()
}

func findCode(codes []store.Code, id string) (store.Code, bool) {
	for _, c := range codes {
		if c.ID == id {
			return c, true
		}
	}
	return store.Code{}, false
}

// highlightWithLast highlights the selection with the code used last (Ctrl+H).
func (a *annotator) highlightWithLast() { a.highlight(a.lastCodes(), "") }

// highlight stores the reader's selection as a highlight with codes and memo.
func (a *annotator) highlight(codes []string, memo string) {
	if a.section == "" || a.start >= a.end {
		a.status("Select some words first")
		return
	}
	section := a.section
	a.highlightAt(a.caseID, section, a.start, a.end, codes, memo, func() {
		if p, ok := a.r.sections[section]; ok {
			p.Select(0, 0)
		}
		a.section = ""
		a.bar.Hide()
	})
}

// lastCodes is the code used last, as a list (empty when none is left).
func (a *annotator) lastCodes() []string {
	codes, err := a.r.cat.Codes(a.r.ctx)
	if err != nil {
		return nil
	}
	for _, id := range a.prefs.StringList(prefRecent) {
		if _, ok := findCode(codes, id); ok {
			return []string{id}
		}
	}
	return nil
}

// highlightAt stores a highlight on any case (the reader's, or one shown in
// a comparison) and then runs after, and reloads the reader's notes.
func (a *annotator) highlightAt(caseID, section string, start, end int, codes []string, memo string, after func()) {
	a.withAuthor(func(author string) {
		_, err := a.r.cat.Annotate(a.r.ctx, store.Highlight{CaseID: caseID, Section: section, Start: start, End: end,
			Codes: codes, Memo: memo, Author: author})
		if err != nil {
			showError(a.r.win, err)
			return
		}
		a.useCodes(codes)
		after()
		a.done("Saved · Undo with Ctrl+Z")
	})
}

func (a *annotator) useCodes(codes []string) {
	recent := a.prefs.StringList(prefRecent)
	for _, id := range codes {
		recent = slices.DeleteFunc(recent, func(s string) bool { return s == id })
		recent = append([]string{id}, recent...)
	}
	a.prefs.SetStringList(prefRecent, recent[:min(len(recent), maxRecent)])
}

// done reloads the notes after an action and says so.
func (a *annotator) done(msg string) {
	if err := a.reload(); err != nil {
		showError(a.r.win, err)
		return
	}
	a.status(msg)
}

// withAuthor runs f with the author's name, asking for it once.
func (a *annotator) withAuthor(f func(author string)) {
	if name := a.prefs.String(prefAuthor); name != "" {
		f(name)
		return
	}
	entry := widget.NewEntry()
	entry.SetPlaceHolder("e.g. Lise Rykkja")
	items := []*widget.FormItem{widget.NewFormItem("Your name", entry)}
	dialog.ShowForm("Who is annotating?", "Save", "Cancel", items, func(ok bool) {
		if ok && entry.Text != "" {
			a.prefs.SetString(prefAuthor, entry.Text)
			f(entry.Text)
		}
	}, a.r.win)
}

// newCodeForSelection creates a code and highlights the selection with it.
func (a *annotator) newCodeForSelection() {
	entry := widget.NewEntry()
	dialog.ShowForm("New code", "Create and highlight", "Cancel", []*widget.FormItem{widget.NewFormItem("Name", entry)},
		func(ok bool) {
			if !ok {
				return
			}
			c, err := a.r.cat.CreateCode(a.r.ctx, "", entry.Text, "", "")
			if err != nil {
				showError(a.r.win, err)
				return
			}
			a.codes = append(a.codes, c)
			a.highlight([]string{c.ID}, "")
		}, a.r.win)
}

// highlightWithMemo highlights the selection and writes a memo on it.
func (a *annotator) highlightWithMemo() {
	memo := widget.NewMultiLineEntry()
	memo.SetMinRowsVisible(5)
	dialog.ShowForm("Memo on the highlight", "Save", "Cancel", []*widget.FormItem{widget.NewFormItem("Memo", memo)},
		func(ok bool) {
			if ok {
				a.highlight(nil, memo.Text)
			}
		}, a.r.win)
}

// openAnnotation scrolls the reader to a highlight (from the notes panel);
// an orphaned one opens for editing instead, as it has no place in the text.
func (a *annotator) openAnnotation(an store.Annotation) {
	if an.Orphaned {
		a.editAnnotation(an.ID)
		return
	}
	a.r.scrollTo(an.Section, an.Start)
	if p, ok := a.r.sections[an.Section]; ok {
		p.Select(an.Start, an.End)
	}
}

// editAnnotation shows a highlight's codes and memo, to change or delete it.
func (a *annotator) editAnnotation(id string) {
	an, ok := a.annotation(id)
	if !ok {
		return
	}
	memo := widget.NewMultiLineEntry()
	memo.SetText(an.Memo)
	memo.SetMinRowsVisible(4)
	var paths []string
	ids := map[string]string{}
	for _, c := range a.codes {
		p := store.CodePath(a.codes, c.ID)
		paths, ids[p] = append(paths, p), c.ID
	}
	checks := widget.NewCheckGroup(paths, nil)
	for _, cid := range an.Codes {
		checks.Selected = append(checks.Selected, store.CodePath(a.codes, cid))
	}
	quote := widget.NewLabel("“" + shorten(an.Quote, 300) + "”")
	quote.Wrapping = fyne.TextWrapWord
	del := widget.NewButtonWithIcon("Delete highlight", theme.DeleteIcon(), nil)
	content := container.NewVBox(quote, widget.NewLabel(fmt.Sprintf("by %s, %s", nonEmptyOr(an.Author, "unknown"),
		an.Updated.Local().Format("2 Jan 2006 15:04"))), widget.NewLabel("Codes"), container.NewVScroll(checks),
		widget.NewLabel("Memo"), memo, del)
	d := dialog.NewCustomConfirm("Highlight", "Save", "Cancel", content, func(ok bool) {
		if !ok {
			return
		}
		var codes []string
		for _, p := range checks.Selected {
			codes = append(codes, ids[p])
		}
		if _, err := a.r.cat.UpdateAnnotation(a.r.ctx, id, memo.Text, codes); err != nil {
			showError(a.r.win, err)
			return
		}
		a.useCodes(codes)
		a.done("Saved · Undo with Ctrl+Z")
	}, a.r.win)
	del.OnTapped = func() {
		d.Hide()
		if err := a.r.cat.DeleteAnnotation(a.r.ctx, id); err != nil {
			showError(a.r.win, err)
			return
		}
		a.done("Highlight deleted · Undo with Ctrl+Z")
	}
	d.Resize(fyne.NewSize(520, 560))
	d.Show()
}

func (a *annotator) annotation(id string) (store.Annotation, bool) {
	for _, an := range a.annotations {
		if an.ID == id {
			return an, true
		}
	}
	return store.Annotation{}, false
}

// addMemo writes a memo on the case, or on the section the selection is in.
func (a *annotator) addMemo() {
	if a.caseID == "" {
		return
	}
	var options []string
	keys := map[string]string{"The whole case": ""}
	options = append(options, "The whole case")
	for _, s := range a.template {
		if _, ok := a.r.sections[s.Key]; ok {
			options, keys[s.Heading] = append(options, s.Heading), s.Key
		}
	}
	on := widget.NewSelect(options, nil)
	on.SetSelected(options[0])
	text := widget.NewMultiLineEntry()
	text.SetMinRowsVisible(6)
	items := []*widget.FormItem{widget.NewFormItem("On", on), widget.NewFormItem("Memo", text)}
	dialog.ShowForm("New memo", "Save", "Cancel", items, func(ok bool) {
		if !ok || text.Text == "" {
			return
		}
		a.withAuthor(func(author string) {
			if _, err := a.r.cat.AddMemo(a.r.ctx, a.caseID, keys[on.Selected], text.Text, author); err != nil {
				showError(a.r.win, err)
				return
			}
			a.done("Memo saved · Undo with Ctrl+Z")
		})
	}, a.r.win)
}

// editMemo changes or deletes a memo.
func (a *annotator) editMemo(m store.Memo) {
	text := widget.NewMultiLineEntry()
	text.SetText(m.Text)
	text.SetMinRowsVisible(6)
	del := widget.NewButtonWithIcon("Delete memo", theme.DeleteIcon(), nil)
	d := dialog.NewCustomConfirm("Memo", "Save", "Cancel", container.NewVBox(text, del), func(ok bool) {
		if !ok {
			return
		}
		if _, err := a.r.cat.UpdateMemo(a.r.ctx, m.ID, text.Text); err != nil {
			showError(a.r.win, err)
			return
		}
		a.done("Memo saved · Undo with Ctrl+Z")
	}, a.r.win)
	del.OnTapped = func() {
		d.Hide()
		if err := a.r.cat.DeleteMemo(a.r.ctx, m.ID); err != nil {
			showError(a.r.win, err)
			return
		}
		a.done("Memo deleted · Undo with Ctrl+Z")
	}
	d.Resize(fyne.NewSize(520, 360))
	d.Show()
}

// undo reverts the last annotating action of this session (Ctrl+Z).
func (a *annotator) undo() { a.replay(a.r.cat.Undo, "Undone", "Nothing to undo") }

// redo applies again what was undone last (Ctrl+Shift+Z).
func (a *annotator) redo() { a.replay(a.r.cat.Redo, "Redone", "Nothing to redo") }

func (a *annotator) replay(step func(context.Context) (string, error), did, nothing string) {
	label, err := step(a.r.ctx)
	switch {
	case errors.Is(err, store.ErrNotFound):
		a.status(nothing)
	case err != nil:
		showError(a.r.win, err)
	default:
		a.done(did + ": " + label)
	}
}
