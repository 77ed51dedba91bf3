package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"casebook/store"
	"casebook/store/storetest"
)

var (
	benchOnce  sync.Once
	benchStore *store.Store
	benchErr   error
)

// benchCatalogue builds, once per run, a catalogue of 10,000 generated cases
// plus the 22 seeded ones.
func benchCatalogue(b *testing.B) *store.Store {
	benchOnce.Do(func() {
		g, err := storetest.NewGenerator(1)
		if err != nil {
			benchErr = err
			return
		}
		dir, _ := filepath.Abs(filepath.Join(b.TempDir(), ".."))
		path := filepath.Join(dir, "bench.db")
		if keep := os.Getenv("CASEBOOK_BENCH_DB"); keep != "" {
			// Kept for the GUI's measurement at 10,000 cases (.ci/measure).
			path = keep
			os.Remove(keep)
		}
		ctx := context.Background()
		st, err := store.Open(ctx, path)
		if err != nil {
			benchErr = err
			return
		}
		if _, err := st.ApplySeed(ctx, g.Seed()); err != nil {
			benchErr = err
			return
		}
		benchErr = st.PutCases(ctx, store.OriginImport, g.Cases(10000))
		benchStore = st
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchStore
}

// benchQueries are what a researcher types: whole words, prefixes while
// typing, rare and common words, diacritics, phrases.
var benchQueries = []string{"nav", "kormanyhivatal", "coordination", "the", "employ", "health reform",
	`"one-stop shop"`, "lægreid", "merger -health", "ministry agency", "pôle", "samhandlingsreformen", "a"}

func percentile(d []time.Duration, p float64) float64 {
	slices.Sort(d)
	return float64(d[int(float64(len(d)-1)*p)].Microseconds()) / 1000
}

// BenchmarkSearch runs the benchmark queries (20 results each, as the GUI
// shows them) and reports the 50th and 99th percentile latency in ms.
func BenchmarkSearch(b *testing.B) {
	st := benchCatalogue(b)
	ctx := context.Background()
	timed(b, func(i int) error {
		_, err := st.Search(ctx, store.Filter{Query: benchQueries[i%len(benchQueries)]}, 20)
		return err
	})
}

// timed runs op once per benchmark iteration and reports the 50th and 99th
// percentile of its latency in ms, the numbers a user feels.
func timed(b *testing.B, op func(i int) error) {
	var times []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if err := op(i); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	b.ReportMetric(percentile(times, 0.5), "p50-ms")
	b.ReportMetric(percentile(times, 0.99), "p99-ms")
}

// BenchmarkSearchFiltered searches with a facet or period filter chosen,
// as the GUI does once a country or mechanism is ticked.
func BenchmarkSearchFiltered(b *testing.B) {
	st := benchCatalogue(b)
	ctx := context.Background()
	filters := []store.Filter{
		{Query: "the", Values: map[string][]string{store.KindCountry: {"NO"}}},
		{Query: "coordination", Values: map[string][]string{store.KindCountry: {"NO", "EE"}}},
		{Query: "health reform", Values: map[string][]string{store.KindMechanism: {"market"}}},
		{Query: "the", PeriodFrom: 2020},
		{Query: "nav", Values: map[string][]string{store.KindField: {"health"}}},
		{Query: "kormanyhivatal", Values: map[string][]string{store.KindDirection: {"vertical"}}},
	}
	timed(b, func(i int) error {
		_, err := st.Search(ctx, filters[i%len(filters)], 20)
		return err
	})
}

// benchFilters are what a researcher combines: nothing; a word; a word and
// two countries; two facets and a period.
var benchFilters = []store.Filter{
	{},
	{Query: "coordination"},
	{Query: "employ", Values: map[string][]string{store.KindCountry: {"NO", "EE"}}},
	{Values: map[string][]string{store.KindMechanism: {"network"}, store.KindField: {"health"}}, PeriodFrom: 2005},
}

// BenchmarkFacets counts every facet for a query combined with a filter.
func BenchmarkFacets(b *testing.B) {
	st := benchCatalogue(b)
	ctx := context.Background()
	timed(b, func(i int) error {
		_, err := st.Facets(ctx, benchFilters[i%len(benchFilters)])
		return err
	})
}

// BenchmarkFacetsAfterANote adds a memo, then counts the facets: the first
// count after any change to the catalogue reloads the facet index.
func BenchmarkFacetsAfterANote(b *testing.B) {
	st := benchCatalogue(b)
	ctx := context.Background()
	var memos []time.Duration
	timed(b, func(i int) error {
		start := time.Now()
		if _, err := st.AddMemo(ctx, "no-nav-reform", "", fmt.Sprintf("memo %d", i), "Bench"); err != nil {
			return err
		}
		memos = append(memos, time.Since(start))
		_, err := st.Facets(ctx, benchFilters[i%len(benchFilters)])
		return err
	})
	b.ReportMetric(percentile(memos, 0.5), "memo-p50-ms")
}

// BenchmarkOpenCase reads one whole case, as the reader does.
func BenchmarkOpenCase(b *testing.B) {
	st := benchCatalogue(b)
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		if _, err := st.Case(ctx, "no-nav-reform"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompareFourCases loads everything a 4-case comparison shows.
func BenchmarkCompareFourCases(b *testing.B) {
	st := benchCatalogue(b)
	ctx := context.Background()
	cmp := store.Comparison{Kind: store.CompareCases, Members: []string{"gen-00001", "gen-04000", "gen-07000", "no-nav-reform"}}
	for b.Loop() {
		if _, err := st.Compare(ctx, cmp); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSimilar finds the passages most like one section, over 10,000 cases.
func BenchmarkSimilar(b *testing.B) {
	st := benchCatalogue(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := st.Similar(ctx, "no-nav-reform", "practice", "", 10); err != nil {
			b.Fatal(err)
		}
	}
}
