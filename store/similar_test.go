package store_test

import (
	"context"
	"errors"
	"testing"

	"casebook/store"
)

func TestSimilarFindsTheCaseThatSharesDistinctiveWords(t *testing.T) {
	ctx := context.Background()
	st := openEmpty(t)
	a := sample("no-a", "Welfare merger")
	a.Sections = []store.Section{{Key: "abstract", Text: "The labour and welfare administration merged the employment service, " +
		"the insurance administration and municipal social services into one-stop offices."}}
	b := sample("ee-b", "Insurance fund merger")
	b.Sections = []store.Section{{Key: "abstract", Text: "Estonia merged the employment service into the unemployment insurance fund; " +
		"one-stop offices followed."}}
	c := sample("hu-c", "Government offices")
	c.Sections = []store.Section{{Key: "abstract", Text: "County government offices took over deconcentrated agencies under strict central control."}}
	d := sample("de-d", "Another")
	d.Sections = []store.Section{{Key: "abstract", Text: "Hospitals contracted clinics for emergency care in rural regions."}}
	put(t, st, a, b, c, d)
	hits, err := st.Similar(ctx, "no-a", "abstract", "", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].ID != "ee-b" || hits[0].Part != "abstract" || len(hits[0].Snippet.Marks) == 0 {
		t.Fatalf("most similar to the NAV-like case: %+v", hits)
	}
	for _, h := range hits {
		if h.ID == "no-a" {
			t.Error("a case is not similar to itself")
		}
	}
	hits, _ = st.Similar(ctx, "no-a", "abstract", "municipal social services", 5)
	if len(hits) > 0 && hits[0].ID == "de-d" {
		t.Errorf("an unrelated case ranks first: %+v", hits)
	}
	if _, err := st.Similar(ctx, "no-a", "abstract", "the and of it is", 5); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("only common words: %v", err)
	}
	if _, err := st.Similar(ctx, "no-a", "nope", "", 5); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown section: %v", err)
	}
}
