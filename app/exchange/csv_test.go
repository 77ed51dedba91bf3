package exchange_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"casebook/app/exchange"
	"casebook/store"
)

// readTable writes the QCA table of st and reads it back as a user's tool
// would: the header, and each row by case id and column name.
func readTable(t *testing.T, st *store.Store, opt exchange.CSVOptions) ([]string, map[string]map[string]string, []byte) {
	t.Helper()
	p, err := exchange.LoadProject(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := exchange.WriteCSV(&b, p, opt); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), []byte("\uFEFF"))))
	if opt.Excel {
		r.Comma = ';'
	}
	records, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header, rows := records[0], map[string]map[string]string{}
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, name := range header {
			row[name] = rec[i]
		}
		rows[row["id"]] = row
	}
	return header, rows, b.Bytes()
}

func TestCSVHasOneRowPerCaseWithZeroOneColumns(t *testing.T) {
	st := openCatalogue(t)
	header, rows, data := readTable(t, st, exchange.CSVOptions{})
	want := []string{"id", "title", "country", "field", "period_start", "period_end", "provenance",
		"level_central", "level_regional", "level_local", "direction_horizontal", "direction_vertical",
		"mechanism_hierarchy", "mechanism_network", "mechanism_market"}
	if !slices.Equal(header, want) {
		t.Errorf("header %q, want %q", header, want)
	}
	if len(rows) != 22 {
		t.Errorf("%d rows, want the 22 seeded cases", len(rows))
	}
	nav := rows["no-nav-reform"]
	for col, v := range map[string]string{"title": "Coordinating Norwegian welfare: the NAV reform", "country": "NO",
		"field": "employment", "period_start": "2005", "period_end": "2011", "provenance": "catalogue-confirmed",
		"level_central": "1", "level_regional": "0", "level_local": "1", "direction_horizontal": "1", "direction_vertical": "1",
		"mechanism_hierarchy": "1", "mechanism_network": "1", "mechanism_market": "0"} {
		if nav[col] != v {
			t.Errorf("no-nav-reform %s = %q, want %q", col, nav[col], v)
		}
	}
	if got := rows["ee-tootukassa-merger"]; !strings.Contains(got["title"], "(Töötukassa)") || got["period_end"] != "" {
		t.Errorf("ee-tootukassa-merger: title %q, period_end %q; want Töötukassa intact and an empty end (ongoing)", got["title"], got["period_end"])
	}
	if bytes.HasPrefix(data, []byte("\uFEFF")) || bytes.Contains(data, []byte("\r\n")) {
		t.Error("the plain CSV has a BOM or CRLF line ends")
	}
}

func TestCSVCodeColumnsCountHighlights(t *testing.T) {
	st := annotated(t)
	header, rows, _ := readTable(t, st, exchange.CSVOptions{Codes: true})
	codeCols := slices.DeleteFunc(slices.Clone(header), func(h string) bool { return !strings.HasPrefix(h, "code_") })
	want := []string{"code_structure", "code_structure_present", "code_structure_merger", "code_structure_merger_present",
		"code_kultura_es_bizalom", "code_kultura_es_bizalom_present", "code_kultura_es_bizalom_signals", "code_kultura_es_bizalom_signals_present"}
	if !slices.Equal(codeCols, want) {
		t.Errorf("code columns %q, want %q", codeCols, want)
	}
	for _, tc := range []struct{ id, col, want string }{
		{"no-nav-reform", "code_structure", "1"},
		{"no-nav-reform", "code_structure_merger_present", "1"},
		{"no-nav-reform", "code_kultura_es_bizalom_present", "0"},
		{unicodeCase.ID, "code_kultura_es_bizalom", "2"},
		{unicodeCase.ID, "code_kultura_es_bizalom_signals", "2"},
		// the orphaned highlight (Merger) does not count, as in the Compare tab
		{unicodeCase.ID, "code_structure_merger", "1"},
		{"no-internal-security", "code_kultura_es_bizalom_present", "1"},
		{"de-jobcenters", "code_structure", "0"},
	} {
		if got := rows[tc.id][tc.col]; got != tc.want {
			t.Errorf("%s %s = %q, want %q", tc.id, tc.col, got, tc.want)
		}
	}
	if got := rows[unicodeCase.ID]["title"]; got != unicodeCase.Title {
		t.Errorf("title %q, want %q", got, unicodeCase.Title)
	}
}

func TestCSVForExcel(t *testing.T) {
	st := annotated(t)
	_, rows, data := readTable(t, st, exchange.CSVOptions{Codes: true, Excel: true})
	if !bytes.HasPrefix(data, []byte("\uFEFFid;title;country;")) || !bytes.Contains(data, []byte("\r\n")) {
		t.Errorf("the Excel CSV does not start with a BOM and semicolons, or has no CRLF: %.40q", data)
	}
	if rows["no-nav-reform"]["mechanism_network"] != "1" || rows[unicodeCase.ID]["title"] != unicodeCase.Title {
		t.Errorf("the Excel CSV reads back differently: %v", rows["no-nav-reform"])
	}
}
