package cli_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"casebook/app/cli"
)

func TestAnnotateMemoNotesCodes(t *testing.T) {
	db := newDB(t)
	// The GUI holds the catalogue open while the commands run.
	gui, err := cli.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer gui.Close()

	out, errOut, code := run(t, db, "annotate", "no-nav-reform", "--section", "abstract", "--quote", "NAV reform",
		"--code", "Structure/Merger", "--code", "Partnership", "--memo", "compare with Töötukassa", "--author", "Lise")
	if code != 0 || len(strings.TrimSpace(out)) != 36 {
		t.Fatalf("annotate: %d %q %q", code, out, errOut)
	}
	id := strings.TrimSpace(out)
	if _, errOut, code := run(t, db, "memo", "no-nav-reform", "--section", "lessons", "Lessons", "memo", "ő"); code != 0 {
		t.Fatalf("memo: %s", errOut)
	}
	annotations, err := gui.Annotations(context.Background(), "no-nav-reform")
	if err != nil || len(annotations) != 1 || annotations[0].ID != id || annotations[0].Author != "Lise" {
		t.Fatalf("the open catalogue does not see the annotation: %+v %v", annotations, err)
	}
	out, _, _ = run(t, db, "notes", "--json", "no-nav-reform")
	var notes []struct {
		Case        string
		Annotations []struct{ Quote, Memo string }
		Memos       []struct{ Section, Text string }
	}
	if err := json.Unmarshal([]byte(out), &notes); err != nil || len(notes) != 1 ||
		notes[0].Annotations[0].Quote != "NAV reform" || notes[0].Memos[0].Text != "Lessons memo ő" {
		t.Errorf("notes --json: %v %q", err, out)
	}
	out, _, _ = run(t, db, "codes")
	for _, want := range []string{"Structure/Merger", "Partnership"} {
		if !strings.Contains(out, want) {
			t.Errorf("codes lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = run(t, db, "search", "tootukassa")
	if !strings.Contains(out, "no-nav-reform") {
		t.Errorf("search does not find the memo:\n%s", out)
	}
}

func TestAnnotateErrors(t *testing.T) {
	db := newDB(t)
	for _, args := range [][]string{
		{"annotate", "no-nav-reform", "--section", "abstract", "--quote", "words that are not there"},
		{"annotate", "no-nav-reform", "--section", "abstract", "--quote", "NAV", "--occurrence", "99"},
		{"annotate", "no-such-case", "--section", "abstract", "--quote", "NAV"},
		{"memo", "no-such-case", "text"},
		{"memo", "no-nav-reform", "--section", "nope", "text"},
	} {
		_, errOut, code := run(t, db, args...)
		if code != cli.ExitFailure || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
	if _, _, code := run(t, db, "annotate", "no-nav-reform"); code != cli.ExitUsage {
		t.Errorf("annotate without --quote: exit %d", code)
	}
	out, _, _ := run(t, db, "notes", "--json")
	if strings.TrimSpace(out) != "[]" {
		t.Errorf("failed commands left notes: %s", out)
	}
}
