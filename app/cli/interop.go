package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"casebook/app/exchange"
	"casebook/store"
)

// Usage lines of the exchange formats, for the command table and Usage.
const (
	exportUsage = "export --markdown DIR | --qdpx OUT.qdpx | --csv OUT.csv [--codes] [--excel] | --bibtex OUT.bib | --ris OUT.ris | --pack OUT.json"
	importUsage = "import PATH... | --qdpx IN.qdpx | --qdc IN.qdc | --pack IN.json"
)

// runExportAll is the export command in every format: --markdown is
// runExport's, --qdpx writes a REFI-QDA project and --csv the QCA table.
func runExportAll(ctx context.Context, st *store.Store, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	dir := fs.String("markdown", "", "write every case as a case file into this folder")
	qdpx := fs.String("qdpx", "", "write a REFI-QDA project (.qdpx) for other QDA tools")
	csvPath := fs.String("csv", "", "write one row per case for QCA")
	codes := fs.Bool("codes", false, "with --csv: add a count and a 0/1 column per code")
	excel := fs.Bool("excel", false, "with --csv: BOM and semicolons, for Excel")
	bib := fs.String("bibtex", "", "write every case and its sources as BibTeX (as cite does)")
	ris := fs.String("ris", "", "write every case and its sources as RIS (as cite does)")
	pack := fs.String("pack", "", "write an annotation pack (codes, highlights, memos) for a colleague")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	formats := 0
	for _, f := range []string{*dir, *qdpx, *csvPath, *bib, *ris, *pack} {
		if f != "" {
			formats++
		}
	}
	switch {
	case formats != 1 || len(rest) > 0:
		return usageError{"export needs exactly one of --markdown DIR, --qdpx, --csv, --bibtex, --ris or --pack"}
	case (*codes || *excel) && *csvPath == "":
		return usageError{"--codes and --excel go with --csv"}
	case *dir != "":
		return runExport(ctx, st, args, out)
	case *qdpx != "":
		return exportQDPX(ctx, st, *qdpx, out)
	case *bib != "" || *ris != "":
		return runCite(ctx, st, args, out)
	case *pack != "":
		return exportPack(ctx, st, *pack, out)
	}
	return exportCSV(ctx, st, *csvPath, exchange.CSVOptions{Codes: *codes, Excel: *excel}, out)
}

func exportQDPX(ctx context.Context, st *store.Store, path string, out io.Writer) error {
	p, err := exchange.LoadProject(ctx, st)
	if err != nil {
		return err
	}
	p.Name, p.Origin, p.Created = "Casebook catalogue "+catalogueVersion(), versionLine(), time.Now()
	warnings, err := exchange.WriteQDPXFile(path, p)
	if err != nil {
		return err
	}
	highlights, memos := noteCounts(p)
	fmt.Fprintf(out, "exported %d cases, %d codes, %d highlights and %d memos to %s\n",
		len(p.Cases), len(p.Codes), highlights, memos, path)
	printWarnings(out, warnings)
	return nil
}

func noteCounts(p exchange.Project) (highlights, memos int) {
	for _, cn := range p.Cases {
		highlights += len(cn.Annotations)
		memos += len(cn.Memos)
	}
	return highlights, memos
}

func printWarnings(out io.Writer, warnings []string) {
	for _, w := range warnings {
		fmt.Fprintf(out, "warning: %s\n", w)
	}
}

func exportCSV(ctx context.Context, st *store.Store, path string, opt exchange.CSVOptions, out io.Writer) error {
	p, err := exchange.LoadProject(ctx, st)
	if err != nil {
		return err
	}
	if err := exchange.WriteCSVFile(path, p, opt); err != nil {
		return err
	}
	fmt.Fprintf(out, "exported %d cases to %s\n", len(p.Cases), path)
	return nil
}

// runImportAll is the import command: case files (runImport), or with
// --qdpx a REFI-QDA project written by Casebook.
func runImportAll(ctx context.Context, st *store.Store, args []string, out io.Writer) error {
	if !hasFlag(args, "qdpx") && !hasFlag(args, "pack") && !hasFlag(args, "qdc") {
		return runImport(ctx, st, args, out)
	}
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	path := fs.String("qdpx", "", "a REFI-QDA project (.qdpx) written by Casebook")
	pack := fs.String("pack", "", "a colleague's annotation pack (.json)")
	qdc := fs.String("qdc", "", "a REFI-QDA codebook (.qdc) from any QDA tool")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	given := 0
	for _, f := range []string{*path, *pack, *qdc} {
		if f != "" {
			given++
		}
	}
	if given != 1 || len(rest) > 0 {
		return usageError{"import --qdpx, --qdc or --pack takes one file and nothing else"}
	}
	switch {
	case *pack != "":
		return importPack(ctx, st, *pack, out)
	case *qdc != "":
		return importQDC(ctx, st, *qdc, out)
	}
	return importQDPX(ctx, st, *path, out)
}

// hasFlag tells a project or pack import from a case-file import, whose
// arguments are paths that runImport reads as they are.
func hasFlag(args []string, flagName string) bool {
	for _, a := range args {
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && name == flagName {
			return true
		}
	}
	return false
}

func importQDPX(ctx context.Context, st *store.Store, path string, out io.Writer) error {
	rules, err := readRules(ctx, st)
	if err != nil {
		return err
	}
	p, warnings, err := exchange.ReadQDPXFile(path, rules)
	if err != nil {
		return err
	}
	n, err := exchange.SaveProject(ctx, st, p)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "imported %d cases, %d codes, %d highlights and %d memos from %s\n",
		n.Cases, n.Codes, n.Highlights, n.Memos, path)
	if n.ReusedCodes > 0 || n.Duplicates > 0 {
		fmt.Fprintf(out, "%d codes were in the codebook already; %d highlights and memos were in the catalogue already\n",
			n.ReusedCodes, n.Duplicates)
	}
	printWarnings(out, warnings)
	return nil
}

// exportPack writes every code, highlight and memo as an annotation pack.
func exportPack(ctx context.Context, st *store.Store, path string, out io.Writer) error {
	p, err := st.ExportPack(ctx)
	if err != nil {
		return err
	}
	if err := exchange.WriteAtomic(path, func(w io.Writer) error { return writeJSON(w, p) }); err != nil {
		return err
	}
	fmt.Fprintf(out, "exported %d codes, %d highlights and %d memos to %s\n", len(p.Codes), len(p.Annotations), len(p.Memos), path)
	return nil
}

// maxPack bounds what import reads of a pack: notes are at most 1 MB each.
const maxPack = 256 << 20

// importPack merges a colleague's annotation pack into the catalogue.
func importPack(ctx context.Context, st *store.Store, path string, out io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, errors.Unwrap(err))
	}
	defer f.Close()
	var p store.Pack
	dec := json.NewDecoder(io.LimitReader(f, maxPack))
	if err := dec.Decode(&p); err != nil {
		return fmt.Errorf("%s: not a Casebook annotation pack (%v)", path, err)
	}
	r, err := st.MergePack(ctx, p)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	fmt.Fprintf(out, "merged %s: %d added, %d already here, %d conflicts\n", path, r.Added, r.Same, len(r.Conflicts))
	for _, c := range r.Conflicts {
		fmt.Fprintf(out, "conflict: %s\n", c)
	}
	return nil
}

// importQDC adds the codes of a REFI-QDA codebook to the codebook.
func importQDC(ctx context.Context, st *store.Store, path string, out io.Writer) error {
	rules, err := readRules(ctx, st)
	if err != nil {
		return err
	}
	p, warnings, err := exchange.ReadQDCFile(path, rules)
	if err != nil {
		return err
	}
	got, err := exchange.SaveProject(ctx, st, p)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "imported %d codes from %s (%d were in the codebook already)\n", got.Codes, path, got.ReusedCodes)
	printWarnings(out, warnings)
	return nil
}
