package cli_test

import (
	"encoding/json"
	"strings"
	"testing"

	"casebook/app/cli"
	"casebook/store"
)

func TestCompareCommands(t *testing.T) {
	db := newDB(t)
	out, errOut, code := run(t, db, "compare", "no-nav-reform", "ee-tootukassa-merger", "de-jobcenters", "--sections", "abstract,effects", "--save", "Mergers")
	if code != 0 || !strings.Contains(out, "Country *") || !strings.Contains(out, "== Abstract ==") || strings.Contains(out, "== Lessons ==") {
		t.Fatalf("compare: %d %q\n%s", code, errOut, out)
	}
	out, _, _ = run(t, db, "comparisons", "--json")
	var list []store.Comparison
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) != 1 || list[0].Name != "Mergers" || len(list[0].Members) != 3 {
		t.Errorf("comparisons: %v %q", err, out)
	}
	out, _, code = run(t, db, "compare", "--countries", "no,ee", "--field", "employment", "--json")
	var v store.ComparisonView
	if err := json.Unmarshal([]byte(out), &v); err != nil || code != 0 || v.Columns[0].Title != "Norway (NO)" || len(v.Columns[1].CaseIDs) != 1 {
		t.Errorf("countries: %v %+v", err, v.Columns)
	}
	out, _, code = run(t, db, "compare", "--fields", "central-government,health,employment", "--json")
	total := 0
	if err := json.Unmarshal([]byte(out), &v); err == nil {
		for _, c := range v.Columns {
			total += len(c.CaseIDs)
		}
	}
	if code != 0 || total != 22 {
		t.Errorf("the three fields hold %d cases, want 22", total)
	}
	for _, args := range [][]string{{"compare", "no-nav-reform"}, {"compare", "--countries", "NO,EE", "--fields", "health,employment"}, {"compare", "a", "b", "c", "d", "e"}, {"compare", "x", "--countries", "NO,EE"}} {
		if _, _, code := run(t, db, args...); code != cli.ExitUsage {
			t.Errorf("%v: exit %d", args, code)
		}
	}
	if _, errOut, code := run(t, db, "compare", "no-nav-reform", "nope"); code != cli.ExitFailure || strings.Count(errOut, "\n") != 1 {
		t.Errorf("unknown case: %d %q", code, errOut)
	}
}
