package cli_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"casebook/app/cli"
)

// As root, permission bits do not stop a write, so the read-only cases run
// this test binary again as the unprivileged user "nobody", with the
// command line in this variable (separated by the unit separator, U+001F) and the exit code as its own.
const childEnv = "CASEBOOK_CLI_CHILD"

// TestCLIChild is the child's body; as a normal test it has nothing to do.
func TestCLIChild(t *testing.T) {
	spec := os.Getenv(childEnv)
	if spec == "" {
		return
	}
	inv, err := cli.Parse(strings.Split(spec, "\x1f"), func(string) string { return "" })
	if err != nil {
		fmt.Fprintln(os.Stderr, "casebook:", err)
		os.Exit(cli.ExitUsage)
	}
	os.Exit(cli.Run(context.Background(), inv, os.Stdout, os.Stderr))
}

// nobody is the unprivileged user the child runs as.
const nobody = 65534

// runAs runs the command line on db as this user or, as root, as nobody
// (who needs the binary and the folders readable: shared is such a folder),
// for whom permission bits hold.
func runAs(t *testing.T, shared, db string, args ...string) (string, string, int) {
	t.Helper()
	if os.Geteuid() != 0 {
		return run(t, db, args...)
	}
	self := filepath.Join(shared, "cli.test")
	if _, err := os.Stat(self); err != nil {
		copyFile(t, os.Args[0], self, 0o755)
	}
	cmd := exec.Command(self, "-test.run=^TestCLIChild$")
	cmd.Env = append(os.Environ(), childEnv+"="+strings.Join(append([]string{"--db", db}, args...), "\x1f"))
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), code
}

func copyFile(t *testing.T, from, to string, mode os.FileMode) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}

func fileHash(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(data))
}

// TestBadCataloguesAreRefusedUnchanged opens catalogues that cannot be used
// as they are: a read-only file, a read-only folder, one from a newer
// Casebook, one that is not a database, one cut in half. Each command gives
// one clear line and exit 1 (reading a read-only catalogue works), and the
// file stays as it was, byte for byte.
func TestBadCataloguesAreRefusedUnchanged(t *testing.T) {
	shared, err := os.MkdirTemp("", "casebook-bad-catalogues-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(shared) })
	os.Chmod(shared, 0o755)
	catalogue := func(name string, dirMode, fileMode os.FileMode) string {
		dir := filepath.Join(shared, name)
		os.Mkdir(dir, 0o755)
		db := filepath.Join(dir, "catalogue.db")
		if _, errOut, code := run(t, db, "annotate", "no-nav-reform", "--section", "abstract", "--quote", "NAV reform"); code != 0 {
			t.Fatal(errOut)
		}
		os.Chmod(db, fileMode)
		os.Chmod(dir, dirMode)
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return db
	}
	readOnlyFile := catalogue("read-only-file", 0o777, 0o444)
	readOnlyFolder := catalogue("read-only-folder", 0o555, 0o644)
	newer := catalogue("newer", 0o755, 0o644)
	raw, err := sql.Open("sqlite", newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO schema_migration (version, name, applied_at) VALUES (999, 'future', 'x')`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	notADatabase := filepath.Join(shared, "notes.db")
	os.WriteFile(notADatabase, []byte(strings.Repeat("my notes, not a database\n", 300)), 0o644)
	halved := catalogue("halved", 0o755, 0o644)
	data, _ := os.ReadFile(halved)
	os.WriteFile(halved, data[:len(data)/2], 0o644)

	write := []string{"memo", "no-nav-reform", "a new memo"}
	for _, c := range []struct {
		name, db string
		args     []string
		want     string // in the one error line; "" when the command works
	}{
		{"read-only file: list", readOnlyFile, []string{"list"}, ""},
		{"read-only file: search", readOnlyFile, []string{"search", "nav"}, ""},
		{"read-only file: memo", readOnlyFile, write, "cannot be written"},
		{"read-only folder: list", readOnlyFolder, []string{"list"}, "cannot be written"},
		{"read-only folder: memo", readOnlyFolder, write, "cannot be written"},
		{"newer schema: list", newer, []string{"list"}, "newer Casebook"},
		{"newer schema: memo", newer, write, "newer Casebook"},
		{"not a database: list", notADatabase, []string{"list"}, "not a Casebook catalogue"},
		{"not a database: memo", notADatabase, write, "not a Casebook catalogue"},
		{"cut in half: list", halved, []string{"list"}, "damaged"},
		{"cut in half: memo", halved, write, "damaged"},
	} {
		before := fileHash(t, c.db)
		var out, errOut string
		var code int
		if strings.HasPrefix(c.name, "read-only") {
			out, errOut, code = runAs(t, shared, c.db, c.args...)
		} else {
			out, errOut, code = run(t, c.db, c.args...)
		}
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		switch {
		case c.want == "" && (code != 0 || out == ""):
			t.Errorf("%s: exit %d, %q", c.name, code, errOut)
		case c.want != "" && (code != 1 || len(lines) != 1 || !strings.HasPrefix(lines[0], "casebook: ") ||
			!strings.Contains(lines[0], c.want)):
			t.Errorf("%s: exit %d, %q; want one line saying %q", c.name, code, errOut, c.want)
		}
		if after := fileHash(t, c.db); after != before {
			t.Errorf("%s: the file changed", c.name)
		}
	}
	if out, _, _ := runAs(t, shared, readOnlyFile, "notes", "--json"); strings.Contains(out, "a new memo") ||
		!strings.Contains(out, "NAV reform") {
		t.Errorf("read-only catalogue's notes: %s", out)
	}
}
