package exchange

// REFI-QDA project import: reads a .qdpx written by Casebook (see refi.go for
// the mapping) back into a Project. Reading is all or nothing: the archive is
// parsed and checked completely, and any broken part (not a zip, no
// project.qde, XML that is not QDA-XML, a dangling reference, a note over
// 1 MB, a case that breaks the catalogue's rules) is one error and no
// Project. Parts that are valid REFI-QDA but that Casebook has no place for
// (links, sets, graphs, pictures, other tools' variables and extensions) are
// skipped and listed as warnings, never dropped silently.

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"casebook/store"
)

// Size limits, so that a damaged or hostile archive cannot exhaust memory.
const (
	maxProjectXML = 256 << 20
	maxSourceText = 16 << 20
	// maxNoteBytes is the store's limit on a memo.
	maxNoteBytes = 1 << 20
	maxXMLDepth  = 256
)

// ReadQDPXFile reads a .qdpx file into a Project whose cases follow rules.
// The warnings list what was skipped; errors name the file.
func ReadQDPXFile(path string, rules Rules) (Project, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return Project{}, nil, fmt.Errorf("%s: %w", path, errors.Unwrap(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return Project{}, nil, fmt.Errorf("%s: %w", path, err)
	}
	p, warnings, err := ReadQDPX(f, info.Size(), rules)
	if err != nil {
		return Project{}, nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, warnings, nil
}

// ReadQDPX reads a .qdpx archive of size bytes. In the returned Project, code
// ids and the codes of highlights are the file's guids; SaveProject maps them
// to the catalogue's codes.
func ReadQDPX(r io.ReaderAt, size int64, rules Rules) (Project, []string, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return Project{}, nil, errors.New("not a REFI-QDA project (.qdpx): not a zip archive, or a truncated one")
	}
	arc := newArchive(zr)
	data, err := arc.read("project.qde", maxProjectXML)
	if err != nil {
		return Project{}, nil, err
	}
	root, err := parseTree(data)
	if err != nil {
		return Project{}, nil, err
	}
	if root.name != (xml.Name{Space: refiNamespace, Local: "Project"}) {
		return Project{}, nil, fmt.Errorf("project.qde is not a REFI-QDA project: its root element is <%s> in namespace %q, not <Project> in %q",
			root.name.Local, root.name.Space, refiNamespace)
	}
	rd := &qdpxReader{rules: rules, arc: arc, users: map[string]string{}, codes: map[string]bool{},
		variables: map[string]string{}, notes: map[string]parsedNote{}, noteUsed: map[string]bool{},
		sources: map[string]*xnode{}, sourceUsed: map[string]bool{}, skipped: map[string]int{}}
	if err := rd.project(root); err != nil {
		return Project{}, nil, err
	}
	return rd.p, rd.warnings(), nil
}

// archive is the opened zip, remembering which entries were read so that
// the others can be reported.
type archive struct {
	files map[string]*zip.File
	used  map[string]bool
}

func newArchive(zr *zip.Reader) *archive {
	a := &archive{files: map[string]*zip.File{}, used: map[string]bool{}}
	for _, f := range zr.File {
		a.files[strings.TrimPrefix(f.Name, "./")] = f
	}
	return a
}

// read returns an entry's bytes, refusing one larger than limit; reading to
// the end makes the zip check the entry's checksum.
func (a *archive) read(name string, limit int64) ([]byte, error) {
	f, ok := a.files[name]
	if !ok {
		if name == "project.qde" {
			return nil, errors.New("not a REFI-QDA project (.qdpx): the archive has no project.qde")
		}
		return nil, fmt.Errorf("the archive has no %s", name)
	}
	a.used[name] = true
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s in the archive cannot be read: %v", name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s in the archive is damaged: %v", name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s in the archive is larger than %d MB", name, limit>>20)
	}
	return data, nil
}

// xnode is an XML element with its attributes, children and text: the whole
// document is read into a tree first, so that every element can be either
// understood or reported.
type xnode struct {
	name     xml.Name
	attrs    []xml.Attr
	children []*xnode
	text     []byte
}

// attr returns the value of an unqualified attribute, or "".
func (n *xnode) attr(local string) string {
	for _, a := range n.attrs {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// child returns the first child element in the REFI namespace with that name.
func (n *xnode) child(local string) *xnode {
	for _, c := range n.children {
		if c.name.Space == refiNamespace && c.name.Local == local {
			return c
		}
	}
	return nil
}

func parseTree(data []byte) (*xnode, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []*xnode
	var root *xnode
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("project.qde is not well-formed XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= maxXMLDepth {
				return nil, fmt.Errorf("project.qde nests elements deeper than %d levels", maxXMLDepth)
			}
			n := &xnode{name: t.Name, attrs: t.Attr}
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.children = append(top.children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.text = append(top.text, t...)
			}
		}
	}
	if root == nil {
		return nil, errors.New("project.qde is empty")
	}
	return root, nil
}

// parsedNote is a REFI Note: a memo's text with its author and times.
type parsedNote struct {
	guid, name, text, author string
	created, modified        time.Time
}

// qdpxReader interprets the element tree.
type qdpxReader struct {
	rules      Rules
	arc        *archive
	p          Project
	users      map[string]string // guid -> name
	codes      map[string]bool   // code guids
	variables  map[string]string // guid -> name
	notes      map[string]parsedNote
	noteUsed   map[string]bool
	sources    map[string]*xnode // TextSource guid -> element
	sourceUsed map[string]bool
	skipped    map[string]int // warning -> how many times
	order      []string
}

// skip records something Casebook does not take over.
func (rd *qdpxReader) skip(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if rd.skipped[msg] == 0 {
		rd.order = append(rd.order, msg)
	}
	rd.skipped[msg]++
}

// skipElement reports an element Casebook has no place for.
func (rd *qdpxReader) skipElement(n *xnode, where string) {
	if n.name.Space != refiNamespace {
		rd.skip("skipped <%s> in %s: another tool's extension (namespace %q)", n.name.Local, where, n.name.Space)
		return
	}
	rd.skip("skipped <%s> in %s: Casebook has no place for it", n.name.Local, where)
}

func (rd *qdpxReader) warnings() []string {
	var out []string
	for _, msg := range rd.order {
		if n := rd.skipped[msg]; n > 1 {
			msg += fmt.Sprintf(" (%d times)", n)
		}
		out = append(out, msg)
	}
	for _, name := range sortedKeys(rd.arc.files) {
		if !rd.arc.used[name] && !strings.HasSuffix(name, "/") {
			out = append(out, fmt.Sprintf("skipped %s in the archive: no element of the project refers to it", name))
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// project reads the parts in dependency order: users, codes, variables and
// notes first, since cases and sources refer to them.
func (rd *qdpxReader) project(root *xnode) error {
	rd.p.Name, rd.p.Origin = root.attr("name"), root.attr("origin")
	rd.p.Created = parseTime(root.attr("creationDateTime"))
	rd.p.Template, rd.p.Vocabulary = rd.rules.Template, rd.rules.Vocabulary
	parts := map[string]*xnode{}
	for _, n := range root.children {
		switch {
		case n.name.Space == refiNamespace && isProjectPart(n.name.Local) && parts[n.name.Local] == nil:
			parts[n.name.Local] = n
		case n.name.Space == refiNamespace && len(n.children) > 0 && (n.name.Local == "Links" || n.name.Local == "Sets" || n.name.Local == "Graphs"):
			// name what is lost (each <Link>, <Set> ...), not just the wrapper
			for _, c := range n.children {
				rd.skipElement(c, "<"+n.name.Local+">")
			}
		default:
			rd.skipElement(n, "<Project>")
		}
	}
	steps := []struct {
		part string
		read func(*xnode) error
	}{{"Users", rd.readUsers}, {"CodeBook", rd.readCodeBook}, {"Variables", rd.readVariables},
		{"Notes", rd.readNotes}, {"Sources", rd.readSources}, {"Cases", rd.readCases}}
	for _, s := range steps {
		if n := parts[s.part]; n != nil {
			if err := s.read(n); err != nil {
				return err
			}
		}
	}
	rd.reportUnused()
	return nil
}

func isProjectPart(name string) bool {
	switch name {
	case "Users", "CodeBook", "Variables", "Cases", "Sources", "Notes":
		return true
	}
	return false
}

func (rd *qdpxReader) reportUnused() {
	for _, guid := range sortedKeys(rd.sources) {
		if !rd.sourceUsed[guid] {
			rd.skip("skipped text source %q: it is not the text of a Casebook case", rd.sources[guid].attr("name"))
		}
	}
	for _, guid := range sortedKeys(rd.notes) {
		if !rd.noteUsed[guid] {
			rd.skip("skipped note %q: it is not attached to a case, a section or a highlight", rd.notes[guid].name)
		}
	}
}

func (rd *qdpxReader) readUsers(n *xnode) error {
	for _, u := range n.children {
		if u.name != (xml.Name{Space: refiNamespace, Local: "User"}) {
			rd.skipElement(u, "<Users>")
			continue
		}
		guid, err := needGUID(u)
		if err != nil {
			return err
		}
		rd.users[guid] = u.attr("name")
	}
	return nil
}

func (rd *qdpxReader) readCodeBook(n *xnode) error {
	for _, c := range n.children {
		if c.name != (xml.Name{Space: refiNamespace, Local: "Codes"}) {
			rd.skipElement(c, "<CodeBook>")
			continue
		}
		if err := rd.readCodes(c, "", 0); err != nil {
			return err
		}
	}
	return nil
}

// readCodes reads the Code children of n (a <Codes> or a <Code>) under parent,
// in document order, so that siblings keep their order.
func (rd *qdpxReader) readCodes(n *xnode, parent string, depth int) error {
	if depth > 64 {
		return errors.New("the codebook nests codes deeper than 64 levels")
	}
	siblings := map[string]bool{}
	for _, c := range n.children {
		switch {
		case c.name.Space == refiNamespace && c.name.Local == "Code":
			code, err := rd.readCode(c, parent, siblings)
			if err != nil {
				return err
			}
			if err := rd.readCodes(c, code.ID, depth+1); err != nil {
				return err
			}
		case n.name.Local == "Code" && c.name.Space == refiNamespace && (c.name.Local == "Description" || c.name.Local == "NoteRef"):
			// read (or reported) by readCode
		default:
			rd.skipElement(c, "the codebook")
		}
	}
	return nil
}

func (rd *qdpxReader) readCode(n *xnode, parent string, siblings map[string]bool) (store.Code, error) {
	guid, err := needGUID(n)
	if err != nil {
		return store.Code{}, err
	}
	name := strings.TrimSpace(n.attr("name"))
	color, err := codeColor(n.attr("color"))
	switch {
	case rd.codes[guid]:
		return store.Code{}, fmt.Errorf("code %q: guid %s is used twice", name, guid)
	case name == "" || strings.Contains(name, "/"):
		return store.Code{}, fmt.Errorf("code %q: a code needs a name without '/'", name)
	case siblings[strings.ToLower(name)]:
		return store.Code{}, fmt.Errorf("code %q appears twice at the same level of the codebook", name)
	case err != nil:
		return store.Code{}, fmt.Errorf("code %q: %v", name, err)
	}
	siblings[strings.ToLower(name)], rd.codes[guid] = true, true
	code := store.Code{ID: guid, ParentID: parent, Name: name, Color: color}
	if d := n.child("Description"); d != nil {
		code.Description = string(d.text)
	}
	for _, ref := range n.children {
		if ref.name.Local == "NoteRef" {
			rd.skip("skipped a note on code %q: Casebook codes have descriptions, not notes", name)
		}
	}
	rd.p.Codes = append(rd.p.Codes, code)
	return code, nil
}

// codeColor turns a REFI colour (#rgb or #rrggbb) into Casebook's #rrggbb;
// no colour gives "" (the next colour of the palette).
func codeColor(c string) (string, error) {
	c = strings.TrimSpace(c)
	if len(c) == 4 && c[0] == '#' {
		c = string([]byte{'#', c[1], c[1], c[2], c[2], c[3], c[3]})
	}
	if _, ok := store.ParseColor(c); c != "" && !ok {
		return "", fmt.Errorf("colour %q is not #rrggbb", c)
	}
	return c, nil
}

func (rd *qdpxReader) readVariables(n *xnode) error {
	for _, v := range n.children {
		if v.name != (xml.Name{Space: refiNamespace, Local: "Variable"}) {
			rd.skipElement(v, "<Variables>")
			continue
		}
		guid, err := needGUID(v)
		if err != nil {
			return err
		}
		name := v.attr("name")
		rd.variables[guid] = name
		if !isCaseVariable(name) && !isFlagVariable(name) {
			rd.skip("skipped variable %q: it is not an attribute of a Casebook case", name)
		}
	}
	return nil
}

func isCaseVariable(name string) bool {
	for _, cv := range caseVariables {
		if cv.name == name {
			return true
		}
	}
	return false
}

// isFlagVariable recognises the Boolean variables the export derives from
// the lists (level_central ...); the lists themselves are read instead.
func isFlagVariable(name string) bool {
	for _, f := range flagKinds {
		if strings.HasPrefix(name, f.prefix) {
			return true
		}
	}
	return false
}

func (rd *qdpxReader) readNotes(n *xnode) error {
	for _, note := range n.children {
		if note.name != (xml.Name{Space: refiNamespace, Local: "Note"}) {
			rd.skipElement(note, "<Notes>")
			continue
		}
		guid, err := needGUID(note)
		if err != nil {
			return err
		}
		pn, err := rd.readNote(note)
		if err != nil {
			return err
		}
		pn.guid = guid
		rd.notes[guid] = pn
	}
	return nil
}

func (rd *qdpxReader) readNote(n *xnode) (parsedNote, error) {
	pn := parsedNote{name: n.attr("name"), author: rd.users[normGUID(n.attr("creatingUser"))],
		created: parseTime(n.attr("creationDateTime")), modified: parseTime(n.attr("modifiedDateTime"))}
	text, err := rd.plainText(n, maxNoteBytes)
	if err != nil {
		return pn, fmt.Errorf("note %q: %v", pn.name, err)
	}
	if len(text) > maxNoteBytes {
		return pn, fmt.Errorf("note %q is larger than 1 MB; Casebook keeps notes up to 1 MB", pn.name)
	}
	pn.text = text
	for _, c := range n.children {
		if c.name.Space != refiNamespace || c.name.Local != "PlainTextContent" {
			rd.skipElement(c, "a note")
		}
	}
	return pn, nil
}

// plainText is the text of a TextSource or Note: its PlainTextContent, or
// the archive entry its plainTextPath names ("internal://NAME" is
// Sources/NAME). A BOM is dropped: it is not part of the text REFI counts.
func (rd *qdpxReader) plainText(n *xnode, limit int64) (string, error) {
	var data []byte
	path := n.attr("plainTextPath")
	switch {
	case path != "":
		name, ok := strings.CutPrefix(path, "internal://")
		if !ok {
			return "", fmt.Errorf("its text %s is outside the project file", path)
		}
		var err error
		if data, err = rd.arc.read("Sources/"+name, limit); err != nil {
			return "", err
		}
	case n.child("PlainTextContent") != nil:
		data = n.child("PlainTextContent").text
	}
	if !utf8.Valid(data) {
		return "", errors.New("its text is not valid UTF-8")
	}
	return strings.TrimPrefix(string(data), "\uFEFF"), nil
}

// readSources indexes the text sources; they are read when their case is.
func (rd *qdpxReader) readSources(n *xnode) error {
	for _, s := range n.children {
		if s.name != (xml.Name{Space: refiNamespace, Local: "TextSource"}) {
			rd.skip("skipped <%s> %q: Casebook reads text sources only", s.name.Local, s.attr("name"))
			continue
		}
		guid, err := needGUID(s)
		if err != nil {
			return err
		}
		rd.sources[guid] = s
	}
	return nil
}

func (rd *qdpxReader) readCases(n *xnode) error {
	seen := map[string]bool{}
	for _, c := range n.children {
		if c.name != (xml.Name{Space: refiNamespace, Local: "Case"}) {
			rd.skipElement(c, "<Cases>")
			continue
		}
		cn, ok, err := rd.readCase(c)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if seen[cn.Case.ID] {
			return fmt.Errorf("case %s appears twice", cn.Case.ID)
		}
		seen[cn.Case.ID] = true
		rd.p.Cases = append(rd.p.Cases, cn)
	}
	return nil
}

// readCase reads one Case and its text; ok is false for a case that is not
// Casebook's (no id variable), which is skipped with a warning.
func (rd *qdpxReader) readCase(n *xnode) (CaseNotes, bool, error) {
	guid, err := needGUID(n)
	if err != nil {
		return CaseNotes{}, false, err
	}
	values, err := rd.caseValues(n)
	if err != nil {
		return CaseNotes{}, false, err
	}
	if len(values["id"]) == 0 {
		rd.skip("skipped case %q: it has no Casebook id variable", n.attr("name"))
		return CaseNotes{}, false, nil
	}
	c, err := caseFromValues(values)
	if err != nil {
		return CaseNotes{}, false, err
	}
	src, err := rd.caseSource(n, c.ID)
	if err != nil {
		return CaseNotes{}, false, err
	}
	cn, err := rd.readText(guid, c, src)
	if err != nil {
		return CaseNotes{}, false, fmt.Errorf("case %s: %v", c.ID, err)
	}
	if err := cn.Case.Validate(rd.rules.Template, rd.rules.Vocabulary); err != nil {
		return CaseNotes{}, false, fmt.Errorf("case %s: %s", c.ID, store.Message(err))
	}
	return cn, true, nil
}

// caseValues collects a case's variable values by variable name; a Text list
// is one item a line.
func (rd *qdpxReader) caseValues(n *xnode) (map[string][]string, error) {
	values := map[string][]string{}
	for _, v := range n.children {
		if v.name.Space != refiNamespace || v.name.Local != "VariableValue" {
			if v.name.Local != "SourceRef" {
				rd.skipElement(v, "a case")
			}
			continue
		}
		ref := v.child("VariableRef")
		if ref == nil {
			return nil, fmt.Errorf("case %q: a variable value has no VariableRef", n.attr("name"))
		}
		name, ok := rd.variables[target(ref)]
		if !ok {
			return nil, fmt.Errorf("case %q: a value refers to variable %s, which the project does not declare", n.attr("name"), target(ref))
		}
		if isCaseVariable(name) {
			values[name] = append(values[name], splitLines(valueText(v))...)
		}
	}
	return values, nil
}

// valueText is the text of a VariableValue's value element, whatever its type.
func valueText(v *xnode) string {
	for _, c := range v.children {
		if c.name.Local != "VariableRef" {
			return string(c.text)
		}
	}
	return ""
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// caseFromValues builds a case's attributes from its variables.
func caseFromValues(values map[string][]string) (store.Case, error) {
	one := func(name string) string { return strings.Join(values[name], " ") }
	c := store.Case{ID: one("id"), Title: one("title"), Country: one("country"), Region: one("region"),
		Field: one("field"), Institution: one("institution"), Provenance: one("provenance"),
		Levels: values["levels"], Directions: values["direction"], Mechanisms: values["mechanisms"],
		Instruments: values["instruments"], Authors: values["authors"]}
	var err error
	if c.Period.Start, err = year(one("period_start")); err != nil {
		return c, fmt.Errorf("case %s: period_start: %v", c.ID, err)
	}
	if c.Period.End, err = year(one("period_end")); err != nil {
		return c, fmt.Errorf("case %s: period_end: %v", c.ID, err)
	}
	for _, line := range values["sources"] {
		title, url, ok := cutSource(line)
		if !ok {
			return c, fmt.Errorf("case %s: source %q is not written \"Title <url>\"", c.ID, line)
		}
		c.Sources = append(c.Sources, store.Source{Title: title, URL: url})
	}
	return c, nil
}

func year(s string) (int, error) {
	if s = strings.TrimSpace(s); s == "" {
		return 0, nil
	}
	return strconv.Atoi(s)
}

// cutSource splits "Title <url>"; a url has no spaces, so the last " <" is its start.
func cutSource(line string) (title, url string, ok bool) {
	i := strings.LastIndex(line, " <")
	if i < 0 || !strings.HasSuffix(line, ">") {
		return "", "", false
	}
	return line[:i], line[i+2 : len(line)-1], true
}

// caseSource finds the TextSource a case refers to.
func (rd *qdpxReader) caseSource(n *xnode, id string) (*xnode, error) {
	var src *xnode
	for _, ref := range n.children {
		if ref.name.Space != refiNamespace || ref.name.Local != "SourceRef" {
			continue
		}
		s, ok := rd.sources[target(ref)]
		switch {
		case !ok:
			return nil, fmt.Errorf("case %s refers to source %s, which is not a text source of the project", id, target(ref))
		case src != nil:
			rd.skip("skipped source %q of case %s: a Casebook case has one text", s.attr("name"), id)
			continue
		}
		src = s
		rd.sourceUsed[target(ref)] = true
	}
	if src == nil {
		return nil, fmt.Errorf("case %s has no text source", id)
	}
	return src, nil
}

// span is a section's place in the source text, in runes.
type span struct {
	key        string
	start, end int
}

// readText cuts the source text into the case's sections (by the section
// selections) and reads the highlights and memos that hang on it.
func (rd *qdpxReader) readText(caseGUID string, c store.Case, src *xnode) (CaseNotes, error) {
	text, err := rd.plainText(src, maxSourceText)
	if err != nil {
		return CaseNotes{}, err
	}
	runes := []rune(text)
	spans, err := rd.sectionSpans(caseGUID, src, len(runes))
	if err != nil {
		return CaseNotes{}, err
	}
	cn := CaseNotes{Case: c}
	for _, s := range spans {
		cn.Case.Sections = append(cn.Case.Sections, store.Section{Key: s.key, Text: string(runes[s.start:s.end])})
	}
	sectionOf := map[string]span{}
	for _, s := range spans {
		sectionOf[sectionGUID(caseGUID, s.key)] = s
	}
	for _, child := range src.children {
		if err := rd.sourceChild(&cn, child, sectionOf, spans, runes); err != nil {
			return CaseNotes{}, err
		}
	}
	return cn, nil
}

// sectionSpans finds the section selections, which the export names with
// guids derived from the case and the section key.
func (rd *qdpxReader) sectionSpans(caseGUID string, src *xnode, length int) ([]span, error) {
	keyOf := map[string]string{}
	for _, sec := range rd.rules.Template {
		keyOf[sectionGUID(caseGUID, sec.Key)] = sec.Key
	}
	var spans []span
	for _, sel := range src.children {
		key, ok := keyOf[normGUID(sel.attr("guid"))]
		if !ok || sel.name.Local != "PlainTextSelection" {
			continue
		}
		start, end, err := positions(sel, length)
		if err != nil {
			return nil, fmt.Errorf("section %s: %v", key, err)
		}
		spans = append(spans, span{key: key, start: start, end: end})
	}
	if len(spans) == 0 {
		return nil, errors.New("its text has no Casebook sections (selections named after the sections)")
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	for i := 1; i < len(spans); i++ {
		if spans[i].start < spans[i-1].end {
			return nil, fmt.Errorf("sections %s and %s overlap", spans[i-1].key, spans[i].key)
		}
	}
	return spans, nil
}

// positions reads a selection's [start, end) and checks it against the text.
func positions(sel *xnode, length int) (int, int, error) {
	start, err1 := strconv.Atoi(strings.TrimSpace(sel.attr("startPosition")))
	end, err2 := strconv.Atoi(strings.TrimSpace(sel.attr("endPosition")))
	if err1 != nil || err2 != nil {
		return 0, 0, fmt.Errorf("selection %q has no valid startPosition and endPosition", sel.attr("name"))
	}
	if start < 0 || end > length || start > end {
		return 0, 0, fmt.Errorf("selection %q at %d-%d lies outside the text (%d characters)", sel.attr("name"), start, end, length)
	}
	return start, end, nil
}

// sourceChild reads one child of a case's TextSource: a section selection
// (its memos), a highlight, or a note on the whole case.
func (rd *qdpxReader) sourceChild(cn *CaseNotes, n *xnode, sectionOf map[string]span, spans []span, runes []rune) error {
	if n.name.Space != refiNamespace {
		rd.skipElement(n, "a text source")
		return nil
	}
	switch n.name.Local {
	case "PlainTextContent":
		return nil
	case "NoteRef":
		return rd.addMemo(cn, "", n)
	case "PlainTextSelection":
		if s, ok := sectionOf[normGUID(n.attr("guid"))]; ok {
			return rd.sectionMemos(cn, s.key, n)
		}
		return rd.addHighlight(cn, n, spans, runes)
	}
	rd.skipElement(n, "a text source")
	return nil
}

func (rd *qdpxReader) sectionMemos(cn *CaseNotes, key string, sel *xnode) error {
	for _, c := range sel.children {
		if c.name.Space == refiNamespace && c.name.Local == "NoteRef" {
			if err := rd.addMemo(cn, key, c); err != nil {
				return err
			}
		} else {
			rd.skipElement(c, "a section")
		}
	}
	return nil
}

// note resolves a NoteRef.
func (rd *qdpxReader) note(ref *xnode) (parsedNote, error) {
	guid := target(ref)
	pn, ok := rd.notes[guid]
	if !ok {
		return pn, fmt.Errorf("a note reference points to %s, which is not a note of the project", guid)
	}
	rd.noteUsed[guid] = true
	return pn, nil
}

func (rd *qdpxReader) addMemo(cn *CaseNotes, section string, ref *xnode) error {
	pn, err := rd.note(ref)
	if err != nil {
		return err
	}
	cn.Memos = append(cn.Memos, store.Memo{ID: pn.guid, CaseID: cn.Case.ID, Section: section, Text: pn.text,
		Author: pn.author, Created: pn.created, Updated: pn.modified})
	return nil
}

// addHighlight reads a selection as a highlight of the section it lies in;
// one that spans two sections has no place in Casebook and is reported.
func (rd *qdpxReader) addHighlight(cn *CaseNotes, sel *xnode, spans []span, runes []rune) error {
	start, end, err := positions(sel, len(runes))
	if err != nil {
		return err
	}
	var in *span
	for i := range spans {
		if spans[i].start <= start && end <= spans[i].end {
			in = &spans[i]
		}
	}
	if in == nil || start == end {
		rd.skip("skipped selection %q at %d-%d of case %s: it does not lie within one section", sel.attr("name"), start, end, cn.Case.ID)
		return nil
	}
	a := store.Annotation{ID: normGUID(sel.attr("guid")), CaseID: cn.Case.ID, Section: in.key, Start: start - in.start, End: end - in.start,
		Quote: string(runes[start:end]), Author: rd.users[normGUID(sel.attr("creatingUser"))], Codes: []string{},
		Created: parseTime(sel.attr("creationDateTime")), Updated: parseTime(sel.attr("modifiedDateTime"))}
	if err := rd.selectionParts(&a, sel); err != nil {
		return err
	}
	cn.Annotations = append(cn.Annotations, a)
	return nil
}

// selectionParts reads a highlight's codings and notes; several notes become
// one memo, a blank line apart.
func (rd *qdpxReader) selectionParts(a *store.Annotation, sel *xnode) error {
	var memos []string
	for _, c := range sel.children {
		switch {
		case c.name.Space == refiNamespace && c.name.Local == "Coding":
			code, err := rd.coding(c)
			if err != nil {
				return err
			}
			a.Codes = append(a.Codes, code)
		case c.name.Space == refiNamespace && c.name.Local == "NoteRef":
			pn, err := rd.note(c)
			if err != nil {
				return err
			}
			memos = append(memos, pn.text)
		default:
			rd.skipElement(c, "a highlight")
		}
	}
	a.Memo = strings.Join(memos, "\n\n")
	if len(a.Memo) > maxNoteBytes {
		return fmt.Errorf("the notes on highlight %q add up to more than 1 MB; Casebook keeps notes up to 1 MB", a.Quote)
	}
	return nil
}

func (rd *qdpxReader) coding(c *xnode) (string, error) {
	ref := c.child("CodeRef")
	if ref == nil {
		return "", errors.New("a coding has no CodeRef")
	}
	code := target(ref)
	if !rd.codes[code] {
		return "", fmt.Errorf("a coding refers to code %s, which is not in the codebook", code)
	}
	for _, part := range c.children {
		if part.name.Local != "CodeRef" {
			rd.skipElement(part, "a coding")
		}
	}
	return code, nil
}

// needGUID returns an element's guid, which the schema requires.
func needGUID(n *xnode) (string, error) {
	guid := normGUID(n.attr("guid"))
	if len(guid) != 36 {
		return "", fmt.Errorf("<%s %q> has no valid guid", n.name.Local, n.attr("name"))
	}
	return guid, nil
}

// normGUID writes a guid one way: the schema allows braces and either case.
func normGUID(s string) string {
	return strings.ToLower(strings.Trim(strings.TrimSpace(s), "{}"))
}

// target is the guid a reference element (NoteRef, CodeRef ...) points to.
func target(ref *xnode) string { return normGUID(ref.attr("targetGUID")) }

// parseTime reads an xsd:dateTime, with or without a time zone (UTC then);
// a missing or unreadable time is zero, which the store takes as "now".
func parseTime(s string) time.Time {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// Imported counts what SaveProject stored.
type Imported = store.ProjectReport

// SaveProject stores a Project read by ReadQDPX (or ReadQDC) in the
// catalogue, in one transaction (see store.ImportProject): its cases as the
// user's own, its codes (a code whose id or path is already in the codebook
// is reused, as the annotate command does), and its highlights and memos
// with their ids, authors and times. A highlight or memo the catalogue
// already has is not added again, so that importing the same file twice
// adds nothing; a file that fails leaves the catalogue as it was.
func SaveProject(ctx context.Context, st *store.Store, p Project) (Imported, error) {
	cases := make([]store.Case, len(p.Cases))
	notes := store.ProjectNotes{Codes: p.Codes}
	for i, cn := range p.Cases {
		cases[i] = cn.Case
		notes.Annotations = append(notes.Annotations, cn.Annotations...)
		notes.Memos = append(notes.Memos, cn.Memos...)
	}
	return st.ImportProject(ctx, cases, notes)
}
