package ui

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"casebook/app/report"
	"casebook/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// exportPDF asks how the report should look, where it goes, then writes it
// off the UI goroutine behind a progress dialog, and offers to open it.
func (m *Main) exportPDF(v store.ComparisonView) {
	if len(v.Columns) == 0 {
		dialog.ShowInformation("Export PDF", "Compare 2 to 4 cases or countries first (the Compare tab).", m.win)
		return
	}
	title, author := widget.NewEntry(), widget.NewEntry()
	title.SetText(report.DefaultTitle(v))
	author.SetText(m.prefs.String(prefAuthor))
	parts := widget.NewCheckGroup([]string{"Attributes", "Sections", "Notes", "Code matrix", "Sources"}, nil)
	parts.Selected = parts.Options
	paper := widget.NewRadioGroup([]string{"A4", "Letter"}, nil)
	paper.Horizontal = true
	paper.SetSelected("A4")
	items := []*widget.FormItem{widget.NewFormItem("Title", title), widget.NewFormItem("Author", author),
		widget.NewFormItem("Include", parts), widget.NewFormItem("Paper", paper)}
	d := dialog.NewForm("Export PDF", "Choose file…", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		meta := report.Meta{Title: title.Text, Author: author.Text, Version: m.versionLine(), Date: time.Now()}
		opt := report.Options{Paper: paper.Selected, Parts: chosenParts(parts.Selected)}
		m.askPDFPath(meta.Title, func(path string) { m.writePDF(path, report.FromComparison(v, meta), opt) })
	}, m.win)
	d.Resize(fyne.NewSize(520, 420))
	d.Show()
}

func chosenParts(selected []string) report.Parts {
	has := func(s string) bool { return slices.Contains(selected, s) }
	return report.Parts{NoAttributes: !has("Attributes"), NoSections: !has("Sections"), NoNotes: !has("Notes"),
		NoCodes: !has("Code matrix"), NoSources: !has("Sources")}
}

func (m *Main) versionLine() string {
	v, _ := m.cat.SeedVersion(m.ctx)
	return fmt.Sprintf("Casebook %s · catalogue %s", Version, v)
}

// askPDFPath asks where to save, suggesting a file name from the title.
func (m *Main) askPDFPath(title string, then func(path string)) {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		os.Remove(path) // the report is written through a temporary file, renamed over it
		if !strings.HasSuffix(strings.ToLower(path), ".pdf") {
			path += ".pdf"
		}
		then(path)
	}, m.win)
	save.SetFileName(fileName(title) + ".pdf")
	if home, err := os.UserHomeDir(); err == nil {
		if dir, err := storage.ListerForURI(storage.NewFileURI(home)); err == nil {
			save.SetLocation(dir)
		}
	}
	save.Show()
}

// fileName makes a title safe as a file name.
func fileName(title string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '-'
		}
		return r
	}, strings.TrimSpace(title))
	if name == "" {
		return "comparison"
	}
	return name
}

// writePDF renders the report in the background, then reports back. The
// channel closes once the window has said so.
func (m *Main) writePDF(path string, r report.Report, opt report.Options) <-chan struct{} {
	bar := widget.NewProgressBarInfinite()
	progress := dialog.NewCustomWithoutButtons("Writing the PDF…", container.NewVBox(widget.NewLabel(filepath.Base(path)), bar), m.win)
	progress.Show()
	done := make(chan struct{})
	go func() {
		defer close(done)
		err := report.WriteFile(path, r, opt)
		fyne.DoAndWait(func() {
			progress.Hide()
			if err != nil {
				m.showError(err)
				return
			}
			m.say("PDF written to " + path)
			m.offerOpen(path)
		})
	}()
	return done
}

func (m *Main) offerOpen(path string) {
	dialog.ShowConfirm("PDF written", "The report is in "+path+".\n\nOpen it now?", func(ok bool) {
		if ok {
			if err := m.app.OpenURL(&url.URL{Scheme: "file", Path: path}); err != nil {
				m.showError(err)
			}
		}
	}, m.win)
}
