package ui

import (
	"context"
	"strings"
	"testing"

	"casebook/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// selectWords selects the n-th occurrence of words in a section of the open
// case, as a drag in the prose widget would, and returns the offsets.
func selectWords(t *testing.T, m *Main, section, words string, n int) (int, int) {
	t.Helper()
	p := m.reader.sections[section]
	start, end, ok := store.Occurrence(p.Text(), words, n)
	if !ok {
		t.Fatalf("%q not in %s", words, section)
	}
	p.Select(start, end)
	p.OnSelectionChanged(start, end)
	return start, end
}

func notesTitle(m *Main) string { return m.reader.notes.panel.title.Text }

func TestAnnotateUndoRedoAndReopen(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefAuthor, "Lise")
	st := openCatalogue(t)
	m, _ := newTestMain(t, a, st)
	m.open("no-nav-reform")
	notes := m.reader.notes

	start, end := selectWords(t, m, "abstract", "NAV reform", 1)
	if !notes.bar.Visible() {
		t.Fatal("the highlight bar does not show for a selection")
	}
	test.Tap(notes.bar.Objects[0].(*widget.Button)) // Highlight
	if len(notes.annotations) != 1 || notes.annotations[0].Start != start || notes.annotations[0].End != end ||
		notes.annotations[0].Author != "Lise" {
		t.Fatalf("after Highlight: %+v", notes.annotations)
	}
	if hs := m.reader.sections["abstract"].Highlights(); len(hs) != 1 || hs[0].Start != start {
		t.Errorf("the highlight is not drawn: %+v", hs)
	}

	code, err := st.CreateCode(context.Background(), "", "Merger", "#5fb878", "")
	if err != nil {
		t.Fatal(err)
	}
	selectWords(t, m, "abstract", "merging the state employment service", 1)
	notes.highlight([]string{code.ID}, "coded passage") // what the code chip does
	if len(notes.recent.Objects) == 0 {
		t.Error("a used code is not offered again")
	}
	selectWords(t, m, "abstract", "the Storting", 1)
	test.Tap(notes.recent.Objects[0].(*fyne.Container).Objects[1].(*widget.Button)) // the Merger chip
	if len(notes.annotations) != 3 || notesTitle(m) != "Notes (3)" {
		t.Fatalf("three highlights expected: %d, %q", len(notes.annotations), notesTitle(m))
	}
	notes.undo() // the chip highlight
	notes.undo() // the coded highlight
	if len(notes.annotations) != 1 || !strings.HasPrefix(m.status.Text, "Undone: highlight") {
		t.Errorf("after two undos: %d annotations, status %q", len(notes.annotations), m.status.Text)
	}
	notes.redo()
	if len(notes.annotations) != 2 || notesTitle(m) != "Notes (2)" {
		t.Errorf("after redo: %d, %q", len(notes.annotations), notesTitle(m))
	}
	var coded bool
	for _, an := range notes.annotations {
		coded = coded || (len(an.Codes) == 1 && an.Codes[0] == code.ID && an.Memo == "coded passage")
	}
	if !coded {
		t.Errorf("redo did not bring back the coded highlight: %+v", notes.annotations)
	}

	again, _ := newTestMain(t, a, st)
	again.open("no-nav-reform")
	if n := len(again.reader.sections["abstract"].Highlights()); n != 2 {
		t.Errorf("after reopening, %d highlights drawn, want 2", n)
	}
	if got := notesTitle(again); got != "Notes (2)" {
		t.Errorf("after reopening: %q", got)
	}
}

func TestNotesPanelListsOrphansLast(t *testing.T) {
	a := test.NewTempApp(t)
	st := openCatalogue(t)
	ctx := context.Background()
	c, _ := st.Case(ctx, "no-nav-reform")
	start, end, _ := store.Occurrence(c.Text("abstract"), "Storting", 1)
	if _, err := st.Annotate(ctx, store.Highlight{CaseID: c.ID, Section: "abstract", Start: start, End: end, Memo: "kept"}); err != nil {
		t.Fatal(err)
	}
	for i, s := range c.Sections {
		if s.Key == "abstract" {
			c.Sections[i].Text = strings.ReplaceAll(s.Text, "Storting", "parliament")
		}
	}
	if err := st.PutCases(ctx, store.OriginImport, []store.Case{c}); err != nil {
		t.Fatal(err)
	}
	m, _ := newTestMain(t, a, st)
	m.open("no-nav-reform")
	items := m.reader.notes.panel.box.Objects
	heading, ok := items[len(items)-2].(*widget.Label)
	if !ok || !strings.HasPrefix(heading.Text, "! Orphaned (1)") {
		t.Fatalf("orphan heading missing: %#v", items[len(items)-2])
	}
	card := items[len(items)-1].(*noteCard)
	if !strings.Contains(card.text.Text, "“Storting”") || !strings.Contains(card.text.Text, "memo: kept") {
		t.Errorf("orphaned card: %q", card.text.Text)
	}
	if n := len(m.reader.sections["abstract"].Highlights()); n != 0 {
		t.Errorf("an orphaned highlight is drawn: %d", n)
	}
}

func TestMyNotesOnlyAndCodebookActions(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefAuthor, "Lise")
	st := openCatalogue(t)
	m, w := newTestMain(t, a, st)
	m.open("no-nav-reform")
	selectWords(t, m, "abstract", "NAV reform", 1)
	test.Tap(m.reader.notes.bar.Objects[0].(*widget.Button))
	m.results.mineOnly.SetChecked(true)
	if got := m.results.IDs(); len(got) != 1 || got[0] != "no-nav-reform" {
		t.Errorf("my notes only: %v", got)
	}
	m.results.mineOnly.SetChecked(false)

	ctx := context.Background()
	parent, _ := st.CreateCode(ctx, "", "Structure", "", "")
	child, _ := st.CreateCode(ctx, "", "Merger", "", "")
	cb := newCodebook(ctx, st, w, nil)
	cb.show()
	c, _ := cb.code(child.ID)
	c.ParentID = parent.ID // what "Move to…" submits
	_, err := cb.cat.UpdateCode(ctx, c)
	cb.changed(err)
	if got := store.CodePath(cb.codes, child.ID); got != "Structure/Merger" {
		t.Errorf("moved code: %q", got)
	}
	if ids := cb.childIDs(parent.ID); len(ids) != 1 || ids[0] != child.ID {
		t.Errorf("the tree does not show the move: %v", ids)
	}
}

// inDialog finds, in the dialog on top of the window, the widgets of a type.
func inDialog[T any](t *testing.T, w fyne.Window) []T {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	var out []T
	for _, o := range test.LaidOutObjects(top) {
		if v, ok := o.(T); ok {
			out = append(out, v)
		}
	}
	return out
}

func buttonIn(t *testing.T, w fyne.Window, text string) *widget.Button {
	for _, b := range inDialog[*widget.Button](t, w) {
		if b.Text == text {
			return b
		}
	}
	t.Fatalf("no %q button in the dialog", text)
	return nil
}

func TestMemoThroughTheDialog(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefAuthor, "Lise")
	st := openCatalogue(t)
	m, w := newTestMain(t, a, st)
	m.open("no-nav-reform")
	m.reader.notes.addMemo()
	entries := inDialog[*widget.Entry](t, w)
	test.Type(entries[len(entries)-1], "Compare with Töötukassa, Ω")
	test.Tap(buttonIn(t, w, "Save"))
	memos, _ := st.Memos(context.Background(), "no-nav-reform")
	if len(memos) != 1 || memos[0].Text != "Compare with Töötukassa, Ω" || memos[0].Author != "Lise" || memos[0].Section != "" {
		t.Fatalf("memo through the dialog: %+v", memos)
	}
	if notesTitle(m) != "Notes (1)" {
		t.Errorf("the panel does not list it: %q", notesTitle(m))
	}
	m.reader.notes.undo()
	if memos, _ := st.Memos(context.Background(), "no-nav-reform"); len(memos) != 0 {
		t.Errorf("undo left the memo: %+v", memos)
	}
}

func TestWelcomeShowsTheWayAndCanBeDismissed(t *testing.T) {
	a := test.NewTempApp(t)
	m, w := newTestMain(t, a, openCatalogue(t))
	m.showWelcome()
	if !strings.Contains(inDialog[*widget.Label](t, w)[0].Text, "COCOPS catalogue case:") {
		t.Error("the welcome does not explain the provenance labels")
	}
	for _, c := range inDialog[*widget.Check](t, w) {
		test.Tap(c) // Don't show this again
	}
	test.Tap(buttonIn(t, w, "Compare two countries"))
	if m.tabs.SelectedIndex() != 1 || len(m.compare.view.Columns) != 2 || m.compare.view.Columns[0].Title != "Norway (NO)" {
		t.Errorf("Compare two countries: tab %d, %d columns", m.tabs.SelectedIndex(), len(m.compare.view.Columns))
	}
	if !a.Preferences().Bool(prefWelcomeDone) {
		t.Error("Don't show again was not kept")
	}
	before := w.Canvas().Overlays().Top()
	m.showWelcome()
	if w.Canvas().Overlays().Top() != before {
		t.Error("the welcome came back after Don't show again")
	}
}

func TestNoteCardsWorkFromTheKeyboard(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefAuthor, "Lise")
	st := openCatalogue(t)
	m, w := newTestMain(t, a, st)
	m.open("no-nav-reform")
	selectWords(t, m, "abstract", "NAV reform", 1)
	test.Tap(m.reader.notes.bar.Objects[0].(*widget.Button))
	card := m.reader.notes.panel.box.Objects[0].(*noteCard)
	w.Canvas().Focus(card)
	if card.outline.StrokeColor == nil || w.Canvas().Focused() != card {
		t.Fatal("the card takes no focus")
	}
	card.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	memo := inDialog[*widget.Entry](t, w)
	test.Type(memo[len(memo)-1], "typed at the keyboard")
	test.Tap(buttonIn(t, w, "Save"))
	list, _ := st.Annotations(context.Background(), "no-nav-reform")
	if len(list) != 1 || list[0].Memo != "typed at the keyboard" {
		t.Errorf("memo through the keyboard: %+v", list)
	}
}

func TestCopyCitation(t *testing.T) {
	a := test.NewTempApp(t)
	m, _ := newTestMain(t, a, openCatalogue(t))
	m.open("no-nav-reform")
	test.Tap(m.reader.cite)
	got := a.Clipboard().Content()
	if !strings.Contains(got, "Lægreid") || !strings.Contains(got, "Coordinating Norwegian welfare: the NAV reform") ||
		!strings.HasPrefix(m.status.Text, "Citation copied") {
		t.Errorf("citation %q, status %q", got, m.status.Text)
	}
}
