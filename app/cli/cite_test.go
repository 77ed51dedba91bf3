package cli

// An internal test: it calls runCite directly, as the command table will
// once "cite" is registered. What the files say is exchange's to test; here:
// which cases are cited, the errors, and that a failed run leaves no file.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"casebook/store"
)

// citedKey matches the key of a case's entry, in BibTeX or RIS; the keys of
// its sources' entries go on with :srcN.
var citedKey = regexp.MustCompile(`(?m)(?:^@misc\{|^ID  - )casebook:([a-z0-9-]+)[,\r]`)

// citedIDs lists the case ids a citation file has an entry for, in order.
func citedIDs(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range citedKey.FindAllStringSubmatch(string(data), -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// casesWhere lists the ids of the catalogue's cases that keep, in title order.
func casesWhere(t *testing.T, st *store.Store, keep func(store.Case) bool) []string {
	t.Helper()
	ctx := context.Background()
	all, err := st.CaseIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, id := range all {
		c, err := st.Case(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if keep(c) {
			ids = append(ids, id)
		}
	}
	return ids
}

func TestCiteEveryCase(t *testing.T) {
	st := openTemp(t)
	all := casesWhere(t, st, func(store.Case) bool { return true })
	dir := t.TempDir()
	for format, name := range map[string]string{"--bibtex": "all.bib", "--ris": "all.ris"} {
		path := filepath.Join(dir, name)
		out := mustCall(t, st, runCite, format, path)
		if !regexp.MustCompile(`^cited 22 cases and \d+ sources in `).MatchString(out) {
			t.Errorf("%s: %q", format, out)
		}
		if got := citedIDs(t, path); !slices.Equal(got, all) {
			t.Errorf("%s cites %q, want every case in title order %q", format, got, all)
		}
	}
}

func TestCiteNamedCases(t *testing.T) {
	st := openTemp(t)
	path := filepath.Join(t.TempDir(), "two.ris")
	mustCall(t, st, runCite, "hu-government-windows", "no-nav-reform", "--ris", path, "hu-government-windows")
	if got, want := citedIDs(t, path), []string{"hu-government-windows", "no-nav-reform"}; !slices.Equal(got, want) {
		t.Errorf("cites %q, want %q in the order given, each once", got, want)
	}
	nav, err := st.Case(context.Background(), "no-nav-reform")
	if err != nil {
		t.Fatal(err)
	}
	out := mustCall(t, st, runCite, "no-nav-reform", "--bibtex", filepath.Join(t.TempDir(), "nav.bib"))
	if want := fmt.Sprintf("cited 1 case and %d sources in ", len(nav.Sources)); !strings.HasPrefix(out, want) {
		t.Errorf("one case: %q, want %q...", out, want)
	}
}

func TestCiteUnknownIDsWritesNothing(t *testing.T) {
	st := openTemp(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "out.bib")
	if err := os.WriteFile(path, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := call(t, st, runCite, "no-nav-reform", "no-such-case", "--bibtex", path, "nor-this")
	if err == nil || !strings.Contains(err.Error(), `"no-such-case", "nor-this"`) {
		t.Errorf("error %v does not name both unknown ids", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "mine" {
		t.Errorf("the file was changed to %q", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left %v behind", entries)
	}
}

func TestCiteAComparison(t *testing.T) {
	st := openTemp(t)
	dir := t.TempDir()
	mustCall(t, st, runCompare, "no-nav-reform", "ee-tootukassa-merger", "--save", "Welfare mergers")
	path := filepath.Join(dir, "mergers.bib")
	mustCall(t, st, runCite, "--comparison", "Welfare mergers", "--bibtex", path)
	if got, want := citedIDs(t, path), []string{"no-nav-reform", "ee-tootukassa-merger"}; !slices.Equal(got, want) {
		t.Errorf("cases comparison: cites %q, want %q", got, want)
	}

	mustCall(t, st, runCompare, "--countries", "NO,EE", "--save", "North")
	path = filepath.Join(dir, "north.ris")
	mustCall(t, st, runCite, "--comparison", "North", "--ris", path)
	got := citedIDs(t, path)
	want := append(casesWhere(t, st, func(c store.Case) bool { return c.Country == "NO" }),
		casesWhere(t, st, func(c store.Case) bool { return c.Country == "EE" })...)
	if !slices.Equal(got, want) {
		t.Errorf("country comparison: cites %q, want %q", got, want)
	}
}

// TestCiteAComparisonOfOverlappingGroups cites a case that stands in two
// columns once, so that its key is not written twice.
func TestCiteAComparisonOfOverlappingGroups(t *testing.T) {
	st := openTemp(t)
	_, err := st.SaveComparison(context.Background(), store.Comparison{Name: "Mechanisms", Kind: store.CompareGroups,
		Facet: store.KindMechanism, Members: []string{"hierarchy", "network"}})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "mechanisms.bib")
	out := mustCall(t, st, runCite, "--comparison", "Mechanisms", "--bibtex", path)
	got := citedIDs(t, path)
	want := casesWhere(t, st, func(c store.Case) bool {
		return slices.Contains(c.Mechanisms, "hierarchy") || slices.Contains(c.Mechanisms, "network")
	})
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) || !strings.HasPrefix(out, fmt.Sprintf("cited %d cases ", len(want))) {
		t.Errorf("cites %q (%q), want each of %q once", got, out, want)
	}
}

func TestCiteRefusals(t *testing.T) {
	st := openTemp(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out.bib")
	for _, args := range [][]string{
		{"no-nav-reform"},
		{"--bibtex", out, "--ris", filepath.Join(dir, "out.ris")},
		{"no-nav-reform", "--comparison", "X", "--bibtex", out},
		{"--bibtex", out, "--bogus"},
	} {
		var ue usageError
		if _, err := call(t, st, runCite, args...); !errors.As(err, &ue) {
			t.Errorf("%q: %v, want a usage error", args, err)
		}
	}
	if _, err := call(t, st, runCite, "--comparison", "No such", "--bibtex", out); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown comparison: %v", err)
	}
	if _, err := call(t, st, runCite, "--bibtex", filepath.Join(dir, "missing", "out.bib")); err == nil {
		t.Error("writing into a missing folder: no error")
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("left %v behind", entries)
	}
}
