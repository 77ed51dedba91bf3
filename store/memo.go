package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// Memo is a note on a whole case (Section "") or on one of its sections.
type Memo struct {
	ID      string    `json:"id"`
	CaseID  string    `json:"case"`
	Section string    `json:"section,omitempty"`
	Text    string    `json:"text"`
	Author  string    `json:"author"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// AddMemo writes a new memo on a case or one of its sections.
func (s *Store) AddMemo(ctx context.Context, caseID, section, text, author string) (Memo, error) {
	var m Memo
	err := s.act(ctx, "memo", func(r *recorder) error {
		if err := checkMemo(ctx, r.tx, caseID, section, text); err != nil {
			return err
		}
		now, _ := time.Parse(timeLayout, r.now)
		m = Memo{ID: uuid.NewString(), CaseID: caseID, Section: section, Text: text, Author: author, Created: now, Updated: now}
		return r.put(kindMemo, m.ID, &m)
	})
	return m, err
}

// UpdateMemo changes a memo's text.
func (s *Store) UpdateMemo(ctx context.Context, id, text string) (Memo, error) {
	var m Memo
	err := s.act(ctx, "edit memo", func(r *recorder) error {
		current, err := readMemo(ctx, r.tx, id)
		if err != nil {
			return err
		}
		if err := checkNote(text); err != nil {
			return err
		}
		m = *current
		m.Text = text
		m.Updated, _ = time.Parse(timeLayout, r.now)
		return r.put(kindMemo, id, &m)
	})
	return m, err
}

// DeleteMemo removes a memo.
func (s *Store) DeleteMemo(ctx context.Context, id string) error {
	return s.act(ctx, "delete memo", func(r *recorder) error {
		if _, err := readMemo(ctx, r.tx, id); err != nil {
			return err
		}
		return r.put(kindMemo, id, nil)
	})
}

// Memos lists a case's memos: the case's own first, then by section and time.
func (s *Store) Memos(ctx context.Context, caseID string) ([]Memo, error) {
	out, err := queryMemos(ctx, s.db, caseID)
	if err != nil {
		return nil, fmt.Errorf("store: memos of %s: %w", caseID, describe(err))
	}
	return out, nil
}

// queryMemos lists a case's memos: the case's own first, then by section.
func queryMemos(ctx context.Context, q querier, caseID string) ([]Memo, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+memoColumns+` FROM memo m
		LEFT JOIN template_section t ON t.key = m.section_key
		WHERE m.case_id = ? ORDER BY m.section_key <> '', t.position, m.created_at`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Memo
	for rows.Next() {
		m, err := scanMemo(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

const memoColumns = `m.id, m.case_id, m.section_key, m.text, m.author, m.created_at, m.updated_at`

func scanMemo(row scanner) (Memo, error) {
	var m Memo
	var created, updated string
	err := row.Scan(&m.ID, &m.CaseID, &m.Section, &m.Text, &m.Author, &created, &updated)
	m.Created, _ = time.Parse(timeLayout, created)
	m.Updated, _ = time.Parse(timeLayout, updated)
	return m, err
}

func readMemo(ctx context.Context, q querier, id string) (*Memo, error) {
	m, err := scanMemo(q.QueryRowContext(ctx, `SELECT `+memoColumns+` FROM memo m WHERE m.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("no memo %s: %w", id, ErrNotFound)
	}
	return &m, err
}

func writeMemo(ctx context.Context, tx *sql.Tx, m Memo) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO memo (id, case_id, section_key, text, author, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET text = excluded.text,
		author = excluded.author, updated_at = excluded.updated_at`,
		m.ID, m.CaseID, m.Section, m.Text, m.Author, m.Created.UTC().Format(timeLayout), m.Updated.UTC().Format(timeLayout))
	return err
}

func utf8Valid(s string) bool { return utf8.ValidString(s) }

// checkMemo checks a memo's text and that its case, or its section, exists.
func checkMemo(ctx context.Context, q querier, caseID, section, text string) error {
	if err := checkNote(text); err != nil {
		return err
	}
	if section == "" {
		_, err := readCase(ctx, q, caseID)
		return err
	}
	_, err := sectionText(ctx, q, caseID, section)
	return err
}
