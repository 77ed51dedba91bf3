package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"casebook/store"
)

func writeJSON(out io.Writer, v any) error {
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// listedCase is a case as "list --json" shows it: every attribute, no section text.
type listedCase struct {
	store.Case
	Sections    []store.Section `json:"sections,omitempty"`
	CountryName string          `json:"country_name"`
}

func runList(ctx context.Context, st *store.Store, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	country := fs.String("country", "", "only cases from this country (ISO code)")
	field := fs.String("field", "", "only cases in this policy field")
	asJSON := fs.Bool("json", false, "print JSON")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", rest[0])}
	}
	f := store.Filter{Values: map[string][]string{}}
	if *country != "" {
		f.Values[store.KindCountry] = []string{strings.ToUpper(*country)}
	}
	if *field != "" {
		f.Values[store.KindField] = []string{*field}
	}
	hits, err := st.Search(ctx, f, 0)
	if err != nil {
		return err
	}
	if *asJSON {
		return listJSON(ctx, st, hits, out)
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for _, h := range hits {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", h.ID, h.Country, h.Field, h.Period, h.Title)
	}
	return tw.Flush()
}

func listJSON(ctx context.Context, st *store.Store, hits []store.Hit, out io.Writer) error {
	vocab, err := st.Vocabulary(ctx)
	if err != nil {
		return err
	}
	cases := make([]listedCase, 0, len(hits))
	for _, h := range hits {
		c, err := st.Case(ctx, h.ID)
		if err != nil {
			return err
		}
		cases = append(cases, listedCase{Case: c, CountryName: vocab.Label(store.KindCountry, c.Country)})
	}
	return writeJSON(out, cases)
}

func runShow(ctx context.Context, st *store.Store, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("show", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError{"show needs exactly one case id"}
	}
	c, err := st.Case(ctx, rest[0])
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(out, c)
	}
	t, err := st.Template(ctx)
	if err != nil {
		return err
	}
	printCase(out, c, t)
	return nil
}

func printCase(out io.Writer, c store.Case, t store.Template) {
	fmt.Fprintf(out, "%s\n%s\n", c.Title, strings.Repeat("=", len([]rune(c.Title))))
	meta := []string{c.Country, c.Field, c.Period.String(), c.Provenance}
	fmt.Fprintln(out, strings.Join(nonEmpty(meta), " · "))
	for _, line := range [][2]string{
		{"levels", strings.Join(c.Levels, ", ")}, {"direction", strings.Join(c.Directions, ", ")},
		{"mechanisms", strings.Join(c.Mechanisms, ", ")}, {"instruments", strings.Join(c.Instruments, ", ")},
		{"authors", strings.Join(c.Authors, ", ")}, {"institution", c.Institution},
	} {
		if line[1] != "" {
			fmt.Fprintf(out, "%s: %s\n", line[0], line[1])
		}
	}
	for _, sec := range t {
		if text := c.Text(sec.Key); text != "" {
			fmt.Fprintf(out, "\n%s\n%s\n%s\n", sec.Heading, strings.Repeat("-", len([]rune(sec.Heading))), text)
		}
	}
	fmt.Fprintln(out, "\nSources")
	for i, s := range c.Sources {
		fmt.Fprintf(out, "%d. %s <%s>\n", i+1, s.Title, s.URL)
	}
}

func nonEmpty(values []string) []string {
	var out []string
	for _, v := range values {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

func runSearch(ctx context.Context, st *store.Store, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	limit := fs.Int("limit", 20, "at most this many cases")
	asJSON := fs.Bool("json", false, "print JSON")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 || strings.TrimSpace(strings.Join(rest, " ")) == "" {
		return usageError{"search needs a query"}
	}
	if *limit < 1 {
		return usageError{"--limit must be at least 1"}
	}
	hits, err := st.Search(ctx, store.Filter{Query: strings.Join(rest, " ")}, *limit)
	if err != nil {
		return err
	}
	switch {
	case *asJSON:
	case len(hits) == 0:
		fmt.Fprintf(out, "no cases match %q\n", strings.Join(rest, " "))
	case hits[0].Score == 0:
		// Only hits past store.RankLimit matches come unranked.
		fmt.Fprintf(out, "more than %d cases match, too many to rank: the newest come first (add a word to rank them)\n\n", store.RankLimit)
	}
	return printHits(out, hits, *asJSON)
}

// printHits prints search or similarity hits: JSON, or a few lines each with
// the snippet's matches between « ».
func printHits(out io.Writer, hits []store.Hit, asJSON bool) error {
	if asJSON {
		if hits == nil {
			hits = []store.Hit{}
		}
		return writeJSON(out, hits)
	}
	for _, h := range hits {
		meta := strings.Join(nonEmpty([]string{h.Country, h.Field, h.Period.String()}), " · ")
		fmt.Fprintf(out, "%s  %s\n  %s\n  [%s] %s\n\n", h.ID, meta, h.Title, h.Part, h.Snippet.Marked("«", "»"))
	}
	return nil
}
