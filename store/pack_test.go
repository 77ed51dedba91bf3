package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"casebook/store"
)

func TestPacksMergeBetweenTwoCatalogues(t *testing.T) {
	ctx := context.Background()
	a, b := seeded(t), seeded(t)
	nav, _ := a.Case(ctx, "no-nav-reform")
	code, _ := a.CreateCode(ctx, "", "Pack code", "#112233", "")
	s1, e1, _ := store.Occurrence(nav.Text("abstract"), "NAV reform", 1)
	s2, e2, _ := store.Occurrence(nav.Text("abstract"), "Storting", 1)
	x, _ := a.Annotate(ctx, store.Highlight{CaseID: nav.ID, Section: "abstract", Start: s1, End: e1, Codes: []string{code.ID}, Author: "Per"})
	y, _ := a.Annotate(ctx, store.Highlight{CaseID: nav.ID, Section: "abstract", Start: s2, End: e2, Memo: "first", Author: "Per"})
	a.AddMemo(ctx, nav.ID, "", "a case memo ő", "Per")

	// b's text of the case differs a little: the highlights are found by their words.
	changed := nav
	changed.Sections[0].Text = "A revised opening. " + nav.Text("abstract")
	if err := b.PutCases(ctx, store.OriginImport, []store.Case{changed}); err != nil {
		t.Fatal(err)
	}
	pack, _ := a.ExportPack(ctx)
	r, err := b.MergePack(ctx, pack)
	if err != nil || r.Added < 4 || len(r.Conflicts) != 0 {
		t.Fatalf("first merge: %+v %v", r, err)
	}
	got, _ := b.Annotations(ctx, nav.ID)
	if len(got) != 2 || got[0].ID != x.ID || got[0].Start != s1+len([]rune("A revised opening. ")) || got[0].Author != "Per" ||
		len(got[0].Codes) != 1 {
		t.Errorf("merged highlights: %+v", got)
	}
	again, err := b.MergePack(ctx, pack)
	if err != nil || again.Added != 0 || len(again.Conflicts) != 0 {
		t.Errorf("merging twice: %+v %v", again, err)
	}

	// Both sides change y's memo: both versions are kept, listed as a conflict.
	a.UpdateAnnotation(ctx, y.ID, "Per's change", nil)
	b.UpdateAnnotation(ctx, y.ID, "Lise's change", nil)
	pack, _ = a.ExportPack(ctx)
	r, err = b.MergePack(ctx, pack)
	if err != nil || len(r.Conflicts) != 1 || !strings.Contains(r.Conflicts[0], "both versions kept") {
		t.Fatalf("conflict: %+v %v", r, err)
	}
	memos := map[string]bool{}
	list, _ := b.Annotations(ctx, nav.ID)
	for _, an := range list {
		memos[an.Memo] = true
	}
	if !memos["Per's change"] || !memos["Lise's change"] || len(list) != 3 {
		t.Errorf("after the conflict: %v (%d highlights)", memos, len(list))
	}
	before := len(list)
	b.MergePack(ctx, pack)
	if list, _ := b.Annotations(ctx, nav.ID); len(list) != before {
		t.Errorf("merging the conflict twice added %d", len(list)-before)
	}
	if hits, _ := b.Search(ctx, store.Filter{Query: "Per's change"}, 5); len(hits) != 1 {
		t.Error("merged notes are not searchable")
	}
}

func TestBadPacksChangeNothing(t *testing.T) {
	ctx := context.Background()
	st := seeded(t)
	for name, p := range map[string]store.Pack{
		"other format": {Format: "something/2"},
		"unknown case": {Format: store.PackFormat, Annotations: []store.Annotation{{ID: "x", CaseID: "nope", Section: "abstract", Start: 0, End: 3, Quote: "abc"}}},
		"huge note":    {Format: store.PackFormat, Memos: []store.Memo{{ID: "m", CaseID: "no-nav-reform", Text: strings.Repeat("x", 20<<20)}}},
		"bad colour":   {Format: store.PackFormat, Codes: []store.Code{{ID: "c", Name: "C", Color: "red"}}},
		// Found by FuzzMergePack: such a highlight was stored, orphaned.
		"unknown section":            {Format: store.PackFormat, Annotations: []store.Annotation{{ID: "x", CaseID: "no-nav-reform", Section: "abstrafi", Start: 0, End: 3, Quote: "abc"}}},
		"memo on an unknown section": {Format: store.PackFormat, Memos: []store.Memo{{ID: "m", CaseID: "no-nav-reform", Section: "nope", Text: "x"}}},
	} {
		if _, err := st.MergePack(ctx, p); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if memos, _ := st.Memos(ctx, "no-nav-reform"); len(memos) != 0 {
		t.Error("a bad pack left a memo")
	}
}
