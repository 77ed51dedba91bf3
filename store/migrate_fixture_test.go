package store_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casebook/store"
)

// TestOpensTheFirstSchema opens a catalogue written by the first schema
// (testdata/schema1.db) with today's code: the data stays, the search still
// finds it, and a backup of the old file is taken before migrating.
func TestOpensTheFirstSchema(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "catalogue.db")
	copyFile(t, filepath.Join("testdata", "schema1.db"), path)
	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.Case(ctx, "pl-lodz")
	if err != nil || c.Title != "Health coordination in Łódź" || c.Text("lessons") != "Keep it simple." || c.Period.End != 2003 {
		t.Fatalf("the old case: %+v %v", c, err)
	}
	hits, err := st.Search(ctx, store.Filter{Query: "lodz strasse"}, 5)
	if err != nil || len(hits) != 1 || !strings.Contains(hits[0].Snippet.Marked("[", "]"), "[Straße]") {
		t.Errorf("search after migrating: %+v %v", hits, err)
	}
	backups, _ := filepath.Glob(filepath.Join(dir, "backups", "catalogue-*-before-schema-*.db"))
	if len(backups) != 1 {
		t.Fatalf("backups before migrating: %v", backups)
	}
	old, err := store.Open(ctx, copyTo(t, backups[0], filepath.Join(t.TempDir(), "old.db")))
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if c, err := old.Case(ctx, "pl-lodz"); err != nil || c.Title != "Health coordination in Łódź" {
		t.Errorf("the backup does not hold the old data: %v", err)
	}
	// The new schema works on the old data: annotate it.
	start, end, _ := store.Occurrence(c.Text("abstract"), "shared a ward", 1)
	if _, err := st.Annotate(ctx, store.Highlight{CaseID: "pl-lodz", Section: "abstract", Start: start, End: end}); err != nil {
		t.Errorf("annotating a migrated case: %v", err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
}

func copyTo(t *testing.T, from, to string) string {
	copyFile(t, from, to)
	return to
}
