package cli

// An internal test: it calls the run functions of interop.go directly, as
// the command table will once they are registered.

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casebook/store"
	"casebook/store/storetest"
)

// openTemp opens a new seeded catalogue in a temporary folder, without the
// starter codebook (deleted as a user may), so the tests see their own codes.
func openTemp(t *testing.T) *store.Store {
	t.Helper()
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "catalogue.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	storetest.WithoutCodes(t, st)
	return st
}

// call runs a command's function and returns its output.
func call(t *testing.T, st *store.Store, run func(context.Context, *store.Store, []string, io.Writer) error, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), st, args, &out)
	return out.String(), err
}

func mustCall(t *testing.T, st *store.Store, run func(context.Context, *store.Store, []string, io.Writer) error, args ...string) string {
	t.Helper()
	out, err := call(t, st, run, args...)
	if err != nil {
		t.Fatalf("%q: %v", args, err)
	}
	return out
}

// notesJSON is what "notes --json" prints, without the ids, which an import renews.
func notesJSON(t *testing.T, st *store.Store) string {
	t.Helper()
	var all []caseNotes
	if err := json.Unmarshal([]byte(mustCall(t, st, runNotes, "--json")), &all); err != nil {
		t.Fatal(err)
	}
	codes, err := st.Codes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for i := range all {
		for j := range all[i].Annotations {
			a := &all[i].Annotations[j]
			for k, id := range a.Codes {
				a.Codes[k] = store.CodePath(codes, id)
			}
			a.ID, a.Updated = "", a.Created
		}
		for j := range all[i].Memos {
			all[i].Memos[j].ID, all[i].Memos[j].Updated = "", all[i].Memos[j].Created
		}
	}
	data, _ := json.MarshalIndent(all, "", " ")
	return string(data)
}

func TestExportThenImportQDPXKeepsTheNotes(t *testing.T) {
	from := openTemp(t)
	mustCall(t, from, runAnnotate, "no-nav-reform", "--section", "practice", "--quote", "joint local offices",
		"--code", "Structure/Merger", "--memo", "one-stop offices, ő", "--author", "Per Lægreid")
	mustCall(t, from, runMemo, "ee-tootukassa-merger", "--section", "abstract", "--author", "Zoë", "Compare with NAV")
	path := filepath.Join(t.TempDir(), "catalogue.qdpx")
	out := mustCall(t, from, runExportAll, "--qdpx", path)
	if !strings.HasPrefix(out, "exported 22 cases, 2 codes, 1 highlights and 1 memos to ") {
		t.Errorf("export said %q", out)
	}
	to := openTemp(t)
	out = mustCall(t, to, runImportAll, "--qdpx", path)
	if !strings.HasPrefix(out, "imported 22 cases, 2 codes, 1 highlights and 1 memos from ") || strings.Contains(out, "warning") {
		t.Errorf("import said %q", out)
	}
	if want, got := notesJSON(t, from), notesJSON(t, to); want != got {
		t.Errorf("notes after the round trip:\n%s\nwant\n%s", got, want)
	}
	out = mustCall(t, to, runImportAll, "--qdpx", path)
	if !strings.Contains(out, "0 highlights and 0 memos") || !strings.Contains(out, "2 codes were in the codebook already; 2 highlights and memos") {
		t.Errorf("importing again said %q, want nothing new", out)
	}
}

func TestImportBadQDPXChangesNothing(t *testing.T) {
	from := openTemp(t)
	good := filepath.Join(t.TempDir(), "good.qdpx")
	mustCall(t, from, runAnnotate, "no-nav-reform", "--section", "abstract", "--quote", "NAV", "--code", "Merger", "--author", "A")
	mustCall(t, from, runExportAll, "--qdpx", good)
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	truncated := filepath.Join(t.TempDir(), "cut.qdpx")
	if err := os.WriteFile(truncated, data[:len(data)-100], 0o644); err != nil {
		t.Fatal(err)
	}
	to := openTemp(t)
	mustCall(t, to, runMemo, "de-jobcenters", "--author", "B", "a memo of my own")
	before := notesJSON(t, to)
	for _, path := range []string{truncated, filepath.Join(t.TempDir(), "missing.qdpx")} {
		_, err := call(t, to, runImportAll, "--qdpx", path)
		if err == nil || strings.Contains(store.Message(err), "\n") || !strings.Contains(err.Error(), path) {
			t.Errorf("importing %s: error %v, want one line naming the file", path, err)
		}
	}
	if after := notesJSON(t, to); after != before {
		t.Errorf("a failed import changed the notes:\n%s", after)
	}
	if c, _ := to.Case(context.Background(), "no-nav-reform"); c.Origin != store.OriginSeed {
		t.Errorf("a failed import made no-nav-reform a %s case", c.Origin)
	}
}

func TestImportQDPXPrintsWarnings(t *testing.T) {
	st := openTemp(t)
	good := filepath.Join(t.TempDir(), "good.qdpx")
	mustCall(t, st, runExportAll, "--qdpx", good)
	withExtra := filepath.Join(t.TempDir(), "extra.qdpx")
	addToZip(t, good, withExtra, "Sources/interview.mp3", "not from Casebook")
	out := mustCall(t, openTemp(t), runImportAll, "--qdpx", withExtra)
	if !strings.Contains(out, "\nwarning: skipped Sources/interview.mp3 in the archive") {
		t.Errorf("import said %q, want a warning about the file it skipped", out)
	}
}

// addToZip copies the zip from into to, with one more file.
func addToZip(t *testing.T, from, to, name, content string) {
	t.Helper()
	zr, err := zip.OpenReader(from)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	for _, file := range zr.File {
		if err := zw.Copy(file); err != nil {
			t.Fatal(err)
		}
	}
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, content)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestExportCSVCommand(t *testing.T) {
	st := openTemp(t)
	mustCall(t, st, runAnnotate, "no-nav-reform", "--section", "abstract", "--quote", "NAV", "--code", "Structure/One-stop shop", "--author", "A")
	path := filepath.Join(t.TempDir(), "qca.csv")
	out := mustCall(t, st, runExportAll, "--csv", path, "--codes", "--excel")
	if out != "exported 22 cases to "+path+"\n" {
		t.Errorf("export said %q", out)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	r.Comma = ';'
	records, err := r.ReadAll()
	if err != nil || !bytes.HasPrefix(data, []byte("\uFEFF")) {
		t.Fatalf("%v; BOM: %v", err, bytes.HasPrefix(data, []byte("\uFEFF")))
	}
	header := strings.Join(records[0], ",")
	if len(records) != 23 || !strings.HasSuffix(header, "mechanism_market,code_structure,code_structure_present,code_structure_one_stop_shop,code_structure_one_stop_shop_present") {
		t.Errorf("%d records, header %s", len(records), header)
	}
}

func TestExportAndImportCommandLines(t *testing.T) {
	st := openTemp(t)
	dir := t.TempDir()
	for _, args := range [][]string{
		{},
		{"--markdown", dir, "--qdpx", filepath.Join(dir, "x.qdpx")},
		{"--qdpx", filepath.Join(dir, "x.qdpx"), "--codes"},
		{"--csv", filepath.Join(dir, "x.csv"), "extra"},
	} {
		var ue usageError
		if _, err := call(t, st, runExportAll, args...); !errors.As(err, &ue) {
			t.Errorf("export %q: %v, want a usage error", args, err)
		}
	}
	var ue usageError
	if _, err := call(t, st, runImportAll, "--qdpx", "a.qdpx", "b.qdpx"); !errors.As(err, &ue) {
		t.Errorf("import --qdpx with two files: %v, want a usage error", err)
	}
	md := filepath.Join(dir, "md")
	if out := mustCall(t, st, runExportAll, "--markdown", md); out != "exported 22 cases to "+md+"\n" {
		t.Errorf("export --markdown said %q", out)
	}
	if out := mustCall(t, st, runImportAll, filepath.Join(md, "no-nav-reform.md")); out != "imported 1 of 1 case files\n" {
		t.Errorf("import of a case file said %q", out)
	}
}
