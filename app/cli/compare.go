package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"casebook/app/report"
	"casebook/store"
)

func runCompare(ctx context.Context, st *store.Store, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	sections := fs.String("sections", "", "only these sections, e.g. emergence,effects")
	countries := fs.String("countries", "", "compare countries instead of cases, e.g. NO,EE")
	fields := fs.String("fields", "", "compare policy fields instead of cases, e.g. health,employment")
	field := fs.String("field", "", "with --countries: only cases of this policy field")
	shared := fs.Bool("only-shared", false, "only sections where every column has text")
	save := fs.String("save", "", "also save the comparison under this name")
	asJSON := fs.Bool("json", false, "print JSON")
	var pdf pdfFlags
	pdf.add(fs)
	ids, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	cmp, err := comparisonFrom(ids, *countries, *fields, *field, *sections, *shared)
	if err != nil {
		return err
	}
	if *save != "" {
		cmp.Name = *save
		if cmp, err = st.SaveComparison(ctx, cmp); err != nil {
			return err
		}
	}
	v, err := st.Compare(ctx, cmp)
	if err != nil {
		return err
	}
	if pdf.out != "" {
		return pdf.write(ctx, v, out)
	}
	if *asJSON {
		return writeJSON(out, v)
	}
	printComparison(out, v)
	return nil
}

// pdfFlags are the options of a PDF report on the command line.
type pdfFlags struct {
	out, title, who, paper string
}

func (p *pdfFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&p.out, "pdf", "", "write the comparison as a PDF report to this file")
	fs.StringVar(&p.title, "title", "", "the report's title (default: the comparison's name, or its cases)")
	fs.StringVar(&p.who, "author", "", "the report's author (default $CASEBOOK_AUTHOR or your login name)")
	fs.StringVar(&p.paper, "paper", "A4", "A4 or Letter")
}

// write renders the comparison as a PDF report into the file.
func (p *pdfFlags) write(ctx context.Context, v store.ComparisonView, out io.Writer) error {
	title := p.title
	if title == "" {
		title = report.DefaultTitle(v)
	}
	r := report.FromComparison(v, report.Meta{Title: title, Author: author(p.who), Version: versionLine(), Date: time.Now()})
	if err := report.WriteFile(p.out, r, report.Options{Paper: p.paper}); err != nil {
		return err
	}
	fmt.Fprintf(out, "wrote %s\n", p.out)
	return nil
}

func runReport(ctx context.Context, st *store.Store, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	name := fs.String("comparison", "", "the name of a saved comparison")
	var pdf pdfFlags
	pdf.add(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *name == "" || pdf.out == "" || len(rest) > 0 {
		return usageError{"report needs --comparison NAME and --pdf OUT.pdf"}
	}
	cmp, err := st.ComparisonNamed(ctx, *name)
	if err != nil {
		return err
	}
	v, err := st.Compare(ctx, cmp)
	if err != nil {
		return err
	}
	return pdf.write(ctx, v, out)
}

// comparisonFrom reads a comparison off the command line: case ids, or
// groups of cases by country or by policy field.
func comparisonFrom(ids []string, countries, fields, field, sections string, shared bool) (store.Comparison, error) {
	cmp := store.Comparison{Kind: store.CompareCases, Members: ids, OnlyShared: shared}
	groups := 0
	for _, g := range []string{countries, fields} {
		if g != "" {
			groups++
		}
	}
	if groups > 1 || groups == 1 && len(ids) > 0 {
		return cmp, usageError{"compare case ids, --countries or --fields: one of them"}
	}
	switch {
	case countries != "":
		cmp.Kind, cmp.Facet, cmp.Members = store.CompareGroups, store.KindCountry, splitList(strings.ToUpper(countries))
		if field != "" {
			cmp.Scope.Values = map[string][]string{store.KindField: {field}}
		}
	case fields != "":
		cmp.Kind, cmp.Facet, cmp.Members = store.CompareGroups, store.KindField, splitList(fields)
	}
	if field != "" && countries == "" {
		return cmp, usageError{"--field goes with --countries"}
	}
	if len(cmp.Members) < 2 || len(cmp.Members) > store.MaxColumns {
		return cmp, usageError{fmt.Sprintf("compare needs 2 to %d case ids, countries or fields", store.MaxColumns)}
	}
	if sections != "" {
		cmp.Sections = strings.Split(sections, ",")
	}
	return cmp, nil
}

func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func printComparison(out io.Writer, v store.ComparisonView) {
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "\t")
	for _, c := range v.Columns {
		fmt.Fprintf(tw, "%s\t", shortTitle(c.Title))
	}
	fmt.Fprintln(tw)
	for _, a := range v.Attributes {
		mark := ""
		if a.Differs {
			mark = " *"
		}
		fmt.Fprintf(tw, "%s%s\t%s\t\n", a.Name, mark, strings.Join(a.Values, "\t"))
	}
	tw.Flush()
	fmt.Fprintln(out, "(* the values differ)")
	for _, row := range v.Rows {
		fmt.Fprintf(out, "\n== %s ==\n", row.Heading)
		if row.Note != nil {
			fmt.Fprintf(out, "note: %s\n", row.Note.Text)
		}
		for i, cell := range row.Cells {
			fmt.Fprintf(out, "\n[%s]\n", v.Columns[i].Title)
			if len(cell.Parts) == 0 {
				fmt.Fprintln(out, "(no text)")
			}
			for _, p := range cell.Parts {
				if len(v.Columns[i].Cases) > 1 {
					fmt.Fprintf(out, "-- %s\n", p.CaseTitle)
				}
				fmt.Fprintln(out, p.Text)
			}
		}
	}
	if len(v.Codes) > 0 {
		fmt.Fprintln(out, "\n== Codes ==")
		for _, c := range v.Codes {
			fmt.Fprintf(out, "%s: %v\n", c.Code.Name, c.Counts)
		}
	}
}

func shortTitle(t string) string {
	if r := []rune(t); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return t
}

func runComparisons(ctx context.Context, st *store.Store, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("comparisons", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", rest[0])}
	}
	list, err := st.Comparisons(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		if list == nil {
			list = []store.Comparison{}
		}
		return writeJSON(out, list)
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for _, c := range list {
		what := strings.Join(c.Members, ", ")
		if c.Kind == store.CompareGroups {
			what = c.Facet + ": " + what
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", c.Name, what, c.Updated.Local().Format("2 Jan 2006"))
	}
	return tw.Flush()
}
