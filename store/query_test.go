package store

import (
	"errors"
	"testing"
)

func TestMatchExpression(t *testing.T) {
	for in, want := range map[string]string{
		"nav":               `"nav"*`,
		"  Kormány  ablak ": `"Kormány"* AND "ablak"*`,
		`"one stop" shop`:   `"one stop" AND "shop"*`,
		"one-stop":          `"one stop"*`,
		"welfare -health":   `"welfare"* NOT ("health"*)`,
		`AND (`:             `"AND"*`,
		`NEAR(nav`:          `"NEAR"* AND "nav"*`,
		`"`:                 ``,
		`* : - ( )`:         ``,
		`Łódź Straße`:       `"Lódź"* AND "Strasse"*`,
		`title:nav`:         `"title"* AND "nav"*`, `e.g.`: `"e g"*`, `O’Brien`: `"O Brien"*`,
		`a"b`:               `"a" AND "b"`,
		`"unclosed phrase`:  `"unclosed phrase"`,
		`-"x y" z`:          `"z" NOT ("x y")`,
		"tab\tand\nnewline": `"tab"* AND "and"* AND "newline"*`,
	} {
		got, err := MatchExpression(in)
		if err != nil || got != want {
			t.Errorf("MatchExpression(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := MatchExpression("-health"); !errors.Is(err, ErrInvalid) {
		t.Errorf("only exclusions: err = %v", err)
	}
}

func TestUnfoldSections(t *testing.T) {
	sections := []Section{{Key: "abstract", Text: "In Łódź, the plan."}, {Key: "practice", Text: "The Straße and Ørsta; also Łódź again."}}
	snip := "…The \x02Strasse\x03 and \x02Orsta\x03; also Lódź…"
	want := "…The \x02Straße\x03 and \x02Ørsta\x03; also Łódź…"
	got, part := unfoldSections(snip, sections)
	if got != want || part != "practice" {
		t.Errorf("unfoldSections = %q, %q; want %q, practice", got, part, want)
	}
	if got, part := unfoldSections("In Lódź", sections); got != "In Łódź" || part != "abstract" {
		t.Errorf("first section: %q %q", got, part)
	}
	// The snippet's first words also occur inside a word ("Hand and") and
	// earlier as a shorter run ("and Orsta;" before "and Orsta's"): only
	// the whole run at a word's start counts.
	tricky := []Section{{Key: "abstract", Text: "Hand and Ørsta; and Ørsta"}, {Key: "practice", Text: "Ærø and Ørsta’s plan, and Ørsta's"}}
	for snip, want := range map[string][2]string{
		"and \x02Orsta\x03’s plan…": {"and \x02Ørsta\x03’s plan…", "practice"},
		"…and Orsta; and":           {"…and Ørsta; and", "abstract"},
		"AEro and Orsta":            {"Ærø and Ørsta", "practice"},
		"and Orsta's":               {"and Ørsta's", "practice"},
		"nowhere to be found":       {"nowhere to be found", ""},
	} {
		if got, part := unfoldSections(snip, tricky); got != want[0] || part != want[1] {
			t.Errorf("unfoldSections(%q) = %q, %q; want %q, %q", snip, got, part, want[0], want[1])
		}
	}
}
