package ui

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"strings"

	"casebook/app/ui/prose"
	"casebook/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// labelWidth is the width of the comparison's first column (row names).
const labelWidth = 170

// compareView puts 2 to 4 cases, or groups of cases, side by side, section
// by section: attributes first, then the sections, then the code matrix.
type compareView struct {
	ctx    context.Context
	cat    Catalogue
	win    fyne.Window
	prefs  fyne.Preferences
	marks  *marks
	status func(string)
	cmp    store.Comparison
	view   store.ComparisonView
	mode   *widget.RadioGroup
	groups *widget.CheckGroup
	field  *widget.Select
	shared *widget.Check
	title  *widget.Label
	rows   *fyne.Container
	scroll *container.Scroll
	cells  map[string][]*prose.Prose // row key -> the prose of each cell
	fields map[string]string         // field label -> value
	// countryOpts and fieldOpts are the groups each mode offers.
	countryOpts, fieldOpts []string
	groupMode              string
	onPDF                  func(store.ComparisonView)
	loading                bool
	// highlight stores a passage selected in a cell (the reader's annotator).
	highlight func(caseID, section string, start, end int, after func())
	mark      *widget.Button
	selection struct {
		caseID, section string
		start, end      int
	}
}

func newCompareView(ctx context.Context, cat Catalogue, w fyne.Window, prefs fyne.Preferences, m *marks, status func(string)) *compareView {
	return &compareView{ctx: ctx, cat: cat, win: w, prefs: prefs, marks: m, status: status, cells: map[string][]*prose.Prose{}}
}

func (v *compareView) build() fyne.CanvasObject {
	v.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.mode = widget.NewRadioGroup([]string{"Marked cases", "Countries", "Policy fields"}, func(string) { v.reload() })
	v.mode.Horizontal = true
	v.groups = widget.NewCheckGroup(nil, func([]string) { v.reload() })
	v.groups.Horizontal = true
	v.field = widget.NewSelect(nil, func(string) { v.reload() })
	v.shared = widget.NewCheck("Only sections all have", func(bool) { v.reload() })
	save := widget.NewButtonWithIcon("Save…", theme.DocumentSaveIcon(), v.askSave)
	open := widget.NewButtonWithIcon("Open…", theme.FolderOpenIcon(), v.askOpen)
	sections := widget.NewButton("Sections…", v.askSections)
	pdf := widget.NewButtonWithIcon("Export PDF…", theme.DocumentPrintIcon(), func() {
		if v.onPDF != nil && len(v.view.Columns) > 0 {
			v.onPDF(v.view)
		}
	})
	v.mark = widget.NewButtonWithIcon("Highlight", theme.ColorPaletteIcon(), v.highlightSelection)
	v.mark.Importance = widget.HighImportance
	v.mark.Hide()
	bar := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(v.title, v.mark), container.NewHBox(sections, v.shared, open, save, pdf)),
		container.NewHBox(v.mode, v.field),
		v.groups)
	v.rows = container.NewVBox()
	v.scroll = container.NewScroll(container.NewPadded(v.rows))
	v.cmp = store.Comparison{Kind: store.CompareCases}
	v.loading = true
	v.mode.SetSelected("Marked cases")
	v.loading = false
	return container.NewBorder(bar, nil, nil, nil, v.scroll)
}

// setOptions fills the country and field choices from the catalogue.
func (v *compareView) setOptions(countries []store.FacetCount, fields []store.FacetCount) {
	v.loading = true
	defer func() { v.loading = false }()
	v.countryOpts, v.fieldOpts = nil, nil
	for _, c := range countries {
		v.countryOpts = append(v.countryOpts, c.Value)
	}
	v.fields = map[string]string{"All fields": ""}
	names := []string{"All fields"}
	for _, f := range fields {
		names, v.fields[f.Label] = append(names, f.Label), f.Value
		v.fieldOpts = append(v.fieldOpts, f.Label)
	}
	v.field.Options = names
	if v.field.Selected == "" {
		v.field.SetSelected("All fields")
	}
}

// current reads the comparison the controls describe.
func (v *compareView) current() store.Comparison {
	c := store.Comparison{Name: v.cmp.Name, ID: v.cmp.ID, Sections: v.cmp.Sections, OnlyShared: v.shared.Checked}
	switch v.mode.Selected {
	case "Countries":
		c.Kind, c.Facet, c.Members = store.CompareGroups, store.KindCountry, v.groups.Selected
		if f := v.fields[v.field.Selected]; f != "" {
			c.Scope.Values = map[string][]string{store.KindField: {f}}
		}
		return c
	case "Policy fields":
		c.Kind, c.Facet = store.CompareGroups, store.KindField
		for _, label := range v.groups.Selected {
			c.Members = append(c.Members, v.fields[label])
		}
		return c
	}
	c.Kind, c.Members = store.CompareCases, v.marks.IDs()
	return c
}

// reload reads the comparison again and draws it.
func (v *compareView) reload() {
	if v.loading {
		return
	}
	v.showGroups(v.mode.Selected)
	v.show(v.current())
}

// showGroups offers the groups of a mode (countries or fields), keeping the
// ticks while the mode stays the same.
func (v *compareView) showGroups(mode string) {
	v.field.Hidden = mode != "Countries"
	v.field.Refresh()
	if mode == "Marked cases" {
		v.groups.Hide()
		return
	}
	v.groups.Show()
	if mode != v.groupMode {
		v.groupMode = mode
		v.loading = true
		v.groups.Options = v.countryOpts
		if mode == "Policy fields" {
			v.groups.Options = v.fieldOpts
		}
		v.groups.SetSelected(nil)
		v.groups.Refresh()
		v.loading = false
	}
}

// show loads a comparison and draws it; with too few members it explains.
func (v *compareView) show(c store.Comparison) {
	v.cmp = c
	if len(c.Members) < 2 || len(c.Members) > store.MaxColumns {
		v.explain(c)
		return
	}
	view, err := v.cat.Compare(v.ctx, c)
	if err != nil {
		v.rows.Objects = []fyne.CanvasObject{widget.NewLabel(store.Message(err))}
		v.rows.Refresh()
		return
	}
	v.view = view
	v.draw()
}

func (v *compareView) explain(c store.Comparison) {
	what := "Mark 2 to 4 cases with + in Browse to compare them here."
	if c.Kind == store.CompareGroups {
		what = "Tick 2 to 4 of them to compare their cases."
	}
	v.view = store.ComparisonView{}
	v.title.SetText("Compare")
	l := widget.NewLabel(what)
	l.Importance = widget.LowImportance
	v.rows.Objects = []fyne.CanvasObject{l}
	v.rows.Refresh()
}

// draw lays the comparison out as rows of aligned cells.
func (v *compareView) draw() {
	name := v.cmp.Name
	if name == "" {
		name = "Unsaved comparison"
	}
	v.title.SetText(fmt.Sprintf("%s · %d columns", name, len(v.view.Columns)))
	v.cells = map[string][]*prose.Prose{}
	objects := []fyne.CanvasObject{v.headerRow()}
	objects = append(objects, bandRow("Attributes"))
	for _, a := range v.view.Attributes {
		objects = append(objects, v.attributeRow(a))
	}
	for _, r := range v.view.Rows {
		objects = append(objects, widget.NewSeparator(), v.sectionRow(r))
	}
	if len(v.view.Codes) > 0 {
		objects = append(objects, widget.NewSeparator(), bandRow("Codes"))
		for _, c := range v.view.Codes {
			objects = append(objects, v.codeRow(c))
		}
	}
	v.rows.Objects = objects
	v.rows.Refresh()
}

func (v *compareView) row(label fyne.CanvasObject, cells ...fyne.CanvasObject) *fyne.Container {
	return container.New(rowLayout{label: labelWidth}, append([]fyne.CanvasObject{label}, cells...)...)
}

func (v *compareView) headerRow() fyne.CanvasObject {
	var cells []fyne.CanvasObject
	for _, c := range v.view.Columns {
		t := widget.NewLabelWithStyle(c.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		t.Wrapping = fyne.TextWrapWord
		sub := widget.NewLabel(c.Subtitle)
		sub.Importance = widget.LowImportance
		sub.Truncation = fyne.TextTruncateEllipsis
		cells = append(cells, container.New(tightVBox{}, t, sub))
	}
	return v.row(widget.NewLabel(""), cells...)
}

func bandRow(text string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(strings.ToUpper(text), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Importance = widget.LowImportance
	return l
}

// attributeRow shows one attribute; values that differ are tinted and starred.
func (v *compareView) attributeRow(a store.AttributeRow) fyne.CanvasObject {
	var cells []fyne.CanvasObject
	for i, value := range a.Values {
		l := widget.NewLabel(nonEmptyOr(value, "—"))
		l.Wrapping = fyne.TextWrapWord
		if i >= len(a.Odd) || !a.Odd[i] {
			cells = append(cells, l)
			continue
		}
		l.SetText(l.Text + "  *")
		bg := canvas.NewRectangle(withAlpha(theme.Color(theme.ColorNameWarning), 0x30))
		bg.CornerRadius = theme.InputRadiusSize()
		cells = append(cells, container.NewStack(bg, l))
	}
	return v.row(widget.NewLabel(a.Name), cells...)
}

// sectionRow shows one section across the columns, with the row's note.
func (v *compareView) sectionRow(r store.Row) fyne.CanvasObject {
	var cells []fyne.CanvasObject
	for _, cell := range r.Cells {
		cells = append(cells, v.cell(r.Key, cell))
	}
	heading := widget.NewLabelWithStyle(r.Heading, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.Wrapping = fyne.TextWrapWord
	noteButton := widget.NewButtonWithIcon("Note", theme.DocumentCreateIcon(), func() { v.askNote(r) })
	noteButton.Importance = widget.LowImportance
	label := container.NewVBox(heading)
	if r.Note != nil {
		note := widget.NewLabel(r.Note.Text)
		note.Wrapping = fyne.TextWrapWord
		note.TextStyle.Italic = true
		label.Add(note)
	}
	label.Add(container.NewHBox(noteButton))
	return v.row(label, cells...)
}

// cell is one column's text for a row: each case's text in a prose widget,
// under the case's title when the column is a group.
func (v *compareView) cell(key string, cell store.Cell) fyne.CanvasObject {
	if len(cell.Parts) == 0 {
		l := widget.NewLabel("(no text)")
		l.Importance = widget.LowImportance
		return l
	}
	box := container.NewVBox()
	for i, part := range cell.Parts {
		if len(cell.Parts) > 1 || v.cmp.Kind == store.CompareGroups {
			if i > 0 {
				box.Add(widget.NewSeparator())
			}
			t := widget.NewLabelWithStyle(part.CaseTitle, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
			t.Wrapping = fyne.TextWrapWord
			box.Add(t)
		}
		p := prose.New(part.Text)
		p.SetHighlights(v.highlights(part.Annotations))
		caseID := part.CaseID
		p.OnSelectionChanged = func(start, end int) { v.selected(p, caseID, key, start, end) }
		v.cells[key] = append(v.cells[key], p)
		box.Add(p)
	}
	return box
}

func (v *compareView) highlights(list []store.Annotation) []prose.Highlight {
	var codes []store.Code
	for _, c := range v.view.Codes {
		codes = append(codes, c.Code)
	}
	var out []prose.Highlight
	for _, a := range list {
		colors := []color.Color{}
		for _, id := range a.Codes {
			colors = append(colors, codeColorOf(codes, id))
		}
		if len(colors) == 0 {
			colors = append(colors, codeColor("#f2d13c"))
		}
		out = append(out, prose.Highlight{ID: a.ID, Start: a.Start, End: a.End, Colors: colors})
	}
	return out
}

// selected remembers a passage selected in a cell, one at a time.
func (v *compareView) selected(p *prose.Prose, caseID, section string, start, end int) {
	if start == end {
		if v.selection.caseID == caseID && v.selection.section == section {
			v.selection.caseID = ""
			v.mark.Hide()
		}
		return
	}
	for _, cells := range v.cells {
		for _, other := range cells {
			if other != p {
				other.Select(0, 0)
			}
		}
	}
	v.selection.caseID, v.selection.section, v.selection.start, v.selection.end = caseID, section, start, end
	v.mark.Show()
}

// highlightSelection highlights the passage selected in a cell with the code
// used last, as Ctrl+H does in the reader.
func (v *compareView) highlightSelection() {
	s := v.selection
	if s.caseID == "" || v.highlight == nil {
		return
	}
	v.highlight(s.caseID, s.section, s.start, s.end, func() {
		v.selection.caseID = ""
		v.mark.Hide()
		v.show(v.cmp)
	})
}

// codeRow is one code of the code matrix: counts shaded by count; tapping a
// count lists the highlighted quotes.
func (v *compareView) codeRow(c store.CodeRow) fyne.CanvasObject {
	most := 1
	for _, n := range c.Counts {
		most = max(most, n)
	}
	var cells []fyne.CanvasObject
	for i, n := range c.Counts {
		shade := canvas.NewRectangle(withAlpha(codeColor(c.Code.Color), uint8(40+180*n/most)))
		if n == 0 {
			shade.FillColor = color.Transparent
		}
		col := i
		b := widget.NewButton(fmt.Sprint(n), func() { v.showQuotes(c.Code, col) })
		b.Importance = widget.LowImportance
		cells = append(cells, container.NewStack(shade, b))
	}
	name := container.NewHBox(newSwatchBox(codeColor(c.Code.Color)), widget.NewLabel(c.Code.Name))
	return v.row(name, cells...)
}

func newSwatchBox(c color.Color) fyne.CanvasObject {
	r := canvas.NewRectangle(c)
	r.SetMinSize(fyne.NewSize(12, 12))
	r.CornerRadius = 3
	return container.NewCenter(r)
}

// showQuotes lists one column's highlights of a code.
func (v *compareView) showQuotes(code store.Code, col int) {
	var lines []string
	for _, r := range v.view.Rows {
		for _, part := range r.Cells[col].Parts {
			for _, a := range part.Annotations {
				for _, id := range a.Codes {
					if id == code.ID {
						lines = append(lines, fmt.Sprintf("“%s” (%s, %s)", a.Quote, part.CaseTitle, r.Heading))
					}
				}
			}
		}
	}
	l := widget.NewLabel(strings.Join(lines, "\n\n"))
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(fmt.Sprintf("%s in %s", code.Name, v.view.Columns[col].Title), "Close", container.NewVScroll(l), v.win)
	d.Resize(fyne.NewSize(560, 420))
	d.Show()
}

// askNote writes the note on a row; the note goes into the PDF report too.
func (v *compareView) askNote(r store.Row) {
	text := widget.NewMultiLineEntry()
	text.SetMinRowsVisible(6)
	if r.Note != nil {
		text.SetText(r.Note.Text)
	}
	items := []*widget.FormItem{widget.NewFormItem("Note", text)}
	dialog.ShowForm("Note on "+r.Heading, "Save", "Cancel", items, func(ok bool) {
		if ok {
			v.setNote(r.Key, text.Text)
		}
	}, v.win)
}

func (v *compareView) setNote(row, text string) {
	if err := v.cat.SetRowNote(v.ctx, v.cmp.Subject(), row, text, v.prefs.String(prefAuthor)); err != nil {
		showError(v.win, err)
		return
	}
	v.status("Note saved · Undo with Ctrl+Z")
	v.show(v.cmp)
}

// askSave names the comparison and stores it.
func (v *compareView) askSave() {
	name := widget.NewEntry()
	name.SetText(v.cmp.Name)
	dialog.ShowForm("Save comparison", "Save", "Cancel", []*widget.FormItem{widget.NewFormItem("Name", name)}, func(ok bool) {
		if ok {
			v.save(name.Text)
		}
	}, v.win)
}

func (v *compareView) save(name string) {
	c := v.current()
	c.Name = name
	saved, err := v.cat.SaveComparison(v.ctx, c)
	if err != nil {
		showError(v.win, err)
		return
	}
	v.cmp = saved
	v.status(fmt.Sprintf("Saved comparison %q", saved.Name))
	v.draw()
}

// askOpen offers the saved comparisons.
func (v *compareView) askOpen() {
	list, err := v.cat.Comparisons(v.ctx)
	if err != nil {
		showError(v.win, err)
		return
	}
	if len(list) == 0 {
		dialog.ShowInformation("Open comparison", "No comparison is saved yet: Save… keeps the one on screen.", v.win)
		return
	}
	var names []string
	for _, c := range list {
		names = append(names, c.Name)
	}
	pick := widget.NewSelect(names, nil)
	dialog.ShowForm("Open comparison", "Open", "Cancel", []*widget.FormItem{widget.NewFormItem("Comparison", pick)}, func(ok bool) {
		if ok && pick.Selected != "" {
			v.open(pick.Selected)
		}
	}, v.win)
}

// open shows a saved comparison, setting the controls to match.
func (v *compareView) open(name string) {
	c, err := v.cat.ComparisonNamed(v.ctx, name)
	if err != nil {
		showError(v.win, err)
		return
	}
	v.loading = true
	v.shared.SetChecked(c.OnlyShared)
	if c.Kind == store.CompareGroups {
		mode := "Countries"
		members := c.Members
		if c.Facet == store.KindField {
			mode, members = "Policy fields", v.fieldLabels(c.Members)
		}
		v.mode.SetSelected(mode)
		v.showGroups(mode)
		v.groups.SetSelected(members)
	} else {
		v.mode.SetSelected("Marked cases")
	}
	v.loading = false
	v.show(c)
}

func (v *compareView) fieldLabels(values []string) []string {
	var out []string
	for _, value := range values {
		for label, val := range v.fields {
			if val == value && val != "" {
				out = append(out, label)
			}
		}
	}
	return out
}

// askSections chooses which sections the comparison shows.
func (v *compareView) askSections() {
	t, err := v.cat.Template(v.ctx)
	if err != nil {
		showError(v.win, err)
		return
	}
	var headings []string
	keys := map[string]string{}
	for _, s := range t {
		headings, keys[s.Heading] = append(headings, s.Heading), s.Key
	}
	checks := widget.NewCheckGroup(headings, nil)
	for _, s := range t {
		if len(v.cmp.Sections) == 0 || slices.Contains(v.cmp.Sections, s.Key) {
			checks.Selected = append(checks.Selected, s.Heading)
		}
	}
	dialog.ShowCustomConfirm("Sections to compare", "Show", "Cancel", checks, func(ok bool) {
		if !ok {
			return
		}
		var chosen []string
		for _, h := range checks.Selected {
			chosen = append(chosen, keys[h])
		}
		c := v.current()
		c.Sections = chosen
		v.show(c)
	}, v.win)
}
