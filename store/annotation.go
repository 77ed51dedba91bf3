package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Annotation is a highlighted passage of one section of a case, with its
// codes and memo. Start and End are rune offsets into the section's text.
type Annotation struct {
	ID      string   `json:"id"`
	CaseID  string   `json:"case"`
	Section string   `json:"section"`
	Start   int      `json:"start"`
	End     int      `json:"end"`
	Quote   string   `json:"quote"`
	Prefix  string   `json:"prefix"`
	Suffix  string   `json:"suffix"`
	Memo    string   `json:"memo"`
	Author  string   `json:"author"`
	Codes   []string `json:"codes"` // code ids
	// Orphaned is set when a change of the case's text removed the quote;
	// the annotation keeps its quote and memo and is shown apart.
	Orphaned bool      `json:"orphaned"`
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`
}

// Highlight is what a new annotation needs: where, and what to attach.
type Highlight struct {
	CaseID, Section string
	Start, End      int
	Codes           []string
	Memo, Author    string
}

// maxNote bounds a memo: a note is not a book.
const maxNote = 1 << 20

// Annotate highlights [Start, End) of a section and returns the new annotation.
func (s *Store) Annotate(ctx context.Context, h Highlight) (Annotation, error) {
	var a Annotation
	err := s.act(ctx, "highlight", func(r *recorder) error {
		text, err := sectionText(ctx, r.tx, h.CaseID, h.Section)
		if err != nil {
			return err
		}
		runes := []rune(text)
		if err := checkPassage(runes, h.Start, h.End, h.Memo); err != nil {
			return err
		}
		if err := checkCodes(ctx, r.tx, h.Codes); err != nil {
			return err
		}
		now, _ := time.Parse(timeLayout, r.now)
		a = Annotation{ID: uuid.NewString(), CaseID: h.CaseID, Section: h.Section, Start: h.Start, End: h.End,
			Memo: h.Memo, Author: h.Author, Codes: uniq(h.Codes), Created: now, Updated: now}
		a.Quote, a.Prefix, a.Suffix = quoteAt(runes, h.Start, h.End)
		return r.put(kindAnnotation, a.ID, &a)
	})
	return a, err
}

// UpdateAnnotation changes an annotation's memo and codes.
func (s *Store) UpdateAnnotation(ctx context.Context, id, memo string, codes []string) (Annotation, error) {
	var a Annotation
	err := s.act(ctx, "edit highlight", func(r *recorder) error {
		current, err := readAnnotation(ctx, r.tx, id)
		if err != nil {
			return err
		}
		if err := checkNote(memo); err != nil {
			return err
		}
		if err := checkCodes(ctx, r.tx, codes); err != nil {
			return err
		}
		a = *current
		a.Memo, a.Codes = memo, uniq(codes)
		a.Updated, _ = time.Parse(timeLayout, r.now)
		return r.put(kindAnnotation, id, &a)
	})
	return a, err
}

// DeleteAnnotation removes a highlight (undoable like every action).
func (s *Store) DeleteAnnotation(ctx context.Context, id string) error {
	return s.act(ctx, "delete highlight", func(r *recorder) error {
		if _, err := readAnnotation(ctx, r.tx, id); err != nil {
			return err
		}
		return r.put(kindAnnotation, id, nil)
	})
}

// Annotations lists a case's annotations in text order (template order of
// sections, then offset); orphaned ones come last.
func (s *Store) Annotations(ctx context.Context, caseID string) ([]Annotation, error) {
	out, err := queryAnnotations(ctx, s.db, `WHERE a.case_id = ?`, caseID)
	if err != nil {
		return nil, fmt.Errorf("store: annotations of %s: %w", caseID, describe(err))
	}
	return out, nil
}

const annotationColumns = `a.id, a.case_id, a.section_key, a.start, a.end, a.quote, a.prefix, a.suffix, a.memo,
	a.author, a.orphaned, a.created_at, a.updated_at,
	coalesce((SELECT group_concat(code_id, ',') FROM annotation_code WHERE annotation_id = a.id), '')`

func queryAnnotations(ctx context.Context, q querier, where string, args ...any) ([]Annotation, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+annotationColumns+` FROM annotation a
		LEFT JOIN template_section t ON t.key = a.section_key `+where+`
		ORDER BY a.case_id, a.orphaned, t.position, a.start, a.end, a.created_at`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Annotation
	for rows.Next() {
		a, err := scanAnnotation(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

type scanner interface{ Scan(dest ...any) error }

func scanAnnotation(row scanner) (Annotation, error) {
	var a Annotation
	var created, updated, codes string
	err := row.Scan(&a.ID, &a.CaseID, &a.Section, &a.Start, &a.End, &a.Quote, &a.Prefix, &a.Suffix, &a.Memo,
		&a.Author, &a.Orphaned, &created, &updated, &codes)
	a.Created, _ = time.Parse(timeLayout, created)
	a.Updated, _ = time.Parse(timeLayout, updated)
	a.Codes = []string{}
	if codes != "" {
		a.Codes = strings.Split(codes, ",")
	}
	return a, err
}

func readAnnotation(ctx context.Context, q querier, id string) (*Annotation, error) {
	a, err := scanAnnotation(q.QueryRowContext(ctx, `SELECT `+annotationColumns+` FROM annotation a WHERE a.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("no annotation %s: %w", id, ErrNotFound)
	}
	return &a, err
}

func writeAnnotation(ctx context.Context, tx *sql.Tx, a Annotation) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO annotation (id, case_id, section_key, start, end, quote, prefix,
		suffix, memo, author, orphaned, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET start = excluded.start, end = excluded.end, quote = excluded.quote,
		prefix = excluded.prefix, suffix = excluded.suffix, memo = excluded.memo, author = excluded.author,
		orphaned = excluded.orphaned, updated_at = excluded.updated_at`,
		a.ID, a.CaseID, a.Section, a.Start, a.End, a.Quote, a.Prefix, a.Suffix, a.Memo, a.Author, a.Orphaned,
		a.Created.UTC().Format(timeLayout), a.Updated.UTC().Format(timeLayout))
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM annotation_code WHERE annotation_id = ?`, a.ID); err != nil {
		return err
	}
	for _, code := range a.Codes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO annotation_code (annotation_id, code_id) VALUES (?, ?)`, a.ID, code); err != nil {
			return fmt.Errorf("code %s: %w", code, err)
		}
	}
	return nil
}

func sectionText(ctx context.Context, q querier, caseID, key string) (string, error) {
	var text string
	err := q.QueryRowContext(ctx, `SELECT text FROM section WHERE case_id = ? AND key = ?`, caseID, key).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("case %s has no section %q: %w", caseID, key, ErrNotFound)
	}
	return text, err
}

func checkNote(text string) error {
	if len(text) > maxNote {
		return fmt.Errorf("a note of %d MB is too long (at most 1 MB): %w", len(text)>>20, ErrInvalid)
	}
	if !utf8Valid(text) {
		return fmt.Errorf("the note is not valid UTF-8 text: %w", ErrInvalid)
	}
	return nil
}

// checkPassage checks that [start, end) is a passage of a section's text
// and that the highlight's memo is a note.
func checkPassage(runes []rune, start, end int, memo string) error {
	if start < 0 || end > len(runes) || start >= end {
		return fmt.Errorf("passage %d-%d is outside the section (%d characters): %w", start, end, len(runes), ErrInvalid)
	}
	return checkNote(memo)
}

func checkCodes(ctx context.Context, q querier, ids []string) error {
	for _, id := range ids {
		if _, err := readCode(ctx, q, id); err != nil {
			return err
		}
	}
	return nil
}

func uniq(values []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, v := range values {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
