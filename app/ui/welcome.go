package ui

import (
	"casebook/assets/fonts"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// prefWelcomeDone is set when the researcher asked not to see the welcome again.
const prefWelcomeDone = "welcome.done"

const welcomeText = `Casebook holds a catalogue of coordination practices in European public sectors: short case studies on one template (country background, the practice, why it emerged, enabling and constraining factors, effects, lessons, sources), starting from the COCOPS project's work on coordination in central government, health and employment.

Every case says where it comes from:
- COCOPS catalogue case: an entry of the COCOPS WP5 case study catalogue.
- COCOPS related case: from COCOPS papers or the 2014 book "Organizing for Coordination in the Public Sector".
- Related practice: a well-documented practice in the same countries and fields, not a COCOPS case.
- My case: one you imported yourself.

Everything you do is saved at once; Ctrl+Z undoes it. Three things to try:`

// showWelcome shows the first-run sheet unless it was dismissed for good.
func (m *Main) showWelcome() {
	if m.prefs.Bool(prefWelcomeDone) {
		return
	}
	text := widget.NewLabel(welcomeText)
	text.Wrapping = fyne.TextWrapWord
	again := widget.NewCheck("Don't show this again", func(on bool) { m.prefs.SetBool(prefWelcomeDone, on) })
	var d dialog.Dialog
	do := func(f func()) func() { return func() { d.Hide(); f() } }
	buttons := container.NewGridWithColumns(3,
		widget.NewButtonWithIcon("Search the catalogue", theme.SearchIcon(), do(m.trySearch)),
		widget.NewButtonWithIcon("Annotate a case", theme.ColorPaletteIcon(), do(m.tryAnnotate)),
		widget.NewButtonWithIcon("Compare two countries", theme.ViewRestoreIcon(), do(m.tryCompare)))
	content := container.NewBorder(nil, container.NewVBox(buttons, again), nil, nil, container.NewVScroll(text))
	d = dialog.NewCustom("Welcome to Casebook", "Close", content, m.win)
	d.Resize(fyne.NewSize(720, 560))
	d.Show()
}

// trySearch puts the cursor in the search field with an example.
func (m *Main) trySearch() {
	m.tabs.SelectIndex(0)
	m.results.search.SetText("one-stop shop")
	m.focusSearch()
}

// tryAnnotate opens the NAV reform case and says how to highlight.
func (m *Main) tryAnnotate() {
	m.tabs.SelectIndex(0)
	m.open("no-nav-reform")
	m.say("Select words in the text, then press Highlight (Ctrl+H)")
}

// tryCompare compares Norway and Estonia.
func (m *Main) tryCompare() {
	m.tabs.SelectIndex(1)
	m.compare.mode.SetSelected("Countries")
	m.compare.groups.SetSelected([]string{"NO", "EE"})
}

// showAbout says what Casebook and its catalogue are, and the licences.
func (m *Main) showAbout() {
	seed, _ := m.cat.SeedVersion(m.ctx)
	text := widget.NewLabel("Casebook " + Version + " · catalogue " + nonEmptyOr(seed, "none") + "\n\n" +
		"A catalogue of coordination practices in European public sectors, starting from the COCOPS project " +
		"(Coordinating for Cohesion in the Public Sector of the Future, EU FP7, 2011-2014) and related, " +
		"well-documented cases. Every case names its sources and its provenance: COCOPS catalogue case, " +
		"COCOPS related case, related practice, or your own. The texts are written from the sources; where " +
		"sources disagree the case says so.\n\n" +
		"PDF reports are set in DejaVu Sans, embedded under its licence (below). The interface uses the fonts " +
		"that come with the Fyne toolkit.")
	text.Wrapping = fyne.TextWrapWord
	licence := widget.NewLabel(fonts.Licence)
	licence.Wrapping = fyne.TextWrapWord
	licence.TextStyle.Monospace = true
	content := container.NewBorder(text, nil, nil, nil, container.NewVScroll(licence))
	d := dialog.NewCustom("About Casebook", "Close", content, m.win)
	d.Resize(fyne.NewSize(680, 560))
	d.Show()
}
