package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// searchEntry is the search field: typing searches, Up and Down move in the
// results, Enter opens the selected result, Escape clears the search.
type searchEntry struct {
	widget.Entry
	results *resultList
}

func newSearchEntry(r *resultList) *searchEntry {
	e := &searchEntry{results: r}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder("Search the catalogue (Ctrl+F)")
	return e
}

// TypedKey handles the keys that act on the results before the entry sees them.
func (e *searchEntry) TypedKey(key *fyne.KeyEvent) {
	switch key.Name {
	case fyne.KeyDown:
		e.results.move(1)
	case fyne.KeyUp:
		e.results.move(-1)
	case fyne.KeyReturn, fyne.KeyEnter:
		if len(e.results.hits) > 0 && e.results.selected < 0 {
			e.results.move(1)
		} else if e.results.selected >= 0 {
			e.results.main.open(e.results.hits[e.results.selected].ID)
		}
	case fyne.KeyEscape:
		e.SetText("")
	default:
		e.Entry.TypedKey(key)
	}
}
