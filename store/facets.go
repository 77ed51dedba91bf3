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

// facetSQL counts, for one facet, the filtered cases per value. Every value of
// the facet's vocabulary is listed, with 0 where no case matches, so that a
// filter never vanishes under the user's cursor; countries are the ones in the catalogue.
const facetSQL = `WITH vals AS (
	SELECT value, label, position FROM vocabulary WHERE kind = ?1 AND kind <> 'country'
	UNION SELECT DISTINCT f.value, coalesce(v.label, f.value), coalesce(v.position, 1000000)
	FROM case_facet f LEFT JOIN vocabulary v ON v.kind = f.facet AND v.value = f.value
	WHERE f.facet = ?1
), chosen AS (SELECT c.id FROM "case" c WHERE 1 %s)
SELECT vals.value, min(vals.label), count(f.case_id)
FROM vals LEFT JOIN case_facet f ON f.facet = ?1 AND f.value = vals.value AND f.case_id IN chosen
GROUP BY vals.value ORDER BY min(vals.position), min(vals.label)`

// Facets counts the cases matching f, overall and per facet value. A facet's
// counts apply every filter but its own, so they say how many cases choosing
// that value as well (or instead) would give.
func (s *Store) Facets(ctx context.Context, f Filter) (FacetCounts, error) {
	expr, err := MatchExpression(f.Query)
	if err != nil {
		return FacetCounts{}, fmt.Errorf("store: facets: %w", err)
	}
	out := FacetCounts{Counts: map[string][]FacetCount{}}
	where, args := s.matchFilter(expr, f, "")
	err = s.db.QueryRowContext(ctx, `SELECT count(*) FROM "case" c WHERE 1`+where, args...).Scan(&out.Total)
	if err != nil {
		return FacetCounts{}, fmt.Errorf("store: facets: %w", describe(err))
	}
	for _, facet := range Facets {
		counts, err := s.facet(ctx, expr, f, facet)
		if err != nil {
			return FacetCounts{}, fmt.Errorf("store: facet %s: %w", facet, describe(err))
		}
		out.Counts[facet] = counts
	}
	return out, nil
}

// matchFilter is filterSQL plus the text query, when there is one. The facet
// name is bound as ?1 and comes first in facetSQL, so positional arguments follow it.
func (s *Store) matchFilter(expr string, f Filter, except string) (string, []any) {
	where, args := filterSQL(f, except)
	if expr == "" {
		return where, args
	}
	return matchedCases + where, append([]any{expr}, args...)
}

func (s *Store) facet(ctx context.Context, expr string, f Filter, facet string) ([]FacetCount, error) {
	where, args := s.matchFilter(expr, f, facet)
	rows, err := s.db.QueryContext(ctx, fmt.Sprintf(facetSQL, where), append([]any{facet}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var counts []FacetCount
	for rows.Next() {
		var fc FacetCount
		if err := rows.Scan(&fc.Value, &fc.Label, &fc.Count); err != nil {
			return nil, err
		}
		counts = append(counts, fc)
	}
	return counts, rows.Err()
}
