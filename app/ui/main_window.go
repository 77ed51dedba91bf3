package ui

import (
	"context"
	"fmt"
	"time"

	"casebook/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// resultLimit is how many results the list shows; the count above it is the
// true total. More than a screenful or two is for refining the search, and
// every result costs a snippet.
const resultLimit = 200

// Main is the main window: filters | results | reader, and a status line.
type Main struct {
	ctx     context.Context
	app     fyne.App
	win     fyne.Window
	cat     Catalogue
	prefs   fyne.Preferences
	marks   *marks
	filters *filterPane
	results *resultList
	reader  *reader
	status  *widget.Label
	outer   *container.Split
	inner   *container.Split
	tabs    *container.AppTabs
	compare *compareView
	filter  store.Filter
	// debounce delays a search while the user types; 0 searches at once (tests).
	debounce time.Duration
	timer    *time.Timer
	seq      int
}

func newMain(ctx context.Context, app fyne.App, w fyne.Window, cat Catalogue) *Main {
	m := &Main{ctx: ctx, app: app, win: w, cat: cat, prefs: app.Preferences(), debounce: 150 * time.Millisecond}
	m.marks = newMarks(m.prefs)
	return m
}

func (m *Main) build() fyne.CanvasObject {
	m.filters = newFilterPane(m.filtersChanged)
	m.results = newResultList(m)
	m.reader = newReader(m.ctx, m.cat, m.marks, m.win, m.prefs, m.say)
	m.status = widget.NewLabel("")
	m.marks.OnChange(m.showStatus)
	m.marks.OnChange(m.results.refreshMarks)
	m.marks.OnChange(m.reader.refreshMark)
	m.inner = container.NewHSplit(m.results.build(), m.reader.build())
	m.inner.Offset = 0.36
	m.outer = container.NewHSplit(m.filters.build(), m.inner)
	m.outer.Offset = 0.18
	m.compare = newCompareView(m.ctx, m.cat, m.win, m.prefs, m.marks, m.say)
	m.compare.onPDF = m.exportPDF
	m.reader.compareWith = m.compareCases
	m.compare.highlight = func(caseID, section string, start, end int, after func()) {
		m.reader.notes.highlightAt(caseID, section, start, end, m.reader.notes.lastCodes(), "", after)
	}
	m.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Browse", theme.SearchIcon(), m.outer),
		container.NewTabItemWithIcon("Compare", theme.ViewRestoreIcon(), m.compare.build()))
	m.tabs.OnSelected = func(t *container.TabItem) {
		if t.Content != m.outer {
			m.showCompare()
		}
	}
	m.marks.OnChange(m.marksChanged)
	return container.NewBorder(nil, m.status, nil, nil, m.tabs)
}

// compareCases marks two cases (keeping those marked already) and shows
// the comparison of the marked cases.
func (m *Main) compareCases(a, b string) {
	for _, id := range []string{a, b} {
		if !m.marks.Has(id) {
			m.marks.Toggle(id)
		}
	}
	m.tabs.SelectIndex(1)
	m.compare.mode.SetSelected("Marked cases")
}

// showCompare refreshes the comparison's choices and shows it.
func (m *Main) showCompare() {
	counts, err := m.cat.Facets(m.ctx, store.Filter{})
	if err != nil {
		m.showError(err)
		return
	}
	m.compare.setOptions(counts.Counts[store.KindCountry], counts.Counts[store.KindField])
	m.compare.reload()
}

// marksChanged updates the Compare tab's count (and the comparison, when shown).
func (m *Main) marksChanged() {
	m.tabs.Items[1].Text = fmt.Sprintf("Compare (%d)", len(m.marks.IDs()))
	m.tabs.Refresh()
	if m.tabs.Selected() == m.tabs.Items[1] {
		m.compare.reload()
	}
}

// queryChanged is called on every keystroke: search after a short pause.
func (m *Main) queryChanged(string) {
	if m.debounce == 0 {
		m.refresh()
		return
	}
	if m.timer != nil {
		m.timer.Stop()
	}
	m.timer = time.AfterFunc(m.debounce, func() { fyne.Do(m.refresh) })
}

func (m *Main) filtersChanged() { m.refresh() }

// currentFilter is what the search field, the filters and the "marked only"
// switch select together.
func (m *Main) currentFilter() store.Filter {
	f := store.Filter{Query: m.results.search.Text}
	m.filters.fill(&f)
	if m.results.onlyMine {
		// Cases with a highlight or memo by the author set in the preferences.
		f.AnnotatedBy = m.prefs.String(prefAuthor)
		if f.AnnotatedBy == "" {
			f.IDs = []string{"\x00none"}
		}
	}
	if m.results.onlyMarked {
		f.IDs = m.marks.IDs()
		if len(f.IDs) == 0 {
			f.IDs = []string{"\x00none"}
		}
	}
	return f
}

// refresh runs the search and the facet counts for the current filter off
// the UI goroutine and shows them; results that arrive after a newer request
// are dropped. Without a debounce (tests) it all happens at once.
func (m *Main) refresh() {
	f := m.currentFilter()
	m.seq++
	seq := m.seq
	work := func() {
		hits, counts, err := m.query(f)
		show := func() {
			if seq == m.seq {
				m.showResults(f, hits, counts, err)
			}
		}
		if m.debounce == 0 {
			show()
		} else {
			fyne.Do(show)
		}
	}
	if m.debounce == 0 {
		work()
	} else {
		go work()
	}
}

func (m *Main) query(f store.Filter) ([]store.Hit, store.FacetCounts, error) {
	hits, err := m.cat.Search(m.ctx, f, resultLimit)
	if err != nil {
		return nil, store.FacetCounts{}, err
	}
	counts, err := m.cat.Facets(m.ctx, f)
	return hits, counts, err
}

func (m *Main) showResults(f store.Filter, hits []store.Hit, counts store.FacetCounts, err error) {
	m.filter = f
	if err != nil {
		m.results.showError(store.Message(err))
		return
	}
	m.filters.show(counts)
	m.results.show(hits, counts.Total, f)
	saveFilter(m.prefs, store.Filter{Query: f.Query, Values: f.Values, PeriodFrom: f.PeriodFrom, PeriodTo: f.PeriodTo})
}

// clearAll empties the search and every filter.
func (m *Main) clearAll() {
	m.results.onlyMarked = false
	m.filters.apply(store.Filter{})
	m.results.search.SetText("")
	m.refresh()
}

// open shows a case in the reader and remembers it.
func (m *Main) open(id string) {
	if err := m.reader.show(id, m.filter.Query); err != nil {
		m.showError(err)
		return
	}
	m.prefs.SetString(prefLastCase, id)
}

func (m *Main) showError(err error) {
	showError(m.win, err)
}

// say shows a short message in the status line ("Saved", "Undone: highlight").
func (m *Main) say(msg string) {
	m.status.SetText(msg + " · " + m.markedText())
}

func (m *Main) showStatus() { m.status.SetText(m.markedText()) }

func (m *Main) markedText() string {
	n := len(m.marks.IDs())
	switch n {
	case 0:
		return "Mark cases with + to compare them"
	case 1:
		return "1 case marked for comparison"
	}
	return fmt.Sprintf("%d cases marked for comparison", n)
}

// restore brings back the window size, splits, filter and last case.
func (m *Main) restore() {
	w, h := m.prefs.FloatWithFallback(prefWidth, 1280), m.prefs.FloatWithFallback(prefHeight, 800)
	m.win.Resize(fyne.NewSize(float32(w), float32(h)))
	m.outer.SetOffset(m.prefs.FloatWithFallback(prefSplitLeft, 0.18))
	m.inner.SetOffset(m.prefs.FloatWithFallback(prefSplitRight, 0.36))
	f := loadFilter(m.prefs)
	m.filters.apply(f)
	m.results.search.SetText(f.Query)
	if m.timer != nil {
		m.timer.Stop() // the search SetText asked for: refresh runs it now
	}
	m.refresh()
	m.showStatus()
	m.marksChanged()
	if id := m.prefs.String(prefLastCase); id != "" {
		if err := m.reader.show(id, f.Query); err != nil {
			m.prefs.SetString(prefLastCase, "")
		}
	}
}

// save keeps the window's size and splits for the next start.
func (m *Main) save() {
	size := m.win.Canvas().Size()
	if size.Width > 0 && size.Height > 0 {
		m.prefs.SetFloat(prefWidth, float64(size.Width))
		m.prefs.SetFloat(prefHeight, float64(size.Height))
	}
	m.prefs.SetFloat(prefSplitLeft, m.outer.Offset)
	m.prefs.SetFloat(prefSplitRight, m.inner.Offset)
}
