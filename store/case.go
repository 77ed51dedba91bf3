package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

// timeLayout is how times are stored: UTC, sortable as text.
const timeLayout = "2006-01-02T15:04:05.000Z"

// caseNamespace makes case UUIDs stable: the same id gives the same UUID in
// every catalogue, so colleagues' exchanged annotations meet on the same case.
var caseNamespace = uuid.MustParse("6f1c8e52-3d0e-4c55-9d7e-0b6a3c1f2a90")

// Origin says where a case came from.
type Origin string

// The origins of a case.
const (
	// OriginSeed cases ship with Casebook and are refreshed by newer seeds.
	OriginSeed Origin = "seed"
	// OriginImport cases are the user's own; seeds never overwrite them.
	OriginImport Origin = "import"
)

// Period is when a practice ran; zero means unknown (Start) or ongoing (End).
type Period struct {
	Start int `json:"start,omitempty"`
	End   int `json:"end,omitempty"`
}

// String renders the period as "2005-2011", "2009-" or "".
func (p Period) String() string {
	switch {
	case p.Start == 0:
		return ""
	case p.End == 0:
		return fmt.Sprintf("%d-", p.Start)
	case p.End == p.Start:
		return fmt.Sprint(p.Start)
	}
	return fmt.Sprintf("%d-%d", p.Start, p.End)
}

// Source is a publication a case rests on.
type Source struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Section is the text of one template section of a case: plain paragraphs
// separated by a blank line, bullet items as "- " lines, NFC-normalised.
type Section struct {
	Key  string `json:"key"`
	Text string `json:"text"`
}

// Case is one coordination practice with all its attributes and text.
type Case struct {
	ID          string    `json:"id"`
	UUID        string    `json:"uuid"`
	Title       string    `json:"title"`
	Country     string    `json:"country"`
	Region      string    `json:"region,omitempty"`
	Field       string    `json:"field"`
	Period      Period    `json:"period"`
	Levels      []string  `json:"levels"`
	Directions  []string  `json:"direction"`
	Mechanisms  []string  `json:"mechanisms"`
	Instruments []string  `json:"instruments"`
	Authors     []string  `json:"authors"`
	Institution string    `json:"institution,omitempty"`
	Provenance  string    `json:"provenance"`
	Origin      Origin    `json:"origin"`
	Sources     []Source  `json:"sources"`
	Sections    []Section `json:"sections"`
	Created     time.Time `json:"created"`
	Updated     time.Time `json:"updated"`
}

// Text returns the text of the section with the given key, or "".
func (c Case) Text(key string) string {
	for _, s := range c.Sections {
		if s.Key == key {
			return s.Text
		}
	}
	return ""
}

// tags lists the multi-valued attributes by facet name.
func (c Case) tags() map[string][]string {
	return map[string][]string{
		KindLevel: c.Levels, KindDirection: c.Directions, KindMechanism: c.Mechanisms, "instrument": c.Instruments,
	}
}

// Problem is one broken rule of a case, naming the attribute it concerns
// (as the case file names it: "id", "levels", "sources", "section", ...) and,
// for lists, the index of the offending item, so that a parser can point at
// the line.
type Problem struct {
	Field string
	Index int
	Err   error
}

// Invalid lists every problem found in a case; it matches ErrInvalid.
type Invalid []Problem

// Error lists every problem, separated by semicolons.
func (in Invalid) Error() string {
	msgs := make([]string, len(in))
	for i, p := range in {
		msgs[i] = strings.TrimSuffix(p.Err.Error(), ": "+ErrInvalid.Error())
	}
	return strings.Join(msgs, "; ")
}

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (in Invalid) Unwrap() error { return ErrInvalid }

// Validate checks a case against the catalogue's rules, template and
// vocabularies and returns an Invalid listing every problem, or nil.
func (c Case) Validate(t Template, v Vocabulary) error {
	var in Invalid
	check := func(field string, index int, err error) {
		if err != nil {
			in = append(in, Problem{Field: field, Index: index, Err: err})
		}
	}
	check("id", 0, CheckID(c.ID))
	if strings.TrimSpace(c.Title) == "" {
		check("title", 0, fmt.Errorf("title is missing: %w", ErrInvalid))
	}
	check("country", 0, CheckCountry(c.Country))
	check("field", 0, v.Check(KindField, c.Field))
	if c.Provenance != "" {
		check("provenance", 0, v.Check(KindProvenance, c.Provenance))
	}
	for _, list := range []struct {
		field, kind string
		values      []string
	}{{"levels", KindLevel, c.Levels}, {"direction", KindDirection, c.Directions}, {"mechanisms", KindMechanism, c.Mechanisms}} {
		for i, value := range list.values {
			check(list.field, i, v.Check(list.kind, value))
		}
	}
	check("period", 0, c.Period.validate())
	c.validateSources(check)
	c.validateSections(t, check)
	if len(in) == 0 {
		return nil
	}
	return in
}

func (p Period) validate() error {
	if p.Start != 0 && (p.Start < 1800 || p.Start > 2200) || p.End != 0 && (p.End < 1800 || p.End > 2200) {
		return fmt.Errorf("period years must be four-digit years: %w", ErrInvalid)
	}
	if p.End != 0 && (p.Start == 0 || p.End < p.Start) {
		return fmt.Errorf("period end %d must come after its start: %w", p.End, ErrInvalid)
	}
	return nil
}

func (c Case) validateSources(check func(string, int, error)) {
	if len(c.Sources) == 0 {
		check("sources", 0, fmt.Errorf("at least one source (title and url) is required: %w", ErrInvalid))
	}
	for i, src := range c.Sources {
		if strings.TrimSpace(src.Title) == "" {
			check("sources", i, fmt.Errorf("source %d has no title: %w", i+1, ErrInvalid))
		}
		check("sources", i, CheckURL(src.URL))
	}
}

func (c Case) validateSections(t Template, check func(string, int, error)) {
	seen := map[string]bool{}
	for i, sec := range c.Sections {
		if _, ok := t.Section(sec.Key); !ok || seen[sec.Key] {
			check("section", i, fmt.Errorf("section %q is unknown or repeated: %w", sec.Key, ErrInvalid))
		}
		seen[sec.Key] = true
	}
	if strings.TrimSpace(c.Text("abstract")) == "" {
		check("abstract", 0, fmt.Errorf("the Abstract section is required and may not be empty: %w", ErrInvalid))
	}
}

// ImportBatch is how many cases ImportCases writes per transaction: about a
// third of a second of work, the longest another process (the GUI saving a
// note) waits for the catalogue during an import.
const ImportBatch = 250

// importPause is the gap ImportCases leaves between batches. SQLite's lock
// is not fair: a process waiting for it retries every 100 ms, and a writer
// that begins again at once keeps it out for the whole import (a memo waited
// 5.5 s during an import of 10,000 cases).
const importPause = 100 * time.Millisecond

// ImportCases adds or updates many cases by id, ImportBatch at a time, each
// batch in its own transaction, so that an import of thousands never holds
// the catalogue for long. progress, if not nil, hears after each batch how
// many are stored. On an error the batches before it stay stored; importing
// again is safe, as a case is updated by its id, and finishes the work.
func (s *Store) ImportCases(ctx context.Context, origin Origin, cases []Case, progress func(done int)) error {
	for start := 0; start < len(cases); start += ImportBatch {
		if start > 0 {
			time.Sleep(importPause)
		}
		batch := cases[start:min(start+ImportBatch, len(cases))]
		if err := s.PutCases(ctx, origin, batch); err != nil {
			return fmt.Errorf("%w (%d of %d cases were stored before; import again to finish)", err, start, len(cases))
		}
		if progress != nil {
			progress(start + len(batch))
		}
	}
	return nil
}

// PutCases adds or updates cases by id in one transaction: either all of them
// are stored or none. A case keeps its UUID and creation time when updated.
func (s *Store) PutCases(ctx context.Context, origin Origin, cases []Case) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		return s.putCases(ctx, tx, origin, cases)
	})
	if err != nil {
		return fmt.Errorf("store: put cases: %w", err)
	}
	return nil
}

func (s *Store) putCases(ctx context.Context, tx *sql.Tx, origin Origin, cases []Case) error {
	t, v, err := readRules(ctx, tx)
	if err != nil {
		return err
	}
	w, err := newCaseWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	now := s.now().UTC().Format(timeLayout)
	for _, c := range cases {
		if err := c.Validate(t, v); err != nil {
			return fmt.Errorf("case %s: %w", c.ID, err)
		}
		c.Sections = inTemplateOrder(c.Sections, t)
		if err := w.put(ctx, c, origin, now); err != nil {
			return fmt.Errorf("case %s: %w", c.ID, err)
		}
		if err := reanchorCase(ctx, tx, c, now); err != nil {
			return fmt.Errorf("case %s: annotations: %w", c.ID, err)
		}
	}
	return nil
}

// inTemplateOrder drops empty sections and sorts the rest as the template does.
func inTemplateOrder(sections []Section, t Template) []Section {
	var out []Section
	for _, key := range t.Keys() {
		for _, sec := range sections {
			if sec.Key == key && strings.TrimSpace(sec.Text) != "" {
				out = append(out, sec)
			}
		}
	}
	return out
}

// Case returns the case with the given id, or ErrNotFound.
func (s *Store) Case(ctx context.Context, id string) (Case, error) {
	c, err := readCase(ctx, s.db, id)
	if err != nil {
		return Case{}, fmt.Errorf("store: case %s: %w", id, describe(err))
	}
	return c, nil
}

// CaseIDs lists every case id in title order.
func (s *Store) CaseIDs(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM "case" ORDER BY title COLLATE NOCASE, id`)
	if err != nil {
		return nil, fmt.Errorf("store: case ids: %w", describe(err))
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// SeedVersion is the version of the seed set last applied, or "" if none.
func (s *Store) SeedVersion(ctx context.Context) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'seed_version'`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: seed version: %w", describe(err))
	}
	return v, nil
}

// Seed is the starter catalogue that ships with Casebook.
type Seed struct {
	Version    string
	Template   Template
	Vocabulary Vocabulary
	Cases      []Case
}

// ApplySeed stores a seed set in one transaction unless its version is
// already applied: template and vocabularies are added to, seed cases are
// added or updated, and the user's own cases (OriginImport) are left alone,
// even when they share an id with a seed case. It reports whether it changed anything.
func (s *Store) ApplySeed(ctx context.Context, seed Seed) (bool, error) {
	applied := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var current string
		err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'seed_version'`).Scan(&current)
		if err != nil && !errors.Is(err, sql.ErrNoRows) || current == seed.Version {
			return err
		}
		if err := putTemplate(ctx, tx, seed.Template); err != nil {
			return err
		}
		if err := putVocabulary(ctx, tx, seed.Vocabulary); err != nil {
			return err
		}
		cases, err := withoutUserCases(ctx, tx, seed.Cases)
		if err != nil {
			return err
		}
		if err := s.putCases(ctx, tx, OriginSeed, cases); err != nil {
			return err
		}
		applied = true
		_, err = tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('seed_version', ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, seed.Version)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: apply seed %s: %w", seed.Version, err)
	}
	return applied, nil
}

func withoutUserCases(ctx context.Context, tx *sql.Tx, cases []Case) ([]Case, error) {
	var out []Case
	for _, c := range cases {
		var origin string
		err := tx.QueryRowContext(ctx, `SELECT origin FROM "case" WHERE id = ?`, c.ID).Scan(&origin)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		if origin != string(OriginImport) {
			out = append(out, c)
		}
	}
	return out, nil
}

func readRules(ctx context.Context, tx *sql.Tx) (Template, Vocabulary, error) {
	t, err := queryTemplate(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	v, err := queryVocabulary(ctx, tx)
	return t, v, err
}
