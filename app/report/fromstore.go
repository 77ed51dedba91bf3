package report

import (
	"fmt"
	"image/color"
	"strings"
	"time"

	"casebook/store"
)

// Meta is what a report says about itself beyond the comparison.
type Meta struct {
	Title, Author, Version string
	Date                   time.Time
}

// FromComparison turns a comparison loaded from the catalogue into a report:
// the same columns, attributes, sections (with highlights, their codes and
// memos, and the row notes), code matrix, and every case's sources.
func FromComparison(v store.ComparisonView, meta Meta) Report {
	codes := map[string]Code{}
	for _, c := range v.Codes {
		codes[c.Code.ID] = Code{Name: c.Code.Name, Color: rgba(c.Code.Color)}
	}
	r := Report{Title: meta.Title, Author: meta.Author, Date: meta.Date, Version: meta.Version,
		Subtitle: subtitle(v)}
	for _, c := range v.Columns {
		r.Columns = append(r.Columns, Column{Title: c.Title, Subtitle: c.Subtitle})
	}
	for _, a := range v.Attributes {
		r.Attributes = append(r.Attributes, AttributeRow{Name: a.Name, Values: a.Values, Differs: a.Differs})
	}
	for _, row := range v.Rows {
		r.Sections = append(r.Sections, sectionRow(v, row, codes))
	}
	for _, c := range v.Codes {
		r.Codes = append(r.Codes, CodeRow{Code: codes[c.Code.ID], Counts: c.Counts})
	}
	r.References = references(v)
	return r
}

// DefaultTitle is the saved comparison's name, or says what it compares
// (the cover lists the cases themselves).
func DefaultTitle(v store.ComparisonView) string {
	if v.Comparison.Name != "" {
		return v.Comparison.Name
	}
	if v.Comparison.Kind == store.CompareGroups {
		return "Coordination practices in " + strings.Join(v.Comparison.Members, ", ")
	}
	return fmt.Sprintf("%d coordination practices compared", len(v.Columns))
}

func subtitle(v store.ComparisonView) string {
	if v.Comparison.Kind == store.CompareGroups {
		return fmt.Sprintf("A comparison of %d groups of coordination practices", len(v.Columns))
	}
	return fmt.Sprintf("A comparison of %d coordination practices", len(v.Columns))
}

func sectionRow(v store.ComparisonView, row store.Row, codes map[string]Code) SectionRow {
	s := SectionRow{Key: row.Key, Heading: row.Heading}
	if row.Note != nil {
		s.Note = row.Note.Text
	}
	for _, cell := range row.Cells {
		c := Cell{Empty: len(cell.Parts) == 0}
		for _, p := range cell.Parts {
			part := Part{Text: p.Text}
			if v.Comparison.Kind == store.CompareGroups {
				part.Heading = p.CaseTitle
			}
			for _, a := range p.Annotations {
				h := Highlight{Start: a.Start, End: a.End, Memo: a.Memo}
				for _, id := range a.Codes {
					h.Codes = append(h.Codes, codes[id])
				}
				part.Highlights = append(part.Highlights, h)
			}
			c.Parts = append(c.Parts, part)
		}
		s.Cells = append(s.Cells, c)
	}
	return s
}

// references lists every compared case's sources, each case once.
func references(v store.ComparisonView) []Reference {
	var out []Reference
	seen := map[string]bool{}
	for _, col := range v.Columns {
		for _, c := range col.Cases {
			if seen[c.ID] {
				continue
			}
			seen[c.ID] = true
			for _, s := range c.Sources {
				out = append(out, Reference{Case: c.Title, Title: s.Title, URL: s.URL})
			}
		}
	}
	return out
}

func rgba(hex string) color.RGBA {
	c, ok := store.ParseColor(hex)
	if !ok {
		return color.RGBA{} // no colour: the report draws grey
	}
	return color.RGBA{R: c.R, G: c.G, B: c.B, A: c.A}
}
