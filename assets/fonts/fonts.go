// Package fonts holds the TrueType fonts embedded in Casebook for its PDF
// reports, with their licence. It is a package of its own, apart from
// package assets, so that the report (which must not depend on Fyne) can
// use the fonts without the GUI's assets.
package fonts

import _ "embed"

// DejaVu Sans 2.37 (Debian fonts-dejavu-core): Latin with every European
// diacritic, Greek and Cyrillic, so that every case's words print as they are.
var (
	//go:embed DejaVuSans.ttf
	Regular []byte
	//go:embed DejaVuSans-Bold.ttf
	Bold []byte
	//go:embed DejaVuSans-Oblique.ttf
	Italic []byte
	// Licence is the fonts' licence (Bitstream Vera and DejaVu changes).
	//go:embed DejaVu-LICENSE.txt
	Licence string
)
