package report

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// longReport has one cell of about three pages of numbered tokens
// (t0001 t0002 ...) beside a short neighbour, and a section after it.
func longReport(tokens int) Report {
	var b strings.Builder
	for i := 1; i <= tokens; i++ {
		if i > 1 && i%70 == 1 {
			b.WriteString("\n\n")
		} else if i > 1 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "t%04d", i)
	}
	r := sampleReport(2, 0, 0)
	r.Sections = []SectionRow{
		{Heading: "Long section", Cells: []Cell{
			{Parts: []Part{{Text: b.String(), Highlights: []Highlight{{Start: 6, End: 30, Codes: []Code{codeTrust}}}}}},
			{Parts: []Part{{Text: "Short neighbour text stays on the first page."}}},
		}, Note: "A note after the long row."},
		{Heading: "Aftermath", Cells: []Cell{{Parts: []Part{{Text: "Closing words."}}}, {Empty: true}}},
	}
	return r
}

// TestLongCellBreaksAcrossPages: a cell three pages long continues page
// after page: every token once and in order, all inside its own column and
// inside the text area (no line cut, none in the footer), the neighbour on
// the first page, the heads repeated, the next section after it.
func TestLongCellBreaksAcrossPages(t *testing.T) {
	const tokens = 2000
	r := longReport(tokens)
	geo, _ := pageGeometry(Options{}, 2)
	path := savePDF(t, renderPDF(t, r, Options{}))
	words, pageH := pdfWords(t, path)

	tokenRE := regexp.MustCompile(`^t\d{4}$`)
	var toks []word
	for _, w := range words {
		if strings.HasPrefix(w.text, "t0") || strings.HasPrefix(w.text, "t1") || strings.HasPrefix(w.text, "t2") {
			if !tokenRE.MatchString(w.text) {
				t.Errorf("page %d: broken token %q", w.page, w.text)
			}
			toks = append(toks, w)
		}
	}
	sort.SliceStable(toks, func(i, j int) bool { return before(toks[i], toks[j]) })
	if len(toks) != tokens {
		t.Fatalf("%d tokens in the PDF, want %d", len(toks), tokens)
	}
	col0 := columnGridFor(geo, 2)[0]
	for i, w := range toks {
		if want := fmt.Sprintf("t%04d", i+1); w.text != want {
			t.Fatalf("token %d is %q, want %q (lost, repeated or out of order)", i, w.text, want)
		}
		if w.xMin < col0.x*mmToPt-1 || w.xMax > (col0.x+col0.w)*mmToPt+1 {
			t.Errorf("%s outside its column: x %.1f-%.1f", w.text, w.xMin, w.xMax)
		}
		if w.yMin < geo.top*mmToPt || w.yMax > pageH-geo.bottom*mmToPt {
			t.Errorf("%s (page %d) outside the text area: y %.1f-%.1f", w.text, w.page, w.yMin, w.yMax)
		}
	}
	first, last := toks[0].page, toks[len(toks)-1].page
	if last-first < 2 {
		t.Errorf("long cell spans pages %d-%d, want at least 3 pages", first, last)
	}
	checkLines(t, toks)
	checkNeighbourAndHeads(t, words, first, last)
	after := firstAfter(words, "Aftermath", first)
	if after == nil || before(*after, toks[len(toks)-1]) {
		t.Errorf("the next section's heading does not follow the long text: %+v", after)
	}
}

// checkLines groups tokens into visual lines: every line has one baseline
// box (no half-drawn line) and lines do not overlap.
func checkLines(t *testing.T, toks []word) {
	t.Helper()
	for i := 1; i < len(toks); i++ {
		a, b := toks[i-1], toks[i]
		if a.page != b.page {
			continue
		}
		same := math.Abs(a.yMin-b.yMin) < 0.5
		if same && math.Abs(a.yMax-b.yMax) > 0.5 {
			t.Errorf("%s and %s share a line but not its height", a.text, b.text)
		}
		if !same && b.yMin < a.yMax-0.5 {
			t.Errorf("line of %s overlaps the line of %s", b.text, a.text)
		}
	}
}

// checkNeighbourAndHeads: the short neighbour is on the first page of the
// section, and every page of the long row repeats the column heads.
func checkNeighbourAndHeads(t *testing.T, words []word, first, last int) {
	t.Helper()
	if w := firstAfter(words, "neighbour", 0); w == nil || w.page != first {
		t.Errorf("the short neighbour is not on the section's first page %d: %+v", first, w)
	}
	for p := first; p <= last; p++ {
		found := 0
		for _, w := range words {
			if w.page == p && (w.text == "Kormányhivatal" || w.text == "NAV") {
				found++
			}
		}
		if found < 2 {
			t.Errorf("page %d lacks the column heads", p)
		}
	}
	for p := first + 1; p <= last; p++ {
		if w := firstAfter(words, "(continued)", p-1); w == nil || w.page != p {
			t.Errorf("page %d lacks the continued band", p)
		}
	}
}

// firstAfter is the first occurrence of text on a page after page.
func firstAfter(words []word, text string, page int) *word {
	for i := range words {
		if words[i].page > page && words[i].text == text {
			return &words[i]
		}
	}
	return nil
}

// before orders words by page, then line, then position on the line.
func before(a, b word) bool {
	if a.page != b.page {
		return a.page < b.page
	}
	if math.Abs(a.yMin-b.yMin) >= 0.5 {
		return a.yMin < b.yMin
	}
	return a.xMin < b.xMin
}

// columnGridFor is the section grid for n columns on page g.
func columnGridFor(g geometry, n int) []col {
	d := &doc{g: g, r: Report{Columns: make([]Column, n)}}
	return d.columnGrid().cols
}

// TestTableRowsBreakAndRepeatHeads: an attribute matrix longer than a page
// repeats its head row on the next page and cuts no row.
func TestTableRowsBreakAndRepeatHeads(t *testing.T) {
	r := sampleReport(2, 0, 0)
	for i := range 80 {
		r.Attributes = append(r.Attributes, AttributeRow{
			Name: fmt.Sprintf("Attribute%02d", i), Values: []string{"alpha beta gamma", "delta"}, Differs: i%3 == 0,
		})
	}
	path := savePDF(t, renderPDF(t, r, Options{Parts: Parts{NoSections: true}}))
	words, _ := pdfWords(t, path)
	pages := map[int]bool{}
	heads := map[int]bool{}
	for _, w := range words {
		if strings.HasPrefix(w.text, "Attribute") && len(w.text) == len("Attribute00") {
			pages[w.page] = true
		}
		if w.text == "Attribute" {
			heads[w.page] = true
		}
	}
	if len(pages) < 2 {
		t.Fatalf("80 attributes on %d page(s), want a break", len(pages))
	}
	for p := range pages {
		if !heads[p] {
			t.Errorf("page %d of the matrix lacks the head row", p)
		}
	}
}
