package report

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestUnicodeTextComesBack reads the PDF back with pdftotext: the words of
// the catalogue come back as they were written, diacritics, Greek and
// Cyrillic included, so the text is selectable and searchable.
func TestUnicodeTextComesBack(t *testing.T) {
	path := savePDF(t, renderPDF(t, sampleReport(4, 3, 80), Options{}))
	text := pdfText(t, path, 0, 0)
	for _, want := range []string{
		"Lægreid", "Kormányhivatal", "Töötukassa", "Łódź", "Ωμέγα", "Жизнь",
		"ő õ ø ß ł", "együttműködés", "fjármálaráðuneytið", "Straße", "przejrzystość",
		"Joint decision-making", "Information sharing", // code names of the highlights
		"Compare with the Estonian case", // a highlight's memo
		"Interview 4 contradicts",        // a part's memo
		"Comparison note",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}
	// Only the embedded DejaVu faces: a core font would print "?" for ő.
	fonts := poppler(t, "pdffonts", path)
	for _, l := range strings.Split(fonts, "\n")[2:] {
		if l == "" {
			continue
		}
		if !strings.Contains(l, "dejavu") || !strings.Contains(l, " yes ") {
			t.Errorf("unexpected or unembedded font: %s", l)
		}
	}
}

// TestFooterPageNumbers: "page N of M" on every page, M the real count.
func TestFooterPageNumbers(t *testing.T) {
	path := savePDF(t, renderPDF(t, sampleReport(2, 8, 250), Options{}))
	n := pageCount(t, path)
	if n < 8 {
		t.Fatalf("%d pages, want at least 8", n)
	}
	for _, p := range []int{1, 2, n / 2, n} {
		text := pdfText(t, path, p, p)
		want := fmt.Sprintf("page %d of %d · 2026-11-27", p, n)
		if !strings.Contains(text, want) {
			t.Errorf("page %d lacks %q", p, want)
		}
	}
	if head := pdfText(t, path, 4, 4); !strings.Contains(head, "Integrating employment services · Context and problem") {
		t.Errorf("page 4 lacks the running head (title · section):\n%s", head)
	}
}

// TestContentsPageNumbers: every contents entry's page really holds it,
// also when the contents take more than one page.
func TestContentsPageNumbers(t *testing.T) {
	for _, sections := range []int{8, 70} {
		r := sampleReport(2, sections, 40)
		path := savePDF(t, renderPDF(t, r, Options{}))
		contents := poppler(t, "pdftotext", "-layout", "-enc", "UTF-8", "-f", "2", "-l", "4", path, "-")
		for i, s := range r.Sections {
			entry := fmt.Sprintf(`(?m)^\s*%d\s+%s\s+(\d+)$`, i+1, regexp.QuoteMeta(s.Heading))
			m := regexp.MustCompile(entry).FindStringSubmatch(contents)
			if m == nil {
				t.Fatalf("contents lack %q:\n%s", s.Heading, contents)
			}
			p := atoi(t, m[1])
			band := regexp.MustCompile(fmt.Sprintf(`(^|\s)%d\s+%s`, i+1, regexp.QuoteMeta(s.Heading)))
			if page := pdfText(t, path, p, p); !band.MatchString(page) {
				t.Errorf("section %q: contents say page %d, which lacks its band", s.Heading, p)
			}
		}
	}
}

func atoi(t testing.TB, s string) int {
	t.Helper()
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestOrientationAndPaper checks the page size pdfinfo reports.
func TestOrientationAndPaper(t *testing.T) {
	for _, tc := range []struct {
		cols int
		opt  Options
		want string
	}{
		{1, Options{}, "595.28 x 841.89"},
		{2, Options{}, "595.28 x 841.89"},
		{3, Options{}, "841.89 x 595.28"},
		{4, Options{}, "841.89 x 595.28"},
		{4, Options{Orientation: "P"}, "595.28 x 841.89"},
		{2, Options{Orientation: "L"}, "841.89 x 595.28"},
		{2, Options{Paper: "Letter"}, "612 x 792"},
		{3, Options{Paper: "letter"}, "792 x 612"},
	} {
		path := savePDF(t, renderPDF(t, sampleReport(tc.cols, 2, 60), tc.opt))
		if got := pdfInfo(t, path)["Page size"]; !strings.HasPrefix(got, tc.want) {
			t.Errorf("%d columns %+v: page size %q, want %s", tc.cols, tc.opt, got, tc.want)
		}
	}
}

// TestMetadataAndOutline: the document information and one bookmark per
// part and per section, pointing at the right pages.
func TestMetadataAndOutline(t *testing.T) {
	r := sampleReport(3, 8, 60)
	path := savePDF(t, renderPDF(t, r, Options{}))
	info := pdfInfo(t, path)
	for k, want := range map[string]string{
		"Title":    "Integrating employment services",
		"Author":   "Ingrid Lægreid",
		"Subject":  "Comparison of NAV reform, Kormányhivatal, Töötukassa",
		"Keywords": "Casebook, comparison, NAV reform, Kormányhivatal, Töötukassa, Joint decision-making, Trust, Hierarchy, Information sharing",
		"Creator":  "Casebook 0.1.0 · catalogue 2026.11.27-1",
	} {
		if info[k] != want {
			t.Errorf("%s = %q, want %q", k, info[k], want)
		}
	}
	if !strings.HasPrefix(info["CreationDate"], "Fri Nov 27 14:30:00 2026") {
		t.Errorf("CreationDate = %q", info["CreationDate"])
	}
	xml := poppler(t, "pdftohtml", "-xml", "-i", "-stdout", path)
	items := regexp.MustCompile(`<item page="(\d+)">([^<]*)</item>`).FindAllStringSubmatch(xml, -1)
	var titles []string
	for _, it := range items {
		titles = append(titles, it[2])
	}
	want := []string{r.Title, "Contents", "Attribute matrix"}
	for i, s := range r.Sections {
		want = append(want, fmt.Sprintf("%d  %s", i+1, s.Heading))
	}
	want = append(want, "Code matrix", "References")
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Errorf("outline:\n got %q\nwant %q", titles, want)
	}
}

// TestPartsCanBeLeftOut switches every optional part off in turn.
func TestPartsCanBeLeftOut(t *testing.T) {
	for _, tc := range []struct {
		parts  Parts
		absent []string
	}{
		{Parts{NoAttributes: true}, []string{"Attribute matrix", "Legal basis"}},
		{Parts{NoSections: true}, []string{"Context and problem", "Comparison note"}},
		{Parts{NoNotes: true}, []string{"Comparison note", "Compare with the Estonian case", "Interview 4"}},
		{Parts{NoCodes: true}, []string{"Code matrix", "Total"}},
		{Parts{NoSources: true}, []string{"References", "doi.org"}},
	} {
		text := pdfText(t, savePDF(t, renderPDF(t, sampleReport(2, 3, 100), Options{Parts: tc.parts})), 0, 0)
		for _, s := range tc.absent {
			if strings.Contains(text, s) {
				t.Errorf("%+v: text still holds %q", tc.parts, s)
			}
		}
		if tc.parts.NoNotes && !strings.Contains(text, "Joint decision-making") {
			t.Errorf("NoNotes removed the code names of the highlights")
		}
	}
}

// TestHighlightsAreTinted looks into the page content: the tint of each
// code is painted (under the Multiply blend), and the markers are there.
func TestHighlightsAreTinted(t *testing.T) {
	data := renderPDF(t, sampleReport(2, 2, 120), Options{})
	content := contentStreams(t, data)
	for _, c := range allCodes {
		tc := tint(codeRGB(c))
		fill := fmt.Sprintf("%.3f %.3f %.3f rg", float64(tc.r)/255, float64(tc.g)/255, float64(tc.b)/255)
		if !strings.Contains(content, fill) {
			t.Errorf("no tint %q for code %s", fill, c.Name)
		}
	}
	if !regexp.MustCompile(`/GS\d+ gs`).MatchString(content) {
		t.Error("tints are not blended")
	}
}
