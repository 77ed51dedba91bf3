package report

import (
	"fmt"
	"image/color"
	"strings"
	"time"
	"unicode/utf8"
)

// reportDate is the fixed date of every test report: with it the output is
// byte-identical from run to run.
var reportDate = time.Date(2026, 11, 27, 14, 30, 0, 0, time.UTC)

var (
	codeJoint = Code{Name: "Joint decision-making", Color: color.RGBA{0x2b, 0x7b, 0xb9, 0xff}}
	codeTrust = Code{Name: "Trust", Color: color.RGBA{0xf2, 0xc0, 0x1e, 0xff}}
	codeHier  = Code{Name: "Hierarchy", Color: color.RGBA{0xc0, 0x39, 0x2b, 0xff}}
	codeInfo  = Code{Name: "Information sharing", Color: color.RGBA{0x27, 0xae, 0x60, 0xff}}
	allCodes  = []Code{codeJoint, codeTrust, codeHier, codeInfo}
)

// cases are the columns the fixtures choose from; the titles carry the
// diacritics the Unicode test looks for.
var cases = []Column{
	{Title: "NAV reform", Subtitle: "NO · employment and welfare · 2005-2011"},
	{Title: "Kormányhivatal", Subtitle: "HU · territorial administration · 2011-2015"},
	{Title: "Töötukassa", Subtitle: "EE · unemployment insurance · 2009-2014"},
	{Title: "Łódź one-stop shop", Subtitle: "PL · local government · 2008-2012"},
}

// vocabulary for generated prose: plain words mixed with words from the
// languages of the catalogue, so that wrapping meets real widths.
var vocabulary = strings.Fields(`the reform merged agencies into one front office
while ministries kept their own budgets and the municipal partners negotiated
local agreements about services staff targets and the sharing of client data
coordination worked through joint boards regular meetings and a common
performance framework although trust between levels of government varied
Kormányhivatal Töötukassa Arbeids- og velferdsforvaltningen Łódź Ωμέγα Жизнь
przejrzystość együttműködés koostöö samarbeid ministère Straße fjármálaráðuneytið`)

// words makes n words of deterministic text in paragraphs of about 60 words.
func words(seed, n int) string {
	var b strings.Builder
	x := uint32(seed*7919 + 17)
	for i := range n {
		x = x*1664525 + 1013904223
		if i > 0 && i%60 == 0 {
			b.WriteString(".\n\n")
		} else if i > 0 {
			b.WriteByte(' ')
		}
		w := vocabulary[int(x>>8)%len(vocabulary)]
		if i%60 == 0 {
			r, size := utf8.DecodeRuneInString(w)
			w = strings.ToUpper(string(r)) + w[size:]
		}
		b.WriteString(w)
	}
	b.WriteByte('.')
	return b.String()
}

// wordSpan returns the rune range of words [from, to) of text, for making
// highlights that start and end on word boundaries.
func wordSpan(text string, from, to int) (int, int) {
	start, end, word, in := -1, -1, 0, false
	pos := 0
	for _, r := range text {
		space := r == ' ' || r == '\n'
		if !space && !in {
			if word == from {
				start = pos
			}
			in = true
		}
		if space && in {
			word++
			in = false
			if word == to {
				end = pos
			}
		}
		pos++
	}
	if end < 0 {
		end = utf8.RuneCountInString(text)
	}
	return start, end
}

// part makes a case's text for a section with a few highlights and memos.
func part(seed, n int, heading string) Part {
	text := words(seed, n)
	if seed == 0 {
		text = "Quoted in the sources: Ωμέγα and Жизнь. " + text
	}
	p := Part{Heading: heading, Text: text}
	for k := 0; k+12 < n; k += 45 {
		s, e := wordSpan(text, k+3, k+3+4+seed%5)
		h := Highlight{Start: s, End: e, Codes: []Code{allCodes[(seed+k)%len(allCodes)]}}
		if k%90 == 0 {
			h.Codes = append(h.Codes, allCodes[(seed+k+1)%len(allCodes)])
			h.Memo = "Compare with the Estonian case: the same board met monthly."
		}
		p.Highlights = append(p.Highlights, h)
	}
	if seed%3 == 0 {
		p.Memos = []string{"Interview 4 contradicts the annual report here."}
	}
	return p
}

var sectionNames = []string{
	"Context and problem", "Actors and roles", "Coordination mechanism",
	"Instruments", "Implementation", "Outcomes", "Lessons", "Sources of evidence",
}

// sampleReport builds a report of cols columns, sections sections (the
// template's eight, repeated and numbered beyond that) and words words per
// cell.
func sampleReport(cols, sections, words int) Report {
	r := Report{
		Title:    "Integrating employment services",
		Subtitle: fmt.Sprintf("A comparison of %d coordination practices", cols),
		Author:   "Ingrid Lægreid",
		Date:     reportDate,
		Version:  "Casebook 0.1.0 · catalogue 2026.11.27-1",
		Columns:  cases[:cols],
	}
	r.Attributes = sampleAttributes(cols)
	for i := range sections {
		name := sectionNames[i%len(sectionNames)]
		if i >= len(sectionNames) {
			name = fmt.Sprintf("%s (%d)", name, i/len(sectionNames)+1)
		}
		s := SectionRow{Key: fmt.Sprintf("s%d", i), Heading: name}
		for c := range cols {
			s.Cells = append(s.Cells, Cell{Parts: []Part{part(i*10+c, words, "")}})
		}
		if i%2 == 0 {
			s.Note = "All cases rely on joint boards; only the Norwegian one has a shared budget (ő õ ø ß ł)."
		}
		r.Sections = append(r.Sections, s)
	}
	for i, code := range allCodes {
		row := CodeRow{Code: code}
		for c := range cols {
			row.Counts = append(row.Counts, (i*3+c*5)%9)
		}
		r.Codes = append(r.Codes, row)
	}
	r.References = sampleReferences(cols)
	return r
}

func sampleAttributes(cols int) []AttributeRow {
	rows := []AttributeRow{
		{Name: "Country", Values: []string{"Norway", "Hungary", "Estonia", "Poland"}, Differs: true},
		{Name: "Field", Values: []string{"Employment", "Employment", "Employment", "Employment"}},
		{Name: "Mechanism", Values: []string{"Merger of agencies", "Regional one-stop offices", "Merger of agencies", "Shared front office"}, Differs: true},
		{Name: "Level", Values: []string{"National and local", "Regional", "National", "Local (Łódź)"}, Differs: true},
		{Name: "Period", Values: []string{"2005-2011", "2011-2015", "2009-2014", "2008-2012"}, Differs: true},
		{Name: "Legal basis", Values: []string{"Statute", "Statute", "Statute", "Statute"}},
	}
	for i := range rows {
		rows[i].Values = rows[i].Values[:cols]
	}
	return rows
}

func sampleReferences(cols int) []Reference {
	refs := []Reference{
		{Case: "NAV reform", Title: "Christensen, T., Fimreite, A. L. and Lægreid, P. (2007) Reform of the employment and welfare administrations: the challenges of co-coordinating diverse public organizations.", URL: "https://doi.org/10.1177/0020852307081144"},
		{Case: "NAV reform", Title: "Askim, J. et al. (2011) One-stop shops for social welfare: the adaptation of an organizational form in three countries.", URL: "https://doi.org/10.1111/j.1467-9299.2011.01937.x"},
		{Case: "Kormányhivatal", Title: "Hajnal, G. (2015) Kormányhivatal reform and territorial state administration in Hungary.", URL: "https://www.example.org/hajnal-2015"},
		{Case: "Töötukassa", Title: "Töötukassa annual report 2013.", URL: "https://www.tootukassa.ee/"},
		{Case: "Łódź one-stop shop", Title: "Urząd Miasta Łodzi: Biuletyn Informacji Publicznej.", URL: "https://bip.uml.lodz.pl/"},
	}
	var out []Reference
	for _, ref := range refs {
		for _, c := range cases[:cols] {
			if c.Title == ref.Case {
				out = append(out, ref)
			}
		}
	}
	return out
}

// countryReport compares two countries; each cell holds the texts of two
// cases under their titles, as the Compare screen's countries mode does.
func countryReport() Report {
	r := sampleReport(2, 3, 0)
	r.Title = "Employment services by country"
	r.Columns = []Column{
		{Title: "Norway", Subtitle: "2 cases"},
		{Title: "Hungary", Subtitle: "2 cases"},
	}
	for i := range r.Sections {
		r.Sections[i].Cells = []Cell{
			{Parts: []Part{part(i*10, 90, "NAV reform"), part(i*10+1, 60, "Vestfold partnership")}},
			{Parts: []Part{part(i*10+2, 70, "Kormányhivatal"), part(i*10+3, 50, "Járási hivatal")}},
		}
	}
	r.Sections[1].Cells[1] = Cell{Empty: true}
	return r
}
