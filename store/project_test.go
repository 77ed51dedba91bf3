package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"casebook/store"
)

func TestImportProjectKeepsIdentitiesAndIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	st := openEmpty(t)
	local, err := st.CreateCode(ctx, "", "Structure", "#112233", "")
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	c := sample("no-nav", "NAV")
	c.Sections[0].Text = "The partnership with municipalities grew; Ørsta took part."
	notes := store.ProjectNotes{
		Codes: []store.Code{
			{ID: "f-structure", Name: "structure", Color: "#445566"}, // the same path as the local code
			{ID: "11111111-2222-3333-4444-555555555555", ParentID: "f-structure", Name: "Merger", Color: "#778899", Created: when},
		},
		Annotations: []store.Annotation{{ID: "aaaaaaaa-0000-0000-0000-000000000001", CaseID: "no-nav", Section: "abstract",
			Start: 4, End: 15, Codes: []string{"11111111-2222-3333-4444-555555555555"}, Memo: "ő", Author: "Ann",
			Created: when, Updated: when.Add(time.Hour)}},
		Memos: []store.Memo{{ID: "bbbbbbbb-0000-0000-0000-000000000002", CaseID: "no-nav", Text: "a case memo", Author: "Bo",
			Created: when, Updated: when.Add(2 * time.Hour)}},
	}
	r, err := st.ImportProject(ctx, []store.Case{c}, notes)
	if err != nil || r.Cases != 1 || r.Codes != 1 || r.ReusedCodes != 1 || r.Highlights != 1 || r.Memos != 1 {
		t.Fatalf("report %+v, %v", r, err)
	}
	codes, _ := st.Codes(ctx)
	merger := codes[len(codes)-1]
	if len(codes) != 2 || merger.ID != "11111111-2222-3333-4444-555555555555" || merger.ParentID != local.ID || !merger.Created.Equal(when) {
		t.Errorf("codebook: %+v", codes)
	}
	hs, _ := st.Annotations(ctx, "no-nav")
	if len(hs) != 1 || hs[0].ID != notes.Annotations[0].ID || hs[0].Quote != "partnership" || !hs[0].Updated.Equal(when.Add(time.Hour)) ||
		len(hs[0].Codes) != 1 || hs[0].Codes[0] != merger.ID {
		t.Errorf("highlights: %+v", hs)
	}
	ms, _ := st.Memos(ctx, "no-nav")
	if len(ms) != 1 || ms[0].ID != notes.Memos[0].ID || !ms[0].Updated.Equal(when.Add(2*time.Hour)) {
		t.Errorf("memos: %+v", ms)
	}
	if hits, _ := st.Search(ctx, store.Filter{Query: "case memo"}, 5); len(hits) != 1 || hits[0].Part != "notes" {
		t.Errorf("the imported notes are not searchable: %+v", hits)
	}

	// Again, and again with new ids for the same notes: nothing is added.
	if r, err := st.ImportProject(ctx, []store.Case{c}, notes); err != nil || r.Duplicates != 2 || r.Highlights+r.Memos+r.Codes != 0 {
		t.Errorf("the same project again: %+v, %v", r, err)
	}
	renamed := notes
	renamed.Annotations = []store.Annotation{notes.Annotations[0]}
	renamed.Annotations[0].ID = "cccccccc-0000-0000-0000-000000000003"
	if r, err := st.ImportProject(ctx, nil, renamed); err != nil || r.Duplicates != 2 || r.Highlights != 0 {
		t.Errorf("the same notes under new ids: %+v, %v", r, err)
	}

	// A project that fails half-way stores nothing: not its new case, not
	// its first notes.
	other := sample("ee-x", "Estonia")
	bad := store.ProjectNotes{
		Memos: []store.Memo{{ID: "m1", CaseID: "ee-x", Text: "fine"}, {ID: "m2", CaseID: "ee-x", Text: "bad \xff"}},
	}
	if _, err := st.ImportProject(ctx, []store.Case{other}, bad); !errors.Is(err, store.ErrInvalid) || !strings.Contains(err.Error(), "UTF-8") {
		t.Fatalf("bad project: %v", err)
	}
	if _, err := st.Case(ctx, "ee-x"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the failed project's case was stored: %v", err)
	}
}
