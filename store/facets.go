package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
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

// Facets counts the cases matching f, overall and per facet value. A facet's
// counts apply every filter but its own, so they say how many cases choosing
// that value as well (or instead) would give. Every value of a facet's
// vocabulary is listed, with 0 where no case has it, so that a filter never
// vanishes under the user's cursor; countries are those in the catalogue.
func (s *Store) Facets(ctx context.Context, f Filter) (FacetCounts, error) {
	counts, err := s.facetCounts(ctx, f)
	if err != nil {
		return FacetCounts{}, fmt.Errorf("store: facets: %w", describe(err))
	}
	return counts, nil
}

func (s *Store) facetCounts(ctx context.Context, f Filter) (FacetCounts, error) {
	t, err := parseTerms(f.Query)
	if err != nil {
		return FacetCounts{}, err
	}
	ix, err := s.facets(ctx)
	if err != nil {
		return FacetCounts{}, err
	}
	if err := t.exactWhereUnique(s.wordsBeginning(ctx)); err != nil {
		return FacetCounts{}, err
	}
	positions, err := s.matchingPositions(ctx, ix, t.expression())
	if err != nil {
		return FacetCounts{}, err
	}
	keep, err := s.keeper(ctx, f)
	if err != nil {
		return FacetCounts{}, err
	}
	total, counts := ix.count(positions, f, keep)
	return s.label(ctx, total, counts, ix.countries())
}

// matchingPositions lists the facet index's positions of the cases that
// match expr, or of every case when expr is empty.
func (s *Store) matchingPositions(ctx context.Context, ix *facetIndex, expr string) ([]int, error) {
	if expr == "" {
		positions := make([]int, len(ix.cases))
		for i := range positions {
			positions[i] = i
		}
		return positions, nil
	}
	var rowids sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT group_concat(rowid) FROM search_index WHERE search_index MATCH ?`, expr).Scan(&rowids)
	if err != nil {
		return nil, err
	}
	return ix.matching(rowids.String)
}

// keeper is the test for the filters on case ids (IDs, AnnotatedBy), or nil.
func (s *Store) keeper(ctx context.Context, f Filter) (func(string) bool, error) {
	if len(f.IDs) == 0 && f.AnnotatedBy == "" {
		return nil, nil
	}
	var annotated map[string]bool
	if f.AnnotatedBy != "" {
		var err error
		if annotated, err = s.casesAnnotatedBy(ctx, f.AnnotatedBy); err != nil {
			return nil, err
		}
	}
	return func(id string) bool {
		return (len(f.IDs) == 0 || slices.Contains(f.IDs, id)) && (f.AnnotatedBy == "" || annotated[id])
	}, nil
}

// casesAnnotatedBy lists the cases with a highlight or memo by author.
func (s *Store) casesAnnotatedBy(ctx context.Context, author string) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT case_id FROM annotation WHERE author = ? UNION SELECT case_id FROM memo WHERE author = ?`,
		author, author)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// label lists each facet's values in vocabulary order with their labels.
// Countries are those given (the ones with cases), by name.
func (s *Store) label(ctx context.Context, total int, counts map[string]map[string]int, countries []string) (FacetCounts, error) {
	vocab, err := s.Vocabulary(ctx)
	if err != nil {
		return FacetCounts{}, err
	}
	slices.SortFunc(countries, func(a, b string) int {
		return strings.Compare(vocab.Label(KindCountry, a), vocab.Label(KindCountry, b))
	})
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
