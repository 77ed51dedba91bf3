package exchange_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"casebook/app/exchange"
	"casebook/seeds"
	"casebook/store"
	"casebook/store/storetest"
)

// schemaPath is a copy of the REFI-QDA 1.0 project schema (MIT licence, in
// the file), kept with the tests so that they run from any clone.
const schemaPath = "testdata/refi/Project.xsd"

// unicodeCase is a user case whose text has what breaks offset arithmetic:
// ő (two UTF-8 bytes), Ω, a combining mark (n + U+0308, one letter for a
// reader but two code points), a character outside the BMP (two UTF-16
// units, one code point), and words that a later edit removes.
var unicodeCase = store.Case{
	ID: "hu-unicode-test", Title: "Kormányablak: a következő lépés (Ω test)", Country: "HU",
	Field: "central-government", Levels: []string{"central", "local"}, Mechanisms: []string{"network"},
	Instruments: []string{"one-stop shop"}, Authors: []string{"Zoë Ωmega"}, Provenance: "related",
	Sources: []store.Source{{Title: "Kormányablak; a következő lépés", URL: "https://example.org/kormanyablak"}},
	Sections: []store.Section{
		{Key: "abstract", Text: "A kormányablak a következő lépés. Vanishing words stay here for now."},
		{Key: "practice", Text: "The Ω-shaped office in Győr: Spin\u0308al tap, and 𝛀 beyond the BMP.\n\nSecond paragraph, ő again."},
	},
}

// openCatalogue opens a new seeded catalogue, as the program does, whose
// user has deleted the starter codebook, so that the tests see their own codes.
func openCatalogue(t testing.TB) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "catalogue.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := seeds.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	storetest.WithoutCodes(t, st)
	return st
}

// annotated is a seeded catalogue plus the Unicode case, nested codes,
// highlights by two authors (one orphaned by a later edit), and memos on a
// case, a section and highlights, all stamped at a fixed time in the past.
func annotated(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	st := openCatalogue(t)
	st.SetClock(func() time.Time { return time.Date(2024, 5, 6, 7, 8, 9, 123e6, time.UTC) })
	defer st.SetClock(time.Now)
	if err := st.PutCases(ctx, store.OriginImport, []store.Case{unicodeCase}); err != nil {
		t.Fatal(err)
	}
	structure := mustCode(t, st, "", "Structure", "#1f77b4", "How the practice is organised")
	merger := mustCode(t, st, structure, "Merger", "", "")
	trust := mustCode(t, st, "", "Kultúra és bizalom", "#ABCDEF", "Trust, ő and Ω")
	omega := mustCode(t, st, trust, "Ω signals", "#00ff00", "")
	highlight(t, st, "no-nav-reform", "practice", "joint local offices", "Per Lægreid", "a merger on the ground", structure, merger)
	highlight(t, st, "no-nav-reform", "effects", "Christensen and Lægreid", "Zoë", "")
	highlight(t, st, "no-internal-security", "emergence", "Utøya", "Åse Ødegård", "", trust)
	highlight(t, st, unicodeCase.ID, "abstract", "következő lépés", "Zoë", "ő in a quote", trust)
	highlight(t, st, unicodeCase.ID, "practice", "Ω-shaped office in Győr", "Zoë", "", omega)
	highlight(t, st, unicodeCase.ID, "practice", "Spin\u0308al tap, and 𝛀", "Per Lægreid", "", omega, merger)
	highlight(t, st, unicodeCase.ID, "practice", "ő again", "Zoë", "", trust)
	highlight(t, st, unicodeCase.ID, "abstract", "Vanishing words", "Zoë", "gone soon", merger)
	edited := unicodeCase
	edited.Sections = slices.Clone(unicodeCase.Sections)
	edited.Sections[0].Text = "A kormányablak a következő lépés. The rest was rewritten."
	if err := st.PutCases(ctx, store.OriginImport, []store.Case{edited}); err != nil {
		t.Fatal(err)
	}
	mustMemo(t, st, "no-nav-reform", "", "Compare with Töötukassa.\nSecond line.", "Per Lægreid")
	mustMemo(t, st, "no-nav-reform", "effects", "De-coupling after 2008: ő, Ω.", "Zoë")
	mustMemo(t, st, unicodeCase.ID, "practice", "Check the Győr office.", "")
	return st
}

func mustCode(t *testing.T, st *store.Store, parent, name, color, description string) string {
	t.Helper()
	c, err := st.CreateCode(context.Background(), parent, name, color, description)
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

func highlight(t *testing.T, st *store.Store, caseID, section, quote, author, memo string, codes ...string) {
	t.Helper()
	ctx := context.Background()
	c, err := st.Case(ctx, caseID)
	if err != nil {
		t.Fatal(err)
	}
	start, end, ok := store.Occurrence(c.Text(section), quote, 1)
	if !ok {
		t.Fatalf("%q is not in %s/%s", quote, caseID, section)
	}
	if _, err := st.Annotate(ctx, store.Highlight{CaseID: caseID, Section: section, Start: start, End: end,
		Codes: codes, Memo: memo, Author: author}); err != nil {
		t.Fatal(err)
	}
}

func mustMemo(t *testing.T, st *store.Store, caseID, section, text, author string) {
	t.Helper()
	if _, err := st.AddMemo(context.Background(), caseID, section, text, author); err != nil {
		t.Fatal(err)
	}
}

// exportFile exports the catalogue to a .qdpx in a temporary folder.
func exportFile(t *testing.T, st *store.Store) (string, []string) {
	t.Helper()
	p, err := exchange.LoadProject(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	p.Origin, p.Created = "Casebook test", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "out.qdpx")
	warnings, err := exchange.WriteQDPXFile(path, p)
	if err != nil {
		t.Fatal(err)
	}
	return path, warnings
}

// unzip returns every file of a zip by name.
func unzip(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if _, err := b.ReadFrom(rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
		files[f.Name] = b.Bytes()
	}
	return files
}

func TestQDPXValidatesAgainstTheSchema(t *testing.T) {
	schema, err := filepath.Abs(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(schema); err != nil {
		t.Fatalf("the REFI-QDA schema is missing: expected %s", schema)
	}
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Fatal("xmllint is missing: install libxml2-utils (bash .ci/setup)")
	}
	path, _ := exportFile(t, annotated(t))
	qde := filepath.Join(t.TempDir(), "project.qde")
	if err := os.WriteFile(qde, unzip(t, path)["project.qde"], 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("xmllint", "--noout", "--schema", schema, qde).CombinedOutput()
	if err != nil {
		t.Fatalf("project.qde does not validate: %v\n%s", err, out)
	}
}

// The parts of project.qde a test checks, read with encoding/xml.
type qde struct {
	Users []struct {
		GUID string `xml:"guid,attr"`
		Name string `xml:"name,attr"`
	} `xml:"Users>User"`
	Sources []struct {
		GUID       string `xml:"guid,attr"`
		Name       string `xml:"name,attr"`
		Path       string `xml:"plainTextPath,attr"`
		Selections []struct {
			GUID    string `xml:"guid,attr"`
			Name    string `xml:"name,attr"`
			Start   int    `xml:"startPosition,attr"`
			End     int    `xml:"endPosition,attr"`
			User    string `xml:"creatingUser,attr"`
			Created string `xml:"creationDateTime,attr"`
			Codings []struct {
				CodeRef struct {
					Target string `xml:"targetGUID,attr"`
				}
			} `xml:"Coding"`
			Notes []struct {
				Target string `xml:"targetGUID,attr"`
			} `xml:"NoteRef"`
		} `xml:"PlainTextSelection"`
		Notes []struct {
			Target string `xml:"targetGUID,attr"`
		} `xml:"NoteRef"`
	} `xml:"Sources>TextSource"`
	Notes []struct {
		GUID string `xml:"guid,attr"`
		Text string `xml:"PlainTextContent"`
	} `xml:"Notes>Note"`
}

func TestQDPXSelectionsPointAtTheHighlightedWords(t *testing.T) {
	ctx := context.Background()
	st := annotated(t)
	path, warnings := exportFile(t, st)
	files := unzip(t, path)
	var doc qde
	if err := xml.Unmarshal(files["project.qde"], &doc); err != nil {
		t.Fatal(err)
	}
	users := map[string]string{}
	for _, u := range doc.Users {
		users[u.GUID] = u.Name
	}
	notes := map[string]string{}
	for _, n := range doc.Notes {
		notes[n.GUID] = n.Text
	}
	checked := 0
	for _, src := range doc.Sources {
		text, ok := files["Sources/"+strings.TrimPrefix(src.Path, "internal://")]
		if !ok {
			t.Fatalf("source %q: %s is not in the archive", src.Name, src.Path)
		}
		runes := []rune(string(text))
		for _, sel := range src.Selections {
			if sel.Start < 0 || sel.Start > sel.End || sel.End > len(runes) {
				t.Errorf("selection %q at %d-%d lies outside its source (%d characters)", sel.Name, sel.Start, sel.End, len(runes))
				continue
			}
			a, isHighlight := findAnnotation(t, st, sel.GUID)
			got := string(runes[sel.Start:sel.End])
			if !isHighlight {
				if !strings.HasSuffix(string(runes[:sel.Start]), sel.Name+"\n\n") {
					t.Errorf("section selection %q at %d is not preceded by its heading", sel.Name, sel.Start)
				}
				continue
			}
			checked++
			if got != a.Quote || sel.Name != a.Quote {
				t.Errorf("selection %s at %d-%d reads %q, want the quote %q", sel.GUID, sel.Start, sel.End, got, a.Quote)
			}
			if users[sel.User] != a.Author || sel.Created != "2024-05-06T07:08:09.123Z" {
				t.Errorf("selection %q: by %q at %s, want %q at 2024-05-06T07:08:09.123Z", a.Quote, users[sel.User], sel.Created, a.Author)
			}
			if len(sel.Codings) != len(a.Codes) {
				t.Errorf("selection %q has %d codings, want %d", a.Quote, len(sel.Codings), len(a.Codes))
			}
			if a.Memo != "" && (len(sel.Notes) != 1 || notes[sel.Notes[0].Target] != a.Memo) {
				t.Errorf("selection %q: notes %v, want the memo %q", a.Quote, sel.Notes, a.Memo)
			}
		}
	}
	if checked != 7 {
		t.Errorf("%d highlights checked, want the 7 that are not orphaned", checked)
	}
	nav, err := st.Case(ctx, "no-nav-reform")
	if err != nil {
		t.Fatal(err)
	}
	text, offsets := exchange.SourceText(nav, mustTemplate(t, st))
	if !strings.HasPrefix(text, "Abstract\n\nThis catalogue entry") || !strings.Contains(text, ".\n\n\nCountry background\n\nBefore the reform") {
		t.Errorf("the source text does not follow the documented layout:\n%.200s", text)
	}
	if got := string([]rune(text)[offsets["effects"]:][:10]); got != "COCOPS Wor" {
		t.Errorf("the effects section starts with %q", got)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "Vanishing words") {
		t.Errorf("warnings %q, want one about the orphaned highlight", warnings)
	}
}

func findAnnotation(t *testing.T, st *store.Store, id string) (store.Annotation, bool) {
	t.Helper()
	for _, caseID := range []string{"no-nav-reform", "no-internal-security", unicodeCase.ID} {
		list, err := st.Annotations(context.Background(), caseID)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range list {
			if a.ID == id {
				return a, true
			}
		}
	}
	return store.Annotation{}, false
}

func mustTemplate(t *testing.T, st *store.Store) store.Template {
	t.Helper()
	tpl, err := st.Template(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

func rulesOf(t *testing.T, st *store.Store) exchange.Rules {
	t.Helper()
	v, err := st.Vocabulary(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return exchange.Rules{Template: mustTemplate(t, st), Vocabulary: v}
}

// importFile reads a .qdpx and saves it into st.
func importFile(t *testing.T, st *store.Store, path string) (exchange.Imported, []string) {
	t.Helper()
	p, warnings, err := exchange.ReadQDPXFile(path, rulesOf(t, st))
	if err != nil {
		t.Fatal(err)
	}
	n, err := exchange.SaveProject(context.Background(), st, p)
	if err != nil {
		t.Fatal(err)
	}
	return n, warnings
}

func TestQDPXRoundTripKeepsCasesCodesHighlightsAndMemos(t *testing.T) {
	ctx := context.Background()
	from := annotated(t)
	path, _ := exportFile(t, from)
	to := openCatalogue(t)
	n, warnings := importFile(t, to, path)
	if len(warnings) != 0 {
		t.Errorf("a Casebook file gave warnings: %q", warnings)
	}
	if n.Cases != 23 || n.Codes != 4 || n.Highlights != 7 || n.Memos != 4 {
		t.Errorf("imported %+v, want 23 cases, 4 codes, 7 highlights, 4 memos (3 + the orphaned highlight)", n)
	}
	want, got := loadProject(t, from), loadProject(t, to)
	if w, g := codebook(want.Codes), codebook(got.Codes); !slices.Equal(w, g) {
		t.Errorf("codebook:\n got %q\nwant %q", g, w)
	}
	for i, wc := range want.Cases {
		gc := got.Cases[i]
		compareCase(t, wc.Case, gc.Case)
		compareHighlights(t, wc, want.Codes, gc, got.Codes)
		compareMemos(t, wc, gc)
		compareIdentities(t, wc, gc)
	}
	for i, c := range want.Codes {
		if got.Codes[i].ID != c.ID {
			t.Errorf("code %s came back as %s", c.ID, got.Codes[i].ID)
		}
	}
	again, _ := importFile(t, to, path)
	if again.Codes != 0 || again.Highlights != 0 || again.Memos != 0 || again.ReusedCodes != 4 || again.Duplicates != 11 {
		t.Errorf("importing the same file again: %+v, want nothing new", again)
	}
	c, err := to.Case(ctx, "no-nav-reform")
	if err != nil || c.Origin != store.OriginImport {
		t.Errorf("no-nav-reform after import: origin %q, %v; want the user's own case", c.Origin, err)
	}
}

// compareIdentities checks that every highlight and memo comes back with its
// id and its modification time, so that a later import or pack knows it.
func compareIdentities(t *testing.T, want, got exchange.CaseNotes) {
	t.Helper()
	ids := map[string]time.Time{}
	for _, a := range got.Annotations {
		ids[a.ID] = a.Updated
	}
	for _, m := range got.Memos {
		ids[m.ID] = m.Updated
	}
	for _, a := range want.Annotations {
		if updated, ok := ids[a.ID]; !a.Orphaned && (!ok || !updated.Equal(a.Updated)) {
			t.Errorf("highlight %s (%q) came back as %v, %v; want its id and %v", a.ID, a.Quote, ok, updated, a.Updated)
		}
	}
	for _, m := range want.Memos {
		if updated, ok := ids[m.ID]; !ok || !updated.Equal(m.Updated) {
			t.Errorf("memo %s came back as %v, %v; want its id and %v", m.ID, ok, updated, m.Updated)
		}
	}
}

func loadProject(t *testing.T, st *store.Store) exchange.Project {
	t.Helper()
	p, err := exchange.LoadProject(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// codebook renders the codebook in tree order as "path colour description".
func codebook(codes []store.Code) []string {
	var out []string
	for _, c := range codes {
		out = append(out, fmt.Sprintf("%s %s %s", store.CodePath(codes, c.ID), c.Color, c.Description))
	}
	return out
}

func compareCase(t *testing.T, want, got store.Case) {
	t.Helper()
	if want.UUID != got.UUID {
		t.Errorf("case %s: uuid %s, want %s", want.ID, got.UUID, want.UUID)
	}
	want.Origin, got.Origin = "", ""
	want.Created, want.Updated, got.Created, got.Updated = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if w, g := fmt.Sprintf("%#v", want), fmt.Sprintf("%#v", got); w != g {
		t.Errorf("case %s differs after the round trip:\n got %s\nwant %s", want.ID, g, w)
	}
}

// highlightLine renders what a user sees of a highlight.
func highlightLine(a store.Annotation, codes []store.Code) string {
	paths := make([]string, len(a.Codes))
	for i, id := range a.Codes {
		paths[i] = store.CodePath(codes, id)
	}
	slices.Sort(paths)
	return fmt.Sprintf("%s %d-%d %q codes=%q memo=%q by %q at %s", a.Section, a.Start, a.End, a.Quote, paths,
		a.Memo, a.Author, a.Created.Format(time.RFC3339Nano))
}

func compareHighlights(t *testing.T, want exchange.CaseNotes, wantCodes []store.Code, got exchange.CaseNotes, gotCodes []store.Code) {
	t.Helper()
	var w, g []string
	for _, a := range want.Annotations {
		if !a.Orphaned {
			w = append(w, highlightLine(a, wantCodes))
		}
	}
	for _, a := range got.Annotations {
		g = append(g, highlightLine(a, gotCodes))
	}
	if !slices.Equal(w, g) {
		t.Errorf("case %s highlights:\n got %q\nwant %q", want.Case.ID, g, w)
	}
}

func compareMemos(t *testing.T, want, got exchange.CaseNotes) {
	t.Helper()
	line := func(m store.Memo) string {
		return fmt.Sprintf("[%s] %q by %q at %s", m.Section, m.Text, m.Author, m.Created.Format(time.RFC3339Nano))
	}
	var w, g []string
	for _, m := range want.Memos {
		w = append(w, line(m))
	}
	for _, a := range want.Annotations {
		if a.Orphaned {
			w = append(w, "orphan "+a.Quote)
		}
	}
	for _, m := range got.Memos {
		if strings.HasPrefix(m.Text, "Orphaned highlight") {
			quote := m.Text[strings.Index(m.Text, "“")+len("“") : strings.Index(m.Text, "”")]
			g = append(g, "orphan "+quote)
			if !strings.Contains(m.Text, "Memo: gone soon") || !strings.Contains(m.Text, "Codes: Structure/Merger") {
				t.Errorf("the orphaned highlight's note lost its memo or codes: %q", m.Text)
			}
			continue
		}
		g = append(g, line(m))
	}
	slices.Sort(w)
	slices.Sort(g)
	if !slices.Equal(w, g) {
		t.Errorf("case %s memos:\n got %q\nwant %q", want.Case.ID, g, w)
	}
}

// rezip writes files as a zip, replacing project.qde by edit(project.qde).
func rezip(t *testing.T, files map[string][]byte, edit func(string) string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "edited.qdpx")
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, data := range files {
		if name == "project.qde" {
			data = []byte(edit(string(data)))
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestQDPXBadFilesGiveOneClearError(t *testing.T) {
	st := annotated(t)
	good, _ := exportFile(t, st)
	files := unzip(t, good)
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	noQDE := map[string][]byte{"Sources/x.txt": []byte("text")}
	bigNote := strings.Repeat("ő", 1<<19+1)
	for _, tc := range []struct{ name, path, want string }{
		{"text file", write("notes.qdpx", []byte("just some text\n")), "not a zip archive"},
		{"truncated zip", write("cut.qdpx", data[:len(data)/2]), "not a zip archive, or a truncated one"},
		{"no project.qde", rezip(t, noQDE, nil), "has no project.qde"},
		{"XML that is not REFI", rezip(t, files, func(string) string { return `<?xml version="1.0"?><html><body/></html>` }),
			"its root element is <html>"},
		{"Project without the namespace", rezip(t, files, func(s string) string {
			return strings.Replace(s, `xmlns="urn:QDA-XML:project:1.0"`, "", 1)
		}), "not a REFI-QDA project"},
		{"broken XML", rezip(t, files, func(s string) string { return s[:len(s)/2] }), "not well-formed XML"},
		{"note over 1 MB", rezip(t, files, func(s string) string {
			return strings.ReplaceAll(s, "Compare with Töötukassa.", bigNote)
		}), "larger than 1 MB"},
		{"coding of a code not in the codebook", rezip(t, files, func(s string) string {
			return strings.Replace(s, "<CodeRef targetGUID=\"", "<CodeRef targetGUID=\"0", 1)
		}), "not in the codebook"},
	} {
		_, _, err := exchange.ReadQDPXFile(tc.path, rulesOf(t, st))
		switch {
		case err == nil:
			t.Errorf("%s: no error", tc.name)
		case !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n"):
			t.Errorf("%s: error %q, want one line saying %q", tc.name, err, tc.want)
		case !strings.HasPrefix(err.Error(), tc.path):
			t.Errorf("%s: error %q does not name the file", tc.name, err)
		}
	}
}

func TestQDPXReportsWhatItSkips(t *testing.T) {
	st := annotated(t)
	good, _ := exportFile(t, st)
	files := unzip(t, good)
	files["Pictures/photo.png"] = []byte("not really a picture")
	const foreign = `<Links><Link guid="11111111-2222-3333-4444-555555555555" name="supports"/></Links>` +
		`<Sets><Set guid="11111111-2222-3333-4444-666666666666" name="Nordic"/></Sets>` +
		`<other:Layout xmlns:other="urn:example:other-tool"/>`
	edited := rezip(t, files, func(s string) string {
		s = strings.Replace(s, "</Project>", foreign+"</Project>", 1)
		s = strings.Replace(s, "<Sources>", `<Sources><PictureSource guid="11111111-2222-3333-4444-777777777777" name="Organigram"/>`, 1)
		return strings.Replace(s, "</Variables>", `<Variable guid="11111111-2222-3333-4444-888888888888" name="Budget" typeOfVariable="Float"/></Variables>`, 1)
	})
	to := openCatalogue(t)
	n, warnings := importFile(t, to, edited)
	all := strings.Join(warnings, "\n")
	for _, want := range []string{"<Link>", "<Set>", "<Layout>", `"urn:example:other-tool"`, `<PictureSource> "Organigram"`,
		`variable "Budget"`, "Pictures/photo.png"} {
		if !strings.Contains(all, want) {
			t.Errorf("no warning mentions %s:\n%s", want, all)
		}
	}
	if n.Cases != 23 || n.Highlights != 7 {
		t.Errorf("the understood parts were not imported: %+v", n)
	}
}

func TestSaveProjectThatFailsStoresNothing(t *testing.T) {
	ctx := context.Background()
	st := openCatalogue(t)
	rules := rulesOf(t, st)
	nav, err := st.Case(ctx, "no-nav-reform")
	if err != nil {
		t.Fatal(err)
	}
	p := exchange.Project{Template: rules.Template, Vocabulary: rules.Vocabulary,
		Codes: []store.Code{{ID: "c1", Name: "Structure", Color: "#112233"}, {ID: "c2", ParentID: "c1", Name: "Merger", Color: "#445566"}},
		Cases: []exchange.CaseNotes{
			{Case: nav, Memos: []store.Memo{{CaseID: nav.ID, Text: "kept only if all goes well"}},
				Annotations: []store.Annotation{{CaseID: nav.ID, Section: "abstract", Start: 0, End: 4, Codes: []string{"c2"}}}},
			{Case: unicodeCase, Annotations: []store.Annotation{{CaseID: unicodeCase.ID, Section: "abstract", Start: 5, End: 5000}}},
		}}
	_, err = exchange.SaveProject(ctx, st, p)
	if err == nil || !strings.Contains(err.Error(), "outside the section") || !strings.Contains(err.Error(), unicodeCase.ID) {
		t.Fatalf("error %v, want the failure and its case", err)
	}
	if _, err := st.Case(ctx, unicodeCase.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the new case of the failed import was stored: %v", err)
	}
	codes, _ := st.Codes(ctx)
	notes, _ := st.Annotations(ctx, nav.ID)
	memos, _ := st.Memos(ctx, nav.ID)
	if len(codes)+len(notes)+len(memos) != 0 {
		t.Errorf("after the failed import: %d codes, %d highlights, %d memos; want none", len(codes), len(notes), len(memos))
	}
	if c, _ := st.Case(ctx, nav.ID); c.Origin != store.OriginSeed {
		t.Errorf("no-nav-reform has origin %q after the failed import, want seed again", c.Origin)
	}
}
