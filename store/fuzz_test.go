package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

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

// FuzzMergePack merges arbitrary annotation packs (JSON, as `import --pack`
// reads them) into a real catalogue: no pack may panic or damage it, a
// refused pack changes nothing, and a pack merged once adds and changes
// nothing when merged again (a conflict it met is reported again: the two
// versions still differ).
func FuzzMergePack(f *testing.F) {
	ctx := context.Background()
	st := searchCatalogue(f)
	for _, seed := range packSeeds(f, st) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var p store.Pack
		if json.Unmarshal(data, &p) != nil {
			return
		}
		before := packState(t, st)
		if _, err := st.MergePack(ctx, p); err != nil {
			if after := packState(t, st); after != before {
				t.Fatalf("a refused pack (%v) changed the catalogue", err)
			}
			return
		}
		merged := packState(t, st)
		again, err := st.MergePack(ctx, p)
		if err != nil || again.Added != 0 || packState(t, st) != merged {
			t.Fatalf("merging the same pack again: %+v, %v", again, err)
		}
		if err := st.Check(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

// packSeeds are a real pack of the catalogue's notes (a code, a coded
// highlight with a memo, a case memo) and the same pack broken in the ways
// a colleague's file can be.
func packSeeds(tb testing.TB, st *store.Store) [][]byte {
	ctx := context.Background()
	code, err := st.CreateCode(ctx, "", "Fuzz ő", "#aa3300", "a code")
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := st.Annotate(ctx, store.Highlight{CaseID: "pl-lodz", Section: "abstract", Start: 13, End: 17,
		Codes: []string{code.ID}, Memo: "Łódź Ω", Author: "Ann"}); err != nil {
		tb.Fatal(err)
	}
	if _, err := st.AddMemo(ctx, "no-nav-reform", "", "a case memo", "Bo"); err != nil {
		tb.Fatal(err)
	}
	pack, err := st.ExportPack(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	whole, _ := json.Marshal(pack)
	seeds := [][]byte{whole, []byte(`{}`), []byte(`{"format":"casebook-pack/1"}`)}
	for old, new := range map[string]string{
		`"pl-lodz"`: `"no-such-case"`, `#aa3300`: `red`, `"start":13`: `"start":-4`, `"end":17`: `"end":99999`,
		`"Ann"`: `"` + strings.Repeat("A", 5000) + `"`, `casebook-pack/1`: `casebook-pack/9`,
	} {
		seeds = append(seeds, []byte(strings.Replace(string(whole), old, new, 1)))
	}
	return seeds
}

// packState is every note of the catalogue, as a pack without its date.
func packState(t *testing.T, st *store.Store) string {
	pack, err := st.ExportPack(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	pack.Exported = time.Time{}
	data, _ := json.Marshal(pack)
	return string(data)
}
