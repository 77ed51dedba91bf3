// Package assets holds the files Casebook ships inside its binary: the
// application icon (and, with the PDF report, the embedded fonts with their
// licences).
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is the application icon, drawn for Casebook: two case pages side by
// side, each with a highlighted passage.
var Icon = fyne.NewStaticResource("casebook.png", iconPNG)
