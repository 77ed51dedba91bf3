// Package report renders a Casebook comparison as a PDF report: a cover, a
// table of contents, the attribute matrix, the compared texts side by side
// section by section (with the researcher's highlights, codes, comparison
// notes and memos), the code x case matrix and the sources of every case.
//
// Write is a pure function of its arguments: it reads no clock, no file and
// no global state, so the same Report and Options give a byte-identical PDF
// (the tests compare a golden file byte for byte). The package knows neither
// Fyne nor the store: callers translate their own types into the plain data
// types below.
//
// Text is set in embedded DejaVu Sans (package assets), which covers Latin
// with every European diacritic, Greek and Cyrillic; text in the PDF stays
// selectable and searchable.
package report

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"io"
	"time"

	"casebook/app/exchange"
)

// Report is everything a comparison report shows. Slices indexed by column
// (AttributeRow.Values, SectionRow.Cells, CodeRow.Counts) must have exactly
// one entry per element of Columns.
type Report struct {
	Title, Subtitle, Author string
	// Date is printed on the cover and in the footer, and is the PDF's
	// creation and modification date; it is required so that rendering
	// never reads the clock.
	Date time.Time
	// Version names the program and catalogue, e.g.
	// "Casebook 0.1.0 · catalogue 2026.11.27-1".
	Version    string
	Columns    []Column       // 1-4 compared cases (or country groups)
	Attributes []AttributeRow // the attribute matrix, one row per attribute
	Sections   []SectionRow   // in template order
	Codes      []CodeRow      // code x column counts
	References []Reference    // sources, numbered in this order
}

// Column is one compared case, or one group of cases in country mode.
type Column struct {
	Title    string // e.g. "NAV reform"
	Subtitle string // e.g. "NO · employment · 2005-2011"
}

// AttributeRow is one row of the attribute matrix.
type AttributeRow struct {
	Name    string
	Values  []string // one per column
	Differs bool     // the values differ between columns: the row is shaded
}

// SectionRow is one template section with the columns' texts side by side.
type SectionRow struct {
	Key     string // the template section key; identifies, is not printed
	Heading string
	Cells   []Cell // one per column
	Note    string // the row's comparison note ("" = none)
}

// Cell is the text of one column in one section.
type Cell struct {
	// Parts holds one part per case; several in country mode, where each
	// part carries its case title as Heading.
	Parts []Part
	Empty bool // the column has no text for this section: "(no text)"
}

// Part is one case's text within a cell.
type Part struct {
	Heading    string      // case title in country (group) mode, "" otherwise
	Text       string      // plain text: paragraphs separated by "\n\n"
	Highlights []Highlight // rune offsets into Text
	Memos      []string    // annotation memos on this part, as numbered notes
}

// Highlight is a coded passage of a Part's Text, as rune offsets
// [Start, End). Offsets outside the text are clamped, never a panic.
type Highlight struct {
	Start, End int
	Codes      []Code
	Memo       string // the annotation's memo ("" = none)
}

// Code is a code of the coding scheme with its display colour. A colour
// with zero alpha counts as "no colour" and is drawn grey.
type Code struct {
	Name  string
	Color color.RGBA
}

// CodeRow is one row of the code x case matrix.
type CodeRow struct {
	Code   Code
	Counts []int // coded passages per column; negative counts are invalid
}

// Reference is one source of one case.
type Reference struct {
	Case, Title, URL string
}

// Options choose the paper and the parts of the report.
type Options struct {
	Paper string // "A4" (default) or "Letter"
	// Orientation is "" for automatic (portrait for up to 2 columns,
	// landscape for 3-4), "P" or "L".
	Orientation string
	Parts       Parts // which parts to include; the zero value means all
}

// Parts switches parts of the report off; the zero value includes all of
// them, so that a caller who sets nothing gets the full report.
type Parts struct {
	NoAttributes bool // the attribute matrix
	NoSections   bool // the side-by-side sections
	NoNotes      bool // comparison notes and memos (codes stay marked)
	NoCodes      bool // the code x case matrix
	NoSources    bool // the reference list
}

// ErrInvalid is wrapped by every error about the input of Write, so that a
// caller can tell a bad request from a failed write.
var ErrInvalid = errors.New("report: invalid input")

// MaxColumns is the most columns a report can compare side by side: beyond
// four, landscape A4 columns become too narrow to read.
const MaxColumns = 4

// Write renders r as a PDF and writes it to w. The PDF is rendered in memory
// first: on any error nothing at all is written to w, so a failed export
// never leaves a truncated file behind.
func Write(w io.Writer, r Report, opt Options) error {
	geo, err := validate(r, opt)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := render(&buf, clean(r), opt.Parts, geo); err != nil {
		return err
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("report: write: %w", err)
	}
	return nil
}

// render builds the document into buf. fpdf indexes slices with values taken
// from its input; clean removes the inputs known to upset it, and the
// recover turns anything left into an error instead of crashing the app in
// the middle of an export.
func render(buf *bytes.Buffer, r Report, parts Parts, geo geometry) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("report: rendering failed: %v", p)
		}
	}()
	d := newDoc(r, parts, geo)
	d.build()
	if err := d.pdf.Output(buf); err != nil {
		return fmt.Errorf("report: render: %w", err)
	}
	return nil
}

// WriteFile renders r and writes it to path, only when rendering succeeded
// and through a temporary file (exchange.WriteAtomic): a failed export
// leaves no partial PDF and does not touch an older file.
func WriteFile(path string, r Report, opt Options) error {
	var buf bytes.Buffer
	if err := Write(&buf, r, opt); err != nil {
		return err
	}
	if err := exchange.WriteAtomic(path, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	}); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}
