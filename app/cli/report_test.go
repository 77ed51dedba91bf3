package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// pdfText reads a PDF back as text with poppler's pdftotext.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v (is poppler-utils installed? .ci/setup installs it)", path, err)
	}
	return string(out)
}

func TestComparePDFAndSavedReport(t *testing.T) {
	db, dir := newDB(t), t.TempDir()
	run(t, db, "annotate", "no-nav-reform", "--section", "abstract", "--quote", "NAV reform", "--code", "Merger", "--memo", "compare Töötukassa")
	out, errOut, code := run(t, db, "compare", "no-nav-reform", "ee-tootukassa-merger", "--save", "Two mergers")
	if code != 0 {
		t.Fatalf("%s %s", out, errOut)
	}
	pdf := filepath.Join(dir, "two.pdf")
	if _, errOut, code := run(t, db, "report", "--comparison", "two mergers", "--pdf", pdf, "--author", "Lise Rykkja"); code != 0 {
		t.Fatal(errOut)
	}
	text := pdfText(t, pdf)
	for _, want := range []string{"Two mergers", "Lise Rykkja", "Lægreid", "Töötukassa", "Merger", "compare Töötukassa", "page 1 of"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	countries := filepath.Join(dir, "countries.pdf")
	if _, errOut, code := run(t, db, "compare", "--countries", "NO,EE", "--field", "employment", "--pdf", countries); code != 0 {
		t.Fatal(errOut)
	}
	if text := pdfText(t, countries); !strings.Contains(text, "Norway (NO)") || !strings.Contains(text, "Coordination practices in NO, EE") {
		t.Errorf("countries PDF:\n%.400s", text)
	}
	bad := filepath.Join(dir, "no-such-folder", "x.pdf")
	if _, errOut, code := run(t, db, "compare", "no-nav-reform", "de-jobcenters", "--pdf", bad); code == 0 || strings.Count(errOut, "\n") != 1 {
		t.Errorf("a PDF into a missing folder: %d %q", code, errOut)
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("a failed export left a file")
	}
	if _, _, code := run(t, db, "report", "--comparison", "nope", "--pdf", pdf); code == 0 {
		t.Error("a report of an unknown comparison succeeded")
	}
}
