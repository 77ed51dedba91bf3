package store

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// similarTerms is how many of a passage's most distinctive words the search
// for similar passages uses.
const similarTerms = 20

// stopWords are too common in English prose to say what a passage is about.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the and for with that this from were was are has have had not but its
		their they them than then which who whom what when where while also into onto over under more most
		such been being can could would should may might will shall one two three per between after before
		other others both each all any some only very same there here these those our out about within`) {
		stopWords[w] = true
	}
}

// Similar finds the passages of other cases most like a passage of one case
// (the whole section when passage is ""): the passage's most distinctive
// words (frequent in it, rare in the catalogue) searched together with
// FTS5's bm25. Each hit names the case, the section the best match is in,
// and a snippet with the shared words marked.
func (s *Store) Similar(ctx context.Context, caseID, section, passage string, limit int) ([]Hit, error) {
	if passage == "" {
		text, err := sectionText(ctx, s.db, caseID, section)
		if err != nil {
			return nil, fmt.Errorf("store: similar: %w", err)
		}
		passage = text
	}
	terms, err := s.distinctive(ctx, passage)
	if err != nil {
		return nil, fmt.Errorf("store: similar: %w", describe(err))
	}
	if len(terms) == 0 {
		return nil, fmt.Errorf("store: similar: the passage has no words to compare by (only very common ones): %w", ErrInvalid)
	}
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = `"` + t + `"`
	}
	if limit <= 0 {
		limit = 10
	}
	hits, err := s.matchRows(ctx, strings.Join(quoted, " OR "), nil, byRank, limit+1)
	if err != nil {
		return nil, fmt.Errorf("store: similar: %w", describe(err))
	}
	out := hits[:0]
	for _, h := range hits {
		if h.ID != caseID && len(out) < limit {
			out = append(out, h)
		}
	}
	return out, nil
}

// distinctive ranks a passage's words by tf-idf against the index and
// returns the best, in the index's own spelling (folded, lower case).
func (s *Store) distinctive(ctx context.Context, passage string) ([]string, error) {
	tf := map[string]int{}
	for _, w := range strings.FieldsFunc(indexForm(passage), func(r rune) bool { return !isTokenRune(r) }) {
		if len([]rune(w)) >= 3 && !stopWords[w] && !isNumber(w) {
			tf[w]++
		}
	}
	var total float64
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM search_doc`).Scan(&total); err != nil {
		return nil, err
	}
	type scored struct {
		term  string
		score float64
	}
	var ranked []scored
	for term, n := range tf {
		var docs float64
		err := s.db.QueryRowContext(ctx, `SELECT coalesce(sum(doc), 0) FROM search_words WHERE term = ?`, term).Scan(&docs)
		if err != nil {
			return nil, err
		}
		if docs == 0 || docs > total*0.5 {
			continue // unknown to the index, or in half the catalogue: says nothing
		}
		ranked = append(ranked, scored{term, float64(n) * math.Log(total/docs)})
	}
	sort.Slice(ranked, func(i, j int) bool {
		return ranked[i].score > ranked[j].score || ranked[i].score == ranked[j].score && ranked[i].term < ranked[j].term
	})
	var out []string
	for i := 0; i < len(ranked) && i < similarTerms; i++ {
		out = append(out, ranked[i].term)
	}
	return out, nil
}

// indexForm spells text as unicode61 with remove_diacritics indexes it:
// folded, without diacritics, in lower case.
func indexForm(text string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(Fold(text)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
