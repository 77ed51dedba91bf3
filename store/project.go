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

// ProjectNotes are the codes, highlights and memos of a project file (a
// REFI-QDA project, say), under the file's own ids.
type ProjectNotes struct {
	// Codes come parents first.
	Codes []Code
	// Annotations carry the file's code ids; their quote, prefix and suffix
	// are taken from the case's text.
	Annotations []Annotation
	Memos       []Memo
}

// ProjectReport counts what ImportProject stored.
type ProjectReport struct {
	Cases, Codes, ReusedCodes, Highlights, Memos int
	// Duplicates are highlights and memos the catalogue already had.
	Duplicates int
}

// ImportProject stores a project's cases as the user's own (OriginImport,
// so that newer seeds leave them alone) and its notes, in one transaction:
// on any error nothing is stored. Ids, authors and times are kept (an id
// already taken by something else is replaced). A code with the same id, or
// with the same path in the codebook, is reused; a highlight or memo the
// catalogue already has (the same id, or the same place, codes, memo and
// author) is not added again, so that importing a file twice adds nothing.
func (s *Store) ImportProject(ctx context.Context, cases []Case, notes ProjectNotes) (ProjectReport, error) {
	var r ProjectReport
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if len(cases) > 0 {
			if err := s.putCases(ctx, tx, OriginImport, cases); err != nil {
				return err
			}
		}
		r.Cases = len(cases)
		im := &projectImporter{ctx: ctx, tx: tx, report: &r, now: s.now().UTC(), codeIDs: map[string]string{},
			have: map[string][]Annotation{}, touched: map[string]bool{}}
		return im.run(notes)
	})
	if err != nil {
		return ProjectReport{}, fmt.Errorf("store: import project: %w", err)
	}
	return r, nil
}

// projectImporter writes one project's notes inside ImportProject's transaction.
type projectImporter struct {
	ctx     context.Context
	tx      *sql.Tx
	report  *ProjectReport
	now     time.Time
	codeIDs map[string]string       // file code id -> catalogue code id
	have    map[string][]Annotation // a case's highlights before the import
	touched map[string]bool         // cases whose notes the search index must learn
}

func (im *projectImporter) run(notes ProjectNotes) error {
	for _, c := range notes.Codes {
		if err := im.code(c); err != nil {
			return fmt.Errorf("code %q: %w", c.Name, err)
		}
	}
	for _, a := range notes.Annotations {
		if err := im.annotation(a); err != nil {
			return fmt.Errorf("case %s: highlight %q: %w", a.CaseID, a.Quote, err)
		}
	}
	for _, m := range notes.Memos {
		if err := im.memo(m); err != nil {
			return fmt.Errorf("case %s: memo: %w", m.CaseID, err)
		}
	}
	for id := range im.touched {
		if err := reindexNotes(im.ctx, im.tx, id); err != nil {
			return err
		}
	}
	return nil
}

// code reuses the catalogue's code with the same id or path, or adds it.
func (im *projectImporter) code(c Code) error {
	parent := ""
	if c.ParentID != "" {
		var ok bool
		if parent, ok = im.codeIDs[c.ParentID]; !ok {
			return fmt.Errorf("its parent %s is not among the codes before it: %w", c.ParentID, ErrInvalid)
		}
	}
	fileID := c.ID
	if same, err := readCode(im.ctx, im.tx, c.ID); err == nil {
		im.codeIDs[fileID] = same.ID
		im.report.ReusedCodes++
		return nil
	}
	siblings, err := queryCodes(im.ctx, im.tx, `WHERE coalesce(parent_id, '') = ?`, parent)
	if err != nil {
		return err
	}
	if i := slices.IndexFunc(siblings, func(s Code) bool { return strings.EqualFold(s.Name, strings.TrimSpace(c.Name)) }); i >= 0 {
		im.codeIDs[fileID] = siblings[i].ID
		im.report.ReusedCodes++
		return nil
	}
	c.ParentID, c.Name = parent, strings.TrimSpace(c.Name)
	if c.ID == "" {
		c.ID = uuid.NewString()
	}
	if c.Color == "" {
		if c.Color, err = nextColor(im.ctx, im.tx); err != nil {
			return err
		}
	}
	if c.Position, err = nextPosition(im.ctx, im.tx, parent); err != nil {
		return err
	}
	c.Created, c.Updated = im.times(c.Created, c.Updated)
	if err := checkCode(im.ctx, im.tx, c); err != nil {
		return err
	}
	im.codeIDs[fileID] = c.ID
	im.report.Codes++
	return writeCode(im.ctx, im.tx, c)
}

func (im *projectImporter) annotation(a Annotation) error {
	text, err := sectionText(im.ctx, im.tx, a.CaseID, a.Section)
	if err != nil {
		return err
	}
	runes := []rune(text)
	if err := checkPassage(runes, a.Start, a.End, a.Memo); err != nil {
		return err
	}
	codes := make([]string, len(a.Codes))
	for i, c := range a.Codes {
		if codes[i] = im.codeIDs[c]; codes[i] == "" {
			return fmt.Errorf("code %s is not a code of the project: %w", c, ErrInvalid)
		}
	}
	a.Codes = uniq(codes)
	have, err := im.highlights(a.CaseID)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(have, func(x Annotation) bool { return x.ID == a.ID || sameHighlight(x, a) }) {
		im.report.Duplicates++
		return nil
	}
	if a.ID, err = im.freeID("annotation", a.ID); err != nil {
		return err
	}
	a.Quote, a.Prefix, a.Suffix = quoteAt(runes, a.Start, a.End)
	a.Orphaned = false
	a.Created, a.Updated = im.times(a.Created, a.Updated)
	im.have[a.CaseID] = append(have, a)
	im.touched[a.CaseID] = true
	im.report.Highlights++
	return writeAnnotation(im.ctx, im.tx, a)
}

// highlights lists a case's highlights, read once per case.
func (im *projectImporter) highlights(caseID string) ([]Annotation, error) {
	if have, ok := im.have[caseID]; ok {
		return have, nil
	}
	have, err := queryAnnotations(im.ctx, im.tx, `WHERE a.case_id = ?`, caseID)
	im.have[caseID] = have
	return have, err
}

// sameHighlight reports whether x is a at the same place with the same
// codes, memo and author.
func sameHighlight(x, a Annotation) bool {
	return !x.Orphaned && x.Section == a.Section && x.Start == a.Start && x.End == a.End && x.Memo == a.Memo &&
		x.Author == a.Author && slices.Equal(slices.Sorted(slices.Values(x.Codes)), slices.Sorted(slices.Values(a.Codes)))
}

func (im *projectImporter) memo(m Memo) error {
	if err := checkMemo(im.ctx, im.tx, m.CaseID, m.Section, m.Text); err != nil {
		return err
	}
	have, err := queryMemos(im.ctx, im.tx, m.CaseID)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(have, func(x Memo) bool {
		return x.ID == m.ID || (x.Section == m.Section && x.Text == m.Text && x.Author == m.Author)
	}) {
		im.report.Duplicates++
		return nil
	}
	if m.ID, err = im.freeID("memo", m.ID); err != nil {
		return err
	}
	m.Created, m.Updated = im.times(m.Created, m.Updated)
	im.touched[m.CaseID] = true
	im.report.Memos++
	return writeMemo(im.ctx, im.tx, m)
}

// freeID keeps the file's id for a new note unless it is empty or another
// note (of another case) has it already.
func (im *projectImporter) freeID(table, id string) (string, error) {
	if id == "" {
		return uuid.NewString(), nil
	}
	var n int
	// The table is "annotation" or "memo", never user input.
	if err := im.tx.QueryRowContext(im.ctx, `SELECT count(*) FROM `+table+` WHERE id = ?`, id).Scan(&n); err != nil {
		return "", err
	}
	if n > 0 {
		return uuid.NewString(), nil
	}
	return id, nil
}

// times fills in a missing creation time (now) and modification time (the
// creation time).
func (im *projectImporter) times(created, updated time.Time) (time.Time, time.Time) {
	if created.IsZero() {
		created = im.now
	}
	if updated.IsZero() || updated.Before(created) {
		updated = created
	}
	return created, updated
}
