package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
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
	// cases are in the order of their search rows, the order FTS5 lists
	// matches in, so that matching is one walk through both.
	cases []facetCase
	// names[i] lists the values of Facets[i], each numbered by its position.
	names [][]string
}

// facetCase is one case: its search row, id, period and values, about a
// hundred bytes.
type facetCase struct {
	row        int64
	id         string
	start, end int32 // 0 when the period has no start or no end
	// values holds each value as its facet's position in Facets (high
	// byte) and the value's position in names (low bytes).
	values []uint32
}

// facetValue packs a facet's position and a value's number into one.
func facetValue(facet int, code uint32) uint32 { return uint32(facet)<<24 | code }

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
	ix := &facetIndex{names: make([][]string, len(Facets))}
	codes := make([]map[string]uint32, len(Facets))
	for i := range codes {
		codes[i] = map[string]uint32{}
	}
	value := func(facet int, name []byte) uint32 {
		n, ok := codes[facet][string(name)]
		if !ok {
			n = uint32(len(ix.names[facet]))
			codes[facet][string(name)] = n
			ix.names[facet] = append(ix.names[facet], string(name))
		}
		return facetValue(facet, n)
	}
	byID, err := ix.loadCases(ctx, tx, value)
	if err != nil {
		return nil, err
	}
	return ix, ix.loadTags(ctx, tx, byID, value)
}

// loadCases reads every case in search row order, and returns their
// positions by id.
func (ix *facetIndex) loadCases(ctx context.Context, tx *sql.Tx, value func(int, []byte) uint32) (map[string]int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT d.id, c.id, coalesce(c.period_start, 0), coalesce(c.period_end, 0),
		c.country, c.field, c.provenance FROM "case" c JOIN search_doc d ON d.case_id = c.id ORDER BY d.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	columns := []int{indexOf(Facets, KindCountry), indexOf(Facets, KindField), indexOf(Facets, KindProvenance)}
	byID := map[string]int{}
	var country, field, provenance sql.RawBytes
	for rows.Next() {
		var c facetCase
		if err := rows.Scan(&c.row, &c.id, &c.start, &c.end, &country, &field, &provenance); err != nil {
			return nil, err
		}
		c.values = []uint32{value(columns[0], country), value(columns[1], field), value(columns[2], provenance)}
		byID[c.id] = len(ix.cases)
		ix.cases = append(ix.cases, c)
	}
	return byID, rows.Err()
}

func (ix *facetIndex) loadTags(ctx context.Context, tx *sql.Tx, byID map[string]int, value func(int, []byte) uint32) error {
	var tagFacets []string
	for _, facet := range Facets {
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
	var id, facet, name sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&id, &facet, &name); err != nil {
			return err
		}
		if at, ok := byID[string(id)]; ok {
			ix.cases[at].values = append(ix.cases[at].values, value(indexOf(Facets, string(facet)), name))
		}
	}
	return rows.Err()
}

// matching returns the positions of the cases whose search rows are listed
// in rowids, a comma-separated list (as SQLite's group_concat gives it: one
// value to read instead of a row per match). FTS5 lists rows in ascending
// order, which makes matching one walk through both lists; another order is
// sorted first.
func (ix *facetIndex) matching(rowids string) ([]int, error) {
	var rows []int64
	for _, field := range strings.Split(rowids, ",") {
		if field == "" {
			continue
		}
		row, err := strconv.ParseInt(field, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("facet index: rowid %q: %w", field, err)
		}
		rows = append(rows, row)
	}
	if !slices.IsSorted(rows) {
		slices.Sort(rows)
	}
	var out []int
	at := 0
	for _, row := range rows {
		for at < len(ix.cases) && ix.cases[at].row < row {
			at++
		}
		if at < len(ix.cases) && ix.cases[at].row == row {
			out = append(out, at)
		}
	}
	return out, nil
}

// count counts the cases at these positions that pass f: in total, and per
// facet value over the cases passing every filter but the facet's own.
// keep, when not nil, is a further test a case must pass (IDs, author).
func (ix *facetIndex) count(positions []int, f Filter, keep func(id string) bool) (int, map[string]map[string]int) {
	judge := ix.judge(f, keep)
	counts := make([][]int, len(Facets))
	for i := range counts {
		counts[i] = make([]int, len(ix.names[i]))
	}
	total := 0
	for _, at := range positions {
		c := &ix.cases[at]
		failed, failures := judge(c)
		// A case failing one facet's filter would pass with another choice
		// there: it counts for that facet's values only.
		for _, v := range c.values {
			if facet := int(v >> 24); failures == 0 || (failures == 1 && facet == failed) {
				counts[facet][v&0xffffff]++
			}
		}
		if failures == 0 {
			total++
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

// passing keeps the positions of the cases that pass f and keep.
func (ix *facetIndex) passing(positions []int, f Filter, keep func(id string) bool) []int {
	judge := ix.judge(f, keep)
	var out []int
	for _, at := range positions {
		if _, failures := judge(&ix.cases[at]); failures == 0 {
			out = append(out, at)
		}
	}
	return out
}

// rows lists the search rows of the cases at these positions.
func (ix *facetIndex) rows(positions []int) []int64 {
	out := make([]int64, len(positions))
	for i, at := range positions {
		out[i] = ix.cases[at].row
	}
	return out
}

// judge returns the test of a case against f and keep: how many facet
// filters it fails, and the last of them. A case outside the period or not
// kept fails more than any facet count could forgive.
func (ix *facetIndex) judge(f Filter, keep func(id string) bool) func(c *facetCase) (failed, failures int) {
	selected := ix.selection(f)
	passes := make([]bool, len(Facets))
	return func(c *facetCase) (int, int) {
		if !inPeriod(c, f) || (keep != nil && !keep(c.id)) {
			return -1, len(Facets) + 1
		}
		for i, sel := range selected {
			passes[i] = sel == nil
		}
		for _, v := range c.values {
			facet, code := v>>24, v&0xffffff
			if selected[facet] != nil && selected[facet][code] {
				passes[facet] = true
			}
		}
		failed, failures := -1, 0
		for i, ok := range passes {
			if !ok {
				failed, failures = i, failures+1
			}
		}
		return failed, failures
	}
}

// selection marks, for each facet with values chosen in f, which of the
// facet's values are chosen; nil for the facets without a choice.
func (ix *facetIndex) selection(f Filter) [][]bool {
	selected := make([][]bool, len(Facets))
	for i, facet := range Facets {
		if values := f.Values[facet]; len(values) > 0 {
			selected[i] = make([]bool, len(ix.names[i]))
			for n, name := range ix.names[i] {
				selected[i][n] = slices.Contains(values, name)
			}
		}
	}
	return selected
}

// inPeriod reports whether the case's period overlaps the filter's, as
// periodSQL does: an open end reaches any year; no start is before none.
func inPeriod(c *facetCase, f Filter) bool {
	end := int(c.end)
	if end == 0 {
		end = 9999
	}
	if f.PeriodFrom != 0 && end < f.PeriodFrom {
		return false
	}
	return f.PeriodTo == 0 || (c.start != 0 && int(c.start) <= f.PeriodTo)
}

// countries lists the countries that have cases.
func (ix *facetIndex) countries() []string {
	country := uint32(indexOf(Facets, KindCountry))
	var out []string
	seen := make([]bool, len(ix.names[country]))
	for _, c := range ix.cases {
		for _, v := range c.values {
			if v>>24 == country && !seen[v&0xffffff] {
				seen[v&0xffffff] = true
				out = append(out, ix.names[country][v&0xffffff])
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
