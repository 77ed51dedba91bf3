package ui

import (
	"encoding/json"
	"slices"

	"casebook/store"

	"fyne.io/fyne/v2"
)

// Preference keys: what the main window remembers across restarts.
const (
	prefWidth      = "window.width"
	prefHeight     = "window.height"
	prefSplitLeft  = "split.filters"
	prefSplitRight = "split.reader"
	prefFilter     = "browse.filter"
	prefLastCase   = "browse.case"
	prefMarked     = "compare.marked"
)

// loadFilter restores the last filter; a damaged value gives the empty filter.
func loadFilter(p fyne.Preferences) store.Filter {
	var f store.Filter
	if err := json.Unmarshal([]byte(p.String(prefFilter)), &f); err != nil {
		return store.Filter{}
	}
	return f
}

func saveFilter(p fyne.Preferences, f store.Filter) {
	data, err := json.Marshal(f)
	if err == nil {
		p.SetString(prefFilter, string(data))
	}
}

// marks is the ordered set of cases marked for comparison, kept in the
// preferences so that it survives a restart.
type marks struct {
	prefs    fyne.Preferences
	ids      []string
	onChange []func()
}

func newMarks(p fyne.Preferences) *marks {
	return &marks{prefs: p, ids: p.StringList(prefMarked)}
}

// Has reports whether a case is marked.
func (m *marks) Has(id string) bool { return slices.Contains(m.ids, id) }

// IDs lists the marked cases in the order they were marked.
func (m *marks) IDs() []string { return slices.Clone(m.ids) }

// Toggle marks or unmarks a case.
func (m *marks) Toggle(id string) {
	if i := slices.Index(m.ids, id); i >= 0 {
		m.ids = slices.Delete(m.ids, i, i+1)
	} else {
		m.ids = append(m.ids, id)
	}
	m.prefs.SetStringList(prefMarked, m.ids)
	for _, f := range m.onChange {
		f()
	}
}

// OnChange adds a function called after every change.
func (m *marks) OnChange(f func()) { m.onChange = append(m.onChange, f) }
