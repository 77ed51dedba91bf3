package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"strings"
	"text/tabwriter"

	"casebook/store"
)

// stringsFlag collects a repeatable option (--code A --code B).
type stringsFlag []string

func (s *stringsFlag) String() string     { return strings.Join(*s, ",") }
func (s *stringsFlag) Set(v string) error { *s = append(*s, v); return nil }

// author is the name put on new notes: --author, else $CASEBOOK_AUTHOR, else
// the login name.
func author(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if env := os.Getenv("CASEBOOK_AUTHOR"); env != "" {
		return env
	}
	if u, err := user.Current(); err == nil {
		if u.Name != "" {
			return u.Name
		}
		return u.Username
	}
	return ""
}

func runAnnotate(ctx context.Context, st *store.Store, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("annotate", flag.ContinueOnError)
	section := fs.String("section", "", "section key (abstract, background, practice, emergence, factors, effects, lessons)")
	quote := fs.String("quote", "", "the exact words to highlight")
	occurrence := fs.Int("occurrence", 1, "which occurrence of the quote, counting from 1")
	memo := fs.String("memo", "", "a memo on the highlight")
	who := fs.String("author", "", "author name (default $CASEBOOK_AUTHOR or your login name)")
	var codes stringsFlag
	fs.Var(&codes, "code", "a code path such as Structure/Merger (repeatable; created when missing)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 || *section == "" || *quote == "" {
		return usageError{"annotate needs a case id, --section and --quote"}
	}
	c, err := st.Case(ctx, rest[0])
	if err != nil {
		return err
	}
	start, end, ok := store.Occurrence(c.Text(*section), *quote, *occurrence)
	if !ok {
		return fmt.Errorf("%q does not occur %d time(s) in section %q of %s", *quote, *occurrence, *section, c.ID)
	}
	ids, err := codeIDs(ctx, st, codes)
	if err != nil {
		return err
	}
	a, err := st.Annotate(ctx, store.Highlight{CaseID: c.ID, Section: *section, Start: start, End: end,
		Codes: ids, Memo: *memo, Author: author(*who)})
	if err != nil {
		return err
	}
	fmt.Fprintln(out, a.ID)
	return nil
}

// codeIDs finds (or creates) the codes named by paths like "Structure/Merger".
func codeIDs(ctx context.Context, st *store.Store, paths []string) ([]string, error) {
	var ids []string
	for _, path := range paths {
		parent := ""
		for _, name := range strings.Split(path, "/") {
			id, err := childCode(ctx, st, parent, strings.TrimSpace(name))
			if err != nil {
				return nil, err
			}
			parent = id
		}
		ids = append(ids, parent)
	}
	return ids, nil
}

func childCode(ctx context.Context, st *store.Store, parent, name string) (string, error) {
	codes, err := st.Codes(ctx)
	if err != nil {
		return "", err
	}
	for _, c := range codes {
		if c.ParentID == parent && strings.EqualFold(c.Name, name) {
			return c.ID, nil
		}
	}
	c, err := st.CreateCode(ctx, parent, name, "", "")
	return c.ID, err
}

func runMemo(ctx context.Context, st *store.Store, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("memo", flag.ContinueOnError)
	section := fs.String("section", "", "a section key; without it the memo is on the whole case")
	who := fs.String("author", "", "author name (default $CASEBOOK_AUTHOR or your login name)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) < 2 {
		return usageError{"memo needs a case id and the text"}
	}
	m, err := st.AddMemo(ctx, rest[0], *section, strings.Join(rest[1:], " "), author(*who))
	if err != nil {
		return err
	}
	fmt.Fprintln(out, m.ID)
	return nil
}

// caseNotes is what "notes --json" prints for one case.
type caseNotes struct {
	Case        string             `json:"case"`
	Annotations []store.Annotation `json:"annotations"`
	Memos       []store.Memo       `json:"memos"`
}

func runNotes(ctx context.Context, st *store.Store, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("notes", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	ids := rest
	if len(ids) == 0 {
		if ids, err = st.CaseIDs(ctx); err != nil {
			return err
		}
	}
	var all []caseNotes
	for _, id := range ids {
		n, err := notesOf(ctx, st, id)
		if err != nil {
			return err
		}
		if len(rest) > 0 || len(n.Annotations)+len(n.Memos) > 0 {
			all = append(all, n)
		}
	}
	if *asJSON {
		if all == nil {
			all = []caseNotes{}
		}
		return writeJSON(out, all)
	}
	codes, err := st.Codes(ctx)
	if err != nil {
		return err
	}
	for _, n := range all {
		printNotes(out, n, codes)
	}
	return nil
}

func notesOf(ctx context.Context, st *store.Store, id string) (caseNotes, error) {
	if _, err := st.Case(ctx, id); err != nil {
		return caseNotes{}, err
	}
	annotations, err := st.Annotations(ctx, id)
	if err != nil {
		return caseNotes{}, err
	}
	memos, err := st.Memos(ctx, id)
	if annotations == nil {
		annotations = []store.Annotation{}
	}
	if memos == nil {
		memos = []store.Memo{}
	}
	return caseNotes{Case: id, Annotations: annotations, Memos: memos}, err
}

func printNotes(out io.Writer, n caseNotes, codes []store.Code) {
	fmt.Fprintf(out, "%s\n", n.Case)
	for _, m := range n.Memos {
		where := "case"
		if m.Section != "" {
			where = m.Section
		}
		fmt.Fprintf(out, "  memo [%s] %s (%s, %s)\n", where, m.Text, m.Author, m.Updated.Format("2 Jan 2006"))
	}
	for _, a := range n.Annotations {
		names := make([]string, len(a.Codes))
		for i, id := range a.Codes {
			names[i] = store.CodePath(codes, id)
		}
		state := ""
		if a.Orphaned {
			state = " ORPHANED (the quoted words are no longer in the text)"
		}
		fmt.Fprintf(out, "  %s %d-%d %q%s\n", a.Section, a.Start, a.End, a.Quote, state)
		if len(names) > 0 {
			fmt.Fprintf(out, "    codes: %s\n", strings.Join(names, ", "))
		}
		if a.Memo != "" {
			fmt.Fprintf(out, "    memo: %s\n", a.Memo)
		}
		fmt.Fprintf(out, "    by %s, %s  id %s\n", a.Author, a.Updated.Format("2 Jan 2006 15:04"), a.ID)
	}
}

func runCodes(ctx context.Context, st *store.Store, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("codes", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", rest[0])}
	}
	codes, err := st.Codes(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		if codes == nil {
			codes = []store.Code{}
		}
		return writeJSON(out, codes)
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for _, c := range codes {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", store.CodePath(codes, c.ID), c.Color, c.Count, c.Description)
	}
	return tw.Flush()
}
