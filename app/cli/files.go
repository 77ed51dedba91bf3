package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"casebook/app/exchange"
	"casebook/store"
)

func runImport(ctx context.Context, st *store.Store, args []string, out io.Writer) error {
	if len(args) == 0 {
		return usageError{"import needs at least one file or folder"}
	}
	paths, err := exchange.CaseFiles(args)
	if err != nil {
		return err
	}
	rules, err := readRules(ctx, st)
	if err != nil {
		return err
	}
	cases, problems := exchange.ReadCaseFiles(paths, rules)
	if len(cases) > 0 {
		if err := st.ImportCases(ctx, store.OriginImport, cases, nil); err != nil {
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
