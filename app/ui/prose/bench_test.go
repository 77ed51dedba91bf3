package prose

import (
	"fmt"
	"image/color"
	"math/rand/v2"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// caseText returns a deterministic case study of n words drawn from a
// vocabulary of vocab words (with accented letters), in paragraphs of about
// 80 words, and with a few bullet items. Suffix makes every word new.
func caseText(n, vocab int, suffix string) string {
	rng := rand.New(rand.NewPCG(1, 2))
	syll := []string{"ka", "ron", "vé", "ő", "lis", "tra", "ment", "ber", "ść", "da", "ño", "gu", "ma", "Ж", "pol"}
	words := make([]string, vocab)
	for i := range words {
		var b strings.Builder
		for k := 1 + rng.IntN(4); k > 0; k-- {
			b.WriteString(syll[rng.IntN(len(syll))])
		}
		words[i] = b.String() + suffix
	}
	var b strings.Builder
	for i := 0; i < n; i++ {
		switch {
		case i > 0 && i%80 == 0:
			b.WriteString(".\n\n")
		case i > 0 && i%400 == 40:
			b.WriteString("\n- ")
		case i > 0 && i%13 == 0:
			b.WriteString(", ")
		case i > 0:
			b.WriteString(" ")
		}
		b.WriteString(words[rng.IntN(len(words))])
	}
	return b.String() + "."
}

func highlights(text string, n int) []Highlight {
	runes := len([]rune(text))
	hs := make([]Highlight, n)
	for i := range hs {
		start := i * runes / n
		hs[i] = Highlight{ID: fmt.Sprint(i), Start: start, End: start + 40 + i%3*30,
			Colors: []color.Color{red, blue}[:1+i%2]}
	}
	return hs
}

// window returns a test window 700 wide, as the reader's text pane.
func window(b *testing.B) fyne.Window {
	test.NewTempApp(b)
	w := test.NewTempWindow(b, nil)
	w.Resize(fyne.NewSize(700, 800))
	return w
}

// build creates a Prose and shows it in a scroll container in w, as the
// reader does for one section: min size, wrap, layout, render objects.
func build(w fyne.Window, text string, hs []Highlight) *Prose {
	p := New(text)
	p.SetHighlights(hs)
	w.SetContent(container.NewVScroll(p))
	return p
}

// BenchmarkBuild: 2,000 words, 50 highlights, words already measured once
// (they recur across sections and cases).
func BenchmarkBuild(b *testing.B) {
	w := window(b)
	text := caseText(2000, 800, "")
	hs := highlights(text, 50)
	build(w, text, hs)
	for b.Loop() {
		build(w, text, hs)
	}
}

// BenchmarkBuildColdWords is the first-ever open of a text: 2,000 words,
// ~800 distinct, none measured before (Fyne shapes each new string).
func BenchmarkBuildColdWords(b *testing.B) {
	w := window(b)
	texts := make([]string, 0, 64)
	for i := range 64 {
		texts = append(texts, caseText(2000, 800, fmt.Sprint("q", i)))
	}
	i := 0
	for b.Loop() {
		if i == len(texts) {
			b.StopTimer()
			i = 0
			clear(widths.m)
			b.StartTimer()
		}
		build(w, texts[i], highlights(texts[i], 50))
		i++
	}
}

func BenchmarkRelayoutNewWidth(b *testing.B) {
	text := caseText(2000, 800, "")
	p := build(window(b), text, highlights(text, 50))
	w := float32(600)
	for b.Loop() {
		w = 1300 - w // 600, 700, 600, ...
		p.Resize(fyne.NewSize(w, p.Size().Height))
	}
}

func BenchmarkAddHighlight(b *testing.B) {
	text := caseText(2000, 800, "")
	hs := highlights(text, 51)
	p := build(window(b), text, hs[:50])
	for b.Loop() {
		p.SetHighlights(hs)
	}
}

func BenchmarkDragStep(b *testing.B) {
	text := caseText(2000, 800, "")
	p := build(window(b), text, highlights(text, 50))
	ev := &fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(100, 200)}, Dragged: fyne.Delta{DX: 3, DY: 0}}
	p.Dragged(ev)
	i := 0
	for b.Loop() {
		i++
		ev.Position = fyne.NewPos(float32(100+i%400), float32(200+i%7*10))
		p.Dragged(ev)
	}
}
