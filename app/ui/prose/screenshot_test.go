package prose

import (
	"image/color"
	"image/png"
	"os"
	"path/filepath"
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

// TestScreenshot renders a window with highlights and checks that the red
// highlight's tint reaches the screen; with PROSE_SCREENSHOT=file.png it also
// writes the picture, to look at with the eyes.
func TestScreenshot(t *testing.T) {
	path := os.Getenv("PROSE_SCREENSHOT")
	if path == "" {
		path = filepath.Join(t.TempDir(), "prose.png")
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
	img := w.Canvas().Capture()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	reddish := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8 > 200 && g>>8 < 215 && bl>>8 < 215 && r>>8 > g>>8+25 {
				reddish++
			}
		}
	}
	// Two rows of a light red tint behind "eleven offices ... Clerks".
	if reddish < 500 {
		t.Errorf("the red highlight covers only %d pixels on screen", reddish)
	}
}
