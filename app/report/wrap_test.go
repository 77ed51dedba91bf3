package report

import (
	"strings"
	"testing"
)

// testDoc is a document for measuring, without rendering a report.
func testDoc(t testing.TB) *doc {
	t.Helper()
	g, err := pageGeometry(Options{}, 2)
	if err != nil {
		t.Fatal(err)
	}
	return newDoc(Report{Date: reportDate}, Parts{}, g)
}

// TestWrapKeepsEveryWord: lines fit, no word is lost or split, paragraph
// breaks survive, and the offsets point back into the text.
func TestWrapKeepsEveryWord(t *testing.T) {
	d := testDoc(t)
	text := []rune(words(3, 400))
	const w = 60.0
	spans := d.wrap(text, fBody, w, nil)
	var got []string
	for _, sp := range spans {
		line := text[sp.a:sp.b]
		if lw := d.width(fBody, line); lw > w+1e-9 {
			t.Errorf("line %q is %.2f mm wide, max %.0f", string(line), lw, w)
		}
		if len(line) > 0 && (line[0] == ' ' || line[len(line)-1] == ' ') {
			t.Errorf("line %q starts or ends with a space", string(line))
		}
		got = append(got, strings.Fields(string(line))...)
	}
	if want := strings.Fields(string(text)); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatal("wrapping lost, split or reordered words")
	}
	paragraphs := strings.Count(string(text), "\n\n")
	blank := 0
	for _, sp := range spans {
		if sp.a == sp.b {
			blank++
		}
	}
	if blank != paragraphs {
		t.Errorf("%d blank lines for %d paragraph breaks", blank, paragraphs)
	}
}

// TestWrapCutsOverlongWords: a word wider than the line (a URL) is cut,
// never dropped, and every line makes progress even at absurd widths.
func TestWrapCutsOverlongWords(t *testing.T) {
	d := testDoc(t)
	url := []rune("https://example.org/" + strings.Repeat("a", 200))
	for _, w := range []float64{30, 1, 0, -5} {
		spans := d.wrap(url, fSmall, w, nil)
		var b strings.Builder
		for _, sp := range spans {
			if sp.b <= sp.a {
				t.Fatalf("width %v: empty line in a word", w)
			}
			b.WriteString(string(url[sp.a:sp.b]))
		}
		if b.String() != string(url) {
			t.Fatalf("width %v: cut word does not join back", w)
		}
	}
}

// TestMarksClampTrimAndNumber: highlight offsets are clamped into the text,
// trimmed to words, empty or reversed ones dropped, and the rest numbered in
// the order their markers are read.
func TestMarksClampTrimAndNumber(t *testing.T) {
	rs := []rune("  alpha beta  gamma ")
	num := 4
	ms := buildMarks(rs, []Highlight{
		{Start: 8, End: 14},     // "beta  " -> "beta"
		{Start: -3, End: 8},     // clamped, "  alpha " -> "alpha"
		{Start: 14, End: 999},   // "gamma "  -> "gamma"
		{Start: 12, End: 3},     // reversed: dropped
		{Start: 999, End: 1000}, // beyond the end: dropped
		{Start: 0, End: 2},      // only spaces: dropped
	}, &num)
	var got []string
	for _, m := range ms {
		got = append(got, string(rs[m.start:m.end]))
	}
	if strings.Join(got, ",") != "alpha,beta,gamma" {
		t.Fatalf("marks %q", got)
	}
	if ms[0].num != 5 || ms[2].num != 7 || num != 7 {
		t.Fatalf("numbers %d %d, counter %d", ms[0].num, ms[2].num, num)
	}
}

// TestMarkersWrapWithTheirWord: the width of a marker counts with the word
// it follows, so a marked line is never wider than the column.
func TestMarkersWrapWithTheirWord(t *testing.T) {
	d := testDoc(t)
	p := part(1, 300, "")
	num := 0
	pr := newProse(p, &num)
	const w = 50.0
	extra := func(pos int) float64 { return d.markerWidth(pr, pos) }
	for _, sp := range d.wrap(pr.rs, fBody, w, extra) {
		if lw := d.advance(pr, sp.a, sp.b, true); lw > w+1e-9 {
			t.Errorf("marked line %q is %.2f mm wide", string(pr.rs[sp.a:sp.b]), lw)
		}
	}
}

// TestCleanKeepsOffsets: cleaning replaces rune for rune.
func TestCleanKeepsOffsets(t *testing.T) {
	in := "a\xffb😀c\td\r\ne\u2028f"
	out := cleanText(in)
	if len([]rune(out)) != len([]rune(in)) {
		t.Fatalf("cleanText changed the rune count: %q -> %q", in, out)
	}
	if out != "a\uFFFDb\uFFFDc d \ne\nf" {
		t.Fatalf("cleanText = %q", out)
	}
}

// TestWrapMatchesSplitText: for plain text, the lines are the ones fpdf's
// own SplitText makes; wrap only adds the rune offsets highlights need.
func TestWrapMatchesSplitText(t *testing.T) {
	d := testDoc(t)
	for seed := range 6 {
		text := words(seed, 300)
		for _, w := range []float64{35, 52.5, 81, 120} {
			d.use(fBody)
			want := d.pdf.SplitText(text, w)
			rs := []rune(text)
			var got []string
			for _, sp := range d.wrap(rs, fBody, w, nil) {
				got = append(got, string(rs[sp.a:sp.b]))
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("seed %d width %v: wrap and SplitText disagree\n got %q\nwant %q", seed, w, got, want)
			}
		}
	}
}
