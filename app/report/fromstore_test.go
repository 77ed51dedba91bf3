package report_test

import (
	"context"
	"io"
	"path/filepath"
	"testing"
	"time"

	"casebook/app/report"
	"casebook/seeds"
	"casebook/store"
)

// allSeeded compares the three policy fields, which together hold all 22
// seeded cases, with a highlight, so that the report covers every case.
func allSeeded(tb testing.TB) store.ComparisonView {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(tb.TempDir(), "c.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	if _, err := seeds.Load(ctx, st); err != nil {
		tb.Fatal(err)
	}
	nav, _ := st.Case(ctx, "no-nav-reform")
	start, end, _ := store.Occurrence(nav.Text("abstract"), "NAV reform", 1)
	code, _ := st.CreateCode(ctx, "", "Merger", "", "")
	st.Annotate(ctx, store.Highlight{CaseID: nav.ID, Section: "abstract", Start: start, End: end, Codes: []string{code.ID}, Memo: "ő"})
	v, err := st.Compare(ctx, store.Comparison{Kind: store.CompareGroups, Facet: store.KindField,
		Members: []string{"central-government", "health", "employment"}})
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

func TestFromComparisonCoversEveryCase(t *testing.T) {
	v := allSeeded(t)
	r := report.FromComparison(v, report.Meta{Title: "All fields", Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
	cases := 0
	for _, c := range v.Columns {
		cases += len(c.CaseIDs)
	}
	if cases != 22 || len(r.Columns) != 3 || r.Columns[2].Title != "Employment" {
		t.Fatalf("%d cases in %d columns", cases, len(r.Columns))
	}
	if len(r.References) < 44 {
		t.Errorf("%d references for 22 cases with at least two sources each", len(r.References))
	}
	var coded bool
	for _, s := range r.Sections {
		for _, c := range s.Cells {
			for _, p := range c.Parts {
				for _, h := range p.Highlights {
					coded = coded || (len(h.Codes) == 1 && h.Codes[0].Name == "Merger" && h.Codes[0].Color.A == 0xff && h.Memo == "ő")
				}
			}
		}
	}
	if !coded {
		t.Error("the highlight and its code did not reach the report")
	}
	if err := report.Write(io.Discard, r, report.Options{}); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkReportAllSeeded renders the comparison of the three fields: every
// seeded case, side by side, with all sections and references.
func BenchmarkReportAllSeeded(b *testing.B) {
	v := allSeeded(b)
	r := report.FromComparison(v, report.Meta{Title: "All fields", Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
	for b.Loop() {
		if err := report.Write(io.Discard, r, report.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
