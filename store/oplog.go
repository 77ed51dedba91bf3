package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
)

// Kinds of rows the operation log records.
const (
	kindCode       = "code"
	kindAnnotation = "annotation"
	kindMemo       = "memo"
)

// change is one row an action changed: its state before and after, as JSON
// (null when the row did not exist), so that undo and redo can replay it.
type change struct {
	Kind   string          `json:"kind"`
	ID     string          `json:"id"`
	Before json.RawMessage `json:"before"`
	After  json.RawMessage `json:"after"`
}

// recorder writes the rows of one action and remembers each change.
type recorder struct {
	ctx     context.Context
	tx      *sql.Tx
	now     string
	changes []change
	cases   map[string]bool // cases whose notes changed, to re-index
}

// act runs one annotating action in one transaction and logs it for undo.
// A new action drops what could still have been redone in this session.
func (s *Store) act(ctx context.Context, label string, fn func(r *recorder) error) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		r := &recorder{ctx: ctx, tx: tx, now: s.stamp(), cases: map[string]bool{}}
		if err := fn(r); err != nil {
			return err
		}
		if len(r.changes) == 0 {
			return nil
		}
		if err := r.reindex(); err != nil {
			return err
		}
		return s.logOp(ctx, tx, label, r.changes)
	})
	if err != nil {
		return fmt.Errorf("store: %s: %w", label, err)
	}
	return nil
}

func (s *Store) logOp(ctx context.Context, tx *sql.Tx, label string, changes []change) error {
	if _, err := tx.ExecContext(ctx, `UPDATE op SET state = 'dropped' WHERE session = ? AND state = 'undone'`, s.session); err != nil {
		return err
	}
	data, err := json.Marshal(changes)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO op (session, label, changes, at) VALUES (?, ?, ?, ?)`,
		s.session, label, string(data), s.stamp())
	return err
}

// put records and writes a row of a kind: v is the new state, nil deletes it.
func (r *recorder) put(kind, id string, v any) error {
	before, err := readRow(r.ctx, r.tx, kind, id)
	if err != nil {
		return err
	}
	after := json.RawMessage("null")
	if v != nil && !isNilPointer(v) {
		if after, err = json.Marshal(v); err != nil {
			return err
		}
	}
	if err := writeRow(r.ctx, r.tx, kind, id, after); err != nil {
		return err
	}
	r.changes = append(r.changes, change{Kind: kind, ID: id, Before: before, After: after})
	r.touch(kind, before, after)
	return nil
}

// touch notes the case whose notes a change affects.
func (r *recorder) touch(kind string, rows ...json.RawMessage) {
	if kind == kindCode || kind == kindRowNote {
		return
	}
	for _, raw := range rows {
		var owner struct {
			CaseID string `json:"case"`
		}
		if json.Unmarshal(raw, &owner) == nil && owner.CaseID != "" {
			r.cases[owner.CaseID] = true
		}
	}
}

func (r *recorder) reindex() error {
	for id := range r.cases {
		if err := reindexNotes(r.ctx, r.tx, id); err != nil {
			return err
		}
	}
	return nil
}

func isNilPointer(v any) bool {
	switch p := v.(type) {
	case *Code:
		return p == nil
	case *Annotation:
		return p == nil
	case *Memo:
		return p == nil
	case *RowNote:
		return p == nil
	}
	return false
}

// Undo reverts the last action of this session that is not undone yet and
// returns its label; ErrNotFound when there is nothing to undo.
func (s *Store) Undo(ctx context.Context) (string, error) {
	return s.replay(ctx, "undo", `SELECT seq, label, changes FROM op WHERE session = ? AND state = 'done'
		ORDER BY seq DESC LIMIT 1`, "undone", true)
}

// Redo applies again the action undone last; ErrNotFound when there is none.
func (s *Store) Redo(ctx context.Context) (string, error) {
	return s.replay(ctx, "redo", `SELECT seq, label, changes FROM op WHERE session = ? AND state = 'undone'
		ORDER BY seq LIMIT 1`, "done", false)
}

func (s *Store) replay(ctx context.Context, what, query, newState string, backwards bool) (string, error) {
	var label string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var seq int64
		var data string
		err := tx.QueryRowContext(ctx, query, s.session).Scan(&seq, &label, &data)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("nothing to %s: %w", what, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if err := s.applyChanges(ctx, tx, data, backwards); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE op SET state = ? WHERE seq = ?`, newState, seq)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("store: %s: %w", what, err)
	}
	return label, nil
}

// applyChanges writes the before states in reverse order (undo) or the after
// states in order (redo), so that rows that depend on others come and go in
// the right order.
func (s *Store) applyChanges(ctx context.Context, tx *sql.Tx, data string, backwards bool) error {
	var changes []change
	if err := json.Unmarshal([]byte(data), &changes); err != nil {
		return err
	}
	if backwards {
		slices.Reverse(changes)
	}
	r := &recorder{ctx: ctx, tx: tx, cases: map[string]bool{}}
	for _, c := range changes {
		state := c.After
		if backwards {
			state = c.Before
		}
		if err := writeRow(ctx, tx, c.Kind, c.ID, state); err != nil {
			return fmt.Errorf("%s %s: %w", c.Kind, c.ID, err)
		}
		r.touch(c.Kind, c.Before, c.After)
	}
	return r.reindex()
}

// readRow reads the current state of a row as JSON ("null" if absent).
func readRow(ctx context.Context, tx *sql.Tx, kind, id string) (json.RawMessage, error) {
	var v any
	var err error
	switch kind {
	case kindCode:
		v, err = readCode(ctx, tx, id)
	case kindAnnotation:
		v, err = readAnnotation(ctx, tx, id)
	case kindMemo:
		v, err = readMemo(ctx, tx, id)
	case kindRowNote:
		v, err = readRowNote(ctx, tx, id)
	default:
		return nil, fmt.Errorf("unknown kind %q", kind)
	}
	if errors.Is(err, ErrNotFound) {
		return json.RawMessage("null"), nil
	}
	if err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

// writeRow makes a row what state says: "null" deletes it.
func writeRow(ctx context.Context, tx *sql.Tx, kind, id string, state json.RawMessage) error {
	if string(state) == "null" || len(state) == 0 {
		return deleteRow(ctx, tx, kind, id)
	}
	switch kind {
	case kindCode:
		var c Code
		if err := json.Unmarshal(state, &c); err != nil {
			return err
		}
		return writeCode(ctx, tx, c)
	case kindAnnotation:
		var a Annotation
		if err := json.Unmarshal(state, &a); err != nil {
			return err
		}
		return writeAnnotation(ctx, tx, a)
	case kindMemo:
		var m Memo
		if err := json.Unmarshal(state, &m); err != nil {
			return err
		}
		return writeMemo(ctx, tx, m)
	case kindRowNote:
		var n RowNote
		if err := json.Unmarshal(state, &n); err != nil {
			return err
		}
		return writeRowNote(ctx, tx, n)
	}
	return fmt.Errorf("unknown kind %q", kind)
}

func deleteRow(ctx context.Context, tx *sql.Tx, kind, id string) error {
	if kind == kindRowNote {
		return deleteRowNote(ctx, tx, id)
	}
	table := map[string]string{kindCode: "code", kindAnnotation: "annotation", kindMemo: "memo"}[kind]
	if table == "" {
		return fmt.Errorf("unknown kind %q", kind)
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE id = ?`, id)
	return err
}
