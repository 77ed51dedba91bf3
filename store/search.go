package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Facet names a filter can use; each is a column or tag of a case.
var Facets = []string{KindCountry, KindField, KindMechanism, KindDirection, KindLevel, KindProvenance}

// Filter selects cases: words to search for, facet values and a period.
// Values of one facet combine with OR, different facets with AND.
type Filter struct {
	Query string
	// Values maps a facet (KindCountry, KindField, ...) to the values wanted.
	Values map[string][]string
	// PeriodFrom and PeriodTo keep cases whose period overlaps the range; 0 means open.
	PeriodFrom int `json:",omitempty"`
	PeriodTo   int `json:",omitempty"`
	// IDs, when not empty, keeps only these cases (the ones marked for comparison, say).
	IDs []string `json:"-"`
	// AnnotatedBy, when set, keeps only the cases with a highlight or memo by this author.
	AnnotatedBy string `json:",omitempty"`
}

// Empty reports whether f selects the whole catalogue.
func (f Filter) Empty() bool {
	for _, values := range f.Values {
		if len(values) > 0 {
			return false
		}
	}
	return strings.TrimSpace(f.Query) == "" && f.PeriodFrom == 0 && f.PeriodTo == 0 && len(f.IDs) == 0 && f.AnnotatedBy == ""
}

// Summary is what a list of cases shows of each.
type Summary struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Country    string `json:"country"`
	Field      string `json:"field"`
	Period     Period `json:"period"`
	Provenance string `json:"provenance"`
}

// Hit is one case found by a search, with the best matching passage.
type Hit struct {
	Summary
	// Part is the section key the snippet comes from, or "title".
	Part    string  `json:"part,omitempty"`
	Snippet Snippet `json:"snippet"`
	// Score is the bm25 relevance (lower is better); 0 when the hit was not
	// ranked: without a query, or among more than RankLimit matches.
	Score float64 `json:"score"`
}

// Snippet is a short passage with the matching words marked.
type Snippet struct {
	Text string `json:"text"`
	// Marks are the [start, end) rune offsets of the matches in Text.
	Marks [][2]int `json:"marks"`
}

// Marked renders the snippet with each match wrapped in open and close.
func (s Snippet) Marked(open, close string) string {
	var b strings.Builder
	runes := []rune(s.Text)
	last := 0
	for _, m := range s.Marks {
		b.WriteString(string(runes[last:m[0]]))
		b.WriteString(open + string(runes[m[0]:m[1]]) + close)
		last = m[1]
	}
	b.WriteString(string(runes[last:]))
	return b.String()
}

// cutAtWord ends text that was cut at max runes at its last whole word, with an ellipsis.
func cutAtWord(text string, max int) string {
	if len([]rune(text)) < max {
		return text
	}
	if i := strings.LastIndexAny(text, " \n"); i > 0 {
		text = text[:i]
	}
	return strings.TrimRight(text, " ,;:.") + "…"
}

// Snippet markers: control characters never occur in stored text.
const markOpen, markClose = "\x02", "\x03"

// parseSnippet turns FTS5's marked snippet into text and rune offsets.
func parseSnippet(marked string) Snippet {
	var s Snippet
	var b strings.Builder
	n, open := 0, 0
	space := false
	for _, r := range marked {
		switch {
		case string(r) == markOpen:
			if space && n > 0 {
				b.WriteByte(' ')
				n++
			}
			space = false
			open = n
		case string(r) == markClose:
			s.Marks = append(s.Marks, [2]int{open, n})
		case unicode.IsSpace(r):
			// Paragraph and section breaks become one space in a one-line snippet.
			space = true
		default:
			if space && n > 0 {
				b.WriteByte(' ')
				n++
			}
			space = false
			b.WriteRune(r)
			n++
		}
	}
	s.Text = b.String()
	return s
}

// Search finds the cases that match f, best first, at most limit of them
// (limit <= 0 means all). Without query words it lists the filtered cases by title.
func (s *Store) Search(ctx context.Context, f Filter, limit int) ([]Hit, error) {
	t, err := parseTerms(f.Query)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	if strings.TrimSpace(f.Query) != "" && len(t.include) == 0 {
		return nil, fmt.Errorf("store: search: %q has no words to look for: %w", f.Query, ErrInvalid)
	}
	if limit <= 0 {
		limit = -1
	}
	var hits []Hit
	if len(t.include) == 0 {
		hits, err = s.list(ctx, f, limit)
	} else if err = t.exactWhereUnique(s.wordsBeginning(ctx)); err == nil {
		hits, err = s.match(ctx, t, f, limit)
	}
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", describe(err))
	}
	return hits, nil
}

const summaryColumns = `c.id, c.title, c.country, c.field, coalesce(c.period_start, 0), coalesce(c.period_end, 0), c.provenance`

func (s *Store) list(ctx context.Context, f Filter, limit int) ([]Hit, error) {
	where, args := filterSQL(f, "")
	// Without words to match, the opening of the abstract stands in for a snippet.
	rows, err := s.db.QueryContext(ctx, `SELECT `+summaryColumns+`,
		coalesce((SELECT substr(text, 1, 160) FROM section WHERE case_id = c.id AND key = 'abstract'), '')
		FROM "case" c WHERE 1`+where+` ORDER BY c.title COLLATE NOCASE, c.id LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hits []Hit
	for rows.Next() {
		var h Hit
		var opening string
		if err := scanSummary(rows, &h.Summary, &opening); err != nil {
			return nil, err
		}
		if opening != "" {
			h.Part, h.Snippet = "abstract", parseSnippet(cutAtWord(opening, 160))
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

func scanSummary(rows *sql.Rows, sum *Summary, more ...any) error {
	return rows.Scan(append([]any{&sum.ID, &sum.Title, &sum.Country, &sum.Field,
		&sum.Period.Start, &sum.Period.End, &sum.Provenance}, more...)...)
}

// RankLimit is how many matching cases a search ranks by relevance. FTS5
// computes bm25 for every matching case before it can hand over the best,
// about a microsecond each, so ranking the whole of a large catalogue would
// slow every keystroke. When more cases match, the words are in a large part
// of the catalogue and pick nothing out: Search lists those cases newest
// first, an order the index gives without visiting every match.
const RankLimit = 1500

// matchSQL finds the cases matching an expression, with their snippets. The
// snippets are columns of the same query, so SQLite cuts them only for the
// rows within the limit.
const matchSQL = `SELECT ` + summaryColumns + `, %s,
	snippet(search_index, 1, char(2), char(3), '…', 24), snippet(search_index, 0, char(2), char(3), '…', 24),
	snippet(search_index, 2, char(2), char(3), '…', 24)
FROM ` + matchedCases + `
WHERE search_index MATCH ?`

// matchedCases joins the index's matches to their cases. CROSS JOIN keeps
// the index as the outer loop, never asked about one case at a time, which
// evaluates the whole query again each time.
const matchedCases = `search_index CROSS JOIN search_doc d ON d.id = search_index.rowid
	CROSS JOIN "case" c ON c.id = d.case_id`

// order is how the cases matching a search are listed.
type order int

const (
	byRank    order = iota // best bm25 first (the weights are set in the migrations)
	byRecency              // most recently added or updated first
)

// match lists the cases matching the terms and the filter. Without a
// filter, a bounded count of the index's matches chooses the order. With
// one, the facet index picks the matches that pass it, and the query keeps
// to those: FTS5 then ranks only them, where it would rank every match of
// the words before the filter applied.
func (s *Store) match(ctx context.Context, t terms, f Filter, limit int) ([]Hit, error) {
	expr := t.expression()
	if where, _ := filterSQL(f, ""); where == "" {
		n, err := s.countUpTo(ctx, expr, RankLimit+1)
		if err != nil {
			return nil, err
		}
		return s.matchRows(ctx, expr, nil, orderFor(n), limit)
	}
	passing, err := s.passing(ctx, expr, f)
	if err != nil || len(passing) == 0 {
		return nil, err
	}
	return s.matchRows(ctx, expr, passing, orderFor(len(passing)), limit)
}

func orderFor(matches int) order {
	if matches > RankLimit {
		return byRecency
	}
	return byRank
}

// wordsBeginning looks up, for a prefix in the index's spelling, the first
// two words of the index that begin with it.
func (s *Store) wordsBeginning(ctx context.Context) func(string) ([]string, error) {
	return func(prefix string) ([]string, error) {
		// Terms compare as bytes: every word beginning with prefix sorts
		// before prefix followed by the highest code point.
		rows, err := s.db.QueryContext(ctx, `SELECT term FROM search_words WHERE term >= ? AND term < ? LIMIT 2`,
			prefix, prefix+string(utf8.MaxRune))
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var words []string
		for rows.Next() {
			var w string
			if err := rows.Scan(&w); err != nil {
				return nil, err
			}
			words = append(words, w)
		}
		return words, rows.Err()
	}
}

// countUpTo counts the cases matching expr, stopping at max.
func (s *Store) countUpTo(ctx context.Context, expr string, max int) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH ? LIMIT ?)`,
		expr, max).Scan(&n)
	return n, err
}

// passing lists the search rows of the cases that match expr and pass f,
// as the facet index finds them.
func (s *Store) passing(ctx context.Context, expr string, f Filter) ([]int64, error) {
	ix, err := s.facets(ctx)
	if err != nil {
		return nil, err
	}
	positions, err := s.matchingPositions(ctx, ix, expr)
	if err != nil {
		return nil, err
	}
	keep, err := s.keeper(ctx, f)
	if err != nil {
		return nil, err
	}
	return ix.rows(ix.passing(positions, f, keep)), nil
}

// matchRows lists the cases matching expr in the given order, with their
// snippets; within, when not nil, are the only search rows to consider.
// Only ranked hits carry a score.
func (s *Store) matchRows(ctx context.Context, expr string, within []int64, o order, limit int) ([]Hit, error) {
	if within != nil && o == byRank && limit > 0 && len(within) > limit {
		// SQLite would cut the snippets of every row before sorting them:
		// rank first, then cut snippets for the best only.
		var err error
		if within, err = s.bestRanked(ctx, expr, within, limit); err != nil {
			return nil, err
		}
	}
	score, orderBy := `search_index.rank`, `search_index.rank`
	switch {
	case o == byRecency:
		score, orderBy = `0`, `search_index.rowid DESC`
	case within != nil:
		orderBy = rankWithin
	}
	query, args := fmt.Sprintf(matchSQL, score), []any{expr}
	if within != nil {
		query += ` AND ` + withinRows
		args = append(args, rowList(within))
	}
	query += ` ORDER BY ` + orderBy
	rows, err := s.db.QueryContext(ctx, query+` LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hits []Hit
	var snips [][3]string
	for rows.Next() {
		var h Hit
		var body, title, notes string
		if err := scanSummary(rows, &h.Summary, &h.Score, &body, &title, &notes); err != nil {
			return nil, err
		}
		hits, snips = append(hits, h), append(snips, [3]string{body, title, notes})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return hits, s.snippets(ctx, hits, snips)
}

// withinRows keeps a query to a list of search rows. The + keeps the list
// off FTS5's own lookup by rowid, which would evaluate the query again for
// each row; it is a filter on the matches instead.
const withinRows = `+search_index.rowid IN (SELECT value FROM json_each(?))`

// rankWithin orders the rows of a list by rank: an expression, so that
// SQLite sorts the rows that pass rather than FTS5 ranking every match
// first; equals newest first, so that a page is the head of the whole list.
const rankWithin = `search_index.rank + 0, search_index.rowid DESC`

func rowList(rows []int64) string {
	list, _ := json.Marshal(rows)
	return string(list)
}

// bestRanked returns the limit best ranked of the search rows within that
// match expr, best first.
func (s *Store) bestRanked(ctx context.Context, expr string, within []int64, limit int) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT search_index.rowid FROM search_index WHERE search_index MATCH ? AND `+
		withinRows+` ORDER BY `+rankWithin+` LIMIT ?`, expr, rowList(within), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	best := []int64{}
	for rows.Next() {
		var row int64
		if err := rows.Scan(&row); err != nil {
			return nil, err
		}
		best = append(best, row)
	}
	return best, rows.Err()
}

// snippets chooses the passage to show for each hit: from the sections when
// they match, else from the notes, else from the title. It gives back the
// original spelling of folded words and names the section each passage
// comes from, reading the sections of all the hits at once.
func (s *Store) snippets(ctx context.Context, hits []Hit, snips [][3]string) error {
	var ids []string
	for i, h := range hits {
		if strings.Contains(snips[i][0], markOpen) {
			ids = append(ids, h.ID)
		}
	}
	sections, err := s.sectionsOf(ctx, ids)
	if err != nil {
		return err
	}
	for i := range hits {
		h := &hits[i]
		body, title, notes := snips[i][0], snips[i][1], snips[i][2]
		switch {
		case strings.Contains(body, markOpen):
			text, part := unfoldSections(body, sections[h.ID])
			h.Part, h.Snippet = part, parseSnippet(text)
		case strings.Contains(notes, markOpen):
			h.Part, h.Snippet = notesPart, parseSnippet(notes)
		default:
			h.Part, h.Snippet = titlePart, parseSnippet(unfoldRun(title, []Section{{Key: titlePart, Text: h.Title}}))
		}
	}
	return nil
}

// sectionsOf loads the sections of these cases, in template order.
func (s *Store) sectionsOf(ctx context.Context, ids []string) (map[string][]Section, error) {
	out := map[string][]Section{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.db.QueryContext(ctx, `SELECT s.case_id, s.key, s.text FROM section s
		JOIN template_section t ON t.key = s.key
		WHERE s.case_id IN (?`+strings.Repeat(", ?", len(ids)-1)+`) ORDER BY s.case_id, t.position`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var sec Section
		if err := rows.Scan(&id, &sec.Key, &sec.Text); err != nil {
			return nil, err
		}
		out[id] = append(out[id], sec)
	}
	return out, rows.Err()
}

// filterSQL renders the facet and period conditions of f on the case alias
// c, leaving out the facet named except (so a facet's counts ignore its own selection).
func filterSQL(f Filter, except string) (string, []any) {
	facets, args := facetFilterSQL(f, except)
	period, periodArgs := periodSQL(f)
	return facets + period, append(args, periodArgs...)
}

// facetFilterSQL renders the facet conditions: values of one facet OR'ed,
// facets AND'ed; and the restriction to IDs, if any.
func facetFilterSQL(f Filter, except string) (string, []any) {
	var b strings.Builder
	var args []any
	if len(f.IDs) > 0 {
		b.WriteString(` AND c.id IN (?` + strings.Repeat(", ?", len(f.IDs)-1) + `)`)
		for _, id := range f.IDs {
			args = append(args, id)
		}
	}
	if f.AnnotatedBy != "" {
		b.WriteString(` AND c.id IN (SELECT case_id FROM annotation WHERE author = ? UNION SELECT case_id FROM memo WHERE author = ?)`)
		args = append(args, f.AnnotatedBy, f.AnnotatedBy)
	}
	for _, facet := range Facets {
		values := f.Values[facet]
		if facet == except || len(values) == 0 {
			continue
		}
		in := `IN (?` + strings.Repeat(", ?", len(values)-1) + `)`
		if isColumn(facet) {
			// The facet name is one of the fixed Facets, never user input.
			b.WriteString(` AND c.` + facet + ` ` + in)
		} else {
			b.WriteString(` AND c.id IN (SELECT case_id FROM case_tag WHERE facet = ? AND value ` + in + `)`)
			args = append(args, facet)
		}
		for _, v := range values {
			args = append(args, v)
		}
	}
	return b.String(), args
}

// isColumn reports whether a facet is a column of "case" rather than a tag.
func isColumn(facet string) bool {
	return facet == KindCountry || facet == KindField || facet == KindProvenance
}

// periodSQL keeps the cases whose period overlaps [PeriodFrom, PeriodTo].
func periodSQL(f Filter) (string, []any) {
	var b strings.Builder
	var args []any
	if f.PeriodFrom != 0 {
		b.WriteString(` AND coalesce(c.period_end, 9999) >= ?`)
		args = append(args, f.PeriodFrom)
	}
	if f.PeriodTo != 0 {
		b.WriteString(` AND c.period_start <= ?`)
		args = append(args, f.PeriodTo)
	}
	return b.String(), args
}
