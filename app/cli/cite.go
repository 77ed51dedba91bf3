package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"casebook/app/exchange"
	"casebook/store"
)

// citeUsage is the cite command's form, for the command table.
const citeUsage = "cite [ID... | --comparison NAME] --bibtex OUT.bib | --ris OUT.ris"

// runCite writes the citations of cases, and of their sources, as BibTeX or
// RIS: the cases named, those of a saved comparison, or every case.
func runCite(ctx context.Context, st *store.Store, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("cite", flag.ContinueOnError)
	bib := fs.String("bibtex", "", "write BibTeX to this file")
	ris := fs.String("ris", "", "write RIS to this file")
	name := fs.String("comparison", "", "cite the cases of this saved comparison")
	ids, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if (*bib == "") == (*ris == "") {
		return usageError{"cite needs exactly one of --bibtex OUT.bib or --ris OUT.ris"}
	}
	if *name != "" && len(ids) > 0 {
		return usageError{"cite case ids or --comparison NAME, not both"}
	}
	cases, err := citedCases(ctx, st, ids, *name)
	if err != nil {
		return err
	}
	path, write := *bib, exchange.WriteBibTeXFile
	if *ris != "" {
		path, write = *ris, exchange.WriteRISFile
	}
	if err := write(path, cases); err != nil {
		return err
	}
	fmt.Fprintf(out, "cited %s and %s in %s\n", counted(len(cases), "case"), counted(sourceCount(cases), "source"), path)
	return nil
}

// citedCases reads the cases to cite: those of the comparison, the ones
// named, or, with neither, the whole catalogue in title order.
func citedCases(ctx context.Context, st *store.Store, ids []string, comparison string) ([]store.Case, error) {
	if comparison != "" {
		return comparisonCases(ctx, st, comparison)
	}
	if len(ids) == 0 {
		all, err := st.CaseIDs(ctx)
		if err != nil {
			return nil, err
		}
		ids = all
	}
	return readCases(ctx, st, ids)
}

// readCases reads cases by id, in the order given and each once; it names
// every id the catalogue lacks at once, so that one run shows every typo.
func readCases(ctx context.Context, st *store.Store, ids []string) ([]store.Case, error) {
	var cases []store.Case
	var missing []string
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		c, err := st.Case(ctx, id)
		switch {
		case errors.Is(err, store.ErrNotFound):
			missing = append(missing, strconv.Quote(id))
		case err != nil:
			return nil, err
		default:
			cases = append(cases, c)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("no case with id %s (see 'casebook list')", strings.Join(missing, ", "))
	}
	return cases, nil
}

// comparisonCases is the cases of a saved comparison in column order. A
// case can stand in two groups (compared by mechanism, say); it is cited once.
func comparisonCases(ctx context.Context, st *store.Store, name string) ([]store.Case, error) {
	cmp, err := st.ComparisonNamed(ctx, name)
	if err != nil {
		return nil, err
	}
	v, err := st.Compare(ctx, cmp)
	if err != nil {
		return nil, err
	}
	var cases []store.Case
	seen := map[string]bool{}
	for _, col := range v.Columns {
		for _, c := range col.Cases {
			if !seen[c.ID] {
				seen[c.ID] = true
				cases = append(cases, c)
			}
		}
	}
	if len(cases) == 0 {
		return nil, fmt.Errorf("the comparison %q has no cases to cite", cmp.Name)
	}
	return cases, nil
}

func sourceCount(cases []store.Case) int {
	n := 0
	for _, c := range cases {
		n += len(c.Sources)
	}
	return n
}

// counted is "1 case", "2 cases".
func counted(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
