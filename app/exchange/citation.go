package exchange

// Citations: the cases and their sources as BibTeX and RIS for reference
// managers (biber, JabRef, Zotero, EndNote), and one line of text for "Copy
// citation". Every entry holds only what the catalogue knows:
//
//   - No year or date. A case carries no publication date, its Period is when
//     the practice ran, and its Updated time is when this catalogue last
//     stored the case (on every seed upgrade, on this machine): neither a
//     publication date nor the reader's access date, so it goes nowhere.
//   - No invented author. A case's author is its authors; a case without
//     any, but with an institution, has the institution as a corporate
//     author, as an institution's report would; a case with neither has no
//     author at all. "Casebook catalogue" names where the entry lives
//     (BibTeX howpublished, RIS DB), never who wrote it. The institution of
//     named authors is their affiliation, not a field of a citation.
//   - No publisher, no invented source details: a source is a title and an
//     address.

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"

	"casebook/store"
)

// catalogueName is where a case's entry is found, as its citations name it.
const catalogueName = "Casebook catalogue"

// provenanceLabels are the catalogue vocabulary's labels of the provenance
// values (seeds/catalogue.yaml), which the functions here, given cases only,
// cannot read; a test keeps the two in step. An unknown value shows as it is.
var provenanceLabels = map[string]string{
	"catalogue-confirmed": "COCOPS catalogue",
	"cocops-related":      "COCOPS related",
	"related":             "Related practice",
}

// reference is one bibliography entry as both formats write it.
type reference struct {
	key       string
	risType   string   // GEN for a case (a catalogue entry), ELEC for a source (a web address)
	title     string   // as in the catalogue
	authors   []string // personal names as the catalogue spells them ("Per Lægreid")
	corporate string   // an institution standing in for absent authors
	container string   // the catalogue the entry belongs to, for a case
	url       string
	keywords  []string
	note      string
}

// references lists, for each case, its own entry and then one per source. A
// case listed twice is written once, so that every key stays unique.
func references(cases []store.Case) ([]reference, error) {
	var refs []reference
	seen := map[string]bool{}
	for _, c := range cases {
		if err := store.CheckID(c.ID); err != nil {
			return nil, fmt.Errorf("citations: %w", err)
		}
		if seen[c.ID] {
			continue
		}
		seen[c.ID] = true
		refs = append(refs, caseReference(c))
		refs = append(refs, sourceReferences(c)...)
	}
	return refs, nil
}

// caseReference is the entry of the case itself, as a catalogue entry.
func caseReference(c store.Case) reference {
	r := reference{key: caseKey(c), risType: "GEN", title: c.Title, authors: nonBlank(c.Authors), container: catalogueName}
	if len(r.authors) == 0 {
		r.corporate = strings.TrimSpace(c.Institution)
	}
	r.keywords = nonBlank(append([]string{c.Country, c.Field}, c.Mechanisms...))
	if p := provenance(c); p != "" {
		r.note = p + " case"
	}
	return r
}

// sourceReferences are the entries of a case's sources, numbered from 1 in
// the case's order.
func sourceReferences(c store.Case) []reference {
	refs := make([]reference, len(c.Sources))
	for i, s := range c.Sources {
		refs[i] = reference{key: fmt.Sprintf("%s:src%d", caseKey(c), i+1), risType: "ELEC", title: s.Title, url: s.URL}
	}
	return refs
}

// caseKey is a case's citation key: case ids are unique and never change, so
// a document citing the key still finds the case in a later export.
func caseKey(c store.Case) string { return "casebook:" + c.ID }

// provenance is the label of the case's provenance ("COCOPS catalogue").
func provenance(c store.Case) string {
	if label, ok := provenanceLabels[c.Provenance]; ok {
		return label
	}
	return c.Provenance
}

// nonBlank drops empty values, which would give empty fields or names.
func nonBlank(values []string) []string {
	var out []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// oneLine turns line breaks and tabs into spaces: neither format has a way
// to carry them inside a field, and in RIS a line break ends the field.
func oneLine(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s))
}

// WriteBibTeXFile writes the citations of cases as BibTeX to path through a
// temporary file, renamed into place only when complete.
func WriteBibTeXFile(path string, cases []store.Case) error {
	return WriteAtomic(path, func(w io.Writer) error { return WriteBibTeX(w, cases) })
}

// WriteRISFile writes the citations of cases as RIS to path through a
// temporary file, renamed into place only when complete.
func WriteRISFile(path string, cases []store.Case) error {
	return WriteAtomic(path, func(w io.Writer) error { return WriteRIS(w, cases) })
}

// WriteBibTeX writes, for each case, an @misc entry for the case as a
// catalogue entry (key casebook:ID) and an @misc entry per source
// (casebook:ID:src1, ...), in UTF-8 with LaTeX's special characters escaped.
// It fails, writing nothing, on a case whose id is not a valid case id.
func WriteBibTeX(w io.Writer, cases []store.Case) error {
	refs, err := references(cases)
	if err != nil {
		return err
	}
	b := bufio.NewWriter(w)
	// JabRef reads the first line as the file's encoding; biber, JabRef and
	// Zotero read UTF-8, so names such as Lægreid stay as they are written
	// rather than as \ae-style macros that only LaTeX understands.
	b.WriteString("% Encoding: UTF-8\n")
	b.WriteString("% Citations from the Casebook catalogue. This file is UTF-8: use biber (biblatex), JabRef or Zotero.\n\n")
	for _, r := range refs {
		writeBibEntry(b, r)
	}
	return b.Flush()
}

func writeBibEntry(b *bufio.Writer, r reference) {
	fmt.Fprintf(b, "@misc{%s,\n", r.key)
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(b, "  %-12s = {%s},\n", name, value)
		}
	}
	field("title", bibProtected(oneLine(r.title)))
	field("author", bibAuthors(r))
	field("howpublished", bibText(r.container))
	field("url", bibURL(oneLine(r.url)))
	field("keywords", bibList(r.keywords))
	field("note", bibText(oneLine(r.note)))
	b.WriteString("}\n\n")
}

// bibEscapes are the characters LaTeX gives a meaning of their own, written
// so that they print as themselves. The backslash is $\backslash$ rather
// than \textbackslash{}, which classic BibTeX tools (bibutils) do not know.
var bibEscapes = map[rune]string{
	'\\': `$\backslash$`, '{': `\{`, '}': `\}`, '%': `\%`, '&': `\&`, '$': `\$`,
	'#': `\#`, '_': `\_`, '~': `\textasciitilde{}`, '^': `\textasciicircum{}`,
}

// bibText escapes text for a braced BibTeX field; every other character,
// Unicode included, is written as it is.
func bibText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if esc, ok := bibEscapes[r]; ok {
			b.WriteString(esc)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// bibProtected escapes s and braces it, so that styles that change a title's
// case (to sentence case, say) keep the catalogue's: NAV stays NAV. The
// special characters s starts with stay outside the braces: a brace group
// opening with a backslash is a single "special character" to BibTeX.
func bibProtected(s string) string {
	rest := strings.TrimLeftFunc(s, func(r rune) bool { _, ok := bibEscapes[r]; return ok })
	if rest == "" {
		return bibText(s)
	}
	return bibText(s[:len(s)-len(rest)]) + "{" + bibText(rest) + "}"
}

// bibAuthors is the author field: the personal names joined by "and", or
// the corporate author braced so that BibTeX takes it as one name and does
// not split "University of Bergen" into a first and a last name.
func bibAuthors(r reference) string {
	if r.corporate != "" {
		return bibProtected(oneLine(r.corporate))
	}
	names := make([]string, 0, len(r.authors))
	for _, a := range r.authors {
		names = append(names, bibName(oneLine(a)))
	}
	return strings.Join(names, " and ")
}

// bibName escapes a personal name and braces any word "and" in it, which
// BibTeX would otherwise read as the boundary between two names.
func bibName(name string) string {
	words := strings.Fields(bibText(name))
	for i, w := range words {
		if strings.EqualFold(w, "and") {
			words[i] = "{" + w + "}"
		}
	}
	return strings.Join(words, " ")
}

func bibList(values []string) string {
	escaped := make([]string, len(values))
	for i, v := range values {
		escaped[i] = bibText(oneLine(v))
	}
	return strings.Join(escaped, ", ")
}

// bibURL writes an address for biblatex's url field, which is verbatim:
// % # & _ must stay as they are, and only what would break the field's
// braces (or end it) is percent-encoded, which leaves the address the same.
func bibURL(u string) string {
	return strings.NewReplacer(`\`, "%5C", "{", "%7B", "}", "%7D", " ", "%20").Replace(u)
}

// WriteRIS writes, for each case, a GEN record for the case as a catalogue
// entry (ID casebook:ID) and an ELEC record per source, in UTF-8 with the
// CRLF line ends the RIS specification asks for. It fails, writing nothing,
// on a case whose id is not a valid case id.
func WriteRIS(w io.Writer, cases []store.Case) error {
	refs, err := references(cases)
	if err != nil {
		return err
	}
	b := bufio.NewWriter(w)
	for _, r := range refs {
		writeRISRecord(b, r)
	}
	return b.Flush()
}

func writeRISRecord(b *bufio.Writer, r reference) {
	tag := func(name, value string) {
		if value = oneLine(value); value != "" {
			fmt.Fprintf(b, "%s  - %s\r\n", name, value)
		}
	}
	tag("TY", r.risType)
	tag("ID", r.key)
	tag("TI", r.title)
	for _, a := range r.authors {
		tag("AU", risName(oneLine(a)))
	}
	// A corporate author goes without a comma, so that it is not split into
	// a last and a first name: Zotero takes such a name whole.
	tag("AU", r.corporate)
	tag("DB", r.container)
	tag("UR", r.url)
	for _, k := range r.keywords {
		tag("KW", k)
	}
	tag("N1", r.note)
	b.WriteString("ER  - \r\n\r\n")
}

// risName writes a name as RIS wants it, "Last, First" (or "Last, First,
// Suffix"); a single word, or a name already written with a comma, stays.
func risName(name string) string {
	if strings.Contains(name, ",") {
		return name
	}
	given, family, suffix := splitName(name)
	switch {
	case given == "":
		return family
	case suffix != "":
		return family + ", " + given + ", " + suffix
	}
	return family + ", " + given
}

// nameSuffixes end a name without being its family name.
var nameSuffixes = map[string]bool{"Jr.": true, "Jr": true, "Sr.": true, "Sr": true, "II": true, "III": true, "IV": true}

// splitName splits a name written "First von Last" as BibTeX does: the
// family name is the last word with the lowercase words ("van", "der")
// before it, the given names the words before those. "Lægreid, Per" is read
// as written.
func splitName(name string) (given, family, suffix string) {
	if last, first, ok := strings.Cut(name, ","); ok {
		return strings.TrimSpace(first), strings.TrimSpace(last), ""
	}
	words := strings.Fields(name)
	if n := len(words); n > 2 && nameSuffixes[words[n-1]] {
		suffix, words = words[n-1], words[:n-1]
	}
	if len(words) == 0 {
		return "", "", suffix
	}
	start := len(words) - 1
	for start > 1 && startsLower(words[start-1]) {
		start--
	}
	return strings.Join(words[:start], " "), strings.Join(words[start:], " "), suffix
}

func startsLower(word string) bool {
	for _, r := range word {
		return unicode.IsLower(r)
	}
	return false
}

// Citation is a case as one line of text, for "Copy citation": its authors
// (APA style: "Lægreid, P., & Rykkja, L. H."), else its institution, then
// the title in quotes, the catalogue with the case's provenance, and the
// address of its first source. It states only what the catalogue holds: no
// year, and no author when the case names none.
func Citation(c store.Case) string {
	var b strings.Builder
	if who := citationAuthors(c); who != "" {
		b.WriteString(who + " ")
	}
	b.WriteString(`"` + withStop(oneLine(c.Title)) + `" ` + catalogueName)
	if p := provenance(c); p != "" {
		b.WriteString(" (" + p + " case)")
	}
	if len(c.Sources) > 0 && oneLine(c.Sources[0].URL) != "" {
		b.WriteString(", " + oneLine(c.Sources[0].URL))
	}
	return b.String() + "."
}

// citationAuthors lists the authors as "Family, I." joined APA's way (a
// comma and "&" before the last), ending with a full stop.
func citationAuthors(c store.Case) string {
	var names []string
	for _, a := range nonBlank(c.Authors) {
		names = append(names, shortName(oneLine(a)))
	}
	if len(names) == 0 {
		return withStop(oneLine(c.Institution))
	}
	who := names[0]
	if n := len(names); n > 1 {
		who = strings.Join(names[:n-1], ", ") + ", & " + names[n-1]
	}
	return withStop(who)
}

// shortName is "Family, I. I." ("Rykkja, L. H."), or the name as it is when
// it is a single word.
func shortName(name string) string {
	given, family, suffix := splitName(name)
	out := family
	if given != "" {
		out += ", " + initials(given)
	}
	if suffix != "" {
		out += ", " + suffix
	}
	return out
}

// initials shortens given names to initials, keeping hyphens: "Jean-Pierre
// H." is "J.-P. H.".
func initials(given string) string {
	words := strings.Fields(given)
	for i, w := range words {
		parts := strings.Split(w, "-")
		for j, p := range parts {
			if r := []rune(p); len(r) > 0 {
				parts[j] = string(r[0]) + "."
			}
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

// withStop ends s with a full stop unless it ends with one, or with a
// question or exclamation mark, already; "" stays "".
func withStop(s string) string {
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}
