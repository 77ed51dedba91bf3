package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"casebook/store"
	"casebook/store/storetest"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// benchMain opens the main window over 10,000 generated cases plus one case
// of about 2,000 words ("gen-long").
func benchMain(b *testing.B) *Main {
	g, err := storetest.NewGenerator(3)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := st.ApplySeed(ctx, g.Seed()); err != nil {
		b.Fatal(err)
	}
	cases := g.Cases(10000)
	long := g.Case(10000)
	long.ID = "gen-long"
	for i := range long.Sections {
		long.Sections[i].Text = strings.Repeat(long.Sections[i].Text+"\n\n", 5)
	}
	if err := st.PutCases(ctx, store.OriginImport, append(cases, long)); err != nil {
		b.Fatal(err)
	}
	a := test.NewTempApp(b)
	w := test.NewTempWindow(b, nil)
	m := newMain(ctx, a, w, st)
	m.debounce = 0
	w.SetContent(m.build())
	w.Resize(fyne.NewSize(1200, 760))
	m.restore()
	return m
}

// BenchmarkKeystrokeToList measures, with 10,000 cases, the work after the
// last keystroke of a pause: search, facet counts, and the list and filters
// updated on screen.
func BenchmarkKeystrokeToList(b *testing.B) {
	m := benchMain(b)
	queries := []string{"coordination", "nav", "health reform", "employ", "kormanyhivatal", "ministry"}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		m.results.search.SetText(queries[i%len(queries)])
	}
}

// BenchmarkOpenLongCase opens a case of about 2,000 words in the reader.
func BenchmarkOpenLongCase(b *testing.B) {
	m := benchMain(b)
	c, _ := m.cat.Case(context.Background(), "gen-long")
	words := 0
	for _, s := range c.Sections {
		words += len(strings.Fields(s.Text))
	}
	// The first opening measures every new word (Fyne's text measuring, about
	// 40 us a word); later ones find the widths cached. Report both.
	start := time.Now()
	m.open("gen-long")
	m.reader.scroll.Content.MinSize()
	first := time.Since(start)
	b.ResetTimer()
	for b.Loop() {
		m.open("gen-long")
		m.reader.scroll.Content.MinSize()
	}
	b.ReportMetric(float64(first.Microseconds())/1000, "first-ms")
	b.ReportMetric(warmFirst(b), "warmed-first-ms")
	b.ReportMetric(float64(words), "words")
}

// warmFirst opens a fresh long case the first time after the start-up
// warm-up has run, as a user would a few seconds after start.
func warmFirst(b *testing.B) float64 {
	m := benchMain(b)
	<-m.warmUp()
	start := time.Now()
	m.open("gen-long")
	m.reader.scroll.Content.MinSize()
	return float64(time.Since(start).Microseconds()) / 1000
}

// BenchmarkOpenComparison opens a 4-case comparison in the Compare tab with
// 10,000 cases in the catalogue: loading and laying out every cell.
func BenchmarkOpenComparison(b *testing.B) {
	m := benchMain(b)
	for _, id := range []string{"gen-00001", "gen-04000", "gen-07000", "gen-long"} {
		m.marks.Toggle(id)
	}
	m.tabs.SelectIndex(1)
	b.ResetTimer()
	for b.Loop() {
		m.compare.reload()
		m.compare.scroll.Content.MinSize()
	}
}
