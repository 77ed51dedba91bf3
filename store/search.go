package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
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
