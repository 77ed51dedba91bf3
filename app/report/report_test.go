package report

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden PDFs in testdata/")

// TestGolden renders a small two-case report and compares it byte for byte
// with the checked-in PDF. Run with -update after an intended change and
// look at the new file before committing it.
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    Report
		opt  Options
	}{
		{"two-cases", sampleReport(2, 3, 70), Options{}},
		{"three-cases-letter", sampleReport(3, 2, 40), Options{Paper: "Letter"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := renderPDF(t, tc.r, tc.opt)
			path := filepath.Join("testdata", tc.name+".golden.pdf")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the rendering (%d bytes, golden %d); if the change is intended, run go test -update and look at the PDF",
					path, len(got), len(want))
			}
		})
	}
}

// TestDeterministic renders the same report twice, from fresh copies.
func TestDeterministic(t *testing.T) {
	a := renderPDF(t, sampleReport(4, 8, 120), Options{})
	b := renderPDF(t, sampleReport(4, 8, 120), Options{})
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings of the same report differ")
	}
	if !bytes.HasPrefix(a, []byte("%PDF-1.")) || !bytes.Contains(a[len(a)-32:], []byte("%%EOF")) {
		t.Fatal("output is not a complete PDF")
	}
}

// failWriter counts writes, to prove none happens on a rejected report.
type failWriter struct{ writes int }

func (w *failWriter) Write(p []byte) (int, error) {
	w.writes++
	return len(p), nil
}

func TestInvalidInputWritesNothing(t *testing.T) {
	five := sampleReport(4, 1, 10)
	five.Columns = append(five.Columns, Column{Title: "Fifth"})
	for name, r := range map[string]Report{
		"no columns":      {Title: "x", Date: reportDate},
		"five columns":    five,
		"short cells":     withSection(sampleReport(2, 1, 10), SectionRow{Heading: "Short", Cells: []Cell{{}}}),
		"long values":     withAttribute(sampleReport(2, 1, 10), AttributeRow{Name: "x", Values: []string{"a", "b", "c"}}),
		"short counts":    withCode(sampleReport(2, 1, 10), CodeRow{Code: codeTrust, Counts: []int{1}}),
		"negative counts": withCode(sampleReport(2, 1, 10), CodeRow{Code: codeTrust, Counts: []int{1, -2}}),
		"no date":         func() Report { r := sampleReport(2, 1, 10); r.Date = time.Time{}; return r }(),
	} {
		t.Run(name, func(t *testing.T) {
			var w failWriter
			err := Write(&w, r, Options{})
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			if w.writes != 0 {
				t.Fatalf("%d writes on error, want none", w.writes)
			}
		})
	}
	for _, opt := range []Options{{Paper: "A3"}, {Orientation: "sideways"}} {
		var w failWriter
		if err := Write(&w, sampleReport(2, 1, 10), opt); !errors.Is(err, ErrInvalid) || w.writes != 0 {
			t.Errorf("%+v: err = %v, %d writes; want ErrInvalid and none", opt, err, w.writes)
		}
	}
}

func TestErrorsNameTheProblem(t *testing.T) {
	r := withSection(sampleReport(3, 1, 10), SectionRow{Heading: "Outcomes", Cells: []Cell{{}, {}}})
	err := Write(&failWriter{}, r, Options{})
	if err == nil || !strings.Contains(err.Error(), `("Outcomes") has 2 cells for 3 columns`) {
		t.Fatalf("err = %v", err)
	}
	r.Columns = nil
	if err := Write(&failWriter{}, r, Options{}); err == nil || !strings.Contains(err.Error(), "0 columns") {
		t.Fatalf("err = %v", err)
	}
}

// errWriter fails, as a full disk does.
type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrorIsReturned(t *testing.T) {
	err := Write(errWriter{}, sampleReport(2, 1, 10), Options{})
	if err == nil || !strings.Contains(err.Error(), "disk full") || errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v", err)
	}
}

// TestHostileInputDoesNotPanic feeds what a damaged database could hold:
// invalid UTF-8, runes beyond the BMP, control characters, offsets out of
// range or reversed, an empty everything.
func TestHostileInputDoesNotPanic(t *testing.T) {
	r := sampleReport(2, 2, 30)
	p := &r.Sections[0].Cells[0].Parts[0]
	p.Text = "bad \xff\xfe bytes, emoji 😀 and \x00\x07 controls\r\n\ttab\u2028sep " + p.Text
	p.Highlights = append(p.Highlights,
		Highlight{Start: -10, End: 5, Codes: []Code{codeTrust}},
		Highlight{Start: 3, End: 1 << 30, Codes: []Code{codeHier}},
		Highlight{Start: 20, End: 10},
		Highlight{Start: 1 << 30, End: 1<<30 + 5},
		Highlight{Start: 0, End: 3, Codes: []Code{{Name: "No colour"}}},
	)
	r.Sections[1].Cells[1] = Cell{Parts: []Part{{}}}
	r.Sections[0].Heading = "\xff😀"
	r.Columns[0].Title = ""
	r.Title = "Title with \x01 control"
	data := renderPDF(t, r, Options{})
	text := pdfText(t, savePDF(t, data), 0, 0)
	for _, want := range []string{"bad", "emoji", "controls", "No colour"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	// The smallest report: one column and nothing else, a cover alone.
	minimal := renderPDF(t, Report{Columns: cases[:1], Date: reportDate}, Options{})
	if n := pageCount(t, savePDF(t, minimal)); n != 1 {
		t.Errorf("minimal report has %d pages, want 1", n)
	}
}

// TestCallerDataUntouched: cleaning works on copies.
func TestCallerDataUntouched(t *testing.T) {
	r := sampleReport(2, 1, 10)
	r.Sections[0].Cells[0].Parts[0].Text = "tab\there"
	renderPDF(t, r, Options{})
	if r.Sections[0].Cells[0].Parts[0].Text != "tab\there" {
		t.Fatal("Write changed the caller's report")
	}
}

func withSection(r Report, s SectionRow) Report {
	r.Sections = append(r.Sections, s)
	return r
}

func withAttribute(r Report, a AttributeRow) Report {
	r.Attributes = append(r.Attributes, a)
	return r
}

func withCode(r Report, c CodeRow) Report {
	r.Codes = append(r.Codes, c)
	return r
}
