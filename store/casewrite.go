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

// caseWriter holds the prepared statements of a bulk write, so that importing
// ten thousand cases parses each statement once.
type caseWriter struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

var caseWrites = map[string]string{
	"created": `SELECT created_at FROM "case" WHERE id = ?`,
	"case": `INSERT INTO "case" (id, uuid, title, country, region, field, period_start, period_end,
		institution, provenance, origin, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET title = excluded.title, country = excluded.country,
		region = excluded.region, field = excluded.field, period_start = excluded.period_start,
		period_end = excluded.period_end, institution = excluded.institution,
		provenance = excluded.provenance, origin = excluded.origin, updated_at = excluded.updated_at`,
	"clearTags":     `DELETE FROM case_tag WHERE case_id = ?`,
	"clearAuthors":  `DELETE FROM case_author WHERE case_id = ?`,
	"clearSources":  `DELETE FROM source WHERE case_id = ?`,
	"clearSections": `DELETE FROM section WHERE case_id = ?`,
	"tag":           `INSERT OR IGNORE INTO case_tag (case_id, facet, value, position) VALUES (?, ?, ?, ?)`,
	"author":        `INSERT INTO case_author (case_id, position, name) VALUES (?, ?, ?)`,
	"source":        `INSERT INTO source (case_id, position, title, url) VALUES (?, ?, ?, ?)`,
	"section":       `INSERT INTO section (case_id, key, text) VALUES (?, ?, ?)`,
	"doc": `INSERT INTO search_doc (case_id, title, body) VALUES (?, ?, ?)
		ON CONFLICT (case_id) DO UPDATE SET title = excluded.title, body = excluded.body`,
}

func newCaseWriter(ctx context.Context, tx *sql.Tx) (*caseWriter, error) {
	w := &caseWriter{tx: tx, stmts: map[string]*sql.Stmt{}}
	for name, query := range caseWrites {
		stmt, err := tx.PrepareContext(ctx, query)
		if err != nil {
			w.close()
			return nil, err
		}
		w.stmts[name] = stmt
	}
	return w, nil
}

func (w *caseWriter) close() {
	for _, stmt := range w.stmts {
		stmt.Close()
	}
}

func (w *caseWriter) exec(ctx context.Context, name string, args ...any) error {
	_, err := w.stmts[name].ExecContext(ctx, args...)
	return err
}

// put replaces everything stored about c.ID with c, in the caller's transaction.
func (w *caseWriter) put(ctx context.Context, c Case, origin Origin, now string) error {
	created := now
	err := w.stmts["created"].QueryRowContext(ctx, c.ID).Scan(&created)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	id := uuid.NewSHA1(caseNamespace, []byte(c.ID)).String()
	if err := w.exec(ctx, "case", c.ID, id, strings.TrimSpace(c.Title), c.Country, c.Region, c.Field,
		nullYear(c.Period.Start), nullYear(c.Period.End), c.Institution, c.Provenance, string(origin), created, now); err != nil {
		return err
	}
	for _, clear := range []string{"clearTags", "clearAuthors", "clearSources", "clearSections"} {
		if err := w.exec(ctx, clear, c.ID); err != nil {
			return err
		}
	}
	return w.putParts(ctx, c)
}

func (w *caseWriter) putParts(ctx context.Context, c Case) error {
	for facet, values := range c.tags() {
		for i, value := range values {
			if err := w.exec(ctx, "tag", c.ID, facet, value, i); err != nil {
				return fmt.Errorf("%s %q: %w", facet, value, err)
			}
		}
	}
	for i, name := range c.Authors {
		if err := w.exec(ctx, "author", c.ID, i, name); err != nil {
			return err
		}
	}
	for i, src := range c.Sources {
		if err := w.exec(ctx, "source", c.ID, i, src.Title, src.URL); err != nil {
			return err
		}
	}
	for _, sec := range c.Sections {
		if err := w.exec(ctx, "section", c.ID, sec.Key, sec.Text); err != nil {
			return fmt.Errorf("section %s: %w", sec.Key, err)
		}
	}
	return w.exec(ctx, "doc", c.ID, Fold(c.Title), Fold(searchBody(c.Sections)))
}

// searchBody is the text the index holds for a case's sections: the sections
// in template order, one blank line apart. The snippet code splits it the same way.
func searchBody(sections []Section) string {
	texts := make([]string, len(sections))
	for i, sec := range sections {
		texts[i] = sec.Text
	}
	return strings.Join(texts, sectionGap)
}

const sectionGap = "\n\n"

func nullYear(y int) any {
	if y == 0 {
		return nil
	}
	return y
}

// Hit.Part when the snippet comes from the title or from the notes.
const (
	titlePart = "title"
	notesPart = "notes"
)

// readCase loads one case with its parts.
func readCase(ctx context.Context, q querier, id string) (Case, error) {
	var c Case
	var start, end sql.NullInt64
	var origin, created, updated string
	err := q.QueryRowContext(ctx, `SELECT id, uuid, title, country, region, field, period_start, period_end,
		institution, provenance, origin, created_at, updated_at FROM "case" WHERE id = ?`, id).
		Scan(&c.ID, &c.UUID, &c.Title, &c.Country, &c.Region, &c.Field, &start, &end,
			&c.Institution, &c.Provenance, &origin, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return Case{}, fmt.Errorf("no case with id %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return Case{}, err
	}
	c.Period = Period{Start: int(start.Int64), End: int(end.Int64)}
	c.Origin = Origin(origin)
	c.Created, _ = time.Parse(timeLayout, created)
	c.Updated, _ = time.Parse(timeLayout, updated)
	for _, read := range []func(context.Context, querier, *Case) error{readTags, readAuthors, readSources, readSections} {
		if err := read(ctx, q, &c); err != nil {
			return Case{}, err
		}
	}
	// Empty lists, never nil, so that JSON shows [] rather than null.
	for _, list := range []*[]string{&c.Levels, &c.Directions, &c.Mechanisms, &c.Instruments, &c.Authors} {
		if *list == nil {
			*list = []string{}
		}
	}
	return c, nil
}

func readTags(ctx context.Context, q querier, c *Case) error {
	rows, err := q.QueryContext(ctx, `SELECT facet, value FROM case_tag WHERE case_id = ? ORDER BY facet, position`, c.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	lists := map[string]*[]string{KindLevel: &c.Levels, KindDirection: &c.Directions, KindMechanism: &c.Mechanisms, "instrument": &c.Instruments}
	for rows.Next() {
		var facet, value string
		if err := rows.Scan(&facet, &value); err != nil {
			return err
		}
		if list := lists[facet]; list != nil {
			*list = append(*list, value)
		}
	}
	return rows.Err()
}

func readAuthors(ctx context.Context, q querier, c *Case) error {
	rows, err := q.QueryContext(ctx, `SELECT name FROM case_author WHERE case_id = ? ORDER BY position`, c.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return err
		}
		c.Authors = append(c.Authors, name)
	}
	return rows.Err()
}

func readSources(ctx context.Context, q querier, c *Case) error {
	rows, err := q.QueryContext(ctx, `SELECT title, url FROM source WHERE case_id = ? ORDER BY position`, c.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var src Source
		if err := rows.Scan(&src.Title, &src.URL); err != nil {
			return err
		}
		c.Sources = append(c.Sources, src)
	}
	return rows.Err()
}

// readSections loads the sections with text, in template order.
func readSections(ctx context.Context, q querier, c *Case) error {
	rows, err := q.QueryContext(ctx, `SELECT s.key, s.text FROM section s JOIN template_section t ON t.key = s.key
		WHERE s.case_id = ? ORDER BY t.position`, c.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var sec Section
		if err := rows.Scan(&sec.Key, &sec.Text); err != nil {
			return err
		}
		c.Sections = append(c.Sections, sec)
	}
	return rows.Err()
}
