package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"casebook/seeds"
	"casebook/store"
)

// openEmpty opens a new catalogue with the real template and vocabularies
// but none of the seeded cases.
func openEmpty(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "catalogue.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	seed, err := seeds.Read()
	if err != nil {
		t.Fatal(err)
	}
	seed.Cases = nil
	if _, err := st.ApplySeed(context.Background(), seed); err != nil {
		t.Fatal(err)
	}
	return st
}

// sample is a valid case; tests change what they need.
func sample(id, title string) store.Case {
	return store.Case{
		ID: id, Title: title, Country: "NO", Field: "employment",
		Period: store.Period{Start: 2005, End: 2011}, Levels: []string{"central", "local"},
		Directions: []string{"horizontal"}, Mechanisms: []string{"hierarchy", "network"},
		Instruments: []string{"merger"}, Authors: []string{"Per Lægreid"}, Provenance: "related",
		Sources:  []store.Source{{Title: "A source", URL: "https://example.org/a"}},
		Sections: []store.Section{{Key: "abstract", Text: "An abstract about " + title + "."}},
	}
}

func put(t testing.TB, st *store.Store, cases ...store.Case) {
	t.Helper()
	if err := st.PutCases(context.Background(), store.OriginImport, cases); err != nil {
		t.Fatal(err)
	}
}

func TestPutAndReadKeepsEverythingIncludingUnicode(t *testing.T) {
	st := openEmpty(t)
	c := sample("hu-windows", "Kormányablak: Ωmega Жизнь ő õ ø ß ł")
	c.Region = "Közép-Magyarország"
	c.Sections = append(c.Sections, store.Section{Key: "lessons", Text: "First ő.\n\nSecond:\n- one\n- two"})
	put(t, st, c)
	got, err := st.Case(context.Background(), "hu-windows")
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != c.Title || got.Region != c.Region || got.Text("lessons") != c.Sections[1].Text {
		t.Errorf("read back %q / %q / %q", got.Title, got.Region, got.Text("lessons"))
	}
	if !slices.Equal(got.Levels, c.Levels) || !slices.Equal(got.Mechanisms, c.Mechanisms) || got.Period != c.Period {
		t.Errorf("attributes changed: %+v", got)
	}
	if got.UUID == "" || got.Origin != store.OriginImport {
		t.Errorf("uuid %q origin %q", got.UUID, got.Origin)
	}
}

func TestUpdateInPlaceKeepsIdentity(t *testing.T) {
	st := openEmpty(t)
	put(t, st, sample("no-nav", "NAV"))
	first, _ := st.Case(context.Background(), "no-nav")
	st.SetClock(func() time.Time { return time.Now().Add(time.Hour) })
	updated := sample("no-nav", "NAV reform")
	updated.Levels = []string{"central"}
	put(t, st, updated)
	second, _ := st.Case(context.Background(), "no-nav")
	if second.Title != "NAV reform" || !slices.Equal(second.Levels, []string{"central"}) {
		t.Errorf("not updated: %+v", second)
	}
	if second.UUID != first.UUID || !second.Created.Equal(first.Created) || !second.Updated.After(first.Updated) {
		t.Errorf("identity changed: %v %v / %v %v", first.UUID, first.Created, second.UUID, second.Created)
	}
	ids, _ := st.CaseIDs(context.Background())
	if len(ids) != 1 {
		t.Errorf("ids %v", ids)
	}
	hits, _ := st.Search(context.Background(), store.Filter{Query: "abstract"}, 0)
	if len(hits) != 1 {
		t.Errorf("old index rows linger: %d hits", len(hits))
	}
}

func TestInvalidCaseIsRejectedAndNothingStored(t *testing.T) {
	st := openEmpty(t)
	good := sample("ok-case", "Good")
	bad := sample("bad-case", "Bad")
	bad.Field = "education"
	bad.Mechanisms = []string{"hierarchy", "anarchy"}
	err := st.PutCases(context.Background(), store.OriginImport, []store.Case{good, bad})
	if !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("err = %v", err)
	}
	for _, want := range []string{`unknown field "education"`, "central-government, health, employment", `unknown mechanism "anarchy"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if ids, _ := st.CaseIDs(context.Background()); len(ids) != 0 {
		t.Errorf("a failed batch stored %v", ids)
	}
}

func TestCaseNotFound(t *testing.T) {
	st := openEmpty(t)
	_, err := st.Case(context.Background(), "nope")
	if !errors.Is(err, store.ErrNotFound) || store.Message(err) != `case nope: no case with id "nope"` {
		t.Errorf("err = %v / %q", err, store.Message(err))
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	mustRawExec(t, path, `INSERT INTO schema_migration (version, name, applied_at) VALUES (999, 'future', 'x')`)
	_, err = store.Open(context.Background(), path)
	if !errors.Is(err, store.ErrInvalid) || !strings.Contains(err.Error(), "newer Casebook") {
		t.Errorf("err = %v", err)
	}
}

func TestNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(path, []byte(strings.Repeat("these are my notes, not a database\n", 200)), 0o644)
	_, err := store.Open(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), "not a Casebook catalogue") {
		t.Errorf("err = %v", err)
	}
	data, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(data), "these are my notes") {
		t.Error("the file was changed")
	}
}

func TestReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		// root ignores permission bits; use a path under a file instead, which no one can create.
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "file"), nil, 0o644)
		_, err := store.Open(context.Background(), filepath.Join(dir, "file", "c.db"))
		if err == nil {
			t.Fatal("opened a catalogue under a file")
		}
		return
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	_, err := store.Open(context.Background(), filepath.Join(dir, "c.db"))
	if err == nil || !strings.Contains(err.Error(), "cannot be written") {
		t.Errorf("err = %v", err)
	}
}

func TestImportCasesInBatchesStoresAllAndSaysHowFarItGot(t *testing.T) {
	ctx := context.Background()
	st := openEmpty(t)
	var cases []store.Case
	for i := range store.ImportBatch*2 + 10 {
		cases = append(cases, sample(fmt.Sprintf("case-%04d", i), fmt.Sprintf("Case %d", i)))
	}
	var done []int
	if err := st.ImportCases(ctx, store.OriginImport, cases, func(n int) { done = append(done, n) }); err != nil {
		t.Fatal(err)
	}
	if want := []int{store.ImportBatch, 2 * store.ImportBatch, 2*store.ImportBatch + 10}; !slices.Equal(done, want) {
		t.Errorf("progress %v, want %v", done, want)
	}
	list, err := st.Search(ctx, store.Filter{}, 0)
	if err != nil || len(list) != len(cases) {
		t.Fatalf("%d cases stored, %v", len(list), err)
	}
	// A bad case in the second batch: the first batch stays, the error says
	// so, and importing the mended cases again finishes the work.
	mended := slices.Clone(cases)
	for i := range mended {
		mended[i].Title += " (revised)"
	}
	mended[store.ImportBatch+3].Field = "education"
	err = st.ImportCases(ctx, store.OriginImport, mended, nil)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%d of %d cases were stored before", store.ImportBatch, len(cases))) {
		t.Fatalf("err = %v", err)
	}
	first, _ := st.Case(ctx, "case-0000")
	later, _ := st.Case(ctx, fmt.Sprintf("case-%04d", store.ImportBatch+5))
	if !strings.HasSuffix(first.Title, "(revised)") || strings.HasSuffix(later.Title, "(revised)") {
		t.Errorf("after the failed batch: %q, %q", first.Title, later.Title)
	}
	mended[store.ImportBatch+3].Field = "employment"
	if err := st.ImportCases(ctx, store.OriginImport, mended, nil); err != nil {
		t.Fatal(err)
	}
	if later, _ = st.Case(ctx, fmt.Sprintf("case-%04d", store.ImportBatch+5)); !strings.HasSuffix(later.Title, "(revised)") {
		t.Errorf("import again did not finish: %q", later.Title)
	}
}
