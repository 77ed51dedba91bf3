package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Comparison kinds: cases side by side, or groups of cases (a country, a
// policy field...) side by side.
const (
	CompareCases  = "cases"
	CompareGroups = "groups"
)

// MaxColumns is how many cases or groups a comparison puts side by side.
const MaxColumns = 4

// Comparison says what to compare and how: the cases (or facet values) in
// column order, the sections to show, and, once saved, a name.
type Comparison struct {
	ID      string   `json:"id,omitempty"`
	Name    string   `json:"name,omitempty"`
	Kind    string   `json:"kind"`
	Members []string `json:"members"`
	// Facet is the facet whose values Members are, for groups.
	Facet string `json:"facet,omitempty"`
	// Scope narrows the cases of every group (e.g. only the employment field).
	Scope      Filter    `json:"scope"`
	Sections   []string  `json:"sections,omitempty"`
	OnlyShared bool      `json:"only_shared,omitempty"`
	Created    time.Time `json:"created"`
	Updated    time.Time `json:"updated"`
}

// Subject names what is compared, whatever the order or the saved name; row
// notes belong to it.
func (c Comparison) Subject() string {
	members := slices.Clone(c.Members)
	sort.Strings(members)
	if c.Kind == CompareGroups {
		scope, _ := json.Marshal(c.Scope)
		return "groups:" + c.Facet + ":" + strings.Join(members, ",") + ":" + string(scope)
	}
	return "cases:" + strings.Join(members, ",")
}

// ComparisonView is everything a comparison shows, loaded at once.
type ComparisonView struct {
	Comparison Comparison     `json:"comparison"`
	Columns    []Column       `json:"columns"`
	Attributes []AttributeRow `json:"attributes"`
	Rows       []Row          `json:"rows"`
	Codes      []CodeRow      `json:"codes"`
}

// Column is one compared case, or one group of cases.
type Column struct {
	Title    string   `json:"title"`
	Subtitle string   `json:"subtitle"`
	Cases    []Case   `json:"-"`
	CaseIDs  []string `json:"cases"`
}

// AttributeRow is one attribute across the columns; Differs marks a row
// whose values are not all the same, and Odd the values that differ from the
// most common one (all of them when no two agree).
type AttributeRow struct {
	Name    string   `json:"name"`
	Values  []string `json:"values"`
	Differs bool     `json:"differs"`
	Odd     []bool   `json:"odd"`
}

// Row is one template section across the columns, with its note.
type Row struct {
	Key     string   `json:"key"`
	Heading string   `json:"heading"`
	Cells   []Cell   `json:"cells"`
	Note    *RowNote `json:"note,omitempty"`
}

// Cell is a column's text for a row: one part per case that has text.
type Cell struct {
	Parts []Part `json:"parts"`
}

// Part is one case's text in a cell, with the highlights on it.
type Part struct {
	CaseID      string       `json:"case"`
	CaseTitle   string       `json:"case_title"`
	Text        string       `json:"text"`
	Annotations []Annotation `json:"annotations"`
}

// CodeRow counts one code's highlights per column.
type CodeRow struct {
	Code   Code  `json:"code"`
	Counts []int `json:"counts"`
}

// RowNote is a researcher's note on one row of a comparison.
type RowNote struct {
	Subject string    `json:"subject"`
	Row     string    `json:"row"`
	Text    string    `json:"text"`
	Author  string    `json:"author"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// Compare loads everything a comparison shows, in one read transaction.
func (s *Store) Compare(ctx context.Context, c Comparison) (ComparisonView, error) {
	var v ComparisonView
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return v, fmt.Errorf("store: compare: %w", describe(err))
	}
	defer tx.Rollback()
	v, err = s.compare(ctx, tx, c)
	if err != nil {
		return v, fmt.Errorf("store: compare: %w", describe(err))
	}
	return v, nil
}

func (s *Store) compare(ctx context.Context, tx *sql.Tx, c Comparison) (ComparisonView, error) {
	v := ComparisonView{Comparison: c}
	t, vocab, err := readRules(ctx, tx)
	if err != nil {
		return v, err
	}
	if v.Columns, err = s.columns(ctx, tx, c, vocab); err != nil {
		return v, err
	}
	v.Attributes = attributeRows(v.Columns, vocab)
	notes, err := readRowNotes(ctx, tx, c.Subject())
	if err != nil {
		return v, err
	}
	annotations, err := columnAnnotations(ctx, tx, v.Columns)
	if err != nil {
		return v, err
	}
	v.Rows = sectionRows(c, t, v.Columns, annotations, notes)
	v.Codes, err = codeRows(ctx, tx, v.Columns, annotations)
	return v, err
}

// columns loads the compared cases, one per column, or each group's cases.
func (s *Store) columns(ctx context.Context, tx *sql.Tx, c Comparison, vocab Vocabulary) ([]Column, error) {
	if len(c.Members) < 2 || len(c.Members) > MaxColumns {
		return nil, fmt.Errorf("a comparison puts 2 to %d cases or groups side by side, not %d: %w", MaxColumns, len(c.Members), ErrInvalid)
	}
	var cols []Column
	for _, m := range c.Members {
		col, err := s.column(ctx, tx, c, m, vocab)
		if err != nil {
			return nil, err
		}
		cols = append(cols, col)
	}
	return cols, nil
}

func (s *Store) column(ctx context.Context, tx *sql.Tx, c Comparison, member string, vocab Vocabulary) (Column, error) {
	switch c.Kind {
	case CompareCases:
		cs, err := readCase(ctx, tx, member)
		if err != nil {
			return Column{}, err
		}
		sub := strings.Join(nonBlank(cs.Country, vocab.Label(KindField, cs.Field), cs.Period.String()), " · ")
		return Column{Title: cs.Title, Subtitle: sub, Cases: []Case{cs}, CaseIDs: []string{cs.ID}}, nil
	case CompareGroups:
		return s.groupColumn(ctx, tx, c, member, vocab)
	}
	return Column{}, fmt.Errorf("unknown comparison kind %q (cases or groups): %w", c.Kind, ErrInvalid)
}

func (s *Store) groupColumn(ctx context.Context, tx *sql.Tx, c Comparison, value string, vocab Vocabulary) (Column, error) {
	if !slices.Contains(Facets, c.Facet) {
		return Column{}, fmt.Errorf("cannot group by %q (facets: %s): %w", c.Facet, strings.Join(Facets, ", "), ErrInvalid)
	}
	f := c.Scope
	f.Values = map[string][]string{}
	for k, vs := range c.Scope.Values {
		f.Values[k] = vs
	}
	f.Values[c.Facet] = []string{value}
	where, args := filterSQL(f, "")
	rows, err := tx.QueryContext(ctx, `SELECT c.id FROM "case" c WHERE 1`+where+` ORDER BY c.title COLLATE NOCASE`, args...)
	if err != nil {
		return Column{}, err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return Column{}, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	col := Column{Title: groupTitle(c.Facet, value, vocab), CaseIDs: ids}
	col.Subtitle = fmt.Sprintf("%d cases", len(ids))
	for _, id := range ids {
		cs, err := readCase(ctx, tx, id)
		if err != nil {
			return Column{}, err
		}
		col.Cases = append(col.Cases, cs)
	}
	return col, rows.Err()
}

func groupTitle(facet, value string, vocab Vocabulary) string {
	if facet == KindCountry {
		return fmt.Sprintf("%s (%s)", vocab.Label(facet, value), value)
	}
	return vocab.Label(facet, value)
}

func nonBlank(values ...string) []string {
	var out []string
	for _, v := range values {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

// SaveComparison stores a comparison under its name, replacing one of the
// same name; it returns the comparison as saved.
func (s *Store) SaveComparison(ctx context.Context, c Comparison) (Comparison, error) {
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" {
		return c, fmt.Errorf("store: save comparison: a saved comparison needs a name: %w", ErrInvalid)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.compare(ctx, tx, c); err != nil {
			return err
		}
		now := s.stamp()
		if c.ID == "" {
			c.ID = uuid.NewString()
		}
		members, _ := json.Marshal(c.Members)
		scope, _ := json.Marshal(c.Scope)
		sections, _ := json.Marshal(c.Sections)
		_, err := tx.ExecContext(ctx, `INSERT INTO comparison (id, name, kind, members, facet, scope, sections,
			only_shared, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, members = excluded.members,
			facet = excluded.facet, scope = excluded.scope, sections = excluded.sections,
			only_shared = excluded.only_shared, updated_at = excluded.updated_at`,
			c.ID, c.Name, c.Kind, string(members), c.Facet, string(scope), string(sections), c.OnlyShared, now, now)
		return err
	})
	if err != nil {
		return c, fmt.Errorf("store: save comparison %q: %w", c.Name, err)
	}
	return s.ComparisonNamed(ctx, c.Name)
}

// Comparisons lists the saved comparisons by name.
func (s *Store) Comparisons(ctx context.Context) ([]Comparison, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+comparisonColumns+` FROM comparison ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: comparisons: %w", describe(err))
	}
	defer rows.Close()
	var out []Comparison
	for rows.Next() {
		c, err := scanComparison(rows)
		if err != nil {
			return nil, fmt.Errorf("store: comparisons: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ComparisonNamed returns the saved comparison of that name (any case).
func (s *Store) ComparisonNamed(ctx context.Context, name string) (Comparison, error) {
	c, err := scanComparison(s.db.QueryRowContext(ctx, `SELECT `+comparisonColumns+` FROM comparison WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("store: no saved comparison named %q: %w", name, ErrNotFound)
	}
	return c, err
}

// DeleteComparison forgets a saved comparison; its row notes stay with what
// was compared.
func (s *Store) DeleteComparison(ctx context.Context, id string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM comparison WHERE id = ?`, id)
		return err
	})
}

const comparisonColumns = `id, name, kind, members, facet, scope, sections, only_shared, created_at, updated_at`

func scanComparison(row scanner) (Comparison, error) {
	var c Comparison
	var members, scope, sections, created, updated string
	if err := row.Scan(&c.ID, &c.Name, &c.Kind, &members, &c.Facet, &scope, &sections, &c.OnlyShared, &created, &updated); err != nil {
		return c, err
	}
	json.Unmarshal([]byte(members), &c.Members)
	json.Unmarshal([]byte(scope), &c.Scope)
	json.Unmarshal([]byte(sections), &c.Sections)
	c.Created, _ = time.Parse(timeLayout, created)
	c.Updated, _ = time.Parse(timeLayout, updated)
	return c, nil
}
