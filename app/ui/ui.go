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
	ImportCases(ctx context.Context, origin store.Origin, cases []store.Case, progress func(done int)) error
	SeedVersion(ctx context.Context) (string, error)
	Annotator
}

// Annotator is what annotating needs of the store: highlights, memos, the
// codebook, and undo and redo.
type Annotator interface {
	Annotate(ctx context.Context, h store.Highlight) (store.Annotation, error)
	UpdateAnnotation(ctx context.Context, id, memo string, codes []string) (store.Annotation, error)
	DeleteAnnotation(ctx context.Context, id string) error
	Annotations(ctx context.Context, caseID string) ([]store.Annotation, error)
	AddMemo(ctx context.Context, caseID, section, text, author string) (store.Memo, error)
	UpdateMemo(ctx context.Context, id, text string) (store.Memo, error)
	DeleteMemo(ctx context.Context, id string) error
	Memos(ctx context.Context, caseID string) ([]store.Memo, error)
	Codes(ctx context.Context) ([]store.Code, error)
	CreateCode(ctx context.Context, parent, name, color, description string) (store.Code, error)
	UpdateCode(ctx context.Context, c store.Code) (store.Code, error)
	MergeCodes(ctx context.Context, from, into string) error
	DeleteCode(ctx context.Context, id string) error
	Undo(ctx context.Context) (string, error)
	Redo(ctx context.Context) (string, error)
	Comparer
	Similar(ctx context.Context, caseID, section, passage string, limit int) ([]store.Hit, error)
}

// Comparer is what the comparison view needs of the store.
type Comparer interface {
	Compare(ctx context.Context, c store.Comparison) (store.ComparisonView, error)
	SaveComparison(ctx context.Context, c store.Comparison) (store.Comparison, error)
	Comparisons(ctx context.Context) ([]store.Comparison, error)
	ComparisonNamed(ctx context.Context, name string) (store.Comparison, error)
	SetRowNote(ctx context.Context, subject, row, text, author string) error
}

// Title is the window title, which the smoke test looks for.
const Title = "Casebook"

// New fills w with the main window over cat, with its menus and shortcuts,
// and restores what the previous session left (size, splits, filters, case).
func New(app fyne.App, w fyne.Window, cat Catalogue) *Main {
	m := newMain(context.Background(), app, w, cat)
	w.SetContent(m.build())
	w.SetMainMenu(m.menu())
	m.restore()
	w.SetOnClosed(m.save)
	m.warmUp()
	m.showWelcome()
	return m
}
