package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"casebook/store"
)

// FuzzSearch runs arbitrary queries against a real catalogue: no query may
// panic or surface an SQLite error; the only refusal allowed is ErrInvalid.
func FuzzSearch(f *testing.F) {
	for _, q := range []string{`"`, `*`, `AND (`, `NEAR(`, `-`, `:`, `nav`, `"one-stop shop"`, `-x y`, "\x00", `Łódź ß`, `a"b`, `title:x`, `^`, `{}`} {
		f.Add(q)
	}
	st := searchCatalogue(f)
	f.Fuzz(func(t *testing.T, q string) {
		hits, err := st.Search(context.Background(), store.Filter{Query: q}, 5)
		if err != nil {
			if !errors.Is(err, store.ErrInvalid) || strings.Contains(err.Error(), "SQL") || strings.Contains(err.Error(), "fts5") {
				t.Fatalf("query %q: %v", q, err)
			}
			return
		}
		for _, h := range hits {
			for _, m := range h.Snippet.Marks {
				if m[0] < 0 || m[1] > len([]rune(h.Snippet.Text)) || m[0] > m[1] {
					t.Fatalf("query %q: mark %v outside the snippet %q", q, m, h.Snippet.Text)
				}
			}
		}
		if _, err := st.Facets(context.Background(), store.Filter{Query: q}); err != nil && !errors.Is(err, store.ErrInvalid) {
			t.Fatalf("facets for %q: %v", q, err)
		}
	})
}
