package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"casebook/app/cli"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// newTestBrowser opens the main screen over a real seeded catalogue.
func newTestBrowser(t *testing.T) (*Browser, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	st, err := cli.Open(context.Background(), filepath.Join(t.TempDir(), "catalogue.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w := test.NewTempWindow(t, nil)
	b := New(w, st)
	return b, w
}

func TestTypingNarrowsTheList(t *testing.T) {
	b, _ := newTestBrowser(t)
	if n := len(b.Results()); n != 22 {
		t.Fatalf("%d cases listed at start", n)
	}
	test.Type(b.search, "kormanyablak")
	ids := b.Results()
	if len(ids) == 0 || len(ids) > 3 || !contains(ids, "hu-government-windows") {
		t.Errorf("after typing: %v", ids)
	}
	if !strings.Contains(b.count.Text, "case") {
		t.Errorf("count label %q", b.count.Text)
	}
	b.search.SetText("")
	test.Type(b.search, "zzzzqqq")
	if len(b.Results()) != 0 || b.count.Text != `No cases match "zzzzqqq"` {
		t.Errorf("empty state: %v %q", b.Results(), b.count.Text)
	}
}

func TestSelectingOpensTheReader(t *testing.T) {
	b, _ := newTestBrowser(t)
	test.Type(b.search, "NAV reform")
	if len(b.Results()) == 0 {
		t.Fatal("no results")
	}
	b.list.Select(0)
	if b.reader.shown != b.Results()[0] {
		t.Fatalf("reader shows %q", b.reader.shown)
	}
	var text strings.Builder
	for _, seg := range b.reader.text.Segments {
		if ts, ok := seg.(*widget.TextSegment); ok {
			text.WriteString(ts.Text + "\n")
		}
	}
	for _, want := range []string{"Coordinating Norwegian welfare: the NAV reform", "Norway (NO)", "Abstract", "Sources"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("reader lacks %q", want)
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
