package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casebook/app/cli"
	"casebook/store"
	"casebook/store/storetest"
)

// run runs casebook with args against the catalogue db and returns its
// output, its error output and its exit code.
func run(t *testing.T, db string, args ...string) (string, string, int) {
	t.Helper()
	inv, err := cli.Parse(append([]string{"--db", db}, args...), func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := cli.Run(context.Background(), inv, &out, &errOut)
	return out.String(), errOut.String(), code
}

func newDB(t *testing.T) string { return filepath.Join(t.TempDir(), "catalogue.db") }

func TestParseChoosesTheCatalogue(t *testing.T) {
	env := map[string]string{"CASEBOOK_DB": "/env.db"}
	inv, _ := cli.Parse([]string{"list"}, func(k string) string { return env[k] })
	if inv.DB != "/env.db" || inv.Command != "list" {
		t.Errorf("env: %+v", inv)
	}
	inv, _ = cli.Parse([]string{"--db", "/flag.db", "show", "x", "--json"}, func(k string) string { return env[k] })
	if inv.DB != "/flag.db" || inv.Command != "show" || strings.Join(inv.Args, " ") != "x --json" {
		t.Errorf("flag: %+v", inv)
	}
	inv, _ = cli.Parse(nil, func(string) string { return "" })
	if inv.Command != "" || !strings.HasSuffix(inv.DB, filepath.Join("casebook", "catalogue.db")) {
		t.Errorf("default: %+v", inv)
	}
	if _, err := cli.Parse([]string{"--frobnicate"}, func(string) string { return "" }); err == nil {
		t.Error("unknown option accepted")
	}
}

func TestListJSONHasTheSeededCatalogue(t *testing.T) {
	out, errOut, code := run(t, newDB(t), "list", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var cases []struct {
		ID, Country, Field, Provenance string
		Sources                        []store.Source
		Sections                       []store.Section
	}
	if err := json.Unmarshal([]byte(out), &cases); err != nil {
		t.Fatal(err)
	}
	countries, fields := map[string]bool{}, map[string]bool{}
	for _, c := range cases {
		countries[c.Country], fields[c.Field] = true, true
		if c.Provenance == "" || len(c.Sources) < 2 || len(c.Sections) != 0 {
			t.Errorf("%s: provenance %q, %d sources, %d sections", c.ID, c.Provenance, len(c.Sources), len(c.Sections))
		}
	}
	if len(cases) != 22 || len(countries) < 9 || len(fields) != 3 {
		t.Errorf("%d cases, %d countries, %d fields", len(cases), len(countries), len(fields))
	}
	out, _, _ = run(t, newDB(t), "list", "--country", "no", "--field", "employment")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 1 || !strings.HasPrefix(lines[0], "no-nav-reform") {
		t.Errorf("list NO employment: %q", out)
	}
}

func TestSearchCommand(t *testing.T) {
	db := newDB(t)
	out, _, code := run(t, db, "search", "kormanyhivatal")
	if code != 0 || !strings.Contains(out, "hu-government-windows") || !strings.Contains(out, "«kormányhivatal") {
		t.Errorf("kormanyhivatal: %d %q", code, out)
	}
	out, _, _ = run(t, db, "search", "nav", "--limit", "1")
	if !strings.HasPrefix(out, "no-nav-reform") {
		t.Errorf("nav: %q", out)
	}
	for _, q := range []string{`"`, `*`, `AND (`, `NEAR(`, `-`, `:`} {
		out, errOut, code := run(t, db, "search", q)
		if code == 0 && out == "" || code != 0 && (errOut == "" || strings.Contains(strings.ToLower(errOut), "fts5") || strings.Contains(errOut, "syntax")) {
			t.Errorf("%q: exit %d out %q err %q", q, code, out, errOut)
		}
		if code != 0 && strings.Count(errOut, "\n") != 1 {
			t.Errorf("%q: more than one line of error: %q", q, errOut)
		}
	}
	out, _, _ = run(t, db, "search", "--json", "pôle emploi")
	var hits []store.Hit
	if err := json.Unmarshal([]byte(out), &hits); err != nil || len(hits) == 0 || hits[0].ID != "fr-pole-emploi" {
		t.Errorf("json: %v %q", err, out)
	}
}

func TestShow(t *testing.T) {
	db := newDB(t)
	out, _, code := run(t, db, "show", "no-nav-reform")
	if code != 0 || !strings.Contains(out, "Coordinating Norwegian welfare") || !strings.Contains(out, "Abstract\n--------") {
		t.Errorf("show: %d %q", code, out)
	}
	out, _, _ = run(t, db, "show", "--json", "no-nav-reform")
	var c store.Case
	if err := json.Unmarshal([]byte(out), &c); err != nil || c.ID != "no-nav-reform" || c.Text("abstract") == "" {
		t.Errorf("json: %v %+v", err, c)
	}
	_, errOut, code := run(t, db, "show", "no-such-case")
	if code != cli.ExitFailure || errOut != "casebook: case no-such-case: no case with id \"no-such-case\"\n" {
		t.Errorf("missing: %d %q", code, errOut)
	}
	_, errOut, code = run(t, db, "show")
	if code != cli.ExitUsage || !strings.Contains(errOut, "usage: casebook show ID") {
		t.Errorf("usage: %d %q", code, errOut)
	}
}

const caseFile = `---
id: %s
title: "%s"
country: EE
field: health
provenance: related
sources:
  - title: "A source"
    url: https://example.org/a
---

## Abstract
%s
`

func writeCase(t *testing.T, dir, name, id, title, abstract string) {
	t.Helper()
	text := strings.NewReplacer("%s", "\x00").Replace(caseFile)
	for _, v := range []string{id, title, abstract} {
		text = strings.Replace(text, "\x00", v, 1)
	}
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestImportFolderWithBadFiles(t *testing.T) {
	db, dir := newDB(t), t.TempDir()
	writeCase(t, dir, "good.md", "ee-good", "Good case", "Fine.")
	crlf := strings.ReplaceAll("\uFEFF"+strings.Replace(caseFile, "%s", "ee-crlf", 1), "\n", "\r\n")
	crlf = strings.Replace(strings.Replace(crlf, "%s", "CRLF case", 1), "%s", "Windows line endings.", 1)
	os.WriteFile(filepath.Join(dir, "crlf.md"), []byte(crlf), 0o644)
	writeCase(t, dir, "field.md", "ee-field", "Bad field", "x")
	os.WriteFile(filepath.Join(dir, "field.md"), bytes.Replace(must(os.ReadFile(filepath.Join(dir, "field.md"))), []byte("field: health"), []byte("field: education"), 1), 0o644)
	writeCase(t, dir, "repeat.md", "ee-repeat", "Repeated", "x\n\n## Abstract\ny")
	writeCase(t, dir, "notitle.md", "ee-notitle", "", "x")
	os.WriteFile(filepath.Join(dir, "utf8.md"), []byte("---\nid: ee-bin\ntitle: \xff\n---\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "open.md"), []byte("---\nid: ee-open\ntitle: Open\n\n## Abstract\nx\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a case file"), 0o644)

	before, _, _ := run(t, db, "list")
	out, errOut, code := run(t, db, "import", dir)
	if code != cli.ExitFailure || !strings.Contains(out, "imported 2 of 7 case files") {
		t.Errorf("exit %d, out %q", code, out)
	}
	for _, want := range []string{"field.md:5: unknown field \"education\"", "repeat.md:15: section \"Abstract\" is repeated",
		"notitle.md:3: title is missing", "utf8.md:3: the file is not valid UTF-8", "open.md:1: the front matter opened here is never closed",
		"5 files not imported"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	after, _, _ := run(t, db, "list")
	if strings.Count(after, "\n") != strings.Count(before, "\n")+2 || !strings.Contains(after, "ee-crlf") || !strings.Contains(after, "ee-good") {
		t.Errorf("list after import:\n%s", after)
	}
	// Re-importing the same id updates the case in place.
	writeCase(t, dir, "good.md", "ee-good", "Good case, revised", "Fine.")
	if _, errOut, code := run(t, db, "import", filepath.Join(dir, "good.md")); code != 0 {
		t.Fatalf("re-import: %s", errOut)
	}
	out, _, _ = run(t, db, "list", "--country", "EE")
	if !strings.Contains(out, "Good case, revised") || strings.Count(out, "ee-good") != 1 {
		t.Errorf("re-import did not update in place:\n%s", out)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestExportThenImportGivesTheSameCases(t *testing.T) {
	db, dir := newDB(t), filepath.Join(t.TempDir(), "export")
	if _, errOut, code := run(t, db, "export", "--markdown", dir); code != 0 {
		t.Fatal(errOut)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	if len(files) != 22 {
		t.Fatalf("%d files exported", len(files))
	}
	fresh := newDB(t)
	if _, errOut, code := run(t, fresh, "import", dir); code != 0 {
		t.Fatal(errOut)
	}
	for _, f := range files {
		id := strings.TrimSuffix(filepath.Base(f), ".md")
		a, _, _ := run(t, db, "show", id)
		b, _, _ := run(t, fresh, "show", id)
		if a != b {
			t.Errorf("%s differs after export and import", id)
		}
	}
	_, errOut, code := run(t, db, "export", "--markdown", dir)
	if code != cli.ExitFailure || !strings.Contains(errOut, "already exists") {
		t.Errorf("export over existing files: %d %q", code, errOut)
	}
}

func TestBackupCommand(t *testing.T) {
	db := newDB(t)
	file := filepath.Join(t.TempDir(), "copy.db")
	if _, errOut, code := run(t, db, "backup", file); code != 0 {
		t.Fatal(errOut)
	}
	out, _, code := run(t, file, "list")
	if code != 0 || strings.Count(out, "\n") != 22 {
		t.Errorf("backup does not hold the catalogue: %q", out)
	}
	if _, errOut, code := run(t, db, "backup", file); code != cli.ExitFailure || !strings.Contains(errOut, "already exists") {
		t.Errorf("backup over a file: %d %q", code, errOut)
	}
	if entries, _ := os.ReadDir(filepath.Join(filepath.Dir(db), "backups")); len(entries) != 0 {
		t.Errorf("a CLI call took an automatic backup: %v", entries)
	}
}

func TestUsageAndVersion(t *testing.T) {
	db := newDB(t)
	if _, _, code := run(t, db, "frobnicate"); code != cli.ExitUsage {
		t.Errorf("unknown command: %d", code)
	}
	if _, _, code := run(t, db, "list", "--bogus"); code != cli.ExitUsage {
		t.Errorf("unknown flag: %d", code)
	}
	if _, _, code := run(t, db, "search", "x", "--limit", "0"); code != cli.ExitUsage {
		t.Errorf("--limit 0: %d", code)
	}
	if out, _, code := run(t, db, "version"); code != 0 || !strings.HasPrefix(out, "casebook "+cli.Version) {
		t.Errorf("version: %q", out)
	}
}

func TestSearchSaysWhenTooManyMatchToRank(t *testing.T) {
	db := newDB(t)
	run(t, db, "list")
	st, err := cli.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	g, err := storetest.NewGenerator(4)
	if err != nil {
		t.Fatal(err)
	}
	err = st.ImportCases(context.Background(), store.OriginImport, g.Cases(store.RankLimit+30), nil)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, _, code := run(t, db, "search", "the", "--limit", "3")
	if code != 0 || !strings.HasPrefix(out, "more than 1500 cases match, too many to rank: the newest come first") {
		t.Errorf("broad search: %d %q", code, out)
	}
	out, _, _ = run(t, db, "search", "nav", "--limit", "3")
	if strings.Contains(out, "too many to rank") {
		t.Errorf("a ranked search says it is not: %q", out)
	}
}
