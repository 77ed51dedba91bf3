package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"casebook/store"
)

func searchCatalogue(t testing.TB) *store.Store {
	st := openEmpty(t)
	hu := sample("hu-government-windows", "Government Windows in Hungary")
	hu.Country, hu.Field, hu.Period = "HU", "central-government", store.Period{Start: 2011}
	hu.Mechanisms = []string{"hierarchy"}
	hu.Sections[0].Text = "The Kormányhivatal runs one-stop shops called kormányablak across the counties."
	nav := sample("no-nav-reform", "Coordinating Norwegian welfare: the NAV reform")
	nav.Sections = append(nav.Sections, store.Section{Key: "practice", Text: "The employment and welfare services merged; " +
		"the municipality of Ørsta took part in early trials."})
	pl := sample("pl-lodz", "Health coordination in Łódź")
	pl.Country, pl.Field, pl.Period = "PL", "health", store.Period{Start: 1999, End: 2003}
	pl.Mechanisms = []string{"market"}
	pl.Sections[0].Text = "Hospitals in Łódź contracted with the Straße-level clinics of the þing."
	put(t, st, hu, nav, pl)
	return st
}

func ids(hits []store.Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.ID)
	}
	return out
}

func TestSearchFoldsDiacriticsAndSpecialLetters(t *testing.T) {
	st := searchCatalogue(t)
	for query, want := range map[string]string{
		"kormanyhivatal": "hu-government-windows", "KORMÁNYABLAK": "hu-government-windows",
		"nav": "no-nav-reform", "orsta": "no-nav-reform", "Ørsta": "no-nav-reform",
		"lodz": "pl-lodz", "strasse": "pl-lodz", "thing": "pl-lodz", "kormany": "hu-government-windows",
	} {
		hits, err := st.Search(context.Background(), store.Filter{Query: query}, 10)
		if err != nil {
			t.Fatalf("%q: %v", query, err)
		}
		if len(hits) != 1 || hits[0].ID != want {
			t.Errorf("%q found %v, want [%s]", query, ids(hits), want)
		}
	}
}

func TestSnippetKeepsOriginalSpellingAndMarksMatches(t *testing.T) {
	st := searchCatalogue(t)
	hits, err := st.Search(context.Background(), store.Filter{Query: "lodz strasse"}, 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits %v err %v", ids(hits), err)
	}
	got := hits[0].Snippet.Marked("[", "]")
	if !strings.Contains(got, "[Łódź]") || !strings.Contains(got, "[Straße]") || !strings.Contains(got, "þing") {
		t.Errorf("snippet %q", got)
	}
	if hits[0].Part != "abstract" {
		t.Errorf("part %q", hits[0].Part)
	}
	hits, _ = st.Search(context.Background(), store.Filter{Query: "kormanyhivatal"}, 10)
	if got := hits[0].Snippet.Marked("[", "]"); !strings.Contains(got, "[Kormányhivatal]") {
		t.Errorf("snippet %q", got)
	}
}

func TestTitleMatchRanksFirst(t *testing.T) {
	st := searchCatalogue(t)
	other := sample("de-jobcenter", "Jobcenters in Germany")
	other.Country = "DE"
	other.Sections[0].Text = "Unlike the Norwegian welfare reform, welfare here means something else."
	put(t, st, other)
	hits, err := st.Search(context.Background(), store.Filter{Query: "norwegian welfare"}, 10)
	if err != nil || len(hits) != 2 || hits[0].ID != "no-nav-reform" {
		t.Errorf("hits %v err %v", ids(hits), err)
	}
}

func TestQueriesMadeOfSyntaxNeverCrash(t *testing.T) {
	st := searchCatalogue(t)
	for _, q := range []string{`"`, `*`, `AND (`, `NEAR(`, `-`, `:`, `"nav`, `nav*`, `title:nav`, `nav AND (`,
		`NEAR(nav welfare)`, `-nav`, `)(`, `^nav`, `'`, `\`, `nav OR`, `"" "" ""`, "\x00", `{nav}`, `nav:`, `*nav`} {
		hits, err := st.Search(context.Background(), store.Filter{Query: q}, 10)
		if err != nil {
			if !errors.Is(err, store.ErrInvalid) || strings.Contains(err.Error(), "fts5") || strings.Contains(err.Error(), "SQL") {
				t.Errorf("%q: raw error %v", q, err)
			}
			continue
		}
		for _, h := range hits {
			if h.ID == "" {
				t.Errorf("%q: empty hit", q)
			}
		}
	}
	// Operators are plain words: "AND" is looked for like any other word.
	hits, _ := st.Search(context.Background(), store.Filter{Query: `nav AND (`}, 10)
	if len(hits) != 1 || hits[0].ID != "no-nav-reform" {
		t.Errorf("nav AND ( found %v", ids(hits))
	}
}

func TestPhrasesAndExclusions(t *testing.T) {
	st := searchCatalogue(t)
	for q, want := range map[string]int{
		`"one-stop shops"`: 1, `one-stop`: 1, `"stop one"`: 0, `welfare -ørsta`: 0, `the -hospitals`: 2, `nav merged`: 1, `nav hospitals`: 0,
	} {
		hits, err := st.Search(context.Background(), store.Filter{Query: q}, 10)
		if err != nil || len(hits) != want {
			t.Errorf("%q: %v (err %v), want %d hits", q, ids(hits), err, want)
		}
	}
}

func TestFiltersCombine(t *testing.T) {
	st := searchCatalogue(t)
	f := store.Filter{Values: map[string][]string{store.KindCountry: {"HU", "PL"}}}
	hits, _ := st.Search(context.Background(), f, 0)
	if len(hits) != 2 {
		t.Errorf("HU or PL: %v", ids(hits))
	}
	f.Values[store.KindMechanism] = []string{"market"}
	hits, _ = st.Search(context.Background(), f, 0)
	if len(hits) != 1 || hits[0].ID != "pl-lodz" {
		t.Errorf("(HU or PL) and market: %v", ids(hits))
	}
	hits, _ = st.Search(context.Background(), store.Filter{PeriodFrom: 2008, PeriodTo: 2012}, 0)
	if len(hits) != 2 {
		t.Errorf("period 2008-2012 overlaps NAV and the ongoing windows: %v", ids(hits))
	}
	hits, _ = st.Search(context.Background(), store.Filter{Query: "the", Values: map[string][]string{store.KindField: {"health"}}}, 0)
	if len(hits) != 1 || hits[0].ID != "pl-lodz" {
		t.Errorf("query and field: %v", ids(hits))
	}
}

func count(fc store.FacetCounts, facet, value string) int {
	for _, c := range fc.Counts[facet] {
		if c.Value == value {
			return c.Count
		}
	}
	return -1
}

func TestFacetCountsFollowTheSearchAndOtherFacets(t *testing.T) {
	st := searchCatalogue(t)
	ctx := context.Background()
	all, err := st.Facets(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total != 3 || count(all, "country", "NO") != 1 || count(all, "mechanism", "hierarchy") != 2 ||
		count(all, "field", "central-government") != 1 || count(all, "level", "local") != 3 {
		t.Errorf("all: %+v", all)
	}
	if count(all, "mechanism", "market") != 1 || count(all, "provenance", "catalogue-confirmed") != 0 {
		t.Errorf("a value with no case must be listed with 0: %+v", all.Counts["provenance"])
	}
	if count(all, "country", "FR") != -1 {
		t.Error("countries without cases are not listed")
	}
	f := store.Filter{Query: "the", Values: map[string][]string{store.KindCountry: {"PL"}}}
	got, err := st.Facets(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	// The country facet ignores its own selection; the others apply it.
	if got.Total != 1 || count(got, "country", "NO") != 1 || count(got, "mechanism", "hierarchy") != 0 || count(got, "mechanism", "market") != 1 {
		t.Errorf("filtered: %+v", got)
	}
	got, _ = st.Facets(ctx, store.Filter{Query: "kormanyablak"})
	if got.Total != 1 || count(got, "country", "HU") != 1 || count(got, "country", "NO") != 0 {
		t.Errorf("query: %+v", got)
	}
}
