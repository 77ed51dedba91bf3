// Package exchange reads and writes the files Casebook shares with the world:
// case files (YAML front matter and one Markdown heading per section, see
// README), and later the formats of other research tools.
package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"casebook/store"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"
)

// Problem is one thing wrong in a case file, at a line (1-based, 0 if none).
type Problem struct {
	Line int
	Msg  string
}

// FileError lists what is wrong with one case file. It matches store.ErrInvalid.
type FileError struct {
	File     string
	Problems []Problem
}

func (e *FileError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = fmt.Sprintf("%s:%d: %s", e.File, p.Line, p.Msg)
	}
	return strings.Join(lines, "\n")
}

// Unwrap makes errors.Is(err, store.ErrInvalid) true.
func (e *FileError) Unwrap() error { return store.ErrInvalid }

// Rules are what a case file is checked against: the catalogue's template and vocabularies.
type Rules struct {
	Template   store.Template
	Vocabulary store.Vocabulary
}

// caseFile is a case file being parsed: its normalised lines and what was found.
type caseFile struct {
	name     string
	lines    []string
	fmEnd    int // index of the closing "---" line
	keyLines map[string]int
	itemLine map[string][]int
	sections map[string]int // section key -> heading line
	problems []Problem
}

func (f *caseFile) fail(line int, format string, args ...any) {
	f.problems = append(f.problems, Problem{Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (f *caseFile) err() error {
	if len(f.problems) == 0 {
		return nil
	}
	return &FileError{File: f.name, Problems: f.problems}
}

// ParseCase reads one case file. name is used in error messages. The text is
// normalised first (BOM dropped, CRLF to LF, Unicode NFC); every problem is
// reported with its line, and a file with any problem yields no case.
func ParseCase(name string, data []byte, rules Rules) (store.Case, error) {
	f := &caseFile{name: name, keyLines: map[string]int{}, itemLine: map[string][]int{}, sections: map[string]int{}}
	text, ok := f.normalise(data)
	if !ok {
		return store.Case{}, f.err()
	}
	f.lines = strings.Split(text, "\n")
	if !f.findFrontMatter() {
		return store.Case{}, f.err()
	}
	c, ok := f.parseFrontMatter()
	if !ok {
		return store.Case{}, f.err()
	}
	c.Sections = f.parseSections(rules.Template)
	if f.err() != nil {
		return store.Case{}, f.err()
	}
	if err := c.Validate(rules.Template, rules.Vocabulary); err != nil {
		f.report(err)
		return store.Case{}, f.err()
	}
	return c, nil
}

// normalise checks the encoding and returns LF-only, NFC text without a BOM.
func (f *caseFile) normalise(data []byte) (string, bool) {
	if !utf8.Valid(data) {
		bad := len(data)
		for i := 0; i < len(data); {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				bad = i
				break
			}
			i += size
		}
		f.fail(bytes.Count(data[:bad], []byte("\n"))+1, "the file is not valid UTF-8 (save it as UTF-8)")
		return "", false
	}
	text := strings.TrimPrefix(string(data), "\uFEFF")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	return norm.NFC.String(text), true
}

func (f *caseFile) findFrontMatter() bool {
	if strings.TrimRight(f.lines[0], " \t") != "---" {
		f.fail(1, "a case file starts with front matter: a line '---', the attributes, and a closing '---'")
		return false
	}
	for i := 1; i < len(f.lines); i++ {
		if strings.TrimRight(f.lines[i], " \t") == "---" {
			f.fmEnd = i
			return true
		}
	}
	f.fail(1, "the front matter opened here is never closed with a line '---'")
	return false
}

// frontMatter is the YAML at the top of a case file.
type frontMatter struct {
	ID          string     `yaml:"id"`
	Title       string     `yaml:"title"`
	Country     string     `yaml:"country"`
	Region      string     `yaml:"region"`
	Field       string     `yaml:"field"`
	Period      *period    `yaml:"period"`
	Levels      stringList `yaml:"levels"`
	Direction   stringList `yaml:"direction"`
	Mechanisms  stringList `yaml:"mechanisms"`
	Instruments stringList `yaml:"instruments"`
	Authors     stringList `yaml:"authors"`
	Institution string     `yaml:"institution"`
	Provenance  string     `yaml:"provenance"`
	Sources     []source   `yaml:"sources"`
}

type period struct {
	Start int `yaml:"start"`
	End   int `yaml:"end"`
}

type source struct {
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
}

// stringList accepts both "a" and [a, b], since a single value is often written bare.
type stringList []string

func (l *stringList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		if n.Value != "" {
			*l = []string{n.Value}
		}
		return nil
	}
	var list []string
	err := n.Decode(&list)
	*l = list
	return err
}

var knownKeys = map[string]bool{"id": true, "title": true, "country": true, "region": true, "field": true,
	"period": true, "levels": true, "direction": true, "mechanisms": true, "instruments": true,
	"authors": true, "institution": true, "provenance": true, "sources": true}

var yamlLine = regexp.MustCompile(`line (\d+)`)

func (f *caseFile) parseFrontMatter() (store.Case, bool) {
	src := strings.Join(f.lines[1:f.fmEnd], "\n")
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		f.failYAML(err)
		return store.Case{}, false
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		f.fail(2, "the front matter must be a list of 'key: value' lines")
		return store.Case{}, false
	}
	f.indexKeys(doc.Content[0])
	if len(f.problems) > 0 {
		return store.Case{}, false
	}
	var fm frontMatter
	if err := doc.Content[0].Decode(&fm); err != nil {
		f.failYAML(err)
		return store.Case{}, false
	}
	return fm.toCase(), true
}

// failYAML reports a YAML error at its line in the file (the YAML starts on line 2).
func (f *caseFile) failYAML(err error) {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	for _, msg := range msgs {
		line := 1
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			fmt.Sscan(m[1], &line)
			msg = strings.Replace(msg, m[0], "", 1)
		}
		msg = strings.TrimLeft(strings.TrimPrefix(msg, "yaml:"), " :")
		f.fail(line+1, "front matter: %s", msg)
	}
}

// indexKeys remembers the line of each key and list item, and rejects unknown keys.
func (f *caseFile) indexKeys(m *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, val := m.Content[i], m.Content[i+1]
		line := key.Line + 1
		if !knownKeys[key.Value] {
			f.fail(line, "unknown attribute %q (known: id, title, country, region, field, period, levels, direction, mechanisms, instruments, authors, institution, provenance, sources)", key.Value)
			continue
		}
		if _, dup := f.keyLines[key.Value]; dup {
			f.fail(line, "attribute %q is given twice", key.Value)
		}
		f.keyLines[key.Value] = line
		for _, item := range val.Content {
			f.itemLine[key.Value] = append(f.itemLine[key.Value], item.Line+1)
		}
	}
}

func (fm frontMatter) toCase() store.Case {
	c := store.Case{
		ID: strings.TrimSpace(fm.ID), Title: strings.TrimSpace(fm.Title),
		Country: strings.ToUpper(strings.TrimSpace(fm.Country)), Region: strings.TrimSpace(fm.Region),
		Field: strings.TrimSpace(fm.Field), Levels: fm.Levels, Directions: fm.Direction,
		Mechanisms: fm.Mechanisms, Instruments: fm.Instruments, Authors: fm.Authors,
		Institution: strings.TrimSpace(fm.Institution), Provenance: strings.TrimSpace(fm.Provenance),
	}
	if fm.Period != nil {
		c.Period = store.Period{Start: fm.Period.Start, End: fm.Period.End}
	}
	for _, s := range fm.Sources {
		c.Sources = append(c.Sources, store.Source{Title: strings.TrimSpace(s.Title), URL: strings.TrimSpace(s.URL)})
	}
	return c
}

// report turns the store's validation problems into problems at file lines.
func (f *caseFile) report(err error) {
	var in store.Invalid
	if !errors.As(err, &in) {
		f.fail(0, "%v", err)
		return
	}
	for _, p := range in {
		f.fail(f.lineOf(p), "%s", strings.TrimSuffix(p.Err.Error(), ": "+store.ErrInvalid.Error()))
	}
}

func (f *caseFile) lineOf(p store.Problem) int {
	switch p.Field {
	case "abstract":
		if line, ok := f.sections["abstract"]; ok {
			return line
		}
		return f.fmEnd + 1
	case "section":
		return f.fmEnd + 1
	}
	if items := f.itemLine[p.Field]; p.Index < len(items) {
		return items[p.Index]
	}
	if line, ok := f.keyLines[p.Field]; ok {
		return line
	}
	return 1 // a required attribute is missing: point at the front matter
}
