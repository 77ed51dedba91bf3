package seeds_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casebook/seeds"
	"casebook/store"
)

func TestSeedFilesAreComplete(t *testing.T) {
	seed, err := seeds.Read()
	if err != nil {
		t.Fatal(err)
	}
	if len(seed.Cases) != 22 {
		t.Errorf("%d seed cases, want 22", len(seed.Cases))
	}
	ids := map[string]bool{}
	countries := map[string]bool{}
	fields := map[string]bool{}
	for _, c := range seed.Cases {
		if ids[c.ID] {
			t.Errorf("id %s used twice", c.ID)
		}
		ids[c.ID] = true
		countries[c.Country], fields[c.Field] = true, true
		if _, err := os.Stat(filepath.Join("cases", c.ID+".md")); err != nil {
			t.Errorf("%s: the file must be named after its id: %v", c.ID, err)
		}
		if len(c.Sources) < 2 {
			t.Errorf("%s: %d sources, want at least 2", c.ID, len(c.Sources))
		}
		if c.Provenance == "" || c.Title == "" || c.Text("abstract") == "" {
			t.Errorf("%s: provenance, title and abstract are required", c.ID)
		}
		for _, src := range c.Sources {
			// A second scheme inside the address is a pasted-twice link (https://x/https:/x/...).
			nested := strings.Contains(src.URL[1:], "http:/") || strings.Contains(src.URL[1:], "https:/")
			if err := store.CheckURL(src.URL); err != nil || nested {
				t.Errorf("%s: source %q: bad url %q", c.ID, src.Title, src.URL)
			}
		}
	}
	if len(countries) < 9 || len(fields) != 3 {
		t.Errorf("%d countries and %d fields; want at least 9 countries and all 3 fields", len(countries), len(fields))
	}
}

func TestEveryCaseFileIsEmbedded(t *testing.T) {
	onDisk, _ := fs.Glob(os.DirFS("."), "cases/*")
	seed, _ := seeds.Read()
	if len(onDisk) != len(seed.Cases) {
		t.Errorf("%d files in cases/, %d embedded cases (only *.md files are read)", len(onDisk), len(seed.Cases))
	}
}

func openStore(t *testing.T) *store.Store {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestLoadTwiceChangesNothing(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	changed, err := seeds.Load(ctx, st)
	if err != nil || !changed {
		t.Fatalf("first load: changed %v, err %v", changed, err)
	}
	before, _ := st.Case(ctx, "no-nav-reform")
	changed, err = seeds.Load(ctx, st)
	if err != nil || changed {
		t.Fatalf("second load: changed %v, err %v", changed, err)
	}
	after, _ := st.Case(ctx, "no-nav-reform")
	if !after.Updated.Equal(before.Updated) {
		t.Error("the second load rewrote the case")
	}
	ids, _ := st.CaseIDs(ctx)
	if len(ids) != 22 {
		t.Errorf("%d cases", len(ids))
	}
}

func TestNewSeedVersionUpdatesSeedCasesAndKeepsTheUsers(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	if _, err := seeds.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	seed, _ := seeds.Read()
	mine := seed.Cases[0]
	mine.ID, mine.Title, mine.Provenance = "my-own-case", "My own case", ""
	edited := seed.Cases[1]
	edited.Title = "My edit of a seed case"
	if err := st.PutCases(ctx, store.OriginImport, []store.Case{mine, edited}); err != nil {
		t.Fatal(err)
	}
	seed.Version += "-next"
	for i := range seed.Cases {
		seed.Cases[i].Sections[0].Text += " Revised."
	}
	if changed, err := st.ApplySeed(ctx, seed); err != nil || !changed {
		t.Fatalf("changed %v err %v", changed, err)
	}
	got, _ := st.Case(ctx, seed.Cases[2].ID)
	if !strings.HasSuffix(got.Text("abstract"), "Revised.") {
		t.Errorf("seed case not updated: %q", got.Text("abstract"))
	}
	if got, _ := st.Case(ctx, edited.ID); got.Title != "My edit of a seed case" {
		t.Errorf("the user's version of a seed case was overwritten: %q", got.Title)
	}
	if got, err := st.Case(ctx, "my-own-case"); err != nil || got.Title != "My own case" {
		t.Errorf("the user's case: %v %v", got.Title, err)
	}
	if v, _ := st.SeedVersion(ctx); v != seed.Version {
		t.Errorf("seed version %q", v)
	}
}

func TestStarterCodebook(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	if _, err := seeds.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	codes, err := st.Codes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	paths := map[string]store.Code{}
	for _, c := range codes {
		paths[store.CodePath(codes, c.ID)] = c
		if c.Description == "" || !strings.Contains(c.Description, "Source") {
			t.Errorf("%s: a starter code needs a definition with its source", c.Name)
		}
	}
	for _, want := range []string{"Coordination mechanism/Hierarchy", "Coordination mechanism/Network", "Coordination mechanism/Market",
		"Direction/Horizontal", "Direction/Vertical", "Scope/Intra-organisational", "Scope/Inter-organisational",
		"Positive or negative/Positive coordination", "Positive or negative/Negative coordination",
		"Structural instrument/Merger", "Structural instrument/One-stop shop", "Structural instrument/Task force",
		"Structural instrument/New agency", "Structural instrument/Partnership", "Procedural instrument/Shared targets",
		"Procedural instrument/Joint planning", "Procedural instrument/Contracting", "Procedural instrument/Evaluation",
		"Procedural instrument/Information systems", "WP5 questions/Reasons for emergence", "WP5 questions/Enabling factors",
		"WP5 questions/Constraining factors", "WP5 questions/Perceived effects", "WP5 questions/Lessons"} {
		if _, ok := paths[want]; !ok {
			t.Errorf("the starter codebook lacks %s", want)
		}
	}
}

func TestCodebookUpdateKeepsTheUsersChanges(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	seeds.Load(ctx, st)
	version, codes, _ := seeds.Codebook()
	byKey := map[string]store.SeedCode{}
	for _, c := range codes {
		byKey[c.Key] = c
	}
	// The user renames Merger, deletes Task force, merges Evaluation into Contracting.
	merger, _ := st.Codes(ctx)
	var m store.Code
	for _, c := range merger {
		if c.ID == byKey["structural/merger"].ID() {
			m = c
		}
	}
	m.Name = "Fusion"
	if _, err := st.UpdateCode(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteCode(ctx, byKey["structural/task-force"].ID()); err != nil {
		t.Fatal(err)
	}
	// A newer codebook recolours every code and adds one.
	for i := range codes {
		codes[i].Color = "#123456"
	}
	codes = append(codes, store.SeedCode{Key: "wp5/new", ParentKey: "wp5", Name: "A new question", Color: "#654321", Description: "Source: test."})
	if changed, err := st.ApplyCodebook(ctx, version+"-next", codes); err != nil || !changed {
		t.Fatalf("changed %v, err %v", changed, err)
	}
	after, _ := st.Codes(ctx)
	got := map[string]store.Code{}
	for _, c := range after {
		got[c.ID] = c
	}
	if c := got[byKey["structural/merger"].ID()]; c.Name != "Fusion" || c.Color == "#123456" {
		t.Errorf("the user's renamed code was overwritten: %+v", c)
	}
	if _, ok := got[byKey["structural/task-force"].ID()]; ok {
		t.Error("a starter code the user deleted came back")
	}
	if c := got[byKey["mechanism/hierarchy"].ID()]; c.Color != "#123456" {
		t.Errorf("an untouched starter code did not take the update: %+v", c)
	}
	if c := got[store.SeedCode{Key: "wp5/new"}.ID()]; c.Name != "A new question" {
		t.Error("a new starter code was not added")
	}
	if changed, _ := st.ApplyCodebook(ctx, version+"-next", codes); changed {
		t.Error("applying the same codebook twice changed something")
	}
}
