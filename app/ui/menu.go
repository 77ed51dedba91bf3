package ui

import (
	"fmt"
	"strings"

	"casebook/app/exchange"
	"casebook/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Version is shown in Help > About; main sets it from the build.
var Version = "dev"

// Shortcuts of the main window, shown in the menus and the shortcut sheet.
var (
	shortcutFind      = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutClear     = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutMark      = &desktop.CustomShortcut{KeyName: fyne.KeyM, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutOpen      = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutUndo      = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutRedo      = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutHighlight = &desktop.CustomShortcut{KeyName: fyne.KeyH, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutCodes     = &desktop.CustomShortcut{KeyName: fyne.KeyB, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutComp      = &desktop.CustomShortcut{KeyName: fyne.KeyK, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutExport    = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutFolder    = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutMemo      = &desktop.CustomShortcut{KeyName: fyne.KeyM, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutOnlyMark  = &desktop.CustomShortcut{KeyName: fyne.KeyK, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutAuthor    = &desktop.CustomShortcut{KeyName: fyne.KeyComma, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutHelp      = &desktop.CustomShortcut{KeyName: fyne.KeyF1}
	shortcutAbout     = &desktop.CustomShortcut{KeyName: fyne.KeyF1, Modifier: fyne.KeyModifierShift}
	shortcutWelcome   = &desktop.CustomShortcut{KeyName: fyne.KeyF1, Modifier: fyne.KeyModifierShortcutDefault}
)

// item makes a menu entry and, when it has a shortcut, registers the same
// shortcut on the window, so that one line says both.
func (m *Main) item(label string, sc *desktop.CustomShortcut, do func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, do)
	if sc != nil {
		it.Shortcut = sc
		m.win.Canvas().AddShortcut(sc, func(fyne.Shortcut) { do() })
	}
	return it
}

// menu builds the main menu and registers its shortcuts.
func (m *Main) menu() *fyne.MainMenu {
	sep := fyne.NewMenuItemSeparator
	file := append([]*fyne.MenuItem{
		m.item("Import case files…", shortcutOpen, m.importFiles),
		m.item("Import a folder of case files…", shortcutFolder, m.importFolder),
	}, m.exchangeMenu()...)
	file = append(file, sep(), m.item("Export comparison as PDF…", shortcutExport, m.exportComparison))
	return fyne.NewMainMenu(
		fyne.NewMenu("File", file...),
		fyne.NewMenu("Edit",
			m.item("Undo", shortcutUndo, m.reader.notes.undo), m.item("Redo", shortcutRedo, m.reader.notes.redo), sep(),
			m.item("Find", shortcutFind, m.focusSearch), m.item("Clear search and filters", shortcutClear, m.clearAll), sep(),
			m.item("Highlight selection", shortcutHighlight, m.highlightSelection),
			m.item("New memo…", shortcutMemo, m.reader.notes.addMemo), sep(),
			m.item("Author name…", shortcutAuthor, m.askAuthor)),
		fyne.NewMenu("View",
			m.item("Browse", nil, func() { m.tabs.SelectIndex(0) }), m.item("Compare", shortcutComp, func() { m.tabs.SelectIndex(1) }), sep(),
			m.item("Mark case for comparison", shortcutMark, m.toggleShownMark),
			m.item("Only marked cases", shortcutOnlyMark, m.toggleOnlyMarked), sep(),
			m.item("Codebook…", shortcutCodes, m.showCodebook)),
		fyne.NewMenu("Help", m.item("Welcome", shortcutWelcome, m.showWelcomeAgain),
			m.item("Keyboard shortcuts", shortcutHelp, m.showShortcuts), m.item("About Casebook", shortcutAbout, m.showAbout)),
	)
}

func (m *Main) toggleOnlyMarked() { m.results.markedOnly.SetChecked(!m.results.onlyMarked) }

// showWelcomeAgain shows the welcome even after "Don't show this again".
func (m *Main) showWelcomeAgain() {
	m.prefs.SetBool(prefWelcomeDone, false)
	m.showWelcome()
}

// exportComparison exports the comparison of the Compare tab as a PDF.
func (m *Main) exportComparison() {
	if len(m.compare.view.Columns) == 0 {
		m.tabs.SelectIndex(1)
	}
	m.exportPDF(m.compare.view)
}

// highlightSelection highlights the selected words in the reader or, on the
// Compare tab, in a comparison cell.
func (m *Main) highlightSelection() {
	if m.tabs.Selected() == m.tabs.Items[1] {
		m.compare.highlightSelection()
		return
	}
	m.reader.notes.highlightWithLast()
}

// showCodebook opens the codebook; changes there redraw the open case.
func (m *Main) showCodebook() {
	newCodebook(m.ctx, m.cat, m.win, func() {
		if err := m.reader.notes.reload(); err != nil {
			m.showError(err)
		}
	}).show()
}

// askAuthor sets the name put on new notes.
func (m *Main) askAuthor() {
	entry := widget.NewEntry()
	entry.SetText(m.prefs.String(prefAuthor))
	dialog.ShowForm("Author name", "Save", "Cancel", []*widget.FormItem{widget.NewFormItem("Your name", entry)}, func(ok bool) {
		if ok {
			m.prefs.SetString(prefAuthor, entry.Text)
		}
	}, m.win)
}

// focusSearch moves to the search field with its text selected, so that
// typing replaces the last search.
func (m *Main) focusSearch() {
	m.win.Canvas().Focus(m.results.search)
	m.results.search.TypedShortcut(&fyne.ShortcutSelectAll{})
}

func (m *Main) toggleShownMark() {
	if m.reader.shown != "" {
		m.marks.Toggle(m.reader.shown)
	}
}

var shortcutSheet = [][2]string{
	{"Ctrl+F", "Search the catalogue"},
	{"Up / Down", "Move in the results (from the search field)"},
	{"Enter", "Open the selected result"},
	{"Escape", "Clear the search"},
	{"Ctrl+Shift+L", "Clear search and filters"},
	{"Ctrl+M", "Mark the open case for comparison"},
	{"Ctrl+O", "Import case files"},
	{"Ctrl+H", "Highlight the selected words (with the code used last)"},
	{"Ctrl+Z / Ctrl+Shift+Z", "Undo / redo the last annotating action"},
	{"Ctrl+Shift+B", "Open the codebook"},
	{"Ctrl+K", "Compare the marked cases"},
	{"Ctrl+E", "Export the comparison as a PDF report"},
	{"Ctrl+Shift+O", "Import a folder of case files"},
	{"Ctrl+Shift+M", "New memo on the open case"},
	{"Ctrl+Shift+K", "Only the marked cases in the results"},
	{"Ctrl+,", "Author name"},
	{"F1, Shift+F1, Ctrl+F1", "This sheet, About, the welcome"},
	{"Tab, Shift+Tab", "Move the focus; Enter or Space acts on it"},
	{"Ctrl+C", "Copy the selected words"},
	{"Shift+arrows, double/triple click", "Extend the selection, select a word / paragraph"},
}

func (m *Main) showShortcuts() {
	grid := container.NewGridWithColumns(2)
	for _, row := range shortcutSheet {
		grid.Add(widget.NewLabelWithStyle(row[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(row[1]))
	}
	dialog.ShowCustom("Keyboard shortcuts", "Close", grid, m.win)
}

// importFiles asks for one case file and imports it.
func (m *Main) importFiles() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		m.importPaths([]string{r.URI().Path()})
	}, m.win)
	d.Show()
}

// importFolder asks for a folder and imports every case file in it.
func (m *Main) importFolder() {
	dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
		if err == nil && u != nil {
			m.importPaths([]string{u.Path()})
		}
	}, m.win)
}

// importPaths reads, checks and stores case files in the background, behind
// a progress bar (thousands take seconds); the good ones are imported, each
// bad one is listed with its lines.
func (m *Main) importPaths(paths []string) {
	bar := widget.NewProgressBar()
	progress := dialog.NewCustomWithoutButtons("Importing case files…", bar, m.win)
	progress.Show()
	go func() {
		imported, total, problems, err := m.readCaseFiles(paths, func(done, of int) {
			fyne.Do(func() {
				bar.Max = float64(of)
				bar.SetValue(float64(done))
			})
		})
		fyne.Do(func() {
			progress.Hide()
			m.refresh()
			if err != nil {
				m.showError(err)
				return
			}
			m.reportImport(imported, total, problems)
		})
	}()
}

// readCaseFiles imports the case files at paths (files or folders) and says
// how many of how many files were imported, with the problems of the others.
// It makes no UI calls; progress hears how many cases are stored.
func (m *Main) readCaseFiles(paths []string, progress func(done, of int)) (int, int, []string, error) {
	files, err := exchange.CaseFiles(paths)
	if err != nil {
		return 0, 0, nil, err
	}
	rules, err := m.rules()
	if err != nil {
		return 0, 0, nil, err
	}
	cases, problems := exchange.ReadCaseFiles(files, rules)
	err = m.cat.ImportCases(m.ctx, store.OriginImport, cases, func(done int) { progress(done, len(cases)) })
	return len(cases), len(files), problems, err
}

func (m *Main) reportImport(imported, total int, problems []string) {
	msg := fmt.Sprintf("Imported %d of %d case files.", imported, total)
	if len(problems) == 0 {
		dialog.ShowInformation("Import", msg, m.win)
		return
	}
	details := widget.NewLabel(strings.Join(problems, "\n"))
	details.Wrapping = fyne.TextWrapWord
	content := container.NewBorder(widget.NewLabel(msg+" These files were not imported and the catalogue is unchanged for them:"),
		nil, nil, nil, container.NewVScroll(details))
	d := dialog.NewCustom("Import", "Close", content, m.win)
	d.Resize(fyne.NewSize(640, 400))
	d.Show()
}
