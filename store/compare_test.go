package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"casebook/seeds"
	"casebook/store"
)

func seeded(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := seeds.Load(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestCompareThreeCases(t *testing.T) {
	ctx := context.Background()
	st := seeded(t)
	nav, _ := st.Case(ctx, "no-nav-reform")
	start, end, _ := store.Occurrence(nav.Text("abstract"), "NAV reform", 1)
	code, _ := st.CreateCode(ctx, "", "Merger", "", "")
	st.Annotate(ctx, store.Highlight{CaseID: nav.ID, Section: "abstract", Start: start, End: end, Codes: []string{code.ID}})
	cmp := store.Comparison{Kind: store.CompareCases, Members: []string{"no-nav-reform", "ee-tootukassa-merger", "fr-pole-emploi"}}
	v, err := st.Compare(ctx, cmp)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Columns) != 3 || v.Columns[0].Title != nav.Title {
		t.Fatalf("columns: %+v", v.Columns)
	}
	attrs := map[string]store.AttributeRow{}
	for _, a := range v.Attributes {
		attrs[a.Name] = a
	}
	if !attrs["Country"].Differs || attrs["Policy field"].Differs || attrs["Policy field"].Values[1] != "Employment" {
		t.Errorf("attributes: %+v", v.Attributes)
	}
	// Levels: NAV central+local, the other two central only: NAV is the odd one.
	if lv := attrs["Levels"]; !lv.Differs || !lv.Odd[0] || lv.Odd[1] || lv.Odd[2] {
		t.Errorf("levels: %+v", lv)
	}
	for _, row := range v.Rows {
		if len(row.Cells) != 3 {
			t.Errorf("row %s has %d cells", row.Key, len(row.Cells))
		}
	}
	if v.Rows[0].Key != "abstract" || len(v.Rows[0].Cells[0].Parts[0].Annotations) != 1 {
		t.Errorf("the abstract row carries the highlight: %+v", v.Rows[0].Cells[0].Parts[0].Annotations)
	}
	if len(v.Codes) != 1 || v.Codes[0].Counts[0] != 1 || v.Codes[0].Counts[1] != 0 {
		t.Errorf("code matrix: %+v", v.Codes)
	}
	cmp.OnlyShared = true
	cmp.Sections = []string{"abstract", "lessons", "emergence"}
	shared, _ := st.Compare(ctx, cmp)
	for _, row := range shared.Rows {
		for _, cell := range row.Cells {
			if len(cell.Parts) == 0 {
				t.Errorf("only shared sections, yet %s has an empty cell", row.Key)
			}
		}
		if row.Key != "abstract" && row.Key != "lessons" && row.Key != "emergence" {
			t.Errorf("section %s was not asked for", row.Key)
		}
	}
}

func TestCompareCountries(t *testing.T) {
	ctx := context.Background()
	st := seeded(t)
	cmp := store.Comparison{Kind: store.CompareGroups, Facet: store.KindCountry, Members: []string{"NO", "EE"},
		Scope: store.Filter{Values: map[string][]string{store.KindField: {"employment"}}}}
	v, err := st.Compare(ctx, cmp)
	if err != nil {
		t.Fatal(err)
	}
	if v.Columns[0].Title != "Norway (NO)" || len(v.Columns[0].Cases) != 1 || len(v.Columns[1].Cases) != 1 {
		t.Fatalf("employment cases of NO and EE: %+v", v.Columns)
	}
	wide, _ := st.Compare(ctx, store.Comparison{Kind: store.CompareGroups, Facet: store.KindCountry, Members: []string{"NO", "EE"}})
	for _, a := range wide.Attributes {
		if a.Name == "Policy field" && (a.Differs || a.Values[0] != "Central government, Employment, Health") {
			t.Errorf("both countries have cases in all three fields: %+v", a)
		}
	}
	abstract := wide.Rows[0]
	if len(abstract.Cells[1].Parts) != 4 || abstract.Cells[1].Parts[0].CaseTitle == "" {
		t.Errorf("every Estonian case's abstract under its title: %d parts", len(abstract.Cells[1].Parts))
	}
}

func TestRowNotesBelongToWhatIsCompared(t *testing.T) {
	ctx := context.Background()
	st := seeded(t)
	cmp := store.Comparison{Kind: store.CompareCases, Members: []string{"no-nav-reform", "de-jobcenters"}}
	if err := st.SetRowNote(ctx, cmp.Subject(), "emergence", "Both began in 2005.", "Per"); err != nil {
		t.Fatal(err)
	}
	reversed := store.Comparison{Kind: store.CompareCases, Members: []string{"de-jobcenters", "no-nav-reform"}, Name: "Mergers"}
	saved, err := st.SaveComparison(ctx, reversed)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := st.ComparisonNamed(ctx, "mergers")
	if again.ID != saved.ID || len(again.Members) != 2 || again.Members[0] != "de-jobcenters" {
		t.Errorf("reopened: %+v", again)
	}
	v, _ := st.Compare(ctx, again)
	for _, row := range v.Rows {
		if row.Key == "emergence" && (row.Note == nil || row.Note.Text != "Both began in 2005.") {
			t.Errorf("the note does not follow the compared cases: %+v", row.Note)
		}
	}
	st.Undo(ctx)
	v, _ = st.Compare(ctx, again)
	for _, row := range v.Rows {
		if row.Note != nil {
			t.Errorf("undo left the note on %s", row.Key)
		}
	}
	list, _ := st.Comparisons(ctx)
	if len(list) != 1 || list[0].Name != "Mergers" {
		t.Errorf("saved list: %+v", list)
	}
}

func TestCompareRejects(t *testing.T) {
	ctx := context.Background()
	st := seeded(t)
	for _, c := range []store.Comparison{
		{Kind: store.CompareCases, Members: []string{"no-nav-reform"}},
		{Kind: store.CompareCases, Members: []string{"a", "b", "c", "d", "e"}},
		{Kind: store.CompareCases, Members: []string{"no-nav-reform", "nope"}},
		{Kind: store.CompareGroups, Facet: "colour", Members: []string{"NO", "EE"}},
		{Kind: "other", Members: []string{"NO", "EE"}},
	} {
		if _, err := st.Compare(ctx, c); err == nil {
			t.Errorf("%+v accepted", c)
		}
	}
	if _, err := st.SaveComparison(ctx, store.Comparison{Kind: store.CompareCases, Members: []string{"no-nav-reform", "de-jobcenters"}}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("saving without a name: %v", err)
	}
}
