package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// The SQL that counted facets before the in-memory facet index: kept as the
// reference the index's counts are checked against.

// ReferenceFacets counts as facetCounts does, in SQL.
func (s *Store) ReferenceFacets(ctx context.Context, f Filter) (int, map[string]map[string]int, error) {
	expr, err := MatchExpression(f.Query)
	if err != nil {
		return 0, nil, err
	}
	query, args := facetSQL(expr, f)
	if len(args) == 0 {
		query = countAllSQL
	}
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	counts := map[string]map[string]int{}
	for rows.Next() {
		var facet, value string
		var n int
		if err := rows.Scan(&facet, &value, &n); err != nil {
			return 0, nil, err
		}
		if counts[facet] == nil {
			counts[facet] = map[string]int{}
		}
		counts[facet][value] = n
	}
	total := counts[""][""]
	delete(counts, "")
	return total, counts, rows.Err()
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

// FacetIndexOf is the facet index st holds now (to tell whether it was reloaded).
func FacetIndexOf(st *Store) any {
	st.facetMu.Lock()
	defer st.facetMu.Unlock()
	return st.facetIx
}
