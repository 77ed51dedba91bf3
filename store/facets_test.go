package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"casebook/store"
	"casebook/store/storetest"
)

// TestFacetIndexCountsAsTheSQLDid checks the in-memory facet counts against
// the SQL statement they replaced, for 300 random filters over 400
// generated cases: words, facet values (some unknown), periods, marked
// cases and authors of notes.
func TestFacetIndexCountsAsTheSQLDid(t *testing.T) {
	ctx := context.Background()
	st := openEmpty(t)
	g, err := storetest.NewGenerator(5)
	if err != nil {
		t.Fatal(err)
	}
	cases := g.Cases(400)
	for i := range cases {
		switch i % 9 {
		case 0:
			cases[i].Period.End = 0 // still running
		case 1:
			cases[i].Period = store.Period{}
		}
	}
	put(t, st, cases...)
	for i, author := range []string{"Ann", "Bo", "Ann", "Cai"} {
		id := cases[i*37].ID
		if _, err := st.Annotate(ctx, store.Highlight{CaseID: id, Section: "abstract", Start: 0, End: 5, Author: author}); err != nil {
			t.Fatal(err)
		}
	}
	vocab, err := st.Vocabulary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		f := randomFilter(rng, vocab, cases)
		total, want, err := st.ReferenceFacets(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := st.Facets(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != total {
			t.Fatalf("filter %d %+v: total %d, SQL says %d", i, f, got.Total, total)
		}
		for _, facet := range store.Facets {
			listed := map[string]bool{}
			for _, c := range got.Counts[facet] {
				listed[c.Value] = true
				if c.Count != want[facet][c.Value] {
					t.Fatalf("filter %d %+v: %s=%s counts %d, SQL says %d", i, f, facet, c.Value, c.Count, want[facet][c.Value])
				}
			}
			for value, n := range want[facet] {
				if !listed[value] {
					t.Fatalf("filter %d: %s=%s (%d) not listed", i, facet, value, n)
				}
			}
		}
	}
}

func randomFilter(rng *rand.Rand, vocab store.Vocabulary, cases []store.Case) store.Filter {
	queries := []string{"", "", "coordination", "nav", "health reform", "merger -health", "the", `"one-stop"`, "zzqq", "employ", "ministr"}
	f := store.Filter{Query: queries[rng.IntN(len(queries))], Values: map[string][]string{}}
	for _, facet := range store.Facets {
		if rng.IntN(3) > 0 {
			continue
		}
		terms := vocab[facet]
		for range 1 + rng.IntN(2) {
			if facet == store.KindCountry || rng.IntN(8) == 0 {
				f.Values[facet] = append(f.Values[facet], []string{"NO", "EE", "HU", "FR", "XX"}[rng.IntN(5)])
			} else {
				f.Values[facet] = append(f.Values[facet], terms[rng.IntN(len(terms))].Value)
			}
		}
	}
	if rng.IntN(3) == 0 {
		f.PeriodFrom = 1995 + rng.IntN(30)
	}
	if rng.IntN(3) == 0 {
		f.PeriodTo = 1995 + rng.IntN(30)
	}
	if rng.IntN(6) == 0 {
		for range 1 + rng.IntN(30) {
			f.IDs = append(f.IDs, cases[rng.IntN(len(cases))].ID)
		}
	}
	if rng.IntN(6) == 0 {
		f.AnnotatedBy = []string{"Ann", "Bo", "Nobody"}[rng.IntN(3)]
	}
	return f
}

// TestFacetCountsFollowChangesFromAnyProcess changes the catalogue after
// counts were taken, through this store and through a second one on the
// same file (as a command-line import beside the GUI): the counts follow.
func TestFacetCountsFollowChangesFromAnyProcess(t *testing.T) {
	ctx := context.Background()
	st := openEmpty(t)
	c := sample("no-nav", "NAV")
	put(t, st, c)
	count := func(country string) int {
		t.Helper()
		fc, err := st.Facets(ctx, store.Filter{Query: "abstract"})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range fc.Counts[store.KindCountry] {
			if v.Value == country {
				return v.Count
			}
		}
		return 0
	}
	if count("NO") != 1 {
		t.Fatalf("NO: %d", count("NO"))
	}
	// Notes change nothing the counts need: the index is kept.
	loaded := store.FacetIndexOf(st)
	if _, err := st.AddMemo(ctx, "no-nav", "", "A memo", "Ann"); err != nil {
		t.Fatal(err)
	}
	if count("NO") != 1 || store.FacetIndexOf(st) != loaded {
		t.Error("a memo reloaded the facet index")
	}
	c.Country = "EE"
	put(t, st, c)
	if count("NO") != 0 || count("EE") != 1 {
		t.Errorf("after a change here: NO %d, EE %d", count("NO"), count("EE"))
	}
	other, err := store.Open(ctx, filepath.Join(filepath.Dir(st.Path()), "catalogue.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	for i := range 3 {
		d := sample(fmt.Sprintf("hu-%d", i), "Windows")
		d.Country = "HU"
		if err := other.PutCases(ctx, store.OriginImport, []store.Case{d}); err != nil {
			t.Fatal(err)
		}
	}
	if count("HU") != 3 {
		t.Errorf("after an import by another connection: HU %d", count("HU"))
	}
}
