package exchange

// REFI-QDA project export (QDA-XML 1.0, https://www.qdasoftware.org): a
// .qdpx file is a zip holding project.qde (the XML) and Sources/ (the texts).
//
// How the catalogue maps onto the standard:
//
//   - A case is a REFI <Case> (guid: the case's UUID) whose attributes are
//     typed <VariableValue>s: Text for id, title, country, region, field,
//     provenance, institution and for the lists (levels, direction,
//     mechanisms, instruments, authors, sources: one item a line, so that no
//     separator can clash with a value; a source is "Title <url>"), Integer
//     for period_start and period_end, and one Boolean per vocabulary value
//     (level_central, direction_vertical, mechanism_hierarchy, ...), which is
//     what other tools filter cases on. The Text lists are what Casebook reads
//     back (they keep the order); the Booleans are derived from them.
//   - A case's text is one <TextSource> (Sources/<guid>.txt, UTF-8, LF): its
//     sections in template order, each as its heading line, a blank line
//     (headingGap) and the section's text; sections are separated by two
//     blank lines (sectionGap). Each section is also a <PlainTextSelection>
//     named after its heading and spanning the section's text (not its
//     heading), with a guid derived from the case and the section key: that is
//     how the importer finds the sections again, and where a memo on a section
//     hangs.
//   - A highlight is a <PlainTextSelection> (guid: the annotation's id, name:
//     its quote) at the highlight's rune offsets plus its section's offset in
//     the text. REFI positions count characters, which Casebook stores as
//     Unicode code points too. Its codes are <Coding>s, its memo a <Note>
//     referenced by a <NoteRef>.
//   - A memo is a <Note> referenced from the case's <TextSource> (a memo on the
//     whole case) or from the section's selection. An orphaned highlight (its
//     words are gone from the text) has no place in the text, so it is kept as
//     a note on the case's source, with its quote, codes and memo in words.
//   - The codebook is nested <Code>s with colour and description; note
//     authors are <User>s, named, with guids derived from the name.
//
// Every guid is stable: exporting the same catalogue twice gives the same
// guids, so that a colleague's tool sees the same entities again.

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"casebook/store"

	"github.com/google/uuid"
)

// refiNamespace is the XML namespace of QDA-XML 1.0 project files.
const refiNamespace = "urn:QDA-XML:project:1.0"

// The layout of a case's text in its TextSource (see the package comment above).
const (
	headingGap = "\n\n"
	sectionGap = "\n\n\n"
)

// guidSpace makes derived guids stable: the same entity gets the same guid in
// every export.
var guidSpace = uuid.MustParse("0b8f5c1e-6a1d-4e8e-9c55-3b7f2d9a4e61")

// Project is a catalogue as exchanged with QDA tools: the rules its cases
// follow, every case with its notes, and the codebook.
type Project struct {
	// Name and Origin describe the project: "Casebook catalogue", "Casebook 0.1.0".
	Name, Origin string
	// Created is when the export was made.
	Created    time.Time
	Template   store.Template
	Vocabulary store.Vocabulary
	Cases      []CaseNotes
	// Codes are in tree order: parents before their children.
	Codes []store.Code
}

// CaseNotes is one case with its highlights and memos.
type CaseNotes struct {
	Case        store.Case
	Annotations []store.Annotation
	Memos       []store.Memo
}

// LoadProject reads the whole catalogue from the store: cases in title order,
// each with its highlights and memos, and the codebook.
func LoadProject(ctx context.Context, st *store.Store) (Project, error) {
	var p Project
	var err error
	if p.Template, err = st.Template(ctx); err != nil {
		return p, err
	}
	if p.Vocabulary, err = st.Vocabulary(ctx); err != nil {
		return p, err
	}
	if p.Codes, err = st.Codes(ctx); err != nil {
		return p, err
	}
	ids, err := st.CaseIDs(ctx)
	if err != nil {
		return p, err
	}
	for _, id := range ids {
		cn, err := loadCaseNotes(ctx, st, id)
		if err != nil {
			return p, err
		}
		p.Cases = append(p.Cases, cn)
	}
	return p, nil
}

func loadCaseNotes(ctx context.Context, st *store.Store, id string) (CaseNotes, error) {
	c, err := st.Case(ctx, id)
	if err != nil {
		return CaseNotes{}, err
	}
	annotations, err := st.Annotations(ctx, id)
	if err != nil {
		return CaseNotes{}, err
	}
	memos, err := st.Memos(ctx, id)
	return CaseNotes{Case: c, Annotations: annotations, Memos: memos}, err
}

// SourceText lays a case's sections out as its TextSource's plain text and
// returns it with each section's rune offset (of its text, after the heading).
func SourceText(c store.Case, t store.Template) (string, map[string]int) {
	var b strings.Builder
	offsets := map[string]int{}
	n := 0
	write := func(s string) {
		b.WriteString(s)
		n += utf8.RuneCountInString(s)
	}
	for _, sec := range t {
		text := c.Text(sec.Key)
		if text == "" {
			continue
		}
		if n > 0 {
			write(sectionGap)
		}
		write(sec.Heading + headingGap)
		offsets[sec.Key] = n
		write(text)
	}
	return b.String(), offsets
}

// derivedGUID is a stable guid for an entity that has no UUID of its own.
func derivedGUID(parts ...string) string {
	return uuid.NewSHA1(guidSpace, []byte(strings.Join(parts, "\x00"))).String()
}

// guidOf is id itself when it is a UUID (annotations, memos and codes have
// one), else a guid derived from it, so that a hand-made id cannot break the file.
func guidOf(kind, id string) string {
	if _, err := uuid.Parse(id); err == nil && len(id) == 36 {
		return id
	}
	return derivedGUID(kind, id)
}

// caseGUID is the case's UUID, which the store derives from its id, so that
// the same case has the same guid in every catalogue.
func caseGUID(c store.Case) string {
	if c.UUID == "" {
		return derivedGUID("case", c.ID)
	}
	return guidOf("case", c.UUID)
}

func sourceGUID(caseGUID string) string { return derivedGUID("source", caseGUID) }

// sectionGUID names a section's selection; the importer recomputes it to
// tell the sections from the highlights.
func sectionGUID(caseGUID, key string) string { return derivedGUID("section", caseGUID, key) }
func userGUID(name string) string             { return derivedGUID("user", name) }
func variableGUID(name string) string         { return derivedGUID("variable", name) }

// xmlTime renders a time as xsd:dateTime in UTC, milliseconds kept (as
// Casebook stores them); "" for the zero time, which omits the attribute.
func xmlTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// WriteQDPXFile writes the project as a .qdpx file through a temporary file in
// the same folder, renamed into place only when complete: a failed export
// leaves no partial file and does not touch an older one. It returns what
// could not be exported as it is (orphaned highlights, kept as notes).
func WriteQDPXFile(path string, p Project) ([]string, error) {
	var warnings []string
	err := WriteAtomic(path, func(w io.Writer) error {
		var err error
		warnings, err = WriteQDPX(w, p)
		return err
	})
	return warnings, err
}

// WriteQDPX writes the project as a .qdpx zip: project.qde and one
// Sources/<guid>.txt per case.
func WriteQDPX(w io.Writer, p Project) ([]string, error) {
	doc, texts, warnings, err := buildProject(p)
	if err != nil {
		return nil, err
	}
	zw := zip.NewWriter(w)
	if err := writeQDE(zw, doc); err != nil {
		return nil, err
	}
	for _, t := range texts {
		f, err := zw.Create("Sources/" + t.guid + ".txt")
		if err != nil {
			return nil, fmt.Errorf("qdpx: %w", err)
		}
		if _, err := io.WriteString(f, t.text); err != nil {
			return nil, fmt.Errorf("qdpx: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("qdpx: %w", err)
	}
	return warnings, nil
}

func writeQDE(zw *zip.Writer, doc *qdeProject) error {
	f, err := zw.Create("project.qde")
	if err != nil {
		return fmt.Errorf("qdpx: %w", err)
	}
	io.WriteString(f, xml.Header)
	enc := xml.NewEncoder(f)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("qdpx: project.qde: %w", err)
	}
	return enc.Close()
}

// WriteAtomic writes a file through a temporary file in the same folder,
// renamed into place only when complete: a failed or interrupted export
// leaves no partial file and does not touch an older one. The file is
// readable by all (0644), as an exported document should be.
func WriteAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".casebook-export-*"+filepath.Ext(path))
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// sourceFile is the plain text of one TextSource, stored as Sources/<guid>.txt.
type sourceFile struct{ guid, text string }

// projectBuilder gathers the parts of project.qde while walking the cases.
type projectBuilder struct {
	p        Project
	seen     map[string]bool // users declared
	users    []qdeUser
	cases    []qdeCase
	sources  []qdeTextSource
	notes    []qdeNote
	texts    []sourceFile
	warnings []string
}

func buildProject(p Project) (*qdeProject, []sourceFile, []string, error) {
	b := &projectBuilder{p: p, seen: map[string]bool{}}
	for _, cn := range p.Cases {
		if err := b.addCase(cn); err != nil {
			return nil, nil, nil, err
		}
	}
	doc := &qdeProject{Name: p.Name, Origin: p.Origin, Created: xmlTime(p.Created),
		Users: nonEmpty(b.users), Codes: nonEmpty(codeTree(p.Codes, "", 0)), Variables: nonEmpty(variables(p.Vocabulary)),
		Cases: nonEmpty(b.cases), Sources: nonEmpty(b.sources), Notes: nonEmpty(b.notes)}
	if doc.Name == "" {
		doc.Name = "Casebook catalogue"
	}
	return doc, b.texts, b.warnings, nil
}

// nonEmpty is nil for an empty list: encoding/xml leaves out the wrapper
// elements of an a>b field only when the field is a nil pointer, and the
// schema refuses an empty <Users> or <Notes>.
func nonEmpty[T any](list []T) *[]T {
	if len(list) == 0 {
		return nil
	}
	return &list
}

// codeTree renders the children of parent, recursively; depth is bounded as
// the store bounds it, so that a damaged tree cannot loop.
func codeTree(codes []store.Code, parent string, depth int) []qdeCode {
	var out []qdeCode
	if depth > 64 {
		return nil
	}
	for _, c := range codes {
		if c.ParentID != parent {
			continue
		}
		out = append(out, qdeCode{GUID: guidOf("code", c.ID), Name: c.Name, IsCodable: true,
			Color: c.Color, Description: c.Description, Codes: codeTree(codes, c.ID, depth+1)})
	}
	return out
}

// user names an author as a User (declared once) and returns its guid, or ""
// for a note without an author.
func (b *projectBuilder) user(name string) string {
	if name == "" {
		return ""
	}
	if !b.seen[name] {
		b.seen[name] = true
		b.users = append(b.users, qdeUser{GUID: userGUID(name), Name: name})
	}
	return userGUID(name)
}

func (b *projectBuilder) addCase(cn CaseNotes) error {
	c := cn.Case
	values, err := caseValues(c, b.p.Vocabulary)
	if err != nil {
		return err
	}
	src := sourceGUID(caseGUID(c))
	b.cases = append(b.cases, qdeCase{GUID: caseGUID(c), Name: c.Title, Values: values,
		SourceRefs: []qdeRef{{Target: src}}})
	text, offsets := SourceText(c, b.p.Template)
	b.texts = append(b.texts, sourceFile{guid: src, text: text})
	ts := qdeTextSource{GUID: src, Name: c.Title, PlainTextPath: "internal://" + src + ".txt",
		Created: xmlTime(c.Created), Modified: xmlTime(c.Updated)}
	ts.Selections = b.sectionSelections(cn, offsets)
	for _, a := range cn.Annotations {
		if a.Orphaned {
			ts.NoteRefs = append(ts.NoteRefs, b.orphanNote(c, a))
			continue
		}
		sel, err := b.highlight(c, a, offsets)
		if err != nil {
			return err
		}
		ts.Selections = append(ts.Selections, sel)
	}
	for _, m := range cn.Memos {
		if m.Section == "" {
			ts.NoteRefs = append(ts.NoteRefs, b.memoNote(m))
		}
	}
	b.sources = append(b.sources, ts)
	return nil
}

// sectionSelections marks each section's text, carrying the section's memos.
func (b *projectBuilder) sectionSelections(cn CaseNotes, offsets map[string]int) []qdeSelection {
	var out []qdeSelection
	for _, sec := range b.p.Template {
		start, ok := offsets[sec.Key]
		if !ok {
			continue
		}
		sel := qdeSelection{GUID: sectionGUID(caseGUID(cn.Case), sec.Key), Name: sec.Heading, Start: start,
			End: start + utf8.RuneCountInString(cn.Case.Text(sec.Key))}
		for _, m := range cn.Memos {
			if m.Section == sec.Key {
				sel.NoteRefs = append(sel.NoteRefs, b.memoNote(m))
			}
		}
		out = append(out, sel)
	}
	return out
}

func (b *projectBuilder) highlight(c store.Case, a store.Annotation, offsets map[string]int) (qdeSelection, error) {
	base, ok := offsets[a.Section]
	if !ok || a.End > utf8.RuneCountInString(c.Text(a.Section)) || a.Start < 0 || a.Start >= a.End {
		return qdeSelection{}, fmt.Errorf("case %s: highlight %s (%s %d-%d) lies outside the section's text",
			c.ID, a.ID, a.Section, a.Start, a.End)
	}
	who := b.user(a.Author)
	sel := qdeSelection{GUID: guidOf("annotation", a.ID), Name: a.Quote, Start: base + a.Start, End: base + a.End,
		CreatingUser: who, Created: xmlTime(a.Created), ModifyingUser: who, Modified: xmlTime(a.Updated)}
	for _, code := range a.Codes {
		sel.Codings = append(sel.Codings, qdeCoding{GUID: derivedGUID("coding", a.ID, code),
			CreatingUser: who, Created: xmlTime(a.Created), CodeRef: qdeRef{Target: guidOf("code", code)}})
	}
	if a.Memo != "" {
		sel.NoteRefs = append(sel.NoteRefs, b.note(derivedGUID("memo", a.ID), a.Memo, a.Author, a.Created, a.Updated))
	}
	return sel, nil
}

// orphanNote keeps an orphaned highlight as a note on its case's text: its
// quote, codes and memo in words, so that nothing of it is lost.
func (b *projectBuilder) orphanNote(c store.Case, a store.Annotation) qdeRef {
	names := make([]string, len(a.Codes))
	for i, id := range a.Codes {
		names[i] = store.CodePath(b.p.Codes, id)
	}
	text := fmt.Sprintf("Orphaned highlight (its words are no longer in the %s section): “%s”", a.Section, a.Quote)
	if len(names) > 0 {
		text += "\nCodes: " + strings.Join(names, ", ")
	}
	if a.Memo != "" {
		text += "\nMemo: " + a.Memo
	}
	b.warnings = append(b.warnings, fmt.Sprintf("case %s: orphaned highlight %q exported as a note on the case", c.ID, a.Quote))
	return b.note(derivedGUID("orphan", a.ID), text, a.Author, a.Created, a.Updated)
}

func (b *projectBuilder) memoNote(m store.Memo) qdeRef {
	return b.note(guidOf("memo", m.ID), m.Text, m.Author, m.Created, m.Updated)
}

// note adds a Note to the project and returns the reference to it.
func (b *projectBuilder) note(guid, text, author string, created, updated time.Time) qdeRef {
	who := b.user(author)
	b.notes = append(b.notes, qdeNote{GUID: guid, Name: noteName(text), Content: text,
		CreatingUser: who, Created: xmlTime(created), ModifyingUser: who, Modified: xmlTime(updated)})
	return qdeRef{Target: guid}
}

// noteName is a note's first line, cut to a length a tool's list can show.
func noteName(text string) string {
	line, _, _ := strings.Cut(text, "\n")
	if r := []rune(line); len(r) > 60 {
		line = string(r[:59]) + "…"
	}
	return line
}

// caseVariable is one attribute of a case exported as a REFI Variable.
type caseVariable struct {
	name, kind string // kind: Text, Integer or Boolean
	text       func(store.Case) []string
	number     func(store.Case) int
}

// caseVariables are the Text and Integer attributes, in the order tools list them.
var caseVariables = []caseVariable{
	{name: "id", kind: "Text", text: func(c store.Case) []string { return []string{c.ID} }},
	{name: "title", kind: "Text", text: func(c store.Case) []string { return []string{c.Title} }},
	{name: "country", kind: "Text", text: func(c store.Case) []string { return []string{c.Country} }},
	{name: "region", kind: "Text", text: func(c store.Case) []string { return []string{c.Region} }},
	{name: "field", kind: "Text", text: func(c store.Case) []string { return []string{c.Field} }},
	{name: "period_start", kind: "Integer", number: func(c store.Case) int { return c.Period.Start }},
	{name: "period_end", kind: "Integer", number: func(c store.Case) int { return c.Period.End }},
	{name: "levels", kind: "Text", text: func(c store.Case) []string { return c.Levels }},
	{name: "direction", kind: "Text", text: func(c store.Case) []string { return c.Directions }},
	{name: "mechanisms", kind: "Text", text: func(c store.Case) []string { return c.Mechanisms }},
	{name: "instruments", kind: "Text", text: func(c store.Case) []string { return c.Instruments }},
	{name: "authors", kind: "Text", text: func(c store.Case) []string { return c.Authors }},
	{name: "institution", kind: "Text", text: func(c store.Case) []string { return []string{c.Institution} }},
	{name: "provenance", kind: "Text", text: func(c store.Case) []string { return []string{c.Provenance} }},
	{name: "sources", kind: "Text", text: sourceLines},
}

func sourceLines(c store.Case) []string {
	out := make([]string, len(c.Sources))
	for i, s := range c.Sources {
		out[i] = s.Title + " <" + s.URL + ">"
	}
	return out
}

// flagKinds are the vocabularies exported as one Boolean variable per value,
// with the prefix of the variable's name; the CSV export uses the same names.
var flagKinds = []struct{ kind, prefix string }{
	{store.KindLevel, "level_"}, {store.KindDirection, "direction_"}, {store.KindMechanism, "mechanism_"},
}

// flagValues returns the case's values of a flag kind.
func flagValues(c store.Case, kind string) []string {
	switch kind {
	case store.KindLevel:
		return c.Levels
	case store.KindDirection:
		return c.Directions
	}
	return c.Mechanisms
}

func variables(v store.Vocabulary) []qdeVariable {
	var out []qdeVariable
	for _, cv := range caseVariables {
		out = append(out, qdeVariable{GUID: variableGUID(cv.name), Name: cv.name, Type: cv.kind})
	}
	for _, f := range flagKinds {
		for _, t := range v[f.kind] {
			name := f.prefix + t.Value
			out = append(out, qdeVariable{GUID: variableGUID(name), Name: name, Type: "Boolean",
				Description: t.Label})
		}
	}
	return out
}

// caseValues renders a case's attributes; an empty text or a zero year is
// left out rather than written as a value.
func caseValues(c store.Case, v store.Vocabulary) ([]qdeValue, error) {
	var out []qdeValue
	for _, cv := range caseVariables {
		ref := qdeRef{Target: variableGUID(cv.name)}
		if cv.number != nil {
			if n := cv.number(c); n != 0 {
				out = append(out, qdeValue{Ref: ref, Integer: &n})
			}
			continue
		}
		items := cv.text(c)
		for _, item := range items {
			if strings.ContainsAny(item, "\r\n") {
				return nil, fmt.Errorf("case %s: %s value %q has a line break, which the export uses between items", c.ID, cv.name, item)
			}
		}
		if text := strings.Join(items, "\n"); text != "" {
			out = append(out, qdeValue{Ref: ref, Text: &text})
		}
	}
	for _, f := range flagKinds {
		have := flagValues(c, f.kind)
		for _, t := range v[f.kind] {
			set := slices.Contains(have, t.Value)
			out = append(out, qdeValue{Ref: qdeRef{Target: variableGUID(f.prefix + t.Value)}, Boolean: &set})
		}
	}
	return out, nil
}

// The types below mirror Project.xsd: the order of the fields is the order
// the schema's sequences require.

type qdeProject struct {
	XMLName   xml.Name         `xml:"urn:QDA-XML:project:1.0 Project"`
	Name      string           `xml:"name,attr"`
	Origin    string           `xml:"origin,attr,omitempty"`
	Created   string           `xml:"creationDateTime,attr,omitempty"`
	Users     *[]qdeUser       `xml:"Users>User"`
	Codes     *[]qdeCode       `xml:"CodeBook>Codes>Code"`
	Variables *[]qdeVariable   `xml:"Variables>Variable"`
	Cases     *[]qdeCase       `xml:"Cases>Case"`
	Sources   *[]qdeTextSource `xml:"Sources>TextSource"`
	Notes     *[]qdeNote       `xml:"Notes>Note"`
}

type qdeUser struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr,omitempty"`
}

type qdeCode struct {
	GUID        string    `xml:"guid,attr"`
	Name        string    `xml:"name,attr"`
	IsCodable   bool      `xml:"isCodable,attr"`
	Color       string    `xml:"color,attr,omitempty"`
	Description string    `xml:"Description"`
	Codes       []qdeCode `xml:"Code"`
}

type qdeVariable struct {
	GUID        string `xml:"guid,attr"`
	Name        string `xml:"name,attr"`
	Type        string `xml:"typeOfVariable,attr"`
	Description string `xml:"Description,omitempty"`
}

type qdeCase struct {
	GUID       string     `xml:"guid,attr"`
	Name       string     `xml:"name,attr,omitempty"`
	Values     []qdeValue `xml:"VariableValue"`
	SourceRefs []qdeRef   `xml:"SourceRef"`
}

type qdeValue struct {
	Ref     qdeRef  `xml:"VariableRef"`
	Text    *string `xml:"TextValue,omitempty"`
	Boolean *bool   `xml:"BooleanValue,omitempty"`
	Integer *int    `xml:"IntegerValue,omitempty"`
}

type qdeRef struct {
	Target string `xml:"targetGUID,attr"`
}

type qdeTextSource struct {
	GUID          string         `xml:"guid,attr"`
	Name          string         `xml:"name,attr,omitempty"`
	PlainTextPath string         `xml:"plainTextPath,attr,omitempty"`
	Created       string         `xml:"creationDateTime,attr,omitempty"`
	Modified      string         `xml:"modifiedDateTime,attr,omitempty"`
	Selections    []qdeSelection `xml:"PlainTextSelection"`
	NoteRefs      []qdeRef       `xml:"NoteRef"`
}

type qdeSelection struct {
	GUID          string      `xml:"guid,attr"`
	Name          string      `xml:"name,attr,omitempty"`
	Start         int         `xml:"startPosition,attr"`
	End           int         `xml:"endPosition,attr"`
	CreatingUser  string      `xml:"creatingUser,attr,omitempty"`
	Created       string      `xml:"creationDateTime,attr,omitempty"`
	ModifyingUser string      `xml:"modifyingUser,attr,omitempty"`
	Modified      string      `xml:"modifiedDateTime,attr,omitempty"`
	Codings       []qdeCoding `xml:"Coding"`
	NoteRefs      []qdeRef    `xml:"NoteRef"`
}

type qdeCoding struct {
	GUID         string `xml:"guid,attr"`
	CreatingUser string `xml:"creatingUser,attr,omitempty"`
	Created      string `xml:"creationDateTime,attr,omitempty"`
	CodeRef      qdeRef `xml:"CodeRef"`
}

type qdeNote struct {
	GUID          string `xml:"guid,attr"`
	Name          string `xml:"name,attr,omitempty"`
	CreatingUser  string `xml:"creatingUser,attr,omitempty"`
	Created       string `xml:"creationDateTime,attr,omitempty"`
	ModifyingUser string `xml:"modifyingUser,attr,omitempty"`
	Modified      string `xml:"modifiedDateTime,attr,omitempty"`
	Content       string `xml:"PlainTextContent"`
}
