// Package cli is Casebook's command line: the commands that list, show,
// search, import, export and back up the catalogue without a display. The
// GUI and these commands are two faces over the same store calls.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"casebook/seeds"
	"casebook/store"
)

// Version is the version of Casebook.
const Version = "0.1.0"

// Exit codes: 1 for bad input or a failed operation, 2 for bad usage.
const (
	ExitFailure = 1
	ExitUsage   = 2
)

// Invocation is a parsed command line: the catalogue to use and the command
// to run ("" opens the GUI).
type Invocation struct {
	DB      string
	Command string
	Args    []string
}

// usageError is a command line that does not fit a command's form.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// Usage is the summary printed by "casebook help".
const Usage = `usage:
  casebook [--db PATH]                                open the GUI
  casebook [--db PATH] list [--country CC] [--field F] [--json]
  casebook [--db PATH] show ID [--json]
  casebook [--db PATH] search QUERY [--limit N] [--json]
  casebook [--db PATH] import PATH...                 case files, or folders of them
  casebook [--db PATH] import --qdpx IN.qdpx          a REFI-QDA project written by Casebook
  casebook [--db PATH] import --qdc IN.qdc            a REFI-QDA codebook from any QDA tool
  casebook [--db PATH] export --markdown DIR
  casebook [--db PATH] export --qdpx OUT.qdpx         a REFI-QDA project, for other QDA tools
  casebook [--db PATH] export --csv OUT.csv [--codes] [--excel]   one row per case, for QCA
  casebook [--db PATH] export --bibtex OUT.bib | --ris OUT.ris     every case and its sources, for Zotero, JabRef, EndNote
  casebook [--db PATH] export --pack OUT.json         your codes, highlights and memos, for a colleague
  casebook [--db PATH] import --pack IN.json          merge a colleague's annotation pack
  casebook [--db PATH] backup FILE
  casebook [--db PATH] annotate ID --section KEY --quote TEXT [--occurrence N] [--code PATH]... [--memo TEXT]
  casebook [--db PATH] memo ID [--section KEY] TEXT
  casebook [--db PATH] notes [ID] [--json]
  casebook [--db PATH] codes [--json]
  casebook [--db PATH] compare ID ID [ID ID] [--sections KEY,KEY] [--only-shared] [--save NAME] [--json | --pdf OUT.pdf]
  casebook [--db PATH] compare --countries CC,CC [--field F] [--json | --pdf OUT.pdf]
  casebook [--db PATH] compare --fields F,F [--json | --pdf OUT.pdf]
  casebook [--db PATH] report --comparison NAME --pdf OUT.pdf [--title T] [--author A] [--paper A4|Letter]
  casebook [--db PATH] comparisons [--json]
  casebook [--db PATH] similar ID --section KEY [--quote TEXT] [--limit N] [--json]
  casebook [--db PATH] cite [ID... | --comparison NAME] --bibtex OUT.bib | --ris OUT.ris
  casebook version

The catalogue is --db PATH, else $CASEBOOK_DB, else <user config dir>/casebook/catalogue.db.
`

// Parse reads the global options and the command name. getenv is os.Getenv
// in the program and a map in tests.
func Parse(args []string, getenv func(string) string) (Invocation, error) {
	var inv Invocation
	for len(args) > 0 {
		arg := args[0]
		switch {
		case arg == "--db" || arg == "-db":
			if len(args) < 2 || args[1] == "" {
				return inv, usageError{"--db needs a file path"}
			}
			inv.DB, args = args[1], args[2:]
		case strings.HasPrefix(arg, "--db="):
			inv.DB, args = strings.TrimPrefix(arg, "--db="), args[1:]
		case arg == "-h" || arg == "--help":
			inv.Command, args = "help", args[1:]
		case strings.HasPrefix(arg, "-"):
			return inv, usageError{fmt.Sprintf("unknown option %s (see 'casebook help')", arg)}
		default:
			if inv.Command == "" {
				inv.Command = arg
			}
			inv.Args = args[1:]
			args = nil
		}
	}
	if inv.DB == "" {
		inv.DB = getenv("CASEBOOK_DB")
	}
	if inv.DB == "" {
		dir, err := os.UserConfigDir()
		if err != nil {
			return inv, fmt.Errorf("no --db given and no user config folder: %w", err)
		}
		inv.DB = filepath.Join(dir, "casebook", "catalogue.db")
	}
	return inv, nil
}

// Open opens the catalogue at path and loads the starter catalogue into it
// when it is new or when this build ships newer seeds.
func Open(ctx context.Context, path string) (*store.Store, error) {
	st, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	if _, err := seeds.Load(ctx, st); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// command is one subcommand: its usage line and what it does.
type command struct {
	usage string
	run   func(ctx context.Context, st *store.Store, args []string, out io.Writer) error
}

func commands() map[string]command {
	return map[string]command{
		"list":   {"list [--country CC] [--field F] [--json]", runList},
		"show":   {"show ID [--json]", runShow},
		"search": {"search QUERY [--limit N] [--json]", runSearch},
		"import": {importUsage, runImportAll},
		"export": {exportUsage, runExportAll},
		"backup": {"backup FILE", runBackup},
		"annotate": {"annotate ID --section KEY --quote TEXT [--occurrence N] [--code PATH]... [--memo TEXT] [--author NAME]",
			runAnnotate},
		"memo":  {"memo ID [--section KEY] [--author NAME] TEXT", runMemo},
		"notes": {"notes [ID] [--json]", runNotes},
		"codes": {"codes [--json]", runCodes},
		"compare": {"compare ID ID [ID ID] [--sections KEY,KEY] [--only-shared] [--save NAME] [--json | --pdf OUT.pdf]\n" +
			"       casebook compare --countries CC,CC [--field F] [--json | --pdf OUT.pdf]\n" +
			"       casebook compare --fields F,F [--json | --pdf OUT.pdf]", runCompare},
		"report":      {"report --comparison NAME --pdf OUT.pdf [--title T] [--author A] [--paper A4|Letter]", runReport},
		"comparisons": {"comparisons [--json]", runComparisons},
		"similar":     {"similar ID --section KEY [--quote TEXT] [--limit N] [--json]", runSimilar},
		"cite":        {citeUsage, runCite},
	}
}

// Run runs a parsed command, writing results to stdout and one line per error
// to stderr, and returns the exit code.
func Run(ctx context.Context, inv Invocation, stdout, stderr io.Writer) int {
	switch inv.Command {
	case "help":
		fmt.Fprint(stdout, Usage)
		return 0
	case "version":
		return runVersion(stdout)
	}
	cmd, ok := commands()[inv.Command]
	if !ok {
		fmt.Fprintf(stderr, "casebook: unknown command %q (see 'casebook help')\n", inv.Command)
		return ExitUsage
	}
	st, err := Open(ctx, inv.DB)
	if err != nil {
		fmt.Fprintf(stderr, "casebook: %s\n", store.Message(err))
		return ExitFailure
	}
	defer st.Close()
	err = cmd.run(ctx, st, inv.Args, stdout)
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "casebook: %v\nusage: casebook %s\n", err, cmd.usage)
		return ExitUsage
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprintf(stdout, "usage: casebook %s\n", cmd.usage)
		return 0
	}
	for _, line := range strings.Split(store.Message(err), "\n") {
		fmt.Fprintf(stderr, "casebook: %s\n", line)
	}
	return ExitFailure
}

func runVersion(out io.Writer) int {
	fmt.Fprintf(out, "casebook %s (schema %d, catalogue %s)\n", Version, store.SchemaVersion(), catalogueVersion())
	return 0
}

func catalogueVersion() string {
	v, err := seeds.Version()
	if err != nil {
		return "unknown"
	}
	return v
}

// versionLine names the program and the catalogue, as reports print it.
func versionLine() string {
	return fmt.Sprintf("Casebook %s · catalogue %s", Version, catalogueVersion())
}

// parseFlags parses fs from args, allowing options after positional
// arguments ("show ID --json"), and returns the positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
