package exchange

// The QCA table: one row per case, its attributes as columns and the
// multi-valued ones as 0/1 columns, ready for crisp-set QCA (R's QCA package,
// fsQCA, Tosmana) or a spreadsheet.

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"casebook/store"

	"golang.org/x/text/unicode/norm"
)

// CSVOptions chooses the columns and the dialect of the QCA table.
type CSVOptions struct {
	// Codes adds two columns per code: code_<path>, how many highlights of the
	// case carry the code, and code_<path>_present, 1 if any does.
	Codes bool
	// Excel writes what Excel opens as it is in every locale: a UTF-8 BOM
	// (without it Excel assumes a legacy code page and garbles ø and ő),
	// semicolons (where the decimal separator is a comma, Excel splits on
	// semicolons) and CRLF line ends.
	Excel bool
}

// csvColumn is one column of the table: its header and its value for a case.
type csvColumn struct {
	name  string
	value func(CaseNotes) string
}

// WriteCSVFile writes the table to path through a temporary file, renamed
// into place only when complete.
func WriteCSVFile(path string, p Project, opt CSVOptions) error {
	return WriteAtomic(path, func(w io.Writer) error { return WriteCSV(w, p, opt) })
}

// WriteCSV writes one row per case, in the project's order. The columns are
// id, title, country, field, period_start, period_end (empty when unknown or
// ongoing) and provenance; then level_<value>, direction_<value> and
// mechanism_<value> (1 if the case has the value, else 0) for every value of
// those vocabularies; then, with opt.Codes, the code columns. A code count
// is of highlights that carry the code itself (not its sub-codes) and whose
// words are still in the text, as in the Compare tab's code matrix.
func WriteCSV(w io.Writer, p Project, opt CSVOptions) error {
	columns := attributeColumns(p.Vocabulary)
	if opt.Codes {
		columns = append(columns, codeColumns(p.Codes)...)
	}
	if opt.Excel {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	if opt.Excel {
		cw.Comma, cw.UseCRLF = ';', true
	}
	row := make([]string, len(columns))
	for i, col := range columns {
		row[i] = col.name
	}
	cw.Write(row)
	for _, cn := range p.Cases {
		for i, col := range columns {
			row[i] = col.value(cn)
		}
		cw.Write(row)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	return nil
}

func attributeColumns(v store.Vocabulary) []csvColumn {
	text := func(name string, f func(store.Case) string) csvColumn {
		return csvColumn{name, func(cn CaseNotes) string { return f(cn.Case) }}
	}
	cols := []csvColumn{
		text("id", func(c store.Case) string { return c.ID }),
		text("title", func(c store.Case) string { return c.Title }),
		text("country", func(c store.Case) string { return c.Country }),
		text("field", func(c store.Case) string { return c.Field }),
		text("period_start", func(c store.Case) string { return year4(c.Period.Start) }),
		text("period_end", func(c store.Case) string { return year4(c.Period.End) }),
		text("provenance", func(c store.Case) string { return c.Provenance }),
	}
	for _, f := range flagKinds {
		for _, t := range v[f.kind] {
			kind, value := f.kind, t.Value
			cols = append(cols, text(f.prefix+columnName(value), func(c store.Case) string {
				return bit(slices.Contains(flagValues(c, kind), value))
			}))
		}
	}
	return cols
}

// year4 is a year, or "" for zero (unknown start, ongoing end): QCA tools
// read an empty cell as missing, where 0 would be a year.
func year4(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

func bit(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// codeColumns are the count and presence columns of every code, in tree
// order. Names are made of the code's path (see columnName); two paths that
// give the same name are told apart by a number.
func codeColumns(codes []store.Code) []csvColumn {
	var cols []csvColumn
	used := map[string]bool{}
	for i, code := range codes {
		base := "code_" + columnName(store.CodePath(codes, code.ID))
		if base == "code_" {
			base = fmt.Sprintf("code_%d", i+1)
		}
		name := base
		for n := 2; used[name] || used[name+"_present"]; n++ {
			name = fmt.Sprintf("%s_%d", base, n)
		}
		used[name], used[name+"_present"] = true, true
		id := code.ID
		cols = append(cols,
			csvColumn{name, func(cn CaseNotes) string { return strconv.Itoa(codeCount(cn, id)) }},
			csvColumn{name + "_present", func(cn CaseNotes) string { return bit(codeCount(cn, id) > 0) }})
	}
	return cols
}

func codeCount(cn CaseNotes, code string) int {
	n := 0
	for _, a := range cn.Annotations {
		if !a.Orphaned && slices.Contains(a.Codes, code) {
			n++
		}
	}
	return n
}

// columnName makes a name every statistics tool takes as a variable name:
// lowercase ASCII letters, digits and underscores ("Structure/One-stop shop"
// gives "structure_one_stop_shop"). Diacritics are dropped and letters such
// as ø and ß spelled out, as the search folds them; other scripts are left
// out, so that a name in Greek alone gives "" (the caller numbers it).
func columnName(s string) string {
	s = norm.NFD.String(store.Fold(s))
	var b strings.Builder
	gap := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if gap && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			gap = false
		default:
			gap = true
		}
	}
	return b.String()
}
