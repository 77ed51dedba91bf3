package ui

import (
	"testing"

	"casebook/store"
)

func TestOneLineSnippetsStartNearTheirFirstMatch(t *testing.T) {
	text := "performs by of with the the The Arno a could among together by Informatica coordination employment, ő and Ω"
	start := len([]rune("performs by of with the the The Arno a could among together by Informatica "))
	s := store.Snippet{Text: text, Marks: [][2]int{{start, start + 12}, {start + 25, start + 26}}}
	got := fromLead(s, snippetLead)
	if got.Text != "…together by Informatica coordination employment, ő and Ω" {
		t.Errorf("text %q", got.Text)
	}
	runes := []rune(got.Text)
	if m := got.Marks[0]; string(runes[m[0]:m[1]]) != "coordination" {
		t.Errorf("first mark %v is %q", m, string(runes[m[0]:m[1]]))
	}
	if m := got.Marks[1]; string(runes[m[0]:m[1]]) != "ő" {
		t.Errorf("second mark %v is %q", m, string(runes[m[0]:m[1]]))
	}
	near := store.Snippet{Text: "The coordination reform", Marks: [][2]int{{4, 16}}}
	if got := fromLead(near, snippetLead); got.Text != near.Text || got.Marks[0] != near.Marks[0] {
		t.Errorf("a match near the start moved: %+v", got)
	}
}
