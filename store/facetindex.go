package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// facetIndex is what facet counts look at of every case, a few values each,
// held in memory: counting is then one pass in Go over the matching cases
// instead of SQL joining each match to its case and its tags, which took
// 30 ms for a word found in most of 10,000 cases. It is reloaded when a
// case has changed, in this process or another, as the case_changes counter
// (migration 0007) tells; notes do not move it.
type facetIndex struct {
	version int64
	cases   []facetCase
	byRow   map[int64]int  // search_doc rowid to position in cases
	byID    map[string]int // case id to position in cases
	// names[i] lists the values of Facets[i], each numbered by its position.
	names [][]string
}

// facetCase is one case: its id, period and the numbers of its values.
type facetCase struct {
	id         string
	start, end int // 0 when the period has no start or no end
	// values[i] holds its values of Facets[i], as positions in names[i].
	values [][]uint16
}

// facets returns the facet index, rebuilding it if the catalogue changed.
func (s *Store) facets(ctx context.Context) (*facetIndex, error) {
	s.facetMu.Lock()
	defer s.facetMu.Unlock()
	var version int64
	if err := s.db.QueryRowContext(ctx, `SELECT n FROM case_changes`).Scan(&version); err != nil {
		return nil, err
	}
	if s.facetIx != nil && s.facetIx.version == version {
		return s.facetIx, nil
	}
	// The counter is read first: a change committed while loading makes the
	// next call load again, never keeps a stale index.
	ix, err := s.loadFacets(ctx)
	if err != nil {
		return nil, err
	}
	ix.version = version
	s.facetIx = ix
	return ix, nil
}

func (s *Store) loadFacets(ctx context.Context) (*facetIndex, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	ix := &facetIndex{byRow: map[int64]int{}, byID: map[string]int{}, names: make([][]string, len(Facets))}
	codes := make([]map[string]uint16, len(Facets))
	for i := range codes {
		codes[i] = map[string]uint16{}
	}
	code := func(facet int, value string) uint16 {
		n, ok := codes[facet][value]
		if !ok {
			n = uint16(len(ix.names[facet]))
			codes[facet][value] = n
			ix.names[facet] = append(ix.names[facet], value)
		}
		return n
	}
	if err := ix.loadCases(ctx, tx, code); err != nil {
		return nil, err
	}
	return ix, ix.loadTags(ctx, tx, code)
}

func (ix *facetIndex) loadCases(ctx context.Context, tx *sql.Tx, code func(int, string) uint16) error {
	rows, err := tx.QueryContext(ctx, `SELECT d.id, c.id, c.country, c.field, c.provenance,
		coalesce(c.period_start, 0), coalesce(c.period_end, 0) FROM "case" c JOIN search_doc d ON d.case_id = c.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var row int64
		var c facetCase
		column := map[string]string{}
		var country, field, provenance string
		if err := rows.Scan(&row, &c.id, &country, &field, &provenance, &c.start, &c.end); err != nil {
			return err
		}
		column[KindCountry], column[KindField], column[KindProvenance] = country, field, provenance
		c.values = make([][]uint16, len(Facets))
		for i, facet := range Facets {
			if isColumn(facet) {
				c.values[i] = []uint16{code(i, column[facet])}
			}
		}
		ix.byRow[row], ix.byID[c.id] = len(ix.cases), len(ix.cases)
		ix.cases = append(ix.cases, c)
	}
	return rows.Err()
}

func (ix *facetIndex) loadTags(ctx context.Context, tx *sql.Tx, code func(int, string) uint16) error {
	position := map[string]int{}
	var tagFacets []string
	for i, facet := range Facets {
		position[facet] = i
		if !isColumn(facet) {
			tagFacets = append(tagFacets, "'"+facet+"'")
		}
	}
	// The facet names are the fixed Facets, never user input.
	rows, err := tx.QueryContext(ctx, `SELECT case_id, facet, value FROM case_tag WHERE facet IN (`+strings.Join(tagFacets, ", ")+`)`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, facet, value string
		if err := rows.Scan(&id, &facet, &value); err != nil {
			return err
		}
		if at, ok := ix.byID[id]; ok {
			i := position[facet]
			ix.cases[at].values[i] = append(ix.cases[at].values[i], code(i, value))
		}
	}
	return rows.Err()
}

// matching returns the positions of the cases whose search rows are listed
// in rowids, a comma-separated list (as SQLite's group_concat gives it: one
// value to read instead of a row per match).
func (ix *facetIndex) matching(rowids string) ([]int, error) {
	var out []int
	for _, field := range strings.Split(rowids, ",") {
		if field == "" {
			continue
		}
		row, err := strconv.ParseInt(field, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("facet index: rowid %q: %w", field, err)
		}
		if at, ok := ix.byRow[row]; ok {
			out = append(out, at)
		}
	}
	return out, nil
}

// count counts the cases at these positions that pass f: in total, and per
// facet value over the cases passing every filter but the facet's own.
// keep, when not nil, is a further test a case must pass (IDs, author).
func (ix *facetIndex) count(positions []int, f Filter, keep func(id string) bool) (int, map[string]map[string]int) {
	selected := make([][]bool, len(Facets))
	for i, facet := range Facets {
		if values := f.Values[facet]; len(values) > 0 {
			selected[i] = make([]bool, len(ix.names[i]))
			for _, v := range values {
				for n, name := range ix.names[i] {
					if name == v {
						selected[i][n] = true
					}
				}
			}
		}
	}
	counts := make([][]int, len(Facets))
	for i := range counts {
		counts[i] = make([]int, len(ix.names[i]))
	}
	total := 0
	for _, at := range positions {
		c := &ix.cases[at]
		if !inPeriod(c, f) || (keep != nil && !keep(c.id)) {
			continue
		}
		failed, failures := -1, 0
		for i, sel := range selected {
			if sel != nil && !anySelected(c.values[i], sel) {
				failed, failures = i, failures+1
			}
		}
		switch failures {
		case 0:
			total++
			for i, values := range c.values {
				for _, v := range values {
					counts[i][v]++
				}
			}
		case 1:
			// It would pass with another choice in the facet it fails.
			for _, v := range c.values[failed] {
				counts[failed][v]++
			}
		}
	}
	out := map[string]map[string]int{}
	for i, facet := range Facets {
		out[facet] = map[string]int{}
		for n, count := range counts[i] {
			out[facet][ix.names[i][n]] = count
		}
	}
	return total, out
}

func anySelected(values []uint16, selected []bool) bool {
	for _, v := range values {
		if selected[v] {
			return true
		}
	}
	return false
}

// inPeriod reports whether the case's period overlaps the filter's, as
// periodSQL does: an open end reaches any year; no start is before none.
func inPeriod(c *facetCase, f Filter) bool {
	end := c.end
	if end == 0 {
		end = 9999
	}
	if f.PeriodFrom != 0 && end < f.PeriodFrom {
		return false
	}
	return f.PeriodTo == 0 || (c.start != 0 && c.start <= f.PeriodTo)
}

// countries lists the countries that have cases.
func (ix *facetIndex) countries() []string {
	i := indexOf(Facets, KindCountry)
	var out []string
	seen := make([]bool, len(ix.names[i]))
	for _, c := range ix.cases {
		for _, v := range c.values[i] {
			if !seen[v] {
				seen[v] = true
				out = append(out, ix.names[i][v])
			}
		}
	}
	return out
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}
