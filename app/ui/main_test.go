package ui

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"casebook/app/cli"
	_ "casebook/app/locale" // before Fyne reads the locale, as in main
	"casebook/app/ui/prose"
	"casebook/store"
	"casebook/store/storetest"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// openCatalogue opens a real seeded catalogue in a temporary folder.
func openCatalogue(t *testing.T) *store.Store {
	t.Helper()
	st, err := cli.Open(context.Background(), filepath.Join(t.TempDir(), "catalogue.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// newTestMain builds the main window over st in app a, searching without delay.
func newTestMain(t *testing.T, a fyne.App, st *store.Store) (*Main, fyne.Window) {
	t.Helper()
	w := test.NewTempWindow(t, nil)
	m := newMain(context.Background(), a, w, st)
	m.debounce = 0
	w.SetContent(m.build())
	w.SetMainMenu(m.menu()) // also registers the shortcuts
	m.restore()
	return m, w
}

func TestTypingNarrowsTheList(t *testing.T) {
	a := test.NewTempApp(t)
	m, _ := newTestMain(t, a, openCatalogue(t))
	if n := len(m.results.IDs()); n != 22 {
		t.Fatalf("%d cases listed at start", n)
	}
	test.Type(m.results.search, "kormanyablak")
	if ids := m.results.IDs(); len(ids) == 0 || len(ids) > 3 || !slices.Contains(ids, "hu-government-windows") {
		t.Errorf("after typing: %v", ids)
	}
	if m.results.hits[0].Snippet.Marks == nil {
		t.Error("the snippet marks no match")
	}
	m.results.search.SetText("")
	test.Type(m.results.search, "zzzzqqq")
	if len(m.results.IDs()) != 0 || !m.results.empty.Visible() || m.results.emptyText.Text != "No cases match “zzzzqqq”." {
		t.Errorf("empty state: %v %q", m.results.IDs(), m.results.emptyText.Text)
	}
	test.Tap(m.results.empty.Objects[1].(*fyne.Container).Objects[0].(*widget.Button))
	if len(m.results.IDs()) != 22 || m.results.search.Text != "" {
		t.Errorf("clear did not bring the catalogue back: %d", len(m.results.IDs()))
	}
}

func TestFacetsCombine(t *testing.T) {
	a := test.NewTempApp(t)
	m, _ := newTestMain(t, a, openCatalogue(t))
	test.Tap(m.filters.checks[store.KindCountry]["NO"])
	test.Tap(m.filters.checks[store.KindCountry]["EE"])
	both := m.results.IDs()
	for _, id := range both {
		if !strings.HasPrefix(id, "no-") && !strings.HasPrefix(id, "ee-") {
			t.Errorf("NO or EE shows %s", id)
		}
	}
	if len(both) < 6 {
		t.Fatalf("NO or EE: %v", both)
	}
	test.Tap(m.filters.checks[store.KindField]["employment"])
	combined := m.results.IDs()
	if len(combined) == 0 || len(combined) >= len(both) || !slices.Contains(combined, "no-nav-reform") || !slices.Contains(combined, "ee-tootukassa-merger") {
		t.Errorf("(NO or EE) and employment: %v", combined)
	}
	if label := m.filters.checks[store.KindField]["health"].Text; !strings.HasPrefix(label, "Health  ") {
		t.Errorf("field label %q", label)
	}
	if !strings.Contains(m.filters.checks[store.KindCountry]["NO"].Text, "Norway (NO)") {
		t.Errorf("country label %q", m.filters.checks[store.KindCountry]["NO"].Text)
	}
	m.filters.from.SetText("2009")
	for _, h := range m.results.hits {
		if h.Period.End != 0 && h.Period.End < 2009 {
			t.Errorf("period from 2009 shows %s (%s)", h.ID, h.Period)
		}
	}
}

func TestSelectingOpensTheReader(t *testing.T) {
	a := test.NewTempApp(t)
	m, _ := newTestMain(t, a, openCatalogue(t))
	test.Type(m.results.search, "NAV reform")
	m.results.list.Select(0)
	if m.reader.shown != "no-nav-reform" {
		t.Fatalf("reader shows %q", m.reader.shown)
	}
	if len(m.reader.sections) < 4 || m.reader.sections["abstract"] == nil {
		t.Errorf("sections shown: %v", m.reader.sections)
	}
	var texts []string
	for _, o := range m.reader.body.Objects {
		switch w := o.(type) {
		case *widget.RichText:
			texts = append(texts, w.String())
		case *prose.Prose:
			texts = append(texts, w.Text())
		}
	}
	joined := strings.Join(texts, "\n")
	for _, want := range []string{"Abstract", "Country background", "Sources", "Lægreid"} {
		if !strings.Contains(joined, want) {
			t.Errorf("reader lacks %q", want)
		}
	}
	if a.Preferences().String(prefLastCase) != "no-nav-reform" {
		t.Error("last case not remembered")
	}
}

func TestKeyboardMovesAndOpens(t *testing.T) {
	a := test.NewTempApp(t)
	m, w := newTestMain(t, a, openCatalogue(t))
	w.Canvas().Focus(m.results.search)
	test.Type(m.results.search, "health")
	m.results.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	m.results.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if m.results.selected != 1 || m.reader.shown != m.results.hits[1].ID {
		t.Errorf("Down twice: selected %d, reader %q", m.results.selected, m.reader.shown)
	}
	m.results.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if m.results.search.Text != "" || len(m.results.IDs()) != 22 {
		t.Errorf("Escape: %q, %d results", m.results.search.Text, len(m.results.IDs()))
	}
}

func TestStateSurvivesARestart(t *testing.T) {
	a := test.NewTempApp(t)
	st := openCatalogue(t)
	m, _ := newTestMain(t, a, st)
	test.Tap(m.filters.checks[store.KindField]["health"])
	test.Type(m.results.search, "reform")
	m.results.list.Select(0)
	opened := m.reader.shown
	m.marks.Toggle("no-nav-reform")
	m.marks.Toggle("ee-tootukassa-merger")
	m.marks.Toggle("no-nav-reform")
	m.marks.Toggle("de-jobcenters")
	m.save()

	again, _ := newTestMain(t, a, st)
	if got := again.marks.IDs(); !slices.Equal(got, []string{"ee-tootukassa-merger", "de-jobcenters"}) {
		t.Errorf("marked set after restart: %v", got)
	}
	if again.results.search.Text != "reform" || !again.filters.checks[store.KindField]["health"].Checked {
		t.Errorf("filter after restart: %q", again.results.search.Text)
	}
	if again.reader.shown != opened || opened == "" {
		t.Errorf("last case after restart: %q, want %q", again.reader.shown, opened)
	}
	again.results.markedOnly.SetChecked(true)
	again.filters.reset()
	again.results.search.SetText("")
	if got := again.results.IDs(); len(got) != 2 {
		t.Errorf("marked only: %v", got)
	}
	if !strings.Contains(again.status.Text, "2 cases marked") {
		t.Errorf("status %q", again.status.Text)
	}
}

// TestMainLayoutMarkup pins the main window's layout: filters, results and
// the reader showing a case. Regenerate testdata/main_layout.xml after an
// intended change by deleting it and running the test (the test driver
// writes testdata/failed/main_layout.xml to copy from).
func TestMainLayoutMarkup(t *testing.T) {
	a := test.NewTempApp(t)
	m, w := newTestMain(t, a, openCatalogue(t))
	w.Resize(fyne.NewSize(1200, 760))
	test.Type(m.results.search, "welfare nav")
	m.results.list.Select(0)
	test.AssertRendersToMarkup(t, "main_layout.xml", w.Canvas())
}

// TestMenuShortcutsReachTheWindow types Ctrl+K and Ctrl+M in the reader's
// text, which forwards what it does not handle to the window, as the real
// driver routes a shortcut to the focused widget first.
func TestMenuShortcutsReachTheWindow(t *testing.T) {
	a := test.NewTempApp(t)
	m, w := newTestMain(t, a, openCatalogue(t))
	m.open("no-nav-reform")
	p := m.reader.sections["abstract"]
	w.Canvas().Focus(p)
	p.TypedShortcut(shortcutMark)
	p.TypedShortcut(shortcutComp)
	if !m.marks.Has("no-nav-reform") || m.tabs.SelectedIndex() != 1 {
		t.Errorf("Ctrl+M marked %v, Ctrl+K shows tab %d", m.marks.IDs(), m.tabs.SelectedIndex())
	}
}

func TestTooManyToRankIsSaidAndAFilterRanksAgain(t *testing.T) {
	st := openCatalogue(t)
	g, err := storetest.NewGenerator(3)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutCases(context.Background(), store.OriginImport, g.Cases(store.RankLimit+50)); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	m, _ := newTestMain(t, a, st)
	if m.results.unranked.Visible() {
		t.Error("the hint shows before a search")
	}
	test.Type(m.results.search, "the")
	if !m.results.unranked.Visible() || m.results.hits[0].Score != 0 {
		t.Errorf("%s: hint visible %v, first score %v", m.results.count.Text, m.results.unranked.Visible(), m.results.hits[0].Score)
	}
	test.Tap(m.filters.checks[store.KindCountry]["NO"])
	if m.results.unranked.Visible() || m.results.hits[0].Score >= 0 {
		t.Errorf("with a country (%s): hint visible %v, first score %v", m.results.count.Text, m.results.unranked.Visible(), m.results.hits[0].Score)
	}
}
