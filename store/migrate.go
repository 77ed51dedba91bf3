package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered SQL file.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded migrations in order; a file is named NNNN_what.sql.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []migration
	for i, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		n, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil || n != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", base, i+1)
		}
		body, err := migrationFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: n, name: base, sql: string(body)})
	}
	return out, nil
}

// SchemaVersion is the schema version this build of Casebook writes.
func SchemaVersion() int {
	m, _ := migrations()
	return len(m)
}

// migrate applies the pending migrations, each in its own transaction and
// recorded in schema_migration. A catalogue from a newer Casebook is refused
// rather than touched; an existing catalogue is backed up before it changes.
func (s *Store) migrate(ctx context.Context) error {
	all, err := migrations()
	if err != nil {
		return err
	}
	return s.migrateTo(ctx, all)
}

func (s *Store) migrateTo(ctx context.Context, all []migration) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migration (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`); err != nil {
		return err
	}
	current, err := s.schemaVersion(ctx)
	if err != nil {
		return err
	}
	if current > len(all) {
		return fmt.Errorf("the catalogue was written by a newer Casebook (schema %d, this build knows %d): %w",
			current, len(all), ErrInvalid)
	}
	if current > 0 && current < len(all) {
		if _, err := s.backupTo(ctx, fmt.Sprintf("before-schema-%d", len(all))); err != nil {
			return fmt.Errorf("backup before migrating: %w", err)
		}
	}
	for _, m := range all[current:] {
		if err := s.apply(ctx, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

func (s *Store) schemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migration`).Scan(&v)
	return v, err
}

func (s *Store) apply(ctx context.Context, m migration) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		// Another process may have migrated while this one waited for the lock.
		var done int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migration WHERE version = ?`, m.version).Scan(&done); err != nil || done > 0 {
			return err
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)`,
			m.version, m.name, s.now().UTC().Format(timeLayout))
		return err
	})
}
