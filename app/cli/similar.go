package cli

import (
	"context"
	"flag"
	"fmt"
	"io"

	"casebook/store"
)

func runSimilar(ctx context.Context, st *store.Store, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("similar", flag.ContinueOnError)
	section := fs.String("section", "", "the section key (abstract, background, practice, emergence, factors, effects, lessons)")
	quote := fs.String("quote", "", "a passage of the section (default: the whole section)")
	limit := fs.Int("limit", 10, "at most this many passages")
	asJSON := fs.Bool("json", false, "print JSON")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 || *section == "" {
		return usageError{"similar needs a case id and --section"}
	}
	if *limit < 1 {
		return usageError{"--limit must be at least 1"}
	}
	c, err := st.Case(ctx, rest[0])
	if err != nil {
		return err
	}
	if *quote != "" {
		if _, _, ok := store.Occurrence(c.Text(*section), *quote, 1); !ok {
			return fmt.Errorf("%q is not in section %q of %s", *quote, *section, c.ID)
		}
	}
	hits, err := st.Similar(ctx, c.ID, *section, *quote, *limit)
	if err != nil {
		return err
	}
	return printHits(out, hits, *asJSON)
}
