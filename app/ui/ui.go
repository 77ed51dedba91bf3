// Package ui is Casebook's desktop interface, built with Fyne: a window that
// lists the catalogue and reads a case. It talks to the catalogue through the
// narrow Catalogue interface and holds no SQL and no PDF code.
package ui

import (
	"context"

	"casebook/store"

	"fyne.io/fyne/v2"
)

// Catalogue is what the screens need of the store.
type Catalogue interface {
	Search(ctx context.Context, f store.Filter, limit int) ([]store.Hit, error)
	Case(ctx context.Context, id string) (store.Case, error)
	Template(ctx context.Context) (store.Template, error)
	Vocabulary(ctx context.Context) (store.Vocabulary, error)
}

// Title is the window title, which the smoke test looks for.
const Title = "Casebook"

// New fills w with the main screen over cat.
func New(w fyne.Window, cat Catalogue) *Browser {
	b := newBrowser(context.Background(), cat, w)
	w.SetContent(b.build())
	w.Resize(fyne.NewSize(1100, 720))
	return b
}
