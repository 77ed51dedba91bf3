package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestMigrationBacksUpFirstAndKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalogue.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if entries, _ := os.ReadDir(s.BackupDir()); len(entries) != 0 {
		t.Fatalf("a new catalogue was backed up: %v", entries)
	}
	s.SetClock(func() time.Time { return time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC) })
	if _, err := s.db.Exec(`INSERT INTO meta (key, value) VALUES ('mine', 'kept')`); err != nil {
		t.Fatal(err)
	}
	all, _ := migrations()
	next := append(all, migration{version: len(all) + 1, name: "next.sql", sql: `CREATE TABLE next_thing (x TEXT)`})
	if err := s.migrateTo(ctx, next); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(s.BackupDir(), fmt.Sprintf("catalogue-2027-03-01-before-schema-%d.db", len(next)))
	copy, err := Open(ctx, backup)
	if err != nil {
		t.Fatalf("no backup before the migration: %v", err)
	}
	defer copy.Close()
	var v string
	if err := copy.db.QueryRow(`SELECT value FROM meta WHERE key = 'mine'`).Scan(&v); err != nil || v != "kept" {
		t.Errorf("backup lacks the data: %q %v", v, err)
	}
	if err := copy.db.QueryRow(`SELECT count(*) FROM next_thing`).Scan(new(int)); err == nil {
		t.Error("the backup was taken after the migration")
	}
	if version, _ := s.schemaVersion(ctx); version != len(next) {
		t.Errorf("schema version %d", version)
	}
	if err := s.db.QueryRow(`SELECT value FROM meta WHERE key = 'mine'`).Scan(&v); err != nil || v != "kept" {
		t.Errorf("migration lost data: %v", err)
	}
}
