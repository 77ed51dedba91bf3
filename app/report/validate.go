package report

import (
	"fmt"
	"strings"
)

// geometry is the page format and the margins, in millimetres.
type geometry struct {
	paper  string // fpdf size name: "A4" or "Letter"
	orient string // "P" or "L"
	w, h   float64
	left   float64
	right  float64
	top    float64 // top of the text area, below the running head
	bottom float64 // distance of the text area's end from the page bottom
}

// textWidth is the width of the text area.
func (g geometry) textWidth() float64 { return g.w - g.left - g.right }

// textBottom is the lowest y a line may reach.
func (g geometry) textBottom() float64 { return g.h - g.bottom }

// validate checks what rendering cannot repair and picks the page geometry.
// Everything it rejects wraps ErrInvalid.
func validate(r Report, opt Options) (geometry, error) {
	n := len(r.Columns)
	if n < 1 || n > MaxColumns {
		return geometry{}, fmt.Errorf("%w: %d columns, want 1 to %d", ErrInvalid, n, MaxColumns)
	}
	if r.Date.IsZero() {
		return geometry{}, fmt.Errorf("%w: no date (the report never reads the clock)", ErrInvalid)
	}
	if err := checkRows(r, n); err != nil {
		return geometry{}, err
	}
	return pageGeometry(opt, n)
}

// checkRows makes sure every per-column slice has one entry per column: a
// short row would silently shift the texts under the wrong case.
func checkRows(r Report, n int) error {
	for i, a := range r.Attributes {
		if len(a.Values) != n {
			return fmt.Errorf("%w: attribute %d (%q) has %d values for %d columns",
				ErrInvalid, i+1, a.Name, len(a.Values), n)
		}
	}
	for i, s := range r.Sections {
		if len(s.Cells) != n {
			return fmt.Errorf("%w: section %d (%q) has %d cells for %d columns",
				ErrInvalid, i+1, s.Heading, len(s.Cells), n)
		}
	}
	for i, c := range r.Codes {
		if len(c.Counts) != n {
			return fmt.Errorf("%w: code %d (%q) has %d counts for %d columns",
				ErrInvalid, i+1, c.Code.Name, len(c.Counts), n)
		}
		for _, k := range c.Counts {
			if k < 0 {
				return fmt.Errorf("%w: code %q has a negative count", ErrInvalid, c.Code.Name)
			}
		}
	}
	return nil
}

// pageGeometry resolves paper and orientation. Three or four columns of
// running text need the width of a landscape page; two read better in
// portrait, where the lines are not too long.
func pageGeometry(opt Options, columns int) (geometry, error) {
	g := geometry{}
	switch strings.ToLower(opt.Paper) {
	case "", "a4":
		g.paper, g.w, g.h = "A4", 210, 297
	case "letter":
		g.paper, g.w, g.h = "Letter", 215.9, 279.4
	default:
		return g, fmt.Errorf("%w: paper %q, want A4 or Letter", ErrInvalid, opt.Paper)
	}
	switch strings.ToUpper(opt.Orientation) {
	case "":
		g.orient = "P"
		if columns > 2 {
			g.orient = "L"
		}
	case "P", "L":
		g.orient = strings.ToUpper(opt.Orientation)
	default:
		return g, fmt.Errorf("%w: orientation %q, want \"\", P or L", ErrInvalid, opt.Orientation)
	}
	if g.orient == "L" {
		g.w, g.h = g.h, g.w
		g.left, g.right, g.top, g.bottom = 18, 18, 22, 18
		return g, nil
	}
	g.left, g.right, g.top, g.bottom = 22, 22, 26, 22
	return g, nil
}
