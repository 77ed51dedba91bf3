// Package ui is Casebook's desktop interface, built with Fyne: the main
// window with its filters, results and reader. It talks to the catalogue
// through the narrow Catalogue interface and holds no SQL and no PDF code.
package ui

import (
	"context"

	"casebook/store"

	"fyne.io/fyne/v2"
)

// Catalogue is what the screens need of the store.
type Catalogue interface {
	Search(ctx context.Context, f store.Filter, limit int) ([]store.Hit, error)
	Facets(ctx context.Context, f store.Filter) (store.FacetCounts, error)
	Case(ctx context.Context, id string) (store.Case, error)
	Template(ctx context.Context) (store.Template, error)
	Vocabulary(ctx context.Context) (store.Vocabulary, error)
	PutCases(ctx context.Context, origin store.Origin, cases []store.Case) error
}

// Title is the window title, which the smoke test looks for.
const Title = "Casebook"

// New fills w with the main window over cat, with its menus and shortcuts,
// and restores what the previous session left (size, splits, filters, case).
func New(app fyne.App, w fyne.Window, cat Catalogue) *Main {
	m := newMain(context.Background(), app, w, cat)
	w.SetContent(m.build())
	w.SetMainMenu(m.menu())
	m.addShortcuts()
	m.restore()
	w.SetOnClosed(m.save)
	return m
}
