package report

import (
	"strings"
	"unicode"
)

// clean returns a copy of r whose strings fpdf can set. fpdf's UTF-8 path
// only handles the Basic Multilingual Plane: a rune above U+FFFF indexes
// past its width table (a panic) or is encoded as garbage, and control
// characters have no glyph. Invalid UTF-8 becomes U+FFFD.
//
// Prose (Part.Text) is cleaned rune for rune, one rune in, one rune out, so
// that highlight offsets still point at the same words.
func clean(r Report) Report {
	r.Title, r.Subtitle = cleanLine(r.Title), cleanLine(r.Subtitle)
	r.Author, r.Version = cleanLine(r.Author), cleanLine(r.Version)
	r.Columns = mapSlice(r.Columns, func(c Column) Column {
		return Column{Title: cleanLine(c.Title), Subtitle: cleanLine(c.Subtitle)}
	})
	r.Attributes = mapSlice(r.Attributes, func(a AttributeRow) AttributeRow {
		a.Name, a.Values = cleanLine(a.Name), mapSlice(a.Values, cleanText)
		return a
	})
	r.Sections = mapSlice(r.Sections, cleanSection)
	r.Codes = mapSlice(r.Codes, func(c CodeRow) CodeRow {
		c.Code = cleanCode(c.Code)
		return c
	})
	r.References = mapSlice(r.References, func(ref Reference) Reference {
		return Reference{Case: cleanLine(ref.Case), Title: cleanText(ref.Title), URL: cleanLine(ref.URL)}
	})
	return r
}

// cleanSection cleans a section row and everything in its cells.
func cleanSection(s SectionRow) SectionRow {
	s.Heading, s.Note = cleanLine(s.Heading), cleanText(s.Note)
	s.Cells = mapSlice(s.Cells, func(c Cell) Cell {
		c.Parts = mapSlice(c.Parts, cleanPart)
		return c
	})
	return s
}

// cleanPart cleans a part; the highlight offsets stay valid (see clean).
func cleanPart(p Part) Part {
	p.Heading, p.Text = cleanLine(p.Heading), cleanText(p.Text)
	p.Memos = mapSlice(p.Memos, cleanText)
	p.Highlights = mapSlice(p.Highlights, func(h Highlight) Highlight {
		h.Codes, h.Memo = mapSlice(h.Codes, cleanCode), cleanText(h.Memo)
		return h
	})
	return p
}

func cleanCode(c Code) Code {
	c.Name = cleanLine(c.Name)
	return c
}

// cleanText keeps line breaks (paragraphs) and replaces every other rune
// fpdf cannot set with one rune it can.
func cleanText(s string) string {
	rs := []rune(s) // invalid bytes become one U+FFFD each, as offsets assume
	for i, r := range rs {
		rs[i] = cleanRune(r)
	}
	return string(rs)
}

// cleanLine is cleanText for one-line fields: titles, names, URLs.
func cleanLine(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(cleanText(s), "\n", " "))
}

func cleanRune(r rune) rune {
	switch {
	case r == '\n':
		return r
	case r == '\u2028' || r == '\u2029': // Unicode line and paragraph separators
		return '\n'
	case unicode.IsControl(r):
		return ' ' // \t, \r and friends: a space keeps the words apart
	case r > 0xFFFF:
		return '\uFFFD'
	}
	return r
}

// mapSlice returns a new slice, so cleaning never writes into the caller's
// Report.
func mapSlice[T any](in []T, f func(T) T) []T {
	if in == nil {
		return nil
	}
	out := make([]T, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}
