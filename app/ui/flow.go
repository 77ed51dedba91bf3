package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// flowLayout places objects left to right and wraps to a new row when the
// width is used up, like words in a line; the reader's chips use it. Its
// height depends on its width, which only Layout learns: it remembers the
// width and asks its container to be measured again when the height changes.
type flowLayout struct {
	width     float32
	height    float32
	container *fyne.Container
}

// newFlow returns a container that flows its objects.
func newFlow(objects ...fyne.CanvasObject) *fyne.Container {
	l := &flowLayout{}
	l.container = container.New(l, objects...)
	return l.container
}

func (l *flowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	h := l.place(objects, size.Width, true)
	l.width = size.Width
	if h != l.height {
		l.height = h
		// The parent measured us with the old height: measure again.
		l.container.Refresh()
	}
}

// place lays out (or, with move false, only measures) the objects in rows of
// the given width and returns the total height.
func (l *flowLayout) place(objects []fyne.CanvasObject, width float32, move bool) float32 {
	pad := theme.Padding()
	x, y, rowHeight := float32(0), float32(0), float32(0)
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		min := o.MinSize()
		min.Width = fyne.Min(min.Width, width) // a too-long object is cut, not overflowing
		if x > 0 && x+min.Width > width {
			x, y, rowHeight = 0, y+rowHeight+pad, 0
		}
		if move {
			o.Move(fyne.NewPos(x, y))
			o.Resize(min)
		}
		x += min.Width + pad
		rowHeight = max(rowHeight, min.Height)
	}
	return y + rowHeight
}

// flowMinWidth is as narrow as a flow asks to be: wider objects are cut to
// the width it gets, so that a long chip never widens the pane.
const flowMinWidth = 120

func (l *flowLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	width := l.width
	if width <= 0 {
		width = 1 << 20 // not laid out yet: one row
	}
	return fyne.NewSize(flowMinWidth, l.place(objects, width, false))
}
