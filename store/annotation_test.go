package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"casebook/store"
)

func annotated(t *testing.T) (*store.Store, store.Case) {
	t.Helper()
	st := openEmpty(t)
	c := sample("no-nav", "NAV")
	c.Sections = []store.Section{
		{Key: "abstract", Text: "The partnership with municipalities grew. Later the partnership changed."},
		{Key: "lessons", Text: "Ő and Ω and Ж: e\u0301 combined, then the partnership."},
	}
	put(t, st, c)
	return st, c
}

func highlight(t *testing.T, st *store.Store, section, text, quote string, n int, codes ...string) store.Annotation {
	t.Helper()
	start, end, ok := store.Occurrence(text, quote, n)
	if !ok {
		t.Fatalf("%q not found %d times", quote, n)
	}
	a, err := st.Annotate(context.Background(), store.Highlight{CaseID: "no-nav", Section: section, Start: start, End: end,
		Codes: codes, Memo: "memo on " + quote, Author: "Per"})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestAnnotateKnowsWhichOccurrence(t *testing.T) {
	st, c := annotated(t)
	second := highlight(t, st, "abstract", c.Text("abstract"), "partnership", 2)
	if second.Start != 52 || second.Quote != "partnership" || !strings.HasSuffix(second.Prefix, "Later the ") {
		t.Errorf("second occurrence: %+v", second)
	}
	// Offsets count runes: the combining accent is a rune of its own.
	u := highlight(t, st, "lessons", c.Text("lessons"), "Ж", 1)
	if u.Start != 12 || u.End != 13 {
		t.Errorf("Ж at %d-%d, want 12-13", u.Start, u.End)
	}
	comb := highlight(t, st, "lessons", c.Text("lessons"), "e\u0301 combined", 1)
	if comb.Start != 15 || comb.End != 26 || comb.Quote != "e\u0301 combined" {
		t.Errorf("combining mark: %d-%d %q", comb.Start, comb.End, comb.Quote)
	}
}

func TestReimportMovesHighlightsAndOrphansLostOnes(t *testing.T) {
	ctx := context.Background()
	st, c := annotated(t)
	moved := highlight(t, st, "abstract", c.Text("abstract"), "partnership", 2)
	lost := highlight(t, st, "abstract", c.Text("abstract"), "municipalities", 1)
	changed := c
	changed.Sections = []store.Section{
		{Key: "abstract", Text: "New opening words. The partnership with towns grew. Later the partnership changed."},
		{Key: "lessons", Text: c.Text("lessons")},
	}
	put(t, st, changed)
	list, err := st.Annotations(ctx, "no-nav")
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]store.Annotation{}
	for _, a := range list {
		byID[a.ID] = a
	}
	m := byID[moved.ID]
	if m.Orphaned || m.Start != 62 || []rune(changed.Text("abstract"))[m.Start] != 'p' || m.Memo != moved.Memo {
		t.Errorf("moved highlight: %+v", m)
	}
	l := byID[lost.ID]
	if !l.Orphaned || l.Quote != "municipalities" || l.Memo != "memo on municipalities" {
		t.Errorf("lost highlight must be kept, orphaned: %+v", l)
	}
	if list[len(list)-1].ID != lost.ID {
		t.Error("orphaned highlights are listed last")
	}
	put(t, st, c) // the words come back
	list, _ = st.Annotations(ctx, "no-nav")
	for _, a := range list {
		if a.Orphaned {
			t.Errorf("%q still orphaned after its words came back", a.Quote)
		}
	}
}

func TestUndoRedoAcrossActions(t *testing.T) {
	ctx := context.Background()
	st, c := annotated(t)
	code, err := st.CreateCode(ctx, "", "Partnership", "", "")
	if err != nil {
		t.Fatal(err)
	}
	a := highlight(t, st, "abstract", c.Text("abstract"), "partnership", 1, code.ID)
	if _, err := st.UpdateAnnotation(ctx, a.ID, "changed memo", []string{code.ID}); err != nil {
		t.Fatal(err)
	}
	label, err := st.Undo(ctx)
	if err != nil || label != "edit highlight" {
		t.Fatalf("undo: %q %v", label, err)
	}
	list, _ := st.Annotations(ctx, "no-nav")
	if len(list) != 1 || list[0].Memo != "memo on partnership" {
		t.Errorf("after undoing the edit: %+v", list)
	}
	st.Undo(ctx) // the highlight
	if list, _ := st.Annotations(ctx, "no-nav"); len(list) != 0 {
		t.Errorf("after undoing the highlight: %+v", list)
	}
	st.Redo(ctx)
	st.Redo(ctx)
	list, _ = st.Annotations(ctx, "no-nav")
	if len(list) != 1 || list[0].Memo != "changed memo" || !slices.Equal(list[0].Codes, []string{code.ID}) {
		t.Errorf("after redoing both: %+v", list)
	}
	if _, err := st.Redo(ctx); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("redo with nothing left: %v", err)
	}
	st.Undo(ctx)
	if _, err := st.AddMemo(ctx, "no-nav", "", "a new action", "Per"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Redo(ctx); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a new action must drop the redo branch: %v", err)
	}
}

func TestMergeAndDeleteCodesKeepEveryHighlight(t *testing.T) {
	ctx := context.Background()
	st, c := annotated(t)
	parent, _ := st.CreateCode(ctx, "", "Structure", "", "")
	merger, _ := st.CreateCode(ctx, parent.ID, "Merger", "#ff0000", "")
	fusion, _ := st.CreateCode(ctx, "", "Fusion", "", "")
	child, _ := st.CreateCode(ctx, fusion.ID, "Full fusion", "", "")
	a1 := highlight(t, st, "abstract", c.Text("abstract"), "partnership", 1, merger.ID, fusion.ID)
	a2 := highlight(t, st, "abstract", c.Text("abstract"), "partnership", 2, fusion.ID)
	if err := st.MergeCodes(ctx, fusion.ID, merger.ID); err != nil {
		t.Fatal(err)
	}
	list, _ := st.Annotations(ctx, "no-nav")
	for _, a := range list {
		if !slices.Equal(a.Codes, []string{merger.ID}) {
			t.Errorf("%s after merge: codes %v", a.ID, a.Codes)
		}
	}
	codes, _ := st.Codes(ctx)
	if got := store.CodePath(codes, child.ID); got != "Structure/Merger/Full fusion" {
		t.Errorf("child of merged code: %q", got)
	}
	if err := st.DeleteCode(ctx, merger.ID); err != nil {
		t.Fatal(err)
	}
	list, _ = st.Annotations(ctx, "no-nav")
	if len(list) != 2 || list[0].Memo == "" || len(list[0].Codes) != 0 {
		t.Errorf("after deleting the code, highlights stay with their memos: %+v", list)
	}
	codes, _ = st.Codes(ctx)
	if got := store.CodePath(codes, child.ID); got != "Structure/Full fusion" {
		t.Errorf("child of deleted code moves up: %q", got)
	}
	st.Undo(ctx)
	st.Undo(ctx)
	list, _ = st.Annotations(ctx, "no-nav")
	want := map[string][]string{a1.ID: {merger.ID, fusion.ID}, a2.ID: {fusion.ID}}
	for _, a := range list {
		got := slices.Sorted(slices.Values(a.Codes))
		if !slices.Equal(got, slices.Sorted(slices.Values(want[a.ID]))) {
			t.Errorf("undoing delete and merge: %s has %v, want %v", a.Quote, a.Codes, want[a.ID])
		}
	}
	codes, _ = st.Codes(ctx)
	if got := store.CodePath(codes, child.ID); got != "Fusion/Full fusion" {
		t.Errorf("undo puts the child back under its parent: %q", got)
	}
	if err := st.MergeCodes(ctx, parent.ID, merger.ID); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("merging a code into its own sub-code: %v", err)
	}
}

func TestSearchFindsNotes(t *testing.T) {
	ctx := context.Background()
	st, c := annotated(t)
	highlight(t, st, "abstract", c.Text("abstract"), "partnership", 1)
	st.AddMemo(ctx, "no-nav", "lessons", "compare with Töötukassa", "Per")
	hits, err := st.Search(ctx, store.Filter{Query: "tootukassa"}, 10)
	if err != nil || len(hits) != 1 || hits[0].Part != "notes" || !strings.Contains(hits[0].Snippet.Marked("[", "]"), "[Töötukassa]") {
		t.Errorf("memo search: %+v %v", hits, err)
	}
	hits, _ = st.Search(ctx, store.Filter{Query: "memo"}, 10)
	if len(hits) != 1 {
		t.Errorf("highlight memo search: %v", ids(hits))
	}
}

func TestFilterByAnnotator(t *testing.T) {
	ctx := context.Background()
	st, c := annotated(t)
	other := sample("ee-other", "Other case")
	other.Country = "EE"
	put(t, st, other)
	highlight(t, st, "abstract", c.Text("abstract"), "partnership", 1) // by Per
	st.AddMemo(ctx, "ee-other", "", "by someone else", "Lise")
	hits, err := st.Search(ctx, store.Filter{AnnotatedBy: "Per"}, 0)
	if err != nil || len(hits) != 1 || hits[0].ID != "no-nav" {
		t.Errorf("annotated by Per: %v %v", ids(hits), err)
	}
	counts, _ := st.Facets(ctx, store.Filter{AnnotatedBy: "Lise"})
	if counts.Total != 1 {
		t.Errorf("facets, annotated by Lise: %d", counts.Total)
	}
}

func TestBadNotes(t *testing.T) {
	ctx := context.Background()
	st, _ := annotated(t)
	for name, h := range map[string]store.Highlight{
		"outside":    {CaseID: "no-nav", Section: "abstract", Start: 5, End: 5000},
		"reversed":   {CaseID: "no-nav", Section: "abstract", Start: 5, End: 2},
		"no section": {CaseID: "no-nav", Section: "effects", Start: 0, End: 2},
		"no case":    {CaseID: "nope", Section: "abstract", Start: 0, End: 2},
		"bad code":   {CaseID: "no-nav", Section: "abstract", Start: 0, End: 2, Codes: []string{"nope"}},
		"huge memo":  {CaseID: "no-nav", Section: "abstract", Start: 0, End: 2, Memo: strings.Repeat("x", 20<<20)},
		"bad utf8":   {CaseID: "no-nav", Section: "abstract", Start: 0, End: 2, Memo: "\xff"},
	} {
		if _, err := st.Annotate(ctx, h); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if list, _ := st.Annotations(ctx, "no-nav"); len(list) != 0 {
		t.Errorf("bad input stored something: %v", list)
	}
	if _, err := st.Undo(ctx); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("failed actions left something to undo: %v", err)
	}
}
