package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casebook/app/exchange"
	"casebook/store"
	"casebook/store/storetest"

	"fyne.io/fyne/v2/test"
)

func TestExportMenusWriteEveryFormatAndImportReadsItBack(t *testing.T) {
	a := test.NewTempApp(t)
	st := openCatalogue(t)
	ctx := context.Background()
	nav, _ := st.Case(ctx, "no-nav-reform")
	start, end, _ := store.Occurrence(nav.Text("abstract"), "NAV reform", 1)
	if _, err := st.Annotate(ctx, store.Highlight{CaseID: nav.ID, Section: "abstract", Start: start, End: end, Memo: "ő"}); err != nil {
		t.Fatal(err)
	}
	m, _ := newTestMain(t, a, st)
	dir := t.TempDir()
	for name, write := range map[string]func(string) (string, error){
		"x.qdpx": m.writeQDPX, "x.csv": m.writeCSV, "x.bib": m.writeCitations(exchange.WriteBibTeXFile), "cases": m.writeMarkdown,
	} {
		msg, err := write(filepath.Join(dir, name))
		if err != nil || !strings.Contains(msg, "22 cases") {
			t.Errorf("%s: %q %v", name, msg, err)
		}
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "cases", "*.md")); len(files) != 22 {
		t.Errorf("%d case files", len(files))
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "x.bib")); !strings.Contains(string(data), "Lægreid") {
		t.Error("the BibTeX file lacks the authors")
	}
	fresh := openCatalogue(t)
	other, _ := newTestMain(t, test.NewTempApp(t), fresh)
	msg, err := other.readQDPX(filepath.Join(dir, "x.qdpx"))
	if err != nil || !strings.Contains(msg, "1 highlights") {
		t.Fatalf("import: %q %v", msg, err)
	}
	list, _ := fresh.Annotations(ctx, "no-nav-reform")
	if len(list) != 1 || list[0].Start != start || list[0].Memo != "ő" {
		t.Errorf("the highlight did not come back: %+v", list)
	}
}

func TestPackMenusRoundTrip(t *testing.T) {
	a := test.NewTempApp(t)
	st := openCatalogue(t)
	ctx := context.Background()
	nav, _ := st.Case(ctx, "no-nav-reform")
	start, end, _ := store.Occurrence(nav.Text("abstract"), "NAV reform", 1)
	st.Annotate(ctx, store.Highlight{CaseID: nav.ID, Section: "abstract", Start: start, End: end, Memo: "from Per", Author: "Per"})
	m, _ := newTestMain(t, a, st)
	path := filepath.Join(t.TempDir(), "per.json")
	if msg, err := m.writePack(path); err != nil || !strings.Contains(msg, "1 highlights") {
		t.Fatalf("write pack: %q %v", msg, err)
	}
	fresh := openCatalogue(t)
	other, _ := newTestMain(t, test.NewTempApp(t), fresh)
	if msg, err := other.mergePack(path); err != nil || !strings.Contains(msg, "0 conflicts") {
		t.Fatalf("merge: %q %v", msg, err)
	}
	if list, _ := fresh.Annotations(ctx, nav.ID); len(list) != 1 || list[0].Memo != "from Per" {
		t.Errorf("merged: %+v", list)
	}
}

func TestImportingCaseFilesStoresTheGoodAndListsTheBad(t *testing.T) {
	ctx := context.Background()
	st := openCatalogue(t)
	m, _ := newTestMain(t, test.NewTempApp(t), st)
	tmpl, _ := st.Template(ctx)
	dir := t.TempDir()
	g, err := storetest.NewGenerator(9)
	if err != nil {
		t.Fatal(err)
	}
	cases := g.Cases(store.ImportBatch + 20)
	cases[0].Title = "Ő, Ω and Ж in a title"
	for _, c := range cases {
		var b strings.Builder
		if err := exchange.WriteCase(&b, c, tmpl); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, c.ID+".md"), []byte(b.String()), 0o644)
	}
	os.WriteFile(filepath.Join(dir, "broken.md"), []byte("---\nid: broken\n"), 0o644)
	var seen []int
	imported, total, problems, err := m.readCaseFiles([]string{dir}, func(done, of int) {
		if of != len(cases) {
			t.Errorf("progress of %d, want %d", of, len(cases))
		}
		seen = append(seen, done)
	})
	if err != nil || imported != len(cases) || total != len(cases)+1 || len(problems) != 1 || !strings.Contains(problems[0], "broken.md") {
		t.Fatalf("imported %d of %d, problems %v, %v", imported, total, problems, err)
	}
	if len(seen) != 2 || seen[1] != len(cases) {
		t.Errorf("progress %v", seen)
	}
	got, err := st.Case(ctx, cases[0].ID)
	if err != nil || got.Title != cases[0].Title {
		t.Errorf("stored: %q %v", got.Title, err)
	}
}
