package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// Vocabulary kinds: the controlled lists a case's attributes are checked against.
const (
	KindField      = "field"
	KindLevel      = "level"
	KindDirection  = "direction"
	KindMechanism  = "mechanism"
	KindProvenance = "provenance"
	KindCountry    = "country"
)

// TemplateSection is one section of the case template, such as "Why it emerged".
type TemplateSection struct {
	Key     string `json:"key" yaml:"key"`
	Heading string `json:"heading" yaml:"heading"`
}

// Template is the ordered list of sections a case may have.
type Template []TemplateSection

// Section finds a template section by key or, case-insensitively, by heading.
func (t Template) Section(keyOrHeading string) (TemplateSection, bool) {
	for _, s := range t {
		if s.Key == keyOrHeading || strings.EqualFold(s.Heading, keyOrHeading) {
			return s, true
		}
	}
	return TemplateSection{}, false
}

// Keys lists the section keys in template order.
func (t Template) Keys() []string {
	keys := make([]string, len(t))
	for i, s := range t {
		keys[i] = s.Key
	}
	return keys
}

// Term is one value of a vocabulary with its display label.
type Term struct {
	Value string `json:"value" yaml:"value"`
	Label string `json:"label" yaml:"label"`
}

// Vocabulary maps a kind (KindField, ...) to its allowed terms, in order.
type Vocabulary map[string][]Term

// Check reports whether value is allowed for kind, with an error listing the allowed values.
func (v Vocabulary) Check(kind, value string) error {
	terms := v[kind]
	if slices.ContainsFunc(terms, func(t Term) bool { return t.Value == value }) {
		return nil
	}
	allowed := make([]string, len(terms))
	for i, t := range terms {
		allowed[i] = t.Value
	}
	return fmt.Errorf("unknown %s %q (allowed: %s): %w", kind, value, strings.Join(allowed, ", "), ErrInvalid)
}

// Label is the display label of a value, or the value itself when it has none.
func (v Vocabulary) Label(kind, value string) string {
	for _, t := range v[kind] {
		if t.Value == value {
			return t.Label
		}
	}
	return value
}

var (
	idPattern      = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	countryPattern = regexp.MustCompile(`^[A-Z]{2}$`)
)

// CheckID reports whether id is a valid case id: lowercase letters, digits and single hyphens.
func CheckID(id string) error {
	if !idPattern.MatchString(id) || len(id) > 100 {
		return fmt.Errorf("id %q must be lowercase letters, digits and single hyphens (at most 100): %w", id, ErrInvalid)
	}
	return nil
}

// CheckCountry reports whether code looks like an ISO 3166-1 alpha-2 code.
func CheckCountry(code string) error {
	if !countryPattern.MatchString(code) {
		return fmt.Errorf("country %q must be an ISO 3166-1 alpha-2 code such as NO or EE: %w", code, ErrInvalid)
	}
	return nil
}

// CheckURL reports whether u is an absolute http(s) address.
func CheckURL(u string) error {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || strings.ContainsAny(u, " \t\n") {
		return fmt.Errorf("source url %q must be an absolute http(s) address: %w", u, ErrInvalid)
	}
	return nil
}

// Template returns the case template in order.
func (s *Store) Template(ctx context.Context) (Template, error) {
	t, err := queryTemplate(ctx, s.db)
	if err != nil {
		return nil, fmt.Errorf("store: template: %w", describe(err))
	}
	return t, nil
}

// Vocabulary returns every controlled vocabulary.
func (s *Store) Vocabulary(ctx context.Context) (Vocabulary, error) {
	v, err := queryVocabulary(ctx, s.db)
	if err != nil {
		return nil, fmt.Errorf("store: vocabulary: %w", describe(err))
	}
	return v, nil
}

func queryTemplate(ctx context.Context, q querier) (Template, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, heading FROM template_section ORDER BY position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var t Template
	for rows.Next() {
		var sec TemplateSection
		if err := rows.Scan(&sec.Key, &sec.Heading); err != nil {
			return nil, err
		}
		t = append(t, sec)
	}
	return t, rows.Err()
}

func queryVocabulary(ctx context.Context, q querier) (Vocabulary, error) {
	rows, err := q.QueryContext(ctx, `SELECT kind, value, label FROM vocabulary ORDER BY kind, position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	v := Vocabulary{}
	for rows.Next() {
		var kind string
		var t Term
		if err := rows.Scan(&kind, &t.Value, &t.Label); err != nil {
			return nil, err
		}
		v[kind] = append(v[kind], t)
	}
	return v, rows.Err()
}

// putTemplate adds or renames template sections; sections are never removed,
// since cases may still hold text under them.
func putTemplate(ctx context.Context, tx *sql.Tx, t Template) error {
	for i, sec := range t {
		if err := CheckID(sec.Key); err != nil || sec.Heading == "" {
			return fmt.Errorf("template section %q: needs a key and a heading: %w", sec.Key, ErrInvalid)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO template_section (key, heading, position) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET heading = excluded.heading, position = excluded.position`,
			sec.Key, sec.Heading, i); err != nil {
			return fmt.Errorf("template section %q: %w", sec.Key, err)
		}
	}
	return nil
}

// putVocabulary adds or relabels terms; values in use are never removed.
func putVocabulary(ctx context.Context, tx *sql.Tx, v Vocabulary) error {
	for kind, terms := range v {
		for i, t := range terms {
			if t.Value == "" {
				return fmt.Errorf("vocabulary %s: empty value: %w", kind, ErrInvalid)
			}
			label := t.Label
			if label == "" {
				label = t.Value
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO vocabulary (kind, value, label, position) VALUES (?, ?, ?, ?)
				ON CONFLICT (kind, value) DO UPDATE SET label = excluded.label, position = excluded.position`,
				kind, t.Value, label, i); err != nil {
				return fmt.Errorf("vocabulary %s: %w", kind, err)
			}
		}
	}
	return nil
}
