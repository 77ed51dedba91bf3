package exchange_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"casebook/app/exchange"
	"casebook/seeds"
	"casebook/store"
)

func rules(t testing.TB) exchange.Rules {
	t.Helper()
	seed, err := seeds.Read()
	if err != nil {
		t.Fatal(err)
	}
	return exchange.Rules{Template: seed.Template, Vocabulary: seed.Vocabulary}
}

const good = `---
id: no-nav-reform
title: "Coordinating Norwegian welfare: the NAV reform"
country: "NO"
region: ""
field: employment
period: {start: 2005, end: 2011}
levels: [central, local]
direction: [horizontal, vertical]
mechanisms: hierarchy
instruments: [merger, one-stop shop, partnership]
authors: ["Per Lægreid", "Lise H. Rykkja"]
institution: University of Bergen
provenance: catalogue-confirmed
sources:
  - title: "Christensen & Lægreid (2012), COCOPS Working Paper No. 5"
    url: https://repub.eur.nl/pub/40671
---

## Abstract
One paragraph   
over two lines.

## Why it emerged {#emergence}
First.


Second with ő, õ, ø, ß, ł, Ω, Ж.
- a bullet
- another
  continued

## effects and implications
Effects.
`

func TestParseGoodFile(t *testing.T) {
	c, err := exchange.ParseCase("nav.md", []byte(good), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != "no-nav-reform" || c.Title != "Coordinating Norwegian welfare: the NAV reform" || c.Country != "NO" {
		t.Errorf("front matter: %+v", c)
	}
	if c.Period != (store.Period{Start: 2005, End: 2011}) || len(c.Mechanisms) != 1 || c.Authors[0] != "Per Lægreid" {
		t.Errorf("attributes: %+v", c)
	}
	if got := c.Text("abstract"); got != "One paragraph over two lines." {
		t.Errorf("abstract %q", got)
	}
	if got := c.Text("emergence"); got != "First.\n\nSecond with ő, õ, ø, ß, ł, Ω, Ж.\n- a bullet\n- another continued" {
		t.Errorf("emergence %q", got)
	}
	if c.Text("effects") != "Effects." {
		t.Errorf("heading matched case-insensitively: %+v", c.Sections)
	}
}

func TestCRLFAndBOMAndNFD(t *testing.T) {
	crlf := "\uFEFF" + strings.ReplaceAll(good, "\n", "\r\n")
	// "Lægreid" stays; "ő" written decomposed (o + combining double acute) must come back composed.
	crlf = strings.Replace(crlf, "Second with ő", "Second with o\u030B", 1)
	c, err := exchange.ParseCase("crlf.md", []byte(crlf), rules(t))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.Text("emergence"), "Second with ő,") || strings.Contains(c.Text("abstract"), "\r") {
		t.Errorf("not normalised: %q", c.Text("emergence"))
	}
}

func TestBadFilesNameTheLine(t *testing.T) {
	for name, tc := range map[string]struct {
		edit func(string) string
		data []byte
		want []string
	}{
		"unknown field": {edit: func(s string) string { return strings.Replace(s, "field: employment", "field: education", 1) },
			want: []string{"bad.md:6:", `unknown field "education"`, "central-government, health, employment"}},
		"unknown mechanism in a list": {edit: func(s string) string {
			return strings.Replace(s, "mechanisms: hierarchy", "mechanisms:\n  - hierarchy\n  - anarchy", 1)
		}, want: []string{"bad.md:12:", `unknown mechanism "anarchy"`}},
		"repeated heading": {edit: func(s string) string { return s + "\n## Abstract\nAgain.\n" },
			want: []string{"bad.md:36:", `section "Abstract" is repeated (first at line 20)`}},
		"unknown heading": {edit: func(s string) string { return strings.Replace(s, "## effects and implications", "## Results", 1) },
			want: []string{"bad.md:33:", `unknown section "Results"`, "Country background"}},
		"missing title": {edit: func(s string) string {
			return strings.Replace(s, "title: \"Coordinating Norwegian welfare: the NAV reform\"\n", "", 1)
		}, want: []string{"bad.md:1:", "title is missing"}},
		"unclosed front matter": {edit: func(s string) string { return strings.Replace(s, "---\n\n## Abstract", "\n## Abstract", 1) },
			want: []string{"bad.md:1:", "never closed"}},
		"invalid UTF-8": {data: append([]byte(good[:200]), 0xff, 0xfe, '\n'), want: []string{"bad.md:9:", "not valid UTF-8"}},
		"no front matter": {edit: func(s string) string { return strings.TrimPrefix(s, "---\n") },
			want: []string{"bad.md:1:", "starts with front matter"}},
		"YAML syntax": {edit: func(s string) string {
			return strings.Replace(s, "levels: [central, local]", "levels: [central, local", 1)
		},
			want: []string{"bad.md:"}},
		"unknown attribute": {edit: func(s string) string { return strings.Replace(s, "region: \"\"", "regoin: Wales", 1) },
			want: []string{"bad.md:5:", `unknown attribute "regoin"`}},
		"bad source url": {edit: func(s string) string { return strings.Replace(s, "https://repub.eur.nl/pub/40671", "repub.eur.nl", 1) },
			want: []string{"bad.md:16:", "absolute http(s) address"}},
		"no sources": {edit: func(s string) string {
			return strings.Replace(s, "sources:\n  - title: \"Christensen & Lægreid (2012), COCOPS Working Paper No. 5\"\n    url: https://repub.eur.nl/pub/40671\n", "", 1)
		}, want: []string{"bad.md:1:", "at least one source"}},
		"no abstract": {edit: func(s string) string {
			return strings.Replace(s, "## Abstract\nOne paragraph   \nover two lines.\n", "", 1)
		},
			want: []string{"Abstract section is required"}},
		"text before heading": {edit: func(s string) string { return strings.Replace(s, "---\n\n## Abstract", "---\nstray\n## Abstract", 1) },
			want: []string{"bad.md:19:", "text before the first section heading"}},
		"bad id": {edit: func(s string) string { return strings.Replace(s, "id: no-nav-reform", "id: NAV Reform", 1) },
			want: []string{"bad.md:2:", "lowercase letters"}},
		"bad period": {edit: func(s string) string { return strings.Replace(s, "end: 2011", "end: 1999", 1) },
			want: []string{"bad.md:7:", "must come after its start"}},
		"wrong type": {edit: func(s string) string { return strings.Replace(s, "{start: 2005, end: 2011}", "{start: soon}", 1) },
			want: []string{"bad.md:7:", "front matter"}},
	} {
		t.Run(name, func(t *testing.T) {
			data := tc.data
			if tc.edit != nil {
				data = []byte(tc.edit(good))
			}
			_, err := exchange.ParseCase("bad.md", data, rules(t))
			if err == nil {
				t.Fatal("accepted")
			}
			if !errors.Is(err, store.ErrInvalid) {
				t.Errorf("not ErrInvalid: %v", err)
			}
			for _, want := range tc.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
		})
	}
}

func TestWriteThenParseGivesTheSameCase(t *testing.T) {
	r := rules(t)
	c, err := exchange.ParseCase("nav.md", []byte(good), r)
	if err != nil {
		t.Fatal(err)
	}
	c.Instruments = append(c.Instruments, "yes", "a: colon", "#hash", `quote "x"`, "2005")
	c.Region = "Troms og Finnmark"
	var b bytes.Buffer
	if err := exchange.WriteCase(&b, c, r.Template); err != nil {
		t.Fatal(err)
	}
	back, err := exchange.ParseCase("back.md", b.Bytes(), r)
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	var again bytes.Buffer
	exchange.WriteCase(&again, back, r.Template)
	if again.String() != b.String() {
		t.Errorf("second write differs:\n%s\n---\n%s", b.String(), again.String())
	}
	if strings.Join(back.Instruments, "|") != strings.Join(c.Instruments, "|") || back.Region != c.Region || back.Text("emergence") != c.Text("emergence") {
		t.Errorf("round trip changed the case:\n%+v\n%+v", c, back)
	}
}

func TestEverySeedFileRoundTrips(t *testing.T) {
	seed, err := seeds.Read()
	if err != nil {
		t.Fatal(err)
	}
	r := exchange.Rules{Template: seed.Template, Vocabulary: seed.Vocabulary}
	for _, c := range seed.Cases {
		var b bytes.Buffer
		exchange.WriteCase(&b, c, r.Template)
		back, err := exchange.ParseCase(c.ID+".md", b.Bytes(), r)
		if err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
		var again bytes.Buffer
		exchange.WriteCase(&again, back, r.Template)
		if again.String() != b.String() {
			t.Errorf("%s changes on a round trip", c.ID)
		}
	}
}
