package prose

import (
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

const sample = "The Kormányhivatal in Győr merged eleven offices into one counter. " +
	"Clerks in Łódź and Ørsta watched closely; the Straße and the Ω-shaped plan were copied.\n\n" +
	"- A bullet item that is long enough to wrap onto a second row, so the hanging indent shows.\n" +
	"- Жители were asked twice.\n\n" +
	"Combining marks: Ame\u0301lie and Zoe\u0308 stayed; õ and ø render too."

// TestScreenshot renders a window to the PNG named by PROSE_SCREENSHOT, to
// look at with the eyes: highlights behind the right words, legible text.
func TestScreenshot(t *testing.T) {
	path := os.Getenv("PROSE_SCREENSHOT")
	if path == "" {
		t.Skip("set PROSE_SCREENSHOT=file.png to write a screenshot")
	}
	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.LightTheme())
	p := New(sample)
	at := func(s string) int { return len([]rune(sample[:strings.Index(sample, s)])) }
	red, blue := color.NRGBA{R: 0xe5, G: 0x3e, B: 0x3e, A: 0xff}, color.NRGBA{R: 0x2b, G: 0x6c, B: 0xd0, A: 0xff}
	p.SetHighlights([]Highlight{
		{ID: "a", Start: at("eleven"), End: at("Clerks") + 6, Colors: []color.Color{red}},
		{ID: "b", Start: at("counter"), End: at("watched"), Colors: []color.Color{blue, color.NRGBA{G: 0xa0, A: 0xff}}},
		{ID: "c", Start: at("Жители"), End: at("Жители") + 6},
	})
	p.Select(at("Ω-shaped"), at("copied"))
	w := test.NewTempWindow(t, container.NewVScroll(p))
	w.Resize(fyne.NewSize(420, 420))
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
