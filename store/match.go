package store

import (
	"context"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

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
