package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

const kindRowNote = "rownote"

// rowNoteID joins a subject and a row into one op-log id.
func rowNoteID(subject, row string) string { return subject + "\x1f" + row }

// SetRowNote writes the note on one row of a comparison; empty text removes
// it. Undoable like every annotating action.
func (s *Store) SetRowNote(ctx context.Context, subject, row, text, author string) error {
	return s.act(ctx, "comparison note", func(r *recorder) error {
		if err := checkNote(text); err != nil {
			return err
		}
		id := rowNoteID(subject, row)
		if strings.TrimSpace(text) == "" {
			return r.put(kindRowNote, id, nil)
		}
		now, _ := time.Parse(timeLayout, r.now)
		n := RowNote{Subject: subject, Row: row, Text: text, Author: author, Created: now, Updated: now}
		if current, err := readRowNote(ctx, r.tx, id); err == nil {
			n.Created = current.Created
		}
		return r.put(kindRowNote, id, &n)
	})
}

func readRowNotes(ctx context.Context, q querier, subject string) (map[string]*RowNote, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+rowNoteColumns+` FROM comparison_note WHERE subject = ?`, subject)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]*RowNote{}
	for rows.Next() {
		n, err := scanRowNote(rows)
		if err != nil {
			return nil, err
		}
		out[n.Row] = &n
	}
	return out, rows.Err()
}

const rowNoteColumns = `subject, row_key, text, author, created_at, updated_at`

func scanRowNote(row scanner) (RowNote, error) {
	var n RowNote
	var created, updated string
	err := row.Scan(&n.Subject, &n.Row, &n.Text, &n.Author, &created, &updated)
	n.Created, _ = time.Parse(timeLayout, created)
	n.Updated, _ = time.Parse(timeLayout, updated)
	return n, err
}

func readRowNote(ctx context.Context, q querier, id string) (*RowNote, error) {
	subject, row, _ := strings.Cut(id, "\x1f")
	n, err := scanRowNote(q.QueryRowContext(ctx, `SELECT `+rowNoteColumns+` FROM comparison_note
		WHERE subject = ? AND row_key = ?`, subject, row))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("no note on row %s: %w", row, ErrNotFound)
	}
	return &n, err
}

func writeRowNote(ctx context.Context, tx *sql.Tx, n RowNote) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO comparison_note (subject, row_key, text, author, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (subject, row_key) DO UPDATE SET text = excluded.text,
		author = excluded.author, updated_at = excluded.updated_at`,
		n.Subject, n.Row, n.Text, n.Author, n.Created.UTC().Format(timeLayout), n.Updated.UTC().Format(timeLayout))
	return err
}

func deleteRowNote(ctx context.Context, tx *sql.Tx, id string) error {
	subject, row, _ := strings.Cut(id, "\x1f")
	_, err := tx.ExecContext(ctx, `DELETE FROM comparison_note WHERE subject = ? AND row_key = ?`, subject, row)
	return err
}
