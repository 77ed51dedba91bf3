package store

import (
	"context"
	"fmt"
)

// FacetCount is one value of a facet with the number of cases that have it.
type FacetCount struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// FacetCounts is the result of Facets: the number of matching cases and, for
// each facet, its values with counts.
type FacetCounts struct {
	Total  int                     `json:"total"`
	Counts map[string][]FacetCount `json:"facets"`
}

// matchedCases restricts c to the cases whose title or sections match the query.
const matchedCases = ` AND c.id IN (SELECT d.case_id FROM search_index JOIN search_doc d
	ON d.id = search_index.rowid WHERE search_index MATCH ?)`

// countSQL counts every facet value of the chosen cases, and the total (as
// facet ""). The chosen set is materialised once; each facet is then counted
// by walking its index in value order and probing the set, so that no count
// needs a sort.
const countSQL = `WITH chosen AS MATERIALIZED (SELECT c.id FROM "case" c WHERE 1 %s)
SELECT '', '', count(*) FROM chosen
UNION ALL SELECT 'country', country, count(*) FROM "case" INDEXED BY case_country
	WHERE id IN chosen GROUP BY country
UNION ALL SELECT 'field', field, count(*) FROM "case" INDEXED BY case_field
	WHERE id IN chosen GROUP BY field
UNION ALL SELECT 'provenance', provenance, count(*) FROM "case" INDEXED BY case_provenance
	WHERE id IN chosen GROUP BY provenance
UNION ALL SELECT facet, value, count(*) FROM case_tag INDEXED BY case_tag_value
	WHERE facet IN ('level', 'direction', 'mechanism') AND case_id IN chosen GROUP BY facet, value`

// countAllSQL is countSQL for the whole catalogue (nothing typed, no filter):
// the indexes alone answer it.
const countAllSQL = `SELECT '', '', count(*) FROM "case"
UNION ALL SELECT 'country', country, count(*) FROM "case" GROUP BY country
UNION ALL SELECT 'field', field, count(*) FROM "case" GROUP BY field
UNION ALL SELECT 'provenance', provenance, count(*) FROM "case" GROUP BY provenance
UNION ALL SELECT facet, value, count(*) FROM case_tag WHERE facet IN ('level', 'direction', 'mechanism') GROUP BY facet, value`

// Facets counts the cases matching f, overall and per facet value. A facet's
// counts apply every filter but its own, so they say how many cases choosing
// that value as well (or instead) would give. Every value of a facet's
// vocabulary is listed, with 0 where no case has it, so that a filter never
// vanishes under the user's cursor; countries are those in the catalogue.
func (s *Store) Facets(ctx context.Context, f Filter) (FacetCounts, error) {
	expr, err := MatchExpression(f.Query)
	if err != nil {
		return FacetCounts{}, fmt.Errorf("store: facets: %w", err)
	}
	// One count with every filter serves the facets without a selection;
	// each facet with a selection needs its own count without it.
	all, err := s.countFacets(ctx, expr, f, "")
	if err != nil {
		return FacetCounts{}, fmt.Errorf("store: facets: %w", describe(err))
	}
	counts := map[string]map[string]int{}
	for _, facet := range Facets {
		counts[facet] = all[facet]
		if len(f.Values[facet]) > 0 {
			own, err := s.countFacets(ctx, expr, f, facet)
			if err != nil {
				return FacetCounts{}, fmt.Errorf("store: facet %s: %w", facet, describe(err))
			}
			counts[facet] = own[facet]
		}
	}
	return s.label(ctx, all[""][""], counts)
}

func (s *Store) countFacets(ctx context.Context, expr string, f Filter, except string) (map[string]map[string]int, error) {
	where, args := filterSQL(f, except)
	if expr != "" {
		where, args = matchedCases+where, append([]any{expr}, args...)
	}
	query := fmt.Sprintf(countSQL, where)
	if where == "" {
		query = countAllSQL
	}
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]map[string]int{}
	for rows.Next() {
		var facet, value string
		var n int
		if err := rows.Scan(&facet, &value, &n); err != nil {
			return nil, err
		}
		if out[facet] == nil {
			out[facet] = map[string]int{}
		}
		out[facet][value] = n
	}
	return out, rows.Err()
}

// label lists each facet's values in vocabulary order with their labels.
func (s *Store) label(ctx context.Context, total int, counts map[string]map[string]int) (FacetCounts, error) {
	vocab, err := s.Vocabulary(ctx)
	if err != nil {
		return FacetCounts{}, err
	}
	countries, err := s.countries(ctx)
	if err != nil {
		return FacetCounts{}, fmt.Errorf("store: facets: %w", describe(err))
	}
	out := FacetCounts{Total: total, Counts: map[string][]FacetCount{}}
	for _, facet := range Facets {
		values := countries
		if facet != KindCountry {
			values = termValues(vocab[facet])
		}
		for _, v := range values {
			out.Counts[facet] = append(out.Counts[facet], FacetCount{Value: v, Label: vocab.Label(facet, v), Count: counts[facet][v]})
		}
	}
	return out, nil
}

func termValues(terms []Term) []string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = t.Value
	}
	return out
}

// countries lists the countries that have cases, by name.
func (s *Store) countries(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT c.country FROM "case" c
		LEFT JOIN vocabulary v ON v.kind = 'country' AND v.value = c.country ORDER BY coalesce(v.label, c.country)`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
