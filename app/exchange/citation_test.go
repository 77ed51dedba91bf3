package exchange_test

// The citation files are read back with bibutils (bib2xml, ris2xml), a
// BibTeX and RIS parser that reference managers' users actually run, and its
// MODS XML is compared with the catalogue: what the parser understood, not
// what the writer meant to write.

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"casebook/app/exchange"
	"casebook/seeds"
	"casebook/store"
)

// mods is the part of bibutils' MODS output the tests look at.
type mods struct {
	Records []modsRecord `xml:"mods"`
}

type modsRecord struct {
	ID         string     `xml:"ID,attr"`
	Title      string     `xml:"titleInfo>title"`
	SubTitle   string     `xml:"titleInfo>subTitle"`
	Names      []modsName `xml:"name"`
	Publishers []string   `xml:"originInfo>publisher"`
	Notes      []string   `xml:"note"`
	Topics     []string   `xml:"subject>topic"`
	URLs       []string   `xml:"location>url"`
}

type modsName struct {
	Type  string `xml:"type,attr"`
	Parts []struct {
		Type string `xml:"type,attr"`
		Text string `xml:",chardata"`
	} `xml:"namePart"`
}

// full is the name with its given names first, as the catalogue writes it.
func (n modsName) full() string {
	var given, rest []string
	for _, p := range n.Parts {
		if p.Type == "given" {
			given = append(given, p.Text)
		} else {
			rest = append(rest, p.Text)
		}
	}
	return strings.Join(append(given, rest...), " ")
}

// title joins the title and subtitle bibutils splits at the first colon.
func (r modsRecord) title() string {
	if r.SubTitle == "" {
		return r.Title
	}
	return r.Title + ": " + r.SubTitle
}

// families lists the family names of a record's personal names.
func (r modsRecord) families() []string {
	var out []string
	for _, n := range r.Names {
		for _, p := range n.Parts {
			if p.Type == "family" {
				out = append(out, p.Text)
			}
		}
	}
	return out
}

// checkFamilies checks that the parser told family names from given names
// as the catalogue means them, "van" and all.
func checkFamilies(t *testing.T, records []modsRecord) {
	t.Helper()
	for id, want := range map[string][]string{
		"casebook:no-nav-reform":          {"Lægreid", "Rykkja"},
		"casebook:nl-innovation-platform": {"van Twist", "van der Steen", "van Wijk"},
		"casebook:hu-government-windows":  {"Hajnal"}, // and "Kovács", a single name
	} {
		i := slices.IndexFunc(records, func(r modsRecord) bool { return r.ID == id })
		if i < 0 || !slices.Equal(records[i].families(), want) {
			t.Errorf("%s: family names %q, want %q", id, records[i].families(), want)
		}
	}
}

func (r modsRecord) names() []string {
	var out []string
	for _, n := range r.Names {
		out = append(out, n.full())
	}
	return out
}

// bibutils runs bib2xml or ris2xml on data and returns the raw MODS XML and
// its records.
func bibutils(t *testing.T, tool string, data []byte) (string, []modsRecord) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Fatalf("%s not found: install bibutils (bash .ci/setup)", tool)
	}
	path := filepath.Join(t.TempDir(), "citations")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(tool, "-i", "utf8", path)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, stderr.String())
	}
	out := strings.TrimPrefix(stdout.String(), "\uFEFF")
	var m mods
	if err := xml.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("%s wrote no MODS XML: %v\n%s", tool, err, out)
	}
	return out, m.Records
}

// seededCases is the seeded catalogue's 22 cases in title order.
func seededCases(t *testing.T) []store.Case {
	t.Helper()
	st := openCatalogue(t)
	ctx := context.Background()
	ids, err := st.CaseIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cases := make([]store.Case, len(ids))
	for i, id := range ids {
		if cases[i], err = st.Case(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if len(cases) != 22 {
		t.Fatalf("the seeded catalogue has %d cases, want 22", len(cases))
	}
	return cases
}

func writeBib(t *testing.T, cases []store.Case) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := exchange.WriteBibTeX(&b, cases); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func writeRIS(t *testing.T, cases []store.Case) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := exchange.WriteRIS(&b, cases); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// wantRecord is what the parser should find for one entry.
type wantRecord struct {
	id, title, url string
	names          []string
}

// expected lists the entries of cases in file order: each case, then its sources.
func expected(cases []store.Case) []wantRecord {
	var out []wantRecord
	for _, c := range cases {
		names := c.Authors
		if len(names) == 0 && c.Institution != "" {
			names = []string{c.Institution}
		}
		out = append(out, wantRecord{id: "casebook:" + c.ID, title: c.Title, names: names})
		for i, s := range c.Sources {
			out = append(out, wantRecord{id: fmt.Sprintf("casebook:%s:src%d", c.ID, i+1), title: s.Title, url: s.URL})
		}
	}
	return out
}

// withoutDots drops full stops, which bibutils drops from initials
// ("Lise H." is given names Lise and H).
func withoutDots(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.ReplaceAll(n, ".", "")
	}
	return out
}

// asTypeset is a title as LaTeX prints it, and bib2xml, which decodes
// BibTeX as LaTeX would, reads it: an apostrophe is a closing quote (’).
// RIS is plain text; ris2xml keeps the apostrophe.
var asTypeset = strings.NewReplacer("'", "’")

// compareRecords checks every parsed record against the catalogue: the same
// entries in the same order, each with its title, its authors (no more) and
// its address.
func compareRecords(t *testing.T, got []modsRecord, want []wantRecord, title func(string) string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("the parser found %d records, want %d (cases and their sources)", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.ID != w.id || g.title() != title(w.title) {
			t.Errorf("record %d: %s %q, want %s %q", i, g.ID, g.title(), w.id, title(w.title))
		}
		if !slices.Equal(g.names(), withoutDots(w.names)) {
			t.Errorf("%s: authors %q, want %q", w.id, g.names(), withoutDots(w.names))
		}
		if w.url != "" && !slices.Equal(g.URLs, []string{w.url}) {
			t.Errorf("%s: url %q, want %q", w.id, g.URLs, w.url)
		}
	}
}

// mustContain checks the parsed XML for names and titles with their
// letters intact, as the brief names them.
func mustContain(t *testing.T, out string, words ...string) {
	t.Helper()
	for _, w := range words {
		if !strings.Contains(out, w) {
			t.Errorf("the parsed records lack %q", w)
		}
	}
}

func TestBibTeXOfTheCatalogueParses(t *testing.T) {
	cases := seededCases(t)
	data := writeBib(t, cases)
	out, records := bibutils(t, "bib2xml", data)
	compareRecords(t, records, expected(cases), asTypeset.Replace)
	checkFamilies(t, records)
	mustContain(t, out, "Lægreid", "Kovács", "Hajnal", "Töötukassa", "Külli", "Széll Kálmán")
	if !bytes.HasPrefix(data, []byte("% Encoding: UTF-8\n")) {
		t.Errorf("the file does not say it is UTF-8: %q", data[:40])
	}
	// The title is braced as a whole so that styles keep its capitals.
	if !bytes.Contains(data, []byte("title        = {{Coordinating Norwegian welfare: the NAV reform}},")) {
		t.Error("the NAV title is not case-protected")
	}
	nav := records[slices.IndexFunc(records, func(r modsRecord) bool { return r.ID == "casebook:no-nav-reform" })]
	if !slices.Equal(nav.Notes, []string{"COCOPS catalogue case"}) || !slices.Equal(nav.Topics, []string{"NO, employment, hierarchy, network"}) {
		t.Errorf("NAV note %q, keywords %q", nav.Notes, nav.Topics)
	}
}

func TestRISOfTheCatalogueParses(t *testing.T) {
	cases := seededCases(t)
	data := writeRIS(t, cases)
	out, records := bibutils(t, "ris2xml", data)
	compareRecords(t, records, expected(cases), asWritten)
	checkFamilies(t, records)
	// RIS names are "Last, First", which ris2xml would guess right without
	// the comma too; other readers need it.
	for _, line := range []string{"Lægreid, Per", "Rykkja, Lise H.", "van der Steen, Martijn", "Kovács", "Alonso, José Manuel"} {
		if !bytes.Contains(data, []byte("\r\nAU  - "+line+"\r\n")) {
			t.Errorf("no line AU  - %s", line)
		}
	}
	mustContain(t, out, "Lægreid", "Kovács", "Hajnal", "Töötukassa", "Külli", "Széll Kálmán")
	nav := records[slices.IndexFunc(records, func(r modsRecord) bool { return r.ID == "casebook:no-nav-reform" })]
	if !slices.Equal(nav.Notes, []string{"COCOPS catalogue case"}) || !slices.Equal(nav.Topics, []string{"NO", "employment", "hierarchy", "network"}) {
		t.Errorf("NAV note %q, keywords %q", nav.Notes, nav.Topics)
	}
}

func TestRISHasCRLFLineEnds(t *testing.T) {
	data := writeRIS(t, seededCases(t))
	if n, crlf := bytes.Count(data, []byte("\n")), bytes.Count(data, []byte("\r\n")); n != crlf || bytes.Count(data, []byte("\r")) != crlf {
		t.Errorf("%d line ends, %d of them CRLF, %d CRs", n, crlf, bytes.Count(data, []byte("\r")))
	}
	if !bytes.HasPrefix(data, []byte("TY  - GEN\r\n")) || !bytes.HasSuffix(data, []byte("ER  - \r\n\r\n")) {
		t.Errorf("the file starts %q and ends %q", data[:12], data[len(data)-12:])
	}
	if ty, er := bytes.Count(data, []byte("\r\nTY  - ")), bytes.Count(data, []byte("\r\nER  - \r\n")); ty+1 != er {
		t.Errorf("%d records opened, %d closed", ty+1, er)
	}
}

// tricky has every character LaTeX treats specially, in a title that starts
// with one, a source title and a name; and no authors but an institution.
var tricky = store.Case{
	ID:          "tricky-characters",
	Title:       `#1 priority: Costs {in} 100% & $5 for a_b ~x ^y \z in Töötukassa`,
	Country:     "EE",
	Field:       "employment",
	Institution: "Research and Evaluation Unit",
	Provenance:  "related",
	Sources: []store.Source{
		{Title: `{Braces} % & $ # _ ~ ^ \ Ø`, URL: "https://example.org/a_b/c%20d?x=1&y=2#frag"},
		{Title: "Lægreid & Kovács: a source", URL: "https://example.org/{odd}"},
	},
}

func TestBibTeXEscapesSpecialCharacters(t *testing.T) {
	data := writeBib(t, []store.Case{tricky})
	_, records := bibutils(t, "bib2xml", data)
	// bibutils renders \textasciicircum{}, the LaTeX name of ^, as U+2303
	// (⌃); everything else must come back exactly.
	caret := strings.NewReplacer("^", "⌃")
	want := []string{caret.Replace(tricky.Title), caret.Replace(tricky.Sources[0].Title), tricky.Sources[1].Title}
	if len(records) != len(want) {
		t.Fatalf("%d records, want %d:\n%s", len(records), len(want), data)
	}
	for i, w := range want {
		if got := records[i].title(); got != w {
			t.Errorf("title %d: %q, want %q\n%s", i, got, w, data)
		}
	}
	// bibutils forgives an unescaped % (LaTeX would read it as a comment and
	// lose the rest of the line) and other slips, so the field is checked
	// as written too. The characters before the first letter stay outside
	// the case-protecting braces, where a backslash may not open a group.
	title := `  title        = {\#{1 priority: Costs \{in\} 100\% \& \$5 for a\_b \textasciitilde{}x \textasciicircum{}y $\backslash$z in Töötukassa}},`
	if !bytes.Contains(data, []byte("\n"+title+"\n")) {
		t.Errorf("the title is not written\n%s\nin\n%s", title, data)
	}
	// The institution is one corporate name, not split at "and" or into
	// first and last names.
	if names := records[0].Names; len(names) != 1 || names[0].Type == "personal" || names[0].full() != tricky.Institution {
		t.Errorf("corporate author: %+v", names)
	}
	if got := records[1].URLs; !slices.Equal(got, []string{tricky.Sources[0].URL}) {
		t.Errorf("url %q, want %q", got, tricky.Sources[0].URL)
	}
	// Braces would end the verbatim url field; encoded, the address is the same.
	if got := records[2].URLs; !slices.Equal(got, []string{"https://example.org/%7Bodd%7D"}) {
		t.Errorf("url %q", got)
	}
}

func asWritten(s string) string { return s }

func TestRISKeepsSpecialCharactersAsTheyAre(t *testing.T) {
	data := writeRIS(t, []store.Case{tricky})
	// The institution is one AU line. ris2xml splits names at " and " as
	// if they were BibTeX's, which RIS readers do not, so the parsed
	// records are checked with an institution without the word.
	if n := bytes.Count(data, []byte("\r\nAU  - ")); n != 1 || !bytes.Contains(data, []byte("\r\nAU  - Research and Evaluation Unit\r\n")) {
		t.Errorf("%d AU lines:\n%s", n, data)
	}
	c := tricky
	c.Institution = "Tallinn University of Technology"
	_, records := bibutils(t, "ris2xml", writeRIS(t, []store.Case{c}))
	compareRecords(t, records, expected([]store.Case{c}), asWritten)
}

// datedFields are fields that would carry a year or a publisher: the
// catalogue knows neither for a case nor for a source.
var (
	bibDated = regexp.MustCompile(`(?m)^\s*(year|date|urldate|month|publisher)\s*=`)
	risDated = regexp.MustCompile(`(?m)^(PY|Y1|Y2|DA|PB)  - `)
)

func TestNothingIsInvented(t *testing.T) {
	cases := seededCases(t)
	bib, ris := writeBib(t, cases), writeRIS(t, cases)
	if m := bibDated.Find(bib); m != nil {
		t.Errorf("BibTeX has %q", m)
	}
	if m := risDated.Find(ris); m != nil {
		t.Errorf("RIS has %q", m)
	}
	for tool, data := range map[string][]byte{"bib2xml": bib, "ris2xml": ris} {
		out, records := bibutils(t, tool, data)
		if strings.Contains(out, "<date") || strings.Contains(out, "<part>") {
			t.Errorf("%s found a date", tool)
		}
		for _, r := range records {
			// bibutils files BibTeX's howpublished under publisher; the
			// catalogue's name is the only one there may be.
			if len(r.Publishers) > 0 && !slices.Equal(r.Publishers, []string{"Casebook catalogue"}) {
				t.Errorf("%s: %s has publishers %q", tool, r.ID, r.Publishers)
			}
		}
	}
	// compareRecords checked above that every case has exactly its authors;
	// here: the seeded cases without authors have no institution either, so
	// they get no author at all, not the catalogue as one.
	pole := cases[slices.IndexFunc(cases, func(c store.Case) bool { return c.ID == "fr-pole-emploi" })]
	if len(pole.Authors) != 0 || pole.Institution != "" {
		t.Fatalf("fr-pole-emploi now has authors or an institution: pick another case")
	}
	entry := string(writeBib(t, []store.Case{pole}))
	entry = entry[:strings.Index(entry, ":src1")]
	if strings.Contains(entry, "author") {
		t.Errorf("a case without authors has an author:\n%s", entry)
	}
}

func TestKeysAreStableAndUnique(t *testing.T) {
	cases := seededCases(t)
	nav := cases[slices.IndexFunc(cases, func(c store.Case) bool { return c.ID == "no-nav-reform" })]
	_, records := bibutils(t, "bib2xml", writeBib(t, []store.Case{nav, nav}))
	if len(records) != 1+len(nav.Sources) || records[0].ID != "casebook:no-nav-reform" || records[1].ID != "casebook:no-nav-reform:src1" {
		t.Errorf("a case given twice: %d records, first %s", len(records), records[0].ID)
	}
	var b bytes.Buffer
	bad := nav
	bad.ID = "Not a key, {}"
	if err := exchange.WriteBibTeX(&b, []store.Case{nav, bad}); err == nil || b.Len() > 0 {
		t.Errorf("a bad id: %v, wrote %d bytes", err, b.Len())
	}
}

func TestWriteFileLeavesNothingOnError(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.ris")
	bad := tricky
	bad.ID = "Bad Id"
	if err := exchange.WriteRISFile(path, []store.Case{tricky, bad}); err == nil {
		t.Fatal("no error")
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("left %v behind", entries)
	}
	if err := exchange.WriteRISFile(path, []store.Case{tricky}); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); !bytes.HasPrefix(data, []byte("TY  - GEN\r\n")) {
		t.Errorf("wrote %q", data)
	}
}

func TestCitation(t *testing.T) {
	cases := seededCases(t)
	byID := func(id string) store.Case {
		return cases[slices.IndexFunc(cases, func(c store.Case) bool { return c.ID == id })]
	}
	for _, tc := range []struct {
		c    store.Case
		want string
	}{
		{byID("no-nav-reform"), `Lægreid, P., & Rykkja, L. H. "Coordinating Norwegian welfare: the NAV reform." Casebook catalogue (COCOPS catalogue case), https://repub.eur.nl/pub/40671.`},
		{byID("hu-government-windows"), `Hajnal, G., & Kovács. "Government Windows: one-stop shops for administrative services in Hungary." Casebook catalogue (COCOPS related case), ` + byID("hu-government-windows").Sources[0].URL + `.`},
		{byID("nl-innovation-platform"), `van Twist, M., van der Steen, M., & van Wijk, A. "Coordinating innovation and innovation policy: the Innovation Platform in the Netherlands." Casebook catalogue (COCOPS catalogue case), ` + byID("nl-innovation-platform").Sources[0].URL + `.`},
		{byID("fr-pole-emploi"), `"Merger of ANPE and the Assédic network into Pôle emploi." Casebook catalogue (Related practice case), ` + byID("fr-pole-emploi").Sources[0].URL + `.`},
		{tricky, `Research and Evaluation Unit. "#1 priority: Costs {in} 100% & $5 for a_b ~x ^y \z in Töötukassa." Casebook catalogue (Related practice case), https://example.org/a_b/c%20d?x=1&y=2#frag.`},
		{store.Case{Title: "Who coordinates?", Authors: []string{"Jean-Pierre Dupont Jr."}}, `Dupont, J.-P., Jr. "Who coordinates?" Casebook catalogue.`},
	} {
		if got := exchange.Citation(tc.c); got != tc.want {
			t.Errorf("citation of %s:\n got %s\nwant %s", tc.c.ID, got, tc.want)
		}
	}
}

// TestProvenanceLabelsMatchTheCatalogue keeps the labels the citations use
// in step with the catalogue's vocabulary.
func TestProvenanceLabelsMatchTheCatalogue(t *testing.T) {
	seed, err := seeds.Read()
	if err != nil {
		t.Fatal(err)
	}
	terms := seed.Vocabulary[store.KindProvenance]
	if len(terms) == 0 {
		t.Fatal("the catalogue has no provenance vocabulary")
	}
	for _, term := range terms {
		got := exchange.Citation(store.Case{Title: "T", Provenance: term.Value})
		if want := "(" + term.Label + " case)"; !strings.Contains(got, want) {
			t.Errorf("provenance %s: %q lacks %q", term.Value, got, want)
		}
	}
}
