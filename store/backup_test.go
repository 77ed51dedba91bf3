package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"casebook/store"
)

func TestDailyBackupOncePerDayKeepsTen(t *testing.T) {
	ctx := context.Background()
	st := openEmpty(t)
	put(t, st, sample("no-nav", "NAV"))
	day := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < 14; i++ {
		st.SetClock(func() time.Time { return day.AddDate(0, 0, i) })
		first, err := st.DailyBackup(ctx)
		if err != nil || first == "" {
			t.Fatalf("day %d: %q %v", i, first, err)
		}
		again, err := st.DailyBackup(ctx)
		if err != nil || again != "" {
			t.Fatalf("second backup the same day: %q %v", again, err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(st.BackupDir(), "*.db"))
	if len(files) != store.KeepBackups {
		t.Fatalf("%d backups kept: %v", len(files), files)
	}
	if !strings.HasSuffix(files[0], "catalogue-2026-01-05.db") || !strings.HasSuffix(files[9], "catalogue-2026-01-14.db") {
		t.Errorf("kept the wrong ones: %v", files)
	}
	copy, err := store.Open(ctx, files[9])
	if err != nil {
		t.Fatal(err)
	}
	defer copy.Close()
	if c, err := copy.Case(ctx, "no-nav"); err != nil || c.Title != "NAV" {
		t.Errorf("the backup does not hold the catalogue: %v", err)
	}
}

func TestBackupCutShortLeavesNoWholeLookingFile(t *testing.T) {
	ctx := context.Background()
	st := openEmpty(t)
	put(t, st, sample("no-nav", "NAV"))
	path := filepath.Join(t.TempDir(), "copy.db")
	// What a backup killed half-way leaves: a partial file, never the backup itself.
	if err := os.WriteFile(path+".partial", []byte("SQLite format 3\x00 cut short"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := st.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".partial"); !os.IsNotExist(err) {
		t.Errorf("partial file left: %v", err)
	}
	copy, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer copy.Close()
	if _, err := copy.Case(ctx, "no-nav"); err != nil {
		t.Errorf("the backup lacks the case: %v", err)
	}
	// A backup that fails (its folder is a file) leaves nothing either.
	bad := filepath.Join(path, "sub.db")
	if err := st.Backup(ctx, bad); err == nil {
		t.Error("a backup into a file's folder succeeded")
	}
	if _, err := os.Stat(bad + ".partial"); err == nil {
		t.Error("a failed backup left its partial file")
	}
}
