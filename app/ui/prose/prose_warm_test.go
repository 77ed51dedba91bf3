package prose

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func cachedWords() int {
	widths.Lock()
	defer widths.Unlock()
	return len(widths.m)
}

// TestWarmMeasuresWhatLayoutMeasures checks that after Warm, laying out the
// same text needs no new measurement: every word is already in the cache.
func TestWarmMeasuresWhatLayoutMeasures(t *testing.T) {
	test.NewTempApp(t)
	first := New("- x") // measures the constants every layout uses (space, bullet)
	first.Resize(fyne.NewSize(300, 100))
	first.layout()
	text := "Warmly Kormányablak és Łódź\nwarm-up-words, ő Ж\n\n- a bullet item\tTabbed"
	p := New("")
	p.Warm(text)
	before := cachedWords()
	p.SetText(text)
	p.Resize(fyne.NewSize(300, 100))
	p.layout()
	if after := cachedWords(); after != before {
		t.Errorf("laying out measured %d words that Warm did not", after-before)
	}
}
