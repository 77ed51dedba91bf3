package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// newSwatch is a thin bar of a code's colour under a code button.
func newSwatch(c color.Color) fyne.CanvasObject {
	r := canvas.NewRectangle(withAlpha(c, 0x60))
	r.CornerRadius = 4
	return r
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}
