package report

// rgb is a colour as fpdf takes it.
type rgb struct{ r, g, b int }

// The palette is restrained on purpose: ink and one deep blue for structure,
// so that the researchers' code colours are the only strong colours on a
// page.
var (
	ink     = rgb{0x1f, 0x23, 0x2b} // body text
	muted   = rgb{0x5f, 0x66, 0x72} // secondary text: subtitles, running heads
	accent  = rgb{0x1d, 0x3a, 0x5c} // headings
	bandBg  = rgb{0xe8, 0xed, 0xf3} // section bands and table heads
	hair    = rgb{0xc6, 0xcc, 0xd5} // rules and dividers
	differ  = rgb{0xfb, 0xed, 0xcf} // attribute rows whose values differ
	differK = rgb{0xd9, 0x9a, 0x2b} // their left edge, visible in greyscale
	noteBg  = rgb{0xf5, 0xf3, 0xec} // comparison note box
	noteK   = rgb{0x9a, 0x8c, 0x5a} // its left edge
	white   = rgb{0xff, 0xff, 0xff}
	noColor = rgb{0x8a, 0x90, 0x99} // codes without a colour
)

// font is a face of the embedded family and a size in points.
type font struct {
	style string // "", "B" or "I"
	size  float64
}

// The type scale, in points. Cell text is a little smaller than running text
// because four columns share a landscape page.
var (
	fBody    = font{"", 9}
	fSmall   = font{"", 7.5}
	fSmallB  = font{"B", 7.5}
	fItalic  = font{"I", 9}
	fMarker  = font{"B", 5.5}
	fTableB  = font{"B", 8.5}
	fTable   = font{"", 8.5}
	fBand    = font{"B", 11.5}
	fBandC   = font{"B", 9}
	fH1      = font{"B", 17}
	fH2      = font{"B", 10}
	fHead    = font{"", 7}
	fTOC     = font{"", 10}
	fCoverT  = font{"B", 24}
	fCoverS  = font{"", 13}
	fCoverN  = font{"B", 11}
	fCoverM  = font{"", 9.5}
	fColHead = font{"B", 9}
	fColSub  = font{"", 7.5}
)

// leading is the line height as a multiple of the font size.
const leading = 1.42

// ptToMM converts points to millimetres.
const ptToMM = 25.4 / 72

// lineHeight is the advance of one line of f, in mm.
func lineHeight(f font) float64 { return f.size * ptToMM * leading }

// codeRGB is the code's colour, or a neutral grey when it has none.
func codeRGB(c Code) rgb {
	if c.Color.A == 0 {
		return noColor
	}
	return rgb{int(c.Color.R), int(c.Color.G), int(c.Color.B)}
}

// mix blends c towards with by k (0 = c, 1 = with).
func mix(c, with rgb, k float64) rgb {
	m := func(a, b int) int { return int(float64(a) + (float64(b)-float64(a))*k + 0.5) }
	return rgb{m(c.r, with.r), m(c.g, with.g), m(c.b, with.b)}
}

// tint is the light background behind highlighted words: light enough for
// ink to stay readable on any code colour, strong enough to tell colours
// apart.
func tint(c rgb) rgb { return mix(c, white, 0.68) }

// markInk is the colour of a footnote marker: the code colour itself unless
// it is too light to read on white paper (yellow, light green), then darker.
func markInk(c rgb) rgb {
	if luminance(c) > 0.5 {
		return mix(c, rgb{}, 0.45)
	}
	return c
}

// luminance is the perceived lightness of c, 0 (black) to 1 (white).
func luminance(c rgb) float64 {
	return (0.2126*float64(c.r) + 0.7152*float64(c.g) + 0.0722*float64(c.b)) / 255
}
