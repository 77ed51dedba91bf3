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

// cellsAligned checks that every cell of a row starts at the row's top, is
// as tall as the row, and that the row is tall enough for its tallest cell.
func cellsAligned(t *testing.T, row *fyne.Container) {
	t.Helper()
	h := row.Size().Height
	for i, c := range row.Objects {
		if c.Position().Y != 0 || c.Size().Height != h || c.MinSize().Height > h+0.5 {
			t.Errorf("cell %d at y=%v, height %v (needs %v); row height %v", i, c.Position().Y, c.Size().Height, c.MinSize().Height, h)
		}
	}
}

func TestCompareThreeMarkedCases(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefAuthor, "Lise")
	st := openCatalogue(t)
	m, w := newTestMain(t, a, st)
	w.Resize(fyne.NewSize(1280, 800))
	for _, id := range []string{"fr-pole-emploi", "ee-tootukassa-merger", "no-nav-reform"} {
		m.marks.Toggle(id)
	}
	if m.tabs.Items[1].Text != "Compare (3)" {
		t.Errorf("tab: %q", m.tabs.Items[1].Text)
	}
	m.tabs.SelectIndex(1)
	v := m.compare
	if len(v.view.Columns) != 3 || v.view.Columns[2].CaseIDs[0] != "no-nav-reform" {
		t.Fatalf("columns: %+v", v.view.Columns)
	}
	// Wrapped text learns its width in the first layout pass; the window lays
	// out again at the next frame, as the test canvas does on a resize.
	w.Resize(fyne.NewSize(1280, 801))
	var sectionRows int
	for _, o := range v.rows.Objects {
		row, ok := o.(*fyne.Container)
		if !ok || len(row.Objects) != 4 {
			continue
		}
		cellsAligned(t, row)
		sectionRows++
	}
	if sectionRows < 10 {
		t.Errorf("%d rows of four cells", sectionRows)
	}
	// Levels: NAV (central, local) is the odd one out, marked with a star.
	for _, o := range v.rows.Objects {
		row, ok := o.(*fyne.Container)
		if !ok || len(row.Objects) != 4 {
			continue
		}
		if l, ok := row.Objects[0].(*widget.Label); ok && l.Text == "Levels" {
			texts := []string{}
			for _, c := range row.Objects[1:] {
				for _, obj := range test.LaidOutObjects(c) {
					if lab, ok := obj.(*widget.Label); ok {
						texts = append(texts, lab.Text)
					}
				}
			}
			if !strings.HasSuffix(texts[2], "*") || strings.HasSuffix(texts[0], "*") {
				t.Errorf("levels marked wrongly: %q", texts)
			}
		}
	}

	v.setNote("emergence", "All three merged agencies.")
	v.save("Three mergers")
	again, _ := newTestMain(t, a, st)
	again.tabs.SelectIndex(1)
	again.compare.open("Three mergers")
	var note string
	for _, r := range again.compare.view.Rows {
		if r.Key == "emergence" && r.Note != nil {
			note = r.Note.Text
		}
	}
	if note != "All three merged agencies." || again.compare.cmp.Name != "Three mergers" {
		t.Errorf("reopened: name %q, note %q", again.compare.cmp.Name, note)
	}
}

func TestCompareCountries(t *testing.T) {
	a := test.NewTempApp(t)
	st := openCatalogue(t)
	m, w := newTestMain(t, a, st)
	w.Resize(fyne.NewSize(1280, 800))
	m.tabs.SelectIndex(1)
	v := m.compare
	v.mode.SetSelected("Countries")
	v.groups.SetSelected([]string{"NO", "EE"})
	if len(v.view.Columns) != 2 || v.view.Columns[0].Title != "Norway (NO)" || len(v.view.Columns[1].CaseIDs) != 4 {
		t.Fatalf("countries: %+v", v.view.Columns)
	}
	if got := len(v.cells["abstract"]); got != 3+4 {
		t.Errorf("abstract row: %d texts, want every Norwegian and Estonian case's", got)
	}
	v.field.SetSelected("Employment")
	if len(v.view.Columns[0].CaseIDs) != 1 || len(v.view.Columns[1].CaseIDs) != 1 {
		t.Errorf("employment only: %+v", v.view.Columns)
	}
	if err := st.SetRowNote(context.Background(), v.cmp.Subject(), "lessons", "x", ""); err != nil {
		t.Fatal(err)
	}
}

func TestHighlightFromTheComparison(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefAuthor, "Lise")
	st := openCatalogue(t)
	m, _ := newTestMain(t, a, st)
	m.marks.Toggle("no-nav-reform")
	m.marks.Toggle("de-jobcenters")
	m.tabs.SelectIndex(1)
	p := m.compare.cells["abstract"][0]
	start, end, _ := store.Occurrence(p.Text(), "NAV reform", 1)
	p.Select(start, end)
	p.OnSelectionChanged(start, end)
	if !m.compare.mark.Visible() {
		t.Fatal("no Highlight button for a selection in a cell")
	}
	m.highlightSelection() // Ctrl+H on the Compare tab
	list, _ := st.Annotations(context.Background(), "no-nav-reform")
	if len(list) != 1 || list[0].Start != start || list[0].Author != "Lise" {
		t.Fatalf("annotations: %+v", list)
	}
	if n := len(m.compare.cells["abstract"][0].Highlights()); n != 1 {
		t.Errorf("the comparison does not draw the new highlight: %d", n)
	}
}

func TestComparePolicyFields(t *testing.T) {
	a := test.NewTempApp(t)
	m, w := newTestMain(t, a, openCatalogue(t))
	w.Resize(fyne.NewSize(1280, 800))
	m.tabs.SelectIndex(1)
	v := m.compare
	v.mode.SetSelected("Policy fields")
	v.groups.SetSelected([]string{"Central government", "Health", "Employment"})
	total := 0
	for _, c := range v.view.Columns {
		total += len(c.CaseIDs)
	}
	if len(v.view.Columns) != 3 || total != 22 || v.field.Visible() {
		t.Errorf("three fields: %d columns, %d cases", len(v.view.Columns), total)
	}
}

func TestSimilarPassagesLeadToTheComparison(t *testing.T) {
	a := test.NewTempApp(t)
	m, w := newTestMain(t, a, openCatalogue(t))
	m.open("ee-tootukassa-merger")
	p := m.reader.sections["abstract"]
	start, end, _ := store.Occurrence(p.Text(), "merged its state Labour Market Board", 1)
	p.Select(start, end)
	p.OnSelectionChanged(start, end)
	m.reader.notes.showSimilar()
	titles := inDialog[*widget.Label](t, w)
	if len(titles) < 2 {
		t.Fatal("no similar passages listed")
	}
	test.Tap(inDialog[*widget.Button](t, w)[0]) // Compare side by side, first passage
	if m.tabs.SelectedIndex() != 1 || len(m.compare.view.Columns) != 2 || !m.marks.Has("ee-tootukassa-merger") {
		t.Errorf("compare: tab %d, %d columns, marks %v", m.tabs.SelectedIndex(), len(m.compare.view.Columns), m.marks.IDs())
	}
}
