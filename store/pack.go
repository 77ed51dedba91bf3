package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// PackFormat names the annotation pack format and its version.
const PackFormat = "casebook-pack/1"

// Pack is a researcher's annotations as a colleague receives them: the
// codebook, highlights and memos, with their stable ids, authors and times.
type Pack struct {
	Format      string       `json:"format"`
	Exported    time.Time    `json:"exported"`
	Codes       []Code       `json:"codes"`
	Annotations []Annotation `json:"annotations"`
	Memos       []Memo       `json:"memos"`
}

// MergeReport says what merging a pack did.
type MergeReport struct {
	Added, Same int
	// Conflicts names each note both sides had changed: the local version
	// stays, the colleague's is kept beside it as a copy.
	Conflicts []string
}

// ExportPack gathers every code, highlight and memo of the catalogue.
func (s *Store) ExportPack(ctx context.Context) (Pack, error) {
	p := Pack{Format: PackFormat, Exported: s.now().UTC()}
	var err error
	if p.Codes, err = queryCodes(ctx, s.db, ""); err != nil {
		return p, fmt.Errorf("store: export pack: %w", describe(err))
	}
	p.Codes = treeOrder(p.Codes)
	if p.Annotations, err = queryAnnotations(ctx, s.db, ""); err != nil {
		return p, fmt.Errorf("store: export pack: %w", describe(err))
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+memoColumns+` FROM memo m ORDER BY m.case_id, m.created_at`)
	if err != nil {
		return p, fmt.Errorf("store: export pack: %w", describe(err))
	}
	defer rows.Close()
	for rows.Next() {
		m, err := scanMemo(rows)
		if err != nil {
			return p, err
		}
		p.Memos = append(p.Memos, m)
	}
	return p, rows.Err()
}

// MergePack merges a colleague's pack into the catalogue in one transaction:
// new notes are added (highlights found again by their quote where the case
// text differs), identical ones are skipped, so merging twice changes
// nothing; a note both sides changed keeps the local version and adds the
// colleague's beside it, listed as a conflict. A pack that names an unknown
// case, or holds a note that breaks a rule, changes nothing.
func (s *Store) MergePack(ctx context.Context, p Pack) (MergeReport, error) {
	var r MergeReport
	if p.Format != PackFormat {
		return r, fmt.Errorf("store: merge pack: not a Casebook annotation pack (format %q, want %q): %w", p.Format, PackFormat, ErrInvalid)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkPack(ctx, tx, p); err != nil {
			return err
		}
		m := &merger{ctx: ctx, tx: tx, report: &r, cases: map[string]bool{}}
		for _, c := range treeOrder(p.Codes) {
			if err := m.code(c); err != nil {
				return err
			}
		}
		for _, a := range p.Annotations {
			if err := m.annotation(a); err != nil {
				return err
			}
		}
		for _, n := range p.Memos {
			if err := m.memo(n); err != nil {
				return err
			}
		}
		for id := range m.cases {
			if err := reindexNotes(ctx, tx, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return MergeReport{}, fmt.Errorf("store: merge pack: %w", err)
	}
	return r, nil
}

// checkPack refuses a pack naming cases the catalogue does not have, or
// holding notes that break the rules, before anything is written.
func checkPack(ctx context.Context, tx *sql.Tx, p Pack) error {
	var unknown []string
	check := func(caseID string) {
		var n int
		tx.QueryRowContext(ctx, `SELECT count(*) FROM "case" WHERE id = ?`, caseID).Scan(&n)
		if n == 0 && !slices.Contains(unknown, caseID) {
			unknown = append(unknown, caseID)
		}
	}
	sections, err := templateKeys(ctx, tx)
	if err != nil {
		return err
	}
	for _, a := range p.Annotations {
		check(a.CaseID)
		if err := checkNote(a.Memo); err != nil {
			return fmt.Errorf("highlight %s: %w", a.ID, err)
		}
		if !sections[a.Section] {
			return fmt.Errorf("highlight %s: %q is not a section of the case template: %w", a.ID, a.Section, ErrInvalid)
		}
	}
	for _, m := range p.Memos {
		check(m.CaseID)
		if err := checkNote(m.Text); err != nil {
			return fmt.Errorf("memo %s: %w", m.ID, err)
		}
		if m.Section != "" && !sections[m.Section] {
			return fmt.Errorf("memo %s: %q is not a section of the case template: %w", m.ID, m.Section, ErrInvalid)
		}
	}
	if len(unknown) > 0 {
		return fmt.Errorf("the pack has notes on cases this catalogue does not hold (%s); import those cases first: %w",
			strings.Join(unknown, ", "), ErrInvalid)
	}
	for _, c := range p.Codes {
		if !colorPattern.MatchString(c.Color) || c.Name == "" || c.ID == "" {
			return fmt.Errorf("code %q: needs an id, a name and a #rrggbb colour: %w", c.Name, ErrInvalid)
		}
	}
	return nil
}

// templateKeys is the set of the template's section keys.
func templateKeys(ctx context.Context, tx *sql.Tx) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT key FROM template_section`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	keys := map[string]bool{}
	for rows.Next() {
		var key string
		if err := rows.Scan(&key); err != nil {
			return nil, err
		}
		keys[key] = true
	}
	return keys, rows.Err()
}

// merger writes one pack's rows.
type merger struct {
	ctx    context.Context
	tx     *sql.Tx
	report *MergeReport
	cases  map[string]bool
}

func (m *merger) code(c Code) error {
	local, err := readCode(m.ctx, m.tx, c.ID)
	if err != nil {
		if c.ParentID != "" {
			if _, err := readCode(m.ctx, m.tx, c.ParentID); err != nil {
				c.ParentID = "" // its parent was deleted here: the code goes to the top level
			}
		}
		m.report.Added++
		return writeCode(m.ctx, m.tx, c)
	}
	if local.Name == c.Name && local.Color == c.Color && local.Description == c.Description && local.ParentID == c.ParentID {
		m.report.Same++
		return nil
	}
	m.report.Conflicts = append(m.report.Conflicts, fmt.Sprintf("code %q: kept this catalogue's version", local.Name))
	return nil
}

func (m *merger) annotation(a Annotation) error {
	a.Codes = m.existingCodes(a.Codes)
	local, err := readAnnotation(m.ctx, m.tx, a.ID)
	if err == nil {
		if sameAnnotation(*local, a) {
			m.report.Same++
			return nil
		}
		m.report.Conflicts = append(m.report.Conflicts, fmt.Sprintf("highlight %q on %s: both versions kept", local.Quote, a.CaseID))
		a.ID = conflictID(a.ID, a.Updated)
		if _, err := readAnnotation(m.ctx, m.tx, a.ID); err == nil {
			return nil // this conflict was merged before
		}
	}
	text, _ := sectionText(m.ctx, m.tx, a.CaseID, a.Section)
	start, end, ok := reanchor(a, text)
	a.Orphaned = !ok
	if ok {
		a.Start, a.End = start, end
		a.Quote, a.Prefix, a.Suffix = quoteAt([]rune(text), start, end)
	}
	m.report.Added++
	m.cases[a.CaseID] = true
	return writeAnnotation(m.ctx, m.tx, a)
}

func (m *merger) memo(n Memo) error {
	local, err := readMemo(m.ctx, m.tx, n.ID)
	if err == nil {
		if local.Text == n.Text && local.Section == n.Section {
			m.report.Same++
			return nil
		}
		m.report.Conflicts = append(m.report.Conflicts, fmt.Sprintf("memo on %s: both versions kept", n.CaseID))
		n.ID = conflictID(n.ID, n.Updated)
		if _, err := readMemo(m.ctx, m.tx, n.ID); err == nil {
			return nil
		}
	}
	m.report.Added++
	m.cases[n.CaseID] = true
	return writeMemo(m.ctx, m.tx, n)
}

// existingCodes drops the codes the catalogue does not have (deleted here).
func (m *merger) existingCodes(ids []string) []string {
	out := []string{}
	for _, id := range ids {
		if _, err := readCode(m.ctx, m.tx, id); err == nil {
			out = append(out, id)
		}
	}
	return out
}

func sameAnnotation(a, b Annotation) bool {
	ac, bc := slices.Sorted(slices.Values(a.Codes)), slices.Sorted(slices.Values(b.Codes))
	return a.Memo == b.Memo && slices.Equal(ac, bc) && a.Section == b.Section && a.Quote == b.Quote
}

// conflictID names the colleague's version of a note both sides changed,
// the same in every merge, so that merging the pack again adds nothing.
func conflictID(id string, updated time.Time) string {
	return uuid.NewSHA1(uuid.MustParse("5a7e0c55-8f7e-4b9a-9c3d-1e2f3a4b5c6d"), []byte(id+updated.UTC().Format(timeLayout))).String()
}
