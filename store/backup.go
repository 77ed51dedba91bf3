package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// KeepBackups is how many daily backups DailyBackup keeps.
const KeepBackups = 10

// BackupDir is the folder, next to the catalogue, where automatic backups go.
func (s *Store) BackupDir() string {
	return filepath.Join(filepath.Dir(s.path), "backups")
}

// backupPrefix names every automatic backup of this catalogue.
func (s *Store) backupPrefix() string {
	return strings.TrimSuffix(filepath.Base(s.path), filepath.Ext(s.path)) + "-"
}

// DailyBackup copies the catalogue into BackupDir once a day (the GUI calls it
// on open) and keeps the newest KeepBackups daily copies. It returns the new
// file, or "" when today's backup already exists.
func (s *Store) DailyBackup(ctx context.Context) (string, error) {
	path, err := s.backupTo(ctx, "")
	if err != nil || path == "" {
		return path, err
	}
	return path, s.pruneDaily()
}

// backupTo writes BackupDir/<name>-<date>[-label].db unless it exists already.
func (s *Store) backupTo(ctx context.Context, label string) (string, error) {
	name := s.backupPrefix() + s.now().Format("2006-01-02")
	if label != "" {
		name += "-" + label
	}
	path := filepath.Join(s.BackupDir(), name+".db")
	if _, err := os.Stat(path); err == nil {
		return "", nil
	}
	if err := os.MkdirAll(s.BackupDir(), 0o755); err != nil {
		return "", fmt.Errorf("store: backup: %w", err)
	}
	return path, s.Backup(ctx, path)
}

// pruneDaily deletes the oldest daily backups beyond KeepBackups; backups
// taken before a migration are kept, as they are the way back.
func (s *Store) pruneDaily() error {
	matches, err := filepath.Glob(filepath.Join(s.BackupDir(), s.backupPrefix()+"????-??-??.db"))
	if err != nil {
		return err
	}
	sort.Strings(matches)
	for len(matches) > KeepBackups {
		if err := os.Remove(matches[0]); err != nil {
			return fmt.Errorf("store: prune backups: %w", err)
		}
		matches = matches[1:]
	}
	return nil
}

// Backup writes a consistent copy of the catalogue to path, which must not exist.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("store: backup: %s already exists: %w", path, ErrConflict)
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("store: backup: %w", err)
	}
	// VACUUM INTO copies a consistent snapshot, even while another process
	// writes. It writes beside the backup and renames when done, so that a
	// backup cut short (the app killed, the disk full) is never taken for a
	// whole one, by DailyBackup or by a user restoring it.
	partial := path + ".partial"
	os.Remove(partial)
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, partial); err != nil {
		os.Remove(partial)
		return fmt.Errorf("store: backup to %s: %w", path, describe(err))
	}
	if err := os.Rename(partial, path); err != nil {
		os.Remove(partial)
		return fmt.Errorf("store: backup: %w", err)
	}
	return nil
}
