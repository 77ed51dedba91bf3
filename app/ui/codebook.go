package ui

import (
	"context"
	"fmt"
	"image/color"

	"casebook/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// codebook is the codebook sheet: a tree of codes with their colours and
// counts, and the actions on the selected code. Every action is one store
// call, saved at once and undoable.
type codebook struct {
	ctx      context.Context
	cat      Catalogue
	win      fyne.Window
	onChange func()
	codes    []store.Code
	tree     *widget.Tree
	selected string
}

func newCodebook(ctx context.Context, cat Catalogue, w fyne.Window, onChange func()) *codebook {
	return &codebook{ctx: ctx, cat: cat, win: w, onChange: onChange}
}

// show opens the codebook in a dialog.
func (cb *codebook) show() {
	if err := cb.load(); err != nil {
		showError(cb.win, err)
		return
	}
	cb.tree = widget.NewTree(cb.childIDs, cb.isBranch, cb.newNode, cb.updateNode)
	cb.tree.OnSelected = func(id widget.TreeNodeID) { cb.selected = id }
	cb.tree.OpenAllBranches()
	bar := container.NewHBox(
		widget.NewButtonWithIcon("New code", theme.ContentAddIcon(), func() { cb.askName("New code", "", "") }),
		widget.NewButton("New sub-code", func() { cb.withSelected(func(c store.Code) { cb.askName("New sub-code of "+c.Name, c.ID, "") }) }),
		widget.NewButton("Rename", func() { cb.withSelected(cb.rename) }),
		widget.NewButton("Colour", func() { cb.withSelected(cb.recolour) }),
		widget.NewButton("Move to…", func() { cb.withSelected(cb.move) }),
		widget.NewButton("Merge into…", func() { cb.withSelected(cb.merge) }),
		widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() { cb.withSelected(cb.delete) }),
	)
	d := dialog.NewCustom("Codebook", "Close", container.NewBorder(bar, nil, nil, nil, cb.tree), cb.win)
	d.Resize(fyne.NewSize(720, 520))
	d.Show()
}

func (cb *codebook) load() error {
	codes, err := cb.cat.Codes(cb.ctx)
	cb.codes = codes
	return err
}

// changed reloads the tree after an action and tells the window.
func (cb *codebook) changed(err error) {
	if err != nil {
		showError(cb.win, err)
	}
	if err := cb.load(); err != nil {
		showError(cb.win, err)
	}
	if cb.tree != nil {
		cb.tree.Refresh()
		cb.tree.OpenAllBranches()
	}
	if cb.onChange != nil {
		cb.onChange()
	}
}

func (cb *codebook) code(id string) (store.Code, bool) { return findCode(cb.codes, id) }

func (cb *codebook) childIDs(id widget.TreeNodeID) []widget.TreeNodeID {
	var out []widget.TreeNodeID
	for _, c := range cb.codes {
		if c.ParentID == id {
			out = append(out, c.ID)
		}
	}
	return out
}

func (cb *codebook) isBranch(id widget.TreeNodeID) bool {
	return id == "" || len(cb.childIDs(id)) > 0
}

func (cb *codebook) newNode(bool) fyne.CanvasObject {
	swatch := canvas.NewRectangle(color.Transparent)
	swatch.SetMinSize(fyne.NewSize(14, 14))
	swatch.CornerRadius = 3
	return container.NewHBox(container.NewCenter(swatch), widget.NewLabel(""), widget.NewLabel(""))
}

func (cb *codebook) updateNode(id widget.TreeNodeID, _ bool, o fyne.CanvasObject) {
	c, _ := cb.code(id)
	row := o.(*fyne.Container)
	swatch := row.Objects[0].(*fyne.Container).Objects[0].(*canvas.Rectangle)
	swatch.FillColor = codeColor(c.Color)
	swatch.Refresh()
	row.Objects[1].(*widget.Label).SetText(c.Name)
	count := row.Objects[2].(*widget.Label)
	count.Importance = widget.LowImportance
	count.SetText(fmt.Sprintf("%d", c.Count))
}

func (cb *codebook) withSelected(f func(store.Code)) {
	c, ok := cb.code(cb.selected)
	if !ok {
		dialog.ShowInformation("Codebook", "Select a code first.", cb.win)
		return
	}
	f(c)
}

// askName asks for a new code's name and creates it under parent.
func (cb *codebook) askName(title, parent, initial string) {
	entry := widget.NewEntry()
	entry.SetText(initial)
	dialog.ShowForm(title, "Create", "Cancel", []*widget.FormItem{widget.NewFormItem("Name", entry)}, func(ok bool) {
		if ok {
			_, err := cb.cat.CreateCode(cb.ctx, parent, entry.Text, "", "")
			cb.changed(err)
		}
	}, cb.win)
}

func (cb *codebook) rename(c store.Code) {
	name, desc := widget.NewEntry(), widget.NewMultiLineEntry()
	name.SetText(c.Name)
	desc.SetText(c.Description)
	items := []*widget.FormItem{widget.NewFormItem("Name", name), widget.NewFormItem("Description", desc)}
	dialog.ShowForm("Edit code", "Save", "Cancel", items, func(ok bool) {
		if ok {
			c.Name, c.Description = name.Text, desc.Text
			_, err := cb.cat.UpdateCode(cb.ctx, c)
			cb.changed(err)
		}
	}, cb.win)
}

func (cb *codebook) recolour(c store.Code) {
	picker := dialog.NewColorPicker("Colour of "+c.Name, "Highlights of this code take this colour.", func(col color.Color) {
		r, g, b, _ := col.RGBA()
		c.Color = fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
		_, err := cb.cat.UpdateCode(cb.ctx, c)
		cb.changed(err)
	}, cb.win)
	picker.Advanced = true
	picker.SetColor(codeColor(c.Color))
	picker.Show()
}

// move puts a code (with its sub-codes) under another code or at the top.
func (cb *codebook) move(c store.Code) {
	const top = "(top level)"
	names := []string{top}
	ids := map[string]string{top: ""}
	for _, other := range cb.codes {
		if other.ID != c.ID {
			path := store.CodePath(cb.codes, other.ID)
			names, ids[path] = append(names, path), other.ID
		}
	}
	target := widget.NewSelect(names, nil)
	dialog.ShowForm("Move "+c.Name, "Move", "Cancel", []*widget.FormItem{widget.NewFormItem("Under", target)}, func(ok bool) {
		if ok && target.Selected != "" {
			c.ParentID = ids[target.Selected]
			_, err := cb.cat.UpdateCode(cb.ctx, c)
			cb.changed(err)
		}
	}, cb.win)
}

func (cb *codebook) merge(c store.Code) {
	var names []string
	ids := map[string]string{}
	for _, other := range cb.codes {
		if other.ID != c.ID {
			path := store.CodePath(cb.codes, other.ID)
			names, ids[path] = append(names, path), other.ID
		}
	}
	target := widget.NewSelect(names, nil)
	msg := fmt.Sprintf("The %d highlights coded %q will carry the code you choose instead; none is lost.", c.Count, c.Name)
	items := []*widget.FormItem{widget.NewFormItem("Into", target), widget.NewFormItem("", widget.NewLabel(msg))}
	dialog.ShowForm("Merge "+c.Name, "Merge", "Cancel", items, func(ok bool) {
		if ok && target.Selected != "" {
			cb.changed(cb.cat.MergeCodes(cb.ctx, c.ID, ids[target.Selected]))
		}
	}, cb.win)
}

func (cb *codebook) delete(c store.Code) {
	msg := fmt.Sprintf("Delete the code %q?\n\nIts %d highlights stay, with their text and memos; they only lose this code. "+
		"Its sub-codes move up one level. You can undo this.", c.Name, c.Count)
	dialog.ShowConfirm("Delete code", msg, func(ok bool) {
		if ok {
			cb.changed(cb.cat.DeleteCode(cb.ctx, c.ID))
		}
	}, cb.win)
}

// codeColor parses "#rrggbb"; an unreadable value gives grey.
func codeColor(hex string) color.NRGBA {
	c, _ := store.ParseColor(hex)
	return c
}
