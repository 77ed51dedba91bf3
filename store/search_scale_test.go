package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"

	"casebook/seeds"
	"casebook/store"

	"golang.org/x/text/unicode/norm"
)

// broadCatalogue holds RankLimit+100 short cases that all say "coordination",
// numbered in the order they were added, and a few that say "merger" too.
func broadCatalogue(t *testing.T) *store.Store {
	st := openEmpty(t)
	n := store.RankLimit + 100
	cases := make([]store.Case, n)
	for i := range cases {
		c := sample(fmt.Sprintf("case-%05d", i), fmt.Sprintf("Case %d", i))
		c.Country = []string{"NO", "EE"}[i%2]
		c.Sections[0].Text = "Coordination of services, case " + fmt.Sprint(i) + "."
		if i%100 == 7 {
			c.Sections[0].Text += strings.Repeat(" A merger", 1+i/100)
		}
		cases[i] = c
	}
	// One at a time, so that each is newer than the one before.
	for _, c := range cases {
		put(t, st, c)
	}
	return st
}

func TestBroadSearchListsNewestFirstAndNarrowSearchRanks(t *testing.T) {
	st := broadCatalogue(t)
	ctx := context.Background()

	broad, err := st.Search(ctx, store.Filter{Query: "coordination"}, 5)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"case-01599", "case-01598", "case-01597", "case-01596", "case-01595"}
	if got := ids(broad); !slices.Equal(got, want) {
		t.Errorf("more than RankLimit matches: got %v, want the newest first %v", got, want)
	}
	for _, h := range broad {
		if h.Score != 0 || h.Part != "abstract" || len(h.Snippet.Marks) == 0 {
			t.Errorf("unranked hit %s: score %v, part %q, marks %v", h.ID, h.Score, h.Part, h.Snippet.Marks)
		}
	}

	// A filter that leaves fewer than RankLimit cases brings relevance back.
	estonian, err := st.Search(ctx, store.Filter{Query: "coordination", Values: map[string][]string{store.KindCountry: {"EE"}}}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(estonian) != (store.RankLimit+100)/2 {
		t.Fatalf("Estonian cases: %d", len(estonian))
	}
	for i, h := range estonian {
		if h.Score >= 0 || h.Country != "EE" || (i > 0 && h.Score < estonian[i-1].Score) {
			t.Fatalf("ranked hit %d (%s): score %v after %v", i, h.ID, h.Score, estonian[max(i-1, 0)].Score)
		}
	}
	// The first page is the head of the whole ranked list, snippets and all.
	page, err := st.Search(ctx, store.Filter{Query: "coordination", Values: map[string][]string{store.KindCountry: {"EE"}}}, 5)
	if err != nil || !slices.Equal(ids(page), ids(estonian[:5])) || page[0].Snippet.Text != estonian[0].Snippet.Text {
		t.Errorf("first page %v, want %v (%v)", ids(page), ids(estonian[:5]), err)
	}

	// So does a rarer word: the case saying "merger" most often comes first.
	mergers, err := st.Search(ctx, store.Filter{Query: "coordination merger"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(mergers) != 16 || mergers[0].ID != "case-01507" || mergers[0].Score >= 0 {
		t.Errorf("merger cases: %d, first %v", len(mergers), mergers[0])
	}

	// Listing everything keeps the same order as the first page.
	all, err := st.Search(ctx, store.Filter{Query: "coordination"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != store.RankLimit+100 || !slices.Equal(ids(all[:5]), want) || all[len(all)-1].ID != "case-00000" {
		t.Errorf("all broad matches: %d, first %v, last %s", len(all), ids(all[:5]), all[len(all)-1].ID)
	}
}

// TestLongPrefixesFindWhatTheWordsBeginning finds, for prefixes longer than
// the longest prefix index (where Search may swap a prefix for the one word
// it begins), exactly the cases holding a word that begins with the prefix.
func TestLongPrefixesFindWhatTheWordsBegin(t *testing.T) {
	st := seeded(t)
	ctx := context.Background()
	seed, err := seeds.Read()
	if err != nil {
		t.Fatal(err)
	}
	cases := seed.Cases
	for _, prefix := range []string{"samhandlingsreform", "hierarch", "integrat", "secretar", "structur", "coordinatio", "kormanyhivatal", "tootukassa", "zzzzzzzzzz"} {
		hits, err := st.Search(ctx, store.Filter{Query: prefix}, 0)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, c := range cases {
			if holdsWordBeginning(c, prefix) {
				want = append(want, c.ID)
			}
		}
		got := ids(hits)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%q: found %v\nwant %v", prefix, got, want)
		}
	}
}

func holdsWordBeginning(c store.Case, prefix string) bool {
	text := c.Title
	for _, sec := range c.Sections {
		text += " " + sec.Text
	}
	notInWord := func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) }
	for _, w := range strings.FieldsFunc(store.Fold(text), notInWord) {
		if strings.HasPrefix(plainLower(w), prefix) {
			return true
		}
	}
	return false
}

// plainLower is a word as the index spells it: lower case, no diacritics.
func plainLower(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
