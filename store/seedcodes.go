package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/google/uuid"
)

// codeNamespace makes starter-code ids stable across catalogues.
var codeNamespace = uuid.MustParse("0b8f3c1e-7d42-4a5e-9a61-2c4d8e9f1a37")

// SeedCode is a code of the starter codebook, named by a stable key path
// ("mechanism/hierarchy") and parented by its key.
type SeedCode struct {
	Key, ParentKey           string
	Name, Color, Description string
	Position                 int
}

// ID is the code's id in every catalogue.
func (c SeedCode) ID() string { return uuid.NewSHA1(codeNamespace, []byte(c.Key)).String() }

// seedValues is what the seed sets of a code, to tell a user's change apart.
type seedValues struct {
	Parent, Name, Color, Description string
}

// ApplyCodebook adds or updates the starter codes in one transaction unless
// this version was applied already. A starter code the user renamed,
// recoloured, moved or described anew keeps the user's values; one the user
// deleted stays deleted; the user's own codes are never touched.
func (s *Store) ApplyCodebook(ctx context.Context, version string, codes []SeedCode) (bool, error) {
	applied := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var current, seeded string
		tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'codebook_version'`).Scan(&current)
		tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'codebook_seeded'`).Scan(&seeded)
		if current == version {
			return nil
		}
		var before []string
		json.Unmarshal([]byte(seeded), &before)
		for _, c := range codes {
			if err := s.applySeedCode(ctx, tx, c, slices.Contains(before, c.ID())); err != nil {
				return fmt.Errorf("code %s: %w", c.Key, err)
			}
			if !slices.Contains(before, c.ID()) {
				before = append(before, c.ID())
			}
		}
		applied = true
		list, _ := json.Marshal(before)
		_, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('codebook_version', ?), ('codebook_seeded', ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, version, string(list))
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: apply codebook %s: %w", version, err)
	}
	return applied, nil
}

func (s *Store) applySeedCode(ctx context.Context, tx *sql.Tx, c SeedCode, seededBefore bool) error {
	parent := ""
	if c.ParentKey != "" {
		parent = SeedCode{Key: c.ParentKey}.ID()
	}
	want := seedValues{Parent: parent, Name: c.Name, Color: c.Color, Description: c.Description}
	wantJSON, _ := json.Marshal(want)
	var seed string
	existing, err := readCode(ctx, tx, c.ID())
	switch {
	case errors.Is(err, ErrNotFound) && seededBefore:
		return nil // the user deleted it: keep it deleted
	case errors.Is(err, ErrNotFound):
		code := Code{ID: c.ID(), ParentID: parent, Name: c.Name, Color: c.Color, Description: c.Description, Position: c.Position}
		code.Created, code.Updated = s.now().UTC(), s.now().UTC()
		if err := checkCode(ctx, tx, code); err != nil {
			return err
		}
		if err := writeCode(ctx, tx, code); err != nil {
			return err
		}
	case err != nil:
		return err
	default:
		tx.QueryRowContext(ctx, `SELECT seed FROM code WHERE id = ?`, c.ID()).Scan(&seed)
		now := seedValues{Parent: existing.ParentID, Name: existing.Name, Color: existing.Color, Description: existing.Description}
		nowJSON, _ := json.Marshal(now)
		if string(nowJSON) != seed {
			return nil // the user changed it: theirs wins
		}
		existing.ParentID, existing.Name, existing.Color, existing.Description = parent, c.Name, c.Color, c.Description
		existing.Updated = s.now().UTC()
		if err := writeCode(ctx, tx, *existing); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE code SET seed = ? WHERE id = ?`, string(wantJSON), c.ID())
	return err
}
