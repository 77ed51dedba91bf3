package store_test

import (
	"database/sql"
	"testing"

	_ "modernc.org/sqlite"
)

// mustRawExec runs SQL on a catalogue file behind the store's back, as
// another program (or an older Casebook) would.
func mustRawExec(t testing.TB, path, query string, args ...any) int64 {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := db.Exec(query, args...)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := res.RowsAffected()
	return n
}
