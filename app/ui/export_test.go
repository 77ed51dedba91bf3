package ui

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"casebook/app/report"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestExportPDFFromTheComparison(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefAuthor, "Lise")
	st := openCatalogue(t)
	m, w := newTestMain(t, a, st)
	m.marks.Toggle("no-nav-reform")
	m.marks.Toggle("ee-tootukassa-merger")
	m.tabs.SelectIndex(1)
	m.compare.setNote("emergence", "Both merged agencies.")

	m.exportComparison()
	entries := inDialog[*widget.Entry](t, w)
	if len(entries) < 2 || entries[0].Text != "2 coordination practices compared" || entries[1].Text != "Lise" {
		t.Fatalf("the export form is not prefilled: %d entries", len(entries))
	}
	test.Tap(buttonIn(t, w, "Cancel"))

	path := filepath.Join(t.TempDir(), "mergers.pdf")
	r := report.FromComparison(m.compare.view, report.Meta{Title: "Mergers", Author: "Lise", Version: m.versionLine(), Date: time.Now()})
	select {
	case <-m.writePDF(path, r, report.Options{}):
	case <-time.After(10 * time.Second):
		t.Fatal("the PDF took more than 10 s")
	}
	if !strings.Contains(m.status.Text, "PDF written") {
		t.Errorf("status %q", m.status.Text)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no PDF: %v (status %q)", err, m.status.Text)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, want := range []string{"Mergers", "Both merged agencies.", "Töötukassa", "Lægreid"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}
