package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"casebook/app/exchange"
	"casebook/store"
)

// maxCaseFile bounds what import reads of one file: a case is a few pages.
const maxCaseFile = 4 << 20

func runImport(ctx context.Context, st *store.Store, args []string, out io.Writer) error {
	if len(args) == 0 {
		return usageError{"import needs at least one file or folder"}
	}
	paths, err := caseFiles(args)
	if err != nil {
		return err
	}
	rules, err := readRules(ctx, st)
	if err != nil {
		return err
	}
	cases, problems := parseFiles(paths, rules)
	if len(cases) > 0 {
		if err := st.PutCases(ctx, store.OriginImport, cases); err != nil {
			return err
		}
	}
	fmt.Fprintf(out, "imported %d of %d case files\n", len(cases), len(paths))
	if len(problems) > 0 {
		return fmt.Errorf("%s\n%d files not imported", strings.Join(problems, "\n"), len(paths)-len(cases))
	}
	return nil
}

func readRules(ctx context.Context, st *store.Store) (exchange.Rules, error) {
	t, err := st.Template(ctx)
	if err != nil {
		return exchange.Rules{}, err
	}
	v, err := st.Vocabulary(ctx)
	return exchange.Rules{Template: t, Vocabulary: v}, err
}

// parseFiles parses every file; a bad file yields its problems and no case.
func parseFiles(paths []string, rules exchange.Rules) ([]store.Case, []string) {
	var cases []store.Case
	var problems []string
	seen := map[string]string{}
	for _, path := range paths {
		c, err := parseFile(path, rules)
		if err == nil && seen[c.ID] != "" {
			err = fmt.Errorf("%s:1: id %q is also used by %s", path, c.ID, seen[c.ID])
		}
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		seen[c.ID] = path
		cases = append(cases, c)
	}
	return cases, problems
}

func parseFile(path string, rules exchange.Rules) (store.Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return store.Case{}, fmt.Errorf("%s: %w", path, errors.Unwrap(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxCaseFile+1))
	if err != nil {
		return store.Case{}, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > maxCaseFile {
		return store.Case{}, fmt.Errorf("%s: larger than %d MiB; a case file is a few pages of text", path, maxCaseFile>>20)
	}
	return exchange.ParseCase(path, data, rules)
}

// caseFiles expands folders into the .md files under them, sorted.
func caseFiles(args []string) ([]string, error) {
	var paths []string
	for _, arg := range args {
		info, err := os.Stat(arg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, errors.Unwrap(err))
		}
		if !info.IsDir() {
			paths = append(paths, arg)
			continue
		}
		var found []string
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".md") {
				found = append(found, p)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		paths = append(paths, found...)
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no case files (*.md) found in %s", strings.Join(args, ", "))
	}
	return paths, nil
}

func runExport(ctx context.Context, st *store.Store, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	dir := fs.String("markdown", "", "write every case as a case file into this folder")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *dir == "" || len(rest) > 0 {
		return usageError{"export needs --markdown DIR"}
	}
	files, err := renderCases(ctx, st)
	if err != nil {
		return err
	}
	if err := writeNew(*dir, files); err != nil {
		return err
	}
	fmt.Fprintf(out, "exported %d cases to %s\n", len(files), *dir)
	return nil
}

// renderCases renders every case as a case file, by file name.
func renderCases(ctx context.Context, st *store.Store) (map[string][]byte, error) {
	t, err := st.Template(ctx)
	if err != nil {
		return nil, err
	}
	ids, err := st.CaseIDs(ctx)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, id := range ids {
		c, err := st.Case(ctx, id)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if err := exchange.WriteCase(&b, c, t); err != nil {
			return nil, err
		}
		files[id+".md"] = b.Bytes()
	}
	return files, nil
}

// writeNew writes files into dir, refusing before writing anything if one
// would overwrite a file that is there already.
func writeNew(dir string, files map[string][]byte) error {
	for name := range files {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return fmt.Errorf("%s already exists; export into an empty folder", filepath.Join(dir, name))
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func runBackup(ctx context.Context, st *store.Store, args []string, out io.Writer) error {
	if len(args) != 1 || strings.HasPrefix(args[0], "-") {
		return usageError{"backup needs exactly one file name"}
	}
	if err := st.Backup(ctx, args[0]); err != nil {
		return err
	}
	fmt.Fprintf(out, "backed up the catalogue to %s\n", args[0])
	return nil
}
