package cli_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"casebook/app/cli"
	"casebook/store"
)

func TestSimilarCommand(t *testing.T) {
	db := newDB(t)
	out, errOut, code := run(t, db, "similar", "no-nav-reform", "--section", "abstract", "--json", "--limit", "5")
	var hits []store.Hit
	if err := json.Unmarshal([]byte(out), &hits); err != nil || code != 0 || len(hits) == 0 {
		t.Fatalf("similar: %d %q %v", code, errOut, err)
	}
	employment := map[string]bool{"ee-tootukassa-merger": true, "fr-pole-emploi": true, "de-jobcenters": true, "dk-municipal-jobcentres": true}
	found := false
	for _, h := range hits[:min(3, len(hits))] {
		found = found || employment[h.ID]
		if h.ID == "no-nav-reform" {
			t.Error("the case itself is listed")
		}
	}
	if !found {
		t.Errorf("no employment-service merger among the three most similar to NAV: %v", hits)
	}
	if _, errOut, code := run(t, db, "similar", "no-nav-reform", "--section", "abstract", "--quote", "not in the text"); code != cli.ExitFailure || !strings.Contains(errOut, "is not in section") {
		t.Errorf("quote not there: %d %q", code, errOut)
	}
	if _, _, code := run(t, db, "similar", "no-nav-reform"); code != cli.ExitUsage {
		t.Errorf("without --section: %d", code)
	}
}

func TestExportCitations(t *testing.T) {
	db, dir := newDB(t), t.TempDir()
	for _, format := range []string{"--bibtex", "--ris"} {
		path := dir + "/all" + format[2:]
		if _, errOut, code := run(t, db, "export", format, path); code != 0 {
			t.Fatalf("export %s: %s", format, errOut)
		}
		data, _ := os.ReadFile(path)
		if !strings.Contains(string(data), "Lægreid") || !strings.Contains(string(data), "Töötukassa") {
			t.Errorf("export %s lacks the catalogue's names", format)
		}
	}
}

func TestPackCommands(t *testing.T) {
	a, b, dir := newDB(t), newDB(t), t.TempDir()
	run(t, a, "annotate", "no-nav-reform", "--section", "abstract", "--quote", "NAV reform", "--code", "Merger", "--memo", "ő", "--author", "Per")
	pack := dir + "/per.json"
	if out, errOut, code := run(t, a, "export", "--pack", pack); code != 0 || !strings.Contains(out, "1 highlights") {
		t.Fatalf("export --pack: %q %q", out, errOut)
	}
	out, errOut, code := run(t, b, "import", "--pack", pack)
	if code != 0 || !strings.Contains(out, "0 conflicts") {
		t.Fatalf("import --pack: %q %q", out, errOut)
	}
	out, _, _ = run(t, b, "import", "--pack", pack)
	if !strings.Contains(out, " 0 added") {
		t.Errorf("importing twice: %q", out)
	}
	notes, _, _ := run(t, b, "notes", "no-nav-reform")
	if !strings.Contains(notes, `"NAV reform"`) || !strings.Contains(notes, "Per") {
		t.Errorf("b's notes: %s", notes)
	}
	os.WriteFile(dir+"/bad.json", []byte(`{"format":"casebook-pack/1","memos":[{"id":"m","case":"nope","text":"x"}]}`), 0o644)
	if _, errOut, code := run(t, b, "import", "--pack", dir+"/bad.json"); code != cli.ExitFailure || !strings.Contains(errOut, "nope") {
		t.Errorf("a pack on an unknown case: %d %q", code, errOut)
	}
	os.WriteFile(dir+"/junk.json", []byte("not json"), 0o644)
	if _, errOut, code := run(t, b, "import", "--pack", dir+"/junk.json"); code != cli.ExitFailure || !strings.Contains(errOut, "not a Casebook annotation pack") {
		t.Errorf("junk: %d %q", code, errOut)
	}
}

func TestImportCodebookCommand(t *testing.T) {
	db, dir := newDB(t), t.TempDir()
	os.WriteFile(dir+"/b.qdc", []byte(`<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>`+
		`<Code guid="d6a3c3c2-7f41-4f0e-8a55-5b1d2a9e1c01" name="Bizalom" isCodable="true" color="#AA3300"/></Codes></CodeBook>`), 0o644)
	if out, errOut, code := run(t, db, "import", "--qdc", dir+"/b.qdc"); code != 0 || !strings.Contains(out, "imported 1 codes") {
		t.Fatalf("import --qdc: %q %q", out, errOut)
	}
	if out, _, _ := run(t, db, "codes"); !strings.Contains(out, "Bizalom") {
		t.Errorf("codes: %s", out)
	}
	os.WriteFile(dir+"/bad.qdc", []byte("<x/>"), 0o644)
	if _, errOut, code := run(t, db, "import", "--qdc", dir+"/bad.qdc"); code != cli.ExitFailure || !strings.Contains(errOut, "not a REFI-QDA codebook") {
		t.Errorf("bad codebook: %d %q", code, errOut)
	}
}
