package store

import (
	"context"
	"fmt"
	"maps"
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
	expr, err := MatchExpression(f.Query)
	if err != nil {
		return FacetCounts{}, fmt.Errorf("store: facets: %w", err)
	}
	query, args := facetSQL(expr, f)
	if len(args) == 0 {
		query = countAllSQL
	}
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return FacetCounts{}, fmt.Errorf("store: facets: %w", describe(err))
	}
	defer rows.Close()
	counts := map[string]map[string]int{}
	for rows.Next() {
		var facet, value string
		var n int
		if err := rows.Scan(&facet, &value, &n); err != nil {
			return FacetCounts{}, fmt.Errorf("store: facets: %w", err)
		}
		if counts[facet] == nil {
			counts[facet] = map[string]int{}
		}
		counts[facet][value] = n
	}
	if err := rows.Err(); err != nil {
		return FacetCounts{}, fmt.Errorf("store: facets: %w", describe(err))
	}
	return s.label(ctx, counts[""][""], counts)
}

// countAllSQL counts the whole catalogue (nothing typed, no filter, as when
// Casebook opens): the tables' indexes answer it without materialising a set.
const countAllSQL = `SELECT '', '', count(*) FROM "case"
UNION ALL SELECT 'country', country, count(*) FROM "case" GROUP BY country
UNION ALL SELECT 'field', field, count(*) FROM "case" GROUP BY field
UNION ALL SELECT 'provenance', provenance, count(*) FROM "case" GROUP BY provenance
UNION ALL SELECT facet, value, count(*) FROM case_tag WHERE facet IN ('level', 'direction', 'mechanism')
	GROUP BY facet, value`

// facetSQL builds one statement that counts every facet. The cases matching
// the words and period ("base") are found once; the cases passing every
// facet filter ("chosen") serve the total and the facets without a
// selection; a facet with a selection is counted over base filtered by the
// other facets only. Each set is materialised once.
func facetSQL(expr string, f Filter) (string, []any) {
	var b strings.Builder
	var args []any
	if expr == "" {
		b.WriteString(`WITH base AS MATERIALIZED (SELECT c.id, c.country, c.field, c.provenance FROM "case" c WHERE 1`)
	} else {
		// Driven by the index's matches, each joined to its case.
		b.WriteString(`WITH base AS MATERIALIZED (SELECT c.id, c.country, c.field, c.provenance
			FROM search_index JOIN search_doc d ON d.id = search_index.rowid JOIN "case" c ON c.id = d.case_id
			WHERE search_index MATCH ?`)
		args = append(args, expr)
	}
	period, periodArgs := periodSQL(f)
	b.WriteString(period + `)`)
	args = append(args, periodArgs...)
	set := func(name, except string) {
		where, whereArgs := facetFilterSQL(f, except)
		b.WriteString(`, ` + name + ` AS MATERIALIZED (SELECT * FROM base c WHERE 1` + where + `)`)
		args = append(args, whereArgs...)
	}
	set("chosen", "")
	sets := map[string]string{}
	for i, facet := range Facets {
		sets[facet] = "chosen"
		if len(f.Values[facet]) > 0 {
			sets[facet] = fmt.Sprintf("without%d", i)
			set(sets[facet], facet)
		}
	}
	b.WriteString(` SELECT '', '', count(*) FROM chosen`)
	// The tag facets counted over one set share one pass through case_tag.
	tagFacets := map[string][]string{}
	for _, facet := range Facets {
		if isColumn(facet) {
			fmt.Fprintf(&b, ` UNION ALL SELECT '%[1]s', %[1]s, count(*) FROM %[2]s GROUP BY %[1]s`, facet, sets[facet])
		} else {
			tagFacets[sets[facet]] = append(tagFacets[sets[facet]], "'"+facet+"'")
		}
	}
	for _, set := range slices.Sorted(maps.Keys(tagFacets)) {
		fmt.Fprintf(&b, ` UNION ALL SELECT t.facet, t.value, count(*) FROM %s s JOIN case_tag t
			ON t.case_id = s.id AND t.facet IN (%s) GROUP BY t.facet, t.value`, set, strings.Join(tagFacets[set], ", "))
	}
	return b.String(), args
}

// label lists each facet's values in vocabulary order with their labels.
func (s *Store) label(ctx context.Context, total int, counts map[string]map[string]int) (FacetCounts, error) {
	vocab, err := s.Vocabulary(ctx)
	if err != nil {
		return FacetCounts{}, err
	}
	countries, err := s.countries(ctx, vocab)
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
func (s *Store) countries(ctx context.Context, vocab Vocabulary) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT country FROM "case" GROUP BY country`)
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
	slices.SortFunc(out, func(a, b string) int {
		return strings.Compare(vocab.Label(KindCountry, a), vocab.Label(KindCountry, b))
	})
	return out, rows.Err()
}
