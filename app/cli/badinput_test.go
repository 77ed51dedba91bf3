package cli_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// snapshot is everything a user could check about a catalogue: every case
// as a file, every note, every code and every saved comparison.
func snapshot(t *testing.T, db string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "snapshot")
	if _, errOut, code := run(t, db, "export", "--markdown", dir); code != 0 {
		t.Fatalf("snapshot: %s", errOut)
	}
	var b strings.Builder
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	for _, f := range files {
		data, _ := os.ReadFile(f)
		b.Write(data)
	}
	for _, cmd := range [][]string{{"notes", "--json"}, {"codes", "--json"}, {"comparisons", "--json"}} {
		out, _, _ := run(t, db, cmd...)
		b.WriteString(out)
	}
	return b.String()
}

// TestBadInputChangesNothing feeds the command line every kind of bad input
// it can meet: each gives a clear error (no panic, no SQL text), a non-zero
// exit, and leaves the catalogue as it was.
func TestBadInputChangesNothing(t *testing.T) {
	db, dir := newDB(t), t.TempDir()
	run(t, db, "annotate", "no-nav-reform", "--section", "abstract", "--quote", "NAV reform", "--code", "Merger")
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		return p
	}
	huge := write("huge.md", []byte("---\nid: x\n---\n"+strings.Repeat("words ", 1<<20)))
	binary := write("binary.md", []byte{0x00, 0xff, 0xfe, 0x01, '\n', 0x89, 'P', 'N', 'G'})
	badField := write("field.md", []byte("---\nid: ee-x\ntitle: X\ncountry: EE\nfield: education\nsources: [{title: s, url: https://x.org}]\n---\n## Abstract\nx\n"))
	notZip := write("project.qdpx", []byte("this is not a zip"))
	empty := filepath.Join(dir, "emptydir")
	os.Mkdir(empty, 0o755)
	before := snapshot(t, db)
	for name, args := range map[string][]string{
		"huge case file":       {"import", huge},
		"binary case file":     {"import", binary},
		"unknown field value":  {"import", badField},
		"missing file":         {"import", filepath.Join(dir, "nope.md")},
		"folder without cases": {"import", empty},
		"not a qdpx":           {"import", "--qdpx", notZip},
		"search of nothing":    {"search", `"*:-()`},
		"search of a NUL":      {"search", "\x00"},
		"excluding only":       {"search", "-nav"},
		"unknown case":         {"show", "no-such-case"},
		"quote not in text":    {"annotate", "no-nav-reform", "--section", "abstract", "--quote", "not in the text"},
		"unknown section":      {"annotate", "no-nav-reform", "--section", "nope", "--quote", "NAV"},
		"memo on no case":      {"memo", "nope", "text"},
		"huge memo":            {"memo", "no-nav-reform", strings.Repeat("x", 2<<20)},
		"invalid UTF-8 memo":   {"memo", "no-nav-reform", "bad \xff text"},
		"compare one case":     {"compare", "no-nav-reform"},
		"compare unknown case": {"compare", "no-nav-reform", "nope"},
		"report of nothing":    {"report", "--comparison", "nope", "--pdf", filepath.Join(dir, "x.pdf")},
		"pdf into no folder":   {"compare", "no-nav-reform", "de-jobcenters", "--pdf", filepath.Join(dir, "no", "x.pdf")},
		"backup over a file":   {"backup", huge},
		"unknown command":      {"frobnicate"},
		"unknown flag":         {"list", "--frobnicate"},
		"negative limit":       {"search", "nav", "--limit", "-1"},
		"export nowhere":       {"export"},
	} {
		_, errOut, code := run(t, db, args...)
		if code == 0 || errOut == "" {
			t.Errorf("%s: exit %d, no error", name, code)
		}
		for _, line := range strings.Split(strings.TrimSpace(errOut), "\n") {
			usage := strings.HasPrefix(line, "usage: ") || strings.HasPrefix(line, "       casebook ")
			if !strings.HasPrefix(line, "casebook: ") && !usage || strings.Contains(strings.ToLower(line), "sql") ||
				strings.Contains(line, "panic") {
				t.Errorf("%s: unclear error line %q", name, line)
			}
		}
	}
	if after := snapshot(t, db); after != before {
		t.Error("bad input changed the catalogue")
	}
}

// TestLockedCatalogue holds the write lock from another connection longer
// than the busy timeout: the command waits, then says so plainly.
func TestLockedCatalogue(t *testing.T) {
	db := newDB(t)
	run(t, db, "list")
	other, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := run(t, db, "memo", "no-nav-reform", "while locked")
	conn.ExecContext(context.Background(), "ROLLBACK")
	if code != 1 || !strings.Contains(errOut, "locked by another program") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("locked: exit %d, %q", code, errOut)
	}
	out, _, _ := run(t, db, "notes", "--json")
	if strings.TrimSpace(out) != "[]" {
		t.Errorf("the locked write happened after all: %s", out)
	}
}
