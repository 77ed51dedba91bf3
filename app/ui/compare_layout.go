package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// rowLayout lays out one row of a comparison: a label column of fixed width,
// then the compared columns at equal widths. The row is as tall as its
// tallest cell, and every cell is stretched to that height, so that the
// cells of a row line up; rows stacked in one scroll scroll together.
type rowLayout struct {
	label float32
}

func (l rowLayout) widths(n int, total float32) (float32, float32) {
	pad := theme.Padding()
	label := min(l.label, total/3)
	col := (total - label - pad*float32(n)) / float32(max(n, 1))
	return label, max(col, 1)
}

func (l rowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if len(objects) == 0 {
		return
	}
	label, col := l.widths(len(objects)-1, size.Width)
	pad := theme.Padding()
	x := float32(0)
	for i, o := range objects {
		w := col
		if i == 0 {
			w = label
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

func (l rowLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.label+float32(len(objects)-1)*100, h)
}
