package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"casebook/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// facetTitles names the facets in the filter pane, in order.
var facetTitles = []struct{ facet, title string }{
	{store.KindCountry, "Country"}, {store.KindField, "Policy field"}, {store.KindMechanism, "Mechanism"},
	{store.KindDirection, "Direction"}, {store.KindLevel, "Level"}, {store.KindProvenance, "Provenance"},
}

// filterPane shows the facets with their counts and the period, and reports
// every change of selection through onChange.
type filterPane struct {
	onChange func()
	values   map[string][]string
	boxes    map[string]*fyne.Container
	checks   map[string]map[string]*widget.Check
	from, to *widget.Entry
	clear    *widget.Button
	content  *fyne.Container
	updating bool
}

func newFilterPane(onChange func()) *filterPane {
	return &filterPane{onChange: onChange, values: map[string][]string{}, boxes: map[string]*fyne.Container{},
		checks: map[string]map[string]*widget.Check{}}
}

func (p *filterPane) build() fyne.CanvasObject {
	p.clear = widget.NewButton("Clear", func() { p.reset() })
	p.clear.Importance = widget.LowImportance
	header := container.NewBorder(nil, nil, heading("Filters"), p.clear)
	items := []fyne.CanvasObject{header}
	for _, ft := range facetTitles {
		p.boxes[ft.facet] = container.NewVBox()
		items = append(items, heading(ft.title), p.boxes[ft.facet])
	}
	p.from, p.to = yearEntry("from", p.changed), yearEntry("to", p.changed)
	items = append(items, heading("Period"), container.NewGridWithColumns(2, p.from, p.to))
	p.content = container.NewVBox(items...)
	return container.NewVScroll(p.content)
}

func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return l
}

func yearEntry(placeholder string, changed func()) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(placeholder)
	e.Validator = func(s string) error {
		if s == "" {
			return nil
		}
		if y, err := strconv.Atoi(s); err != nil || y < 1800 || y > 2200 {
			return fmt.Errorf("a year such as 2005")
		}
		return nil
	}
	e.OnChanged = func(string) { changed() }
	return e
}

// apply puts a filter's selections into the pane without reporting them back.
func (p *filterPane) apply(f store.Filter) {
	p.updating = true
	defer func() { p.updating = false }()
	p.values = map[string][]string{}
	for facet, vs := range f.Values {
		p.values[facet] = slices.Clone(vs)
	}
	for facet, checks := range p.checks {
		for value, c := range checks {
			c.SetChecked(slices.Contains(p.values[facet], value))
		}
	}
	p.from.SetText(yearText(f.PeriodFrom))
	p.to.SetText(yearText(f.PeriodTo))
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

// fill writes the selections of the pane into f.
func (p *filterPane) fill(f *store.Filter) {
	f.Values = map[string][]string{}
	for facet, vs := range p.values {
		if len(vs) > 0 {
			f.Values[facet] = slices.Clone(vs)
		}
	}
	f.PeriodFrom, _ = strconv.Atoi(strings.TrimSpace(p.from.Text))
	f.PeriodTo, _ = strconv.Atoi(strings.TrimSpace(p.to.Text))
	if p.from.Validate() != nil {
		f.PeriodFrom = 0
	}
	if p.to.Validate() != nil {
		f.PeriodTo = 0
	}
}

func (p *filterPane) changed() {
	if !p.updating {
		p.onChange()
	}
}

// reset clears every selection and reports the change once.
func (p *filterPane) reset() {
	p.apply(store.Filter{})
	p.onChange()
}

// show updates the counts; a value with no case is greyed, not hidden, so
// the list does not jump under the pointer.
func (p *filterPane) show(counts store.FacetCounts) {
	for _, ft := range facetTitles {
		p.showFacet(ft.facet, counts.Counts[ft.facet])
	}
	// The boxes changed height: lay the pane out again.
	p.content.Refresh()
}

func (p *filterPane) showFacet(facet string, counts []store.FacetCount) {
	if p.checks[facet] == nil {
		p.checks[facet] = map[string]*widget.Check{}
	}
	rows := make([]fyne.CanvasObject, 0, len(counts))
	for _, fc := range counts {
		c := p.check(facet, fc.Value)
		c.Text = facetLabel(facet, fc)
		if fc.Count == 0 && !c.Checked {
			c.Disable()
		} else {
			c.Enable()
		}
		c.Refresh()
		rows = append(rows, c)
	}
	p.boxes[facet].Objects = rows
	p.boxes[facet].Refresh()
}

func facetLabel(facet string, fc store.FacetCount) string {
	if facet == store.KindCountry && fc.Label != fc.Value {
		return fmt.Sprintf("%s (%s)  %d", fc.Label, fc.Value, fc.Count)
	}
	return fmt.Sprintf("%s  %d", fc.Label, fc.Count)
}

// check returns the check box of one value, made on first use.
func (p *filterPane) check(facet, value string) *widget.Check {
	if c, ok := p.checks[facet][value]; ok {
		return c
	}
	c := widget.NewCheck("", nil)
	c.Checked = slices.Contains(p.values[facet], value)
	c.OnChanged = func(on bool) {
		vs := slices.DeleteFunc(p.values[facet], func(v string) bool { return v == value })
		if on {
			vs = append(vs, value)
		}
		p.values[facet] = vs
		p.changed()
	}
	p.checks[facet][value] = c
	return c
}
