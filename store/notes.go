package store

import (
	"context"
	"database/sql"
	"strings"
)

// reindexNotes puts a case's highlighted quotes and memos into its search
// row, so that the search finds what the researcher wrote too.
func reindexNotes(ctx context.Context, tx *sql.Tx, caseID string) error {
	rows, err := tx.QueryContext(ctx, `SELECT quote || ' ' || memo FROM annotation WHERE case_id = ?
		UNION ALL SELECT text FROM memo WHERE case_id = ?`, caseID, caseID)
	if err != nil {
		return err
	}
	var parts []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return err
		}
		parts = append(parts, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE search_doc SET notes = ? WHERE case_id = ?`, Fold(strings.Join(parts, "\n\n")), caseID)
	return err
}

// reanchorCase finds every annotation of a case again in its new text: an
// annotation whose quote is gone is marked orphaned, never deleted, and one
// whose quote comes back is restored. Not an undoable action: the text
// change is the user's import, not an edit of the annotation.
func reanchorCase(ctx context.Context, tx *sql.Tx, c Case, now string) error {
	annotations, err := queryAnnotations(ctx, tx, `WHERE a.case_id = ?`, c.ID)
	if err != nil || len(annotations) == 0 {
		return err
	}
	for _, a := range annotations {
		start, end, ok := reanchor(a, c.Text(a.Section))
		if ok == !a.Orphaned && start == a.Start && end == a.End {
			continue
		}
		if ok {
			a.Start, a.End, a.Orphaned = start, end, false
			a.Quote, a.Prefix, a.Suffix = quoteAt([]rune(c.Text(a.Section)), start, end)
		} else {
			a.Orphaned = true
		}
		if err := writeAnnotation(ctx, tx, a); err != nil {
			return err
		}
	}
	return reindexNotes(ctx, tx, c.ID)
}
