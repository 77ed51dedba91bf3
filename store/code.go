package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"image/color"
	"regexp"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Code is one code of the codebook: a name, a colour for its highlights, a
// description, and a place in the hierarchy.
type Code struct {
	ID          string    `json:"id"`
	ParentID    string    `json:"parent,omitempty"`
	Name        string    `json:"name"`
	Color       string    `json:"color"` // #rrggbb
	Description string    `json:"description,omitempty"`
	Position    int       `json:"position"`
	Created     time.Time `json:"created"`
	Updated     time.Time `json:"updated"`
	// Count is how many annotations carry the code (filled by Codes).
	Count int `json:"count"`
}

var colorPattern = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// ParseColor reads "#rrggbb"; ok is false (and the colour grey) when it cannot.
func ParseColor(hex string) (c color.NRGBA, ok bool) {
	var r, g, b uint8
	if !colorPattern.MatchString(hex) {
		return color.NRGBA{R: 0x99, G: 0x99, B: 0x99, A: 0xff}, false
	}
	fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b)
	return color.NRGBA{R: r, G: g, B: b, A: 0xff}, true
}

// Palette is the colours new codes take in turn: distinct, readable as a
// light tint behind text in both themes, none close to the selection colour.
var Palette = []string{"#e6a23c", "#5fb878", "#d9534f", "#9b59b6", "#3fa7d6", "#f08bb4", "#8d6e63", "#c0ca33"}

// CreateCode adds a code under parent ("" for the top level). An empty colour
// takes the next one of the Palette.
func (s *Store) CreateCode(ctx context.Context, parent, name, color, description string) (Code, error) {
	var c Code
	err := s.act(ctx, "new code", func(r *recorder) error {
		var err error
		if color == "" {
			color, err = nextColor(ctx, r.tx)
			if err != nil {
				return err
			}
		}
		now, _ := time.Parse(timeLayout, r.now)
		c = Code{ID: uuid.NewString(), ParentID: parent, Name: strings.TrimSpace(name), Color: color,
			Description: description, Created: now, Updated: now}
		if c.Position, err = nextPosition(ctx, r.tx, parent); err != nil {
			return err
		}
		if err := checkCode(ctx, r.tx, c); err != nil {
			return err
		}
		return r.put(kindCode, c.ID, &c)
	})
	return c, err
}

// UpdateCode renames, recolours, redescribes or moves a code (to parent
// "" for the top level); a code cannot move under itself.
func (s *Store) UpdateCode(ctx context.Context, c Code) (Code, error) {
	err := s.act(ctx, "edit code", func(r *recorder) error {
		current, err := readCode(ctx, r.tx, c.ID)
		if err != nil {
			return err
		}
		c.Name, c.Created = strings.TrimSpace(c.Name), current.Created
		c.Updated, _ = time.Parse(timeLayout, r.now)
		if err := checkCode(ctx, r.tx, c); err != nil {
			return err
		}
		return r.put(kindCode, c.ID, &c)
	})
	return c, err
}

// MergeCodes moves every annotation and child code of from into into, then
// removes from. No annotation is lost: one that had both keeps into once.
func (s *Store) MergeCodes(ctx context.Context, from, into string) error {
	if from == into {
		return fmt.Errorf("store: merge codes: a code cannot be merged into itself: %w", ErrInvalid)
	}
	return s.act(ctx, "merge codes", func(r *recorder) error {
		if _, err := readCode(ctx, r.tx, into); err != nil {
			return err
		}
		return r.removeCode(from, into)
	})
}

// DeleteCode removes a code. Its annotations stay, with their text and memo,
// without this code; its child codes move up to its parent.
func (s *Store) DeleteCode(ctx context.Context, id string) error {
	return s.act(ctx, "delete code", func(r *recorder) error { return r.removeCode(id, "") })
}

// removeCode takes code id off its annotations (giving them replacement
// instead, if any), re-parents its children, and deletes it.
func (r *recorder) removeCode(id, replacement string) error {
	code, err := readCode(r.ctx, r.tx, id)
	if err != nil {
		return err
	}
	if replacement != "" && isAncestor(r.ctx, r.tx, id, replacement) {
		return fmt.Errorf("a code cannot be merged into one of its own sub-codes: %w", ErrInvalid)
	}
	annotations, err := queryAnnotations(r.ctx, r.tx, `WHERE a.id IN (SELECT annotation_id FROM annotation_code WHERE code_id = ?)`, id)
	if err != nil {
		return err
	}
	for _, a := range annotations {
		a.Codes = withoutCode(a.Codes, id, replacement)
		if err := r.put(kindAnnotation, a.ID, &a); err != nil {
			return err
		}
	}
	newParent := code.ParentID
	if replacement != "" {
		newParent = replacement
	}
	children, err := queryCodes(r.ctx, r.tx, `WHERE parent_id = ?`, id)
	if err != nil {
		return err
	}
	for _, child := range children {
		child.ParentID = newParent
		if err := r.put(kindCode, child.ID, &child); err != nil {
			return err
		}
	}
	return r.put(kindCode, id, nil)
}

func withoutCode(codes []string, id, replacement string) []string {
	var out []string
	for _, c := range codes {
		if c == id {
			c = replacement
		}
		if c != "" {
			out = append(out, c)
		}
	}
	return uniq(out)
}

// Codes lists the codebook, parents before children, with annotation counts.
func (s *Store) Codes(ctx context.Context) ([]Code, error) {
	codes, err := queryCodes(ctx, s.db, "")
	if err != nil {
		return nil, fmt.Errorf("store: codes: %w", describe(err))
	}
	return treeOrder(codes), nil
}

// CodePath is a code's name with its ancestors', "Parent/Child".
func CodePath(codes []Code, id string) string {
	byID := map[string]Code{}
	for _, c := range codes {
		byID[c.ID] = c
	}
	var parts []string
	for c, ok := byID[id]; ok && len(parts) < 64; c, ok = byID[c.ParentID] {
		parts = append([]string{c.Name}, parts...)
	}
	return strings.Join(parts, "/")
}

// treeOrder sorts codes depth first: each parent, then its children by position.
func treeOrder(codes []Code) []Code {
	children := map[string][]Code{}
	for _, c := range codes {
		children[c.ParentID] = append(children[c.ParentID], c)
	}
	var out []Code
	var walk func(parent string, depth int)
	walk = func(parent string, depth int) {
		for _, c := range children[parent] {
			out = append(out, c)
			if depth < 64 {
				walk(c.ID, depth+1)
			}
		}
	}
	walk("", 0)
	return out
}

const codeColumns = `id, coalesce(parent_id, ''), name, color, description, position, created_at, updated_at,
	(SELECT count(*) FROM annotation_code WHERE code_id = code.id)`

func queryCodes(ctx context.Context, q querier, where string, args ...any) ([]Code, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+codeColumns+` FROM code `+where+` ORDER BY position, name`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Code
	for rows.Next() {
		c, err := scanCode(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func scanCode(row scanner) (Code, error) {
	var c Code
	var created, updated string
	err := row.Scan(&c.ID, &c.ParentID, &c.Name, &c.Color, &c.Description, &c.Position, &created, &updated, &c.Count)
	c.Created, _ = time.Parse(timeLayout, created)
	c.Updated, _ = time.Parse(timeLayout, updated)
	return c, err
}

func readCode(ctx context.Context, q querier, id string) (*Code, error) {
	c, err := scanCode(q.QueryRowContext(ctx, `SELECT `+codeColumns+` FROM code WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("no code %s: %w", id, ErrNotFound)
	}
	return &c, err
}

func writeCode(ctx context.Context, tx *sql.Tx, c Code) error {
	var parent any
	if c.ParentID != "" {
		parent = c.ParentID
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO code (id, parent_id, name, color, description, position, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id,
		name = excluded.name, color = excluded.color, description = excluded.description,
		position = excluded.position, updated_at = excluded.updated_at`,
		c.ID, parent, c.Name, c.Color, c.Description, c.Position, c.Created.UTC().Format(timeLayout), c.Updated.UTC().Format(timeLayout))
	return err
}

// checkCode enforces a name, a colour, an existing parent that is not the
// code itself or below it, and no sibling of the same name.
func checkCode(ctx context.Context, q querier, c Code) error {
	switch {
	case c.Name == "" || strings.Contains(c.Name, "/"):
		return fmt.Errorf("a code needs a name without '/': %w", ErrInvalid)
	case !colorPattern.MatchString(c.Color):
		return fmt.Errorf("colour %q must be written #rrggbb: %w", c.Color, ErrInvalid)
	}
	if c.ParentID != "" {
		if _, err := readCode(ctx, q, c.ParentID); err != nil {
			return err
		}
		if c.ParentID == c.ID || isAncestor(ctx, q, c.ID, c.ParentID) {
			return fmt.Errorf("code %q cannot move under itself: %w", c.Name, ErrInvalid)
		}
	}
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM code WHERE coalesce(parent_id, '') = ? AND name = ? AND id <> ?`,
		c.ParentID, c.Name, c.ID).Scan(&n)
	if err == nil && n > 0 {
		return fmt.Errorf("there is already a code %q here: %w", c.Name, ErrConflict)
	}
	return err
}

// isAncestor reports whether code id is an ancestor of code other.
func isAncestor(ctx context.Context, q querier, id, other string) bool {
	for i := 0; other != "" && i < 64; i++ {
		c, err := readCode(ctx, q, other)
		if err != nil {
			return false
		}
		if c.ParentID == id {
			return true
		}
		other = c.ParentID
	}
	return false
}

func nextPosition(ctx context.Context, q querier, parent string) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT coalesce(max(position) + 1, 0) FROM code WHERE coalesce(parent_id, '') = ?`, parent).Scan(&n)
	return n, err
}

func nextColor(ctx context.Context, q querier) (string, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM code`).Scan(&n)
	return Palette[n%len(Palette)], err
}
