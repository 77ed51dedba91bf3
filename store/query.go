package store

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MatchExpression turns what a researcher typed into a safe FTS5 query. It
// never passes FTS5 syntax through: every word becomes a quoted string, so
// AND, NEAR(, *, : and stray quotes are just words or separators. It
// understands three things:
//   - words, each matched as a prefix ("kormany" finds "Kormányhivatal"),
//     except a lone letter, matched as a word;
//   - "quoted phrases" and hyphenated words ("one-stop"), matched as phrases;
//   - a leading minus to exclude a word (-health).
//
// It returns "" when the input holds no word at all, and ErrInvalid when
// every word is excluded (FTS5 cannot list "everything but").
func MatchExpression(input string) (string, error) {
	terms, err := parseTerms(input)
	return terms.expression(), err
}

// terms is a parsed search: the FTS5 phrases a case must contain, and those
// it must not.
type terms struct {
	include, exclude []string
	// prefixes maps each single-word prefix term ("reform"*) to its word in
	// the index's spelling (lower case, no diacritics).
	prefixes map[string]string
}

func parseTerms(input string) (terms, error) {
	var t terms
	t.prefixes = map[string]string{}
	for _, chunk := range splitChunks(Fold(input)) {
		words := words(chunk.text)
		if len(words) == 0 {
			continue
		}
		term := `"` + strings.Join(words, " ") + `"`
		// A one-letter prefix would match most of the catalogue: nobody means that.
		if !chunk.quoted && (len(words) > 1 || utf8.RuneCountInString(words[0]) > 1) {
			term += "*"
			if len(words) == 1 {
				t.prefixes[term] = indexForm(words[0])
			}
		}
		if chunk.negated {
			t.exclude = append(t.exclude, term)
		} else {
			t.include = append(t.include, term)
		}
	}
	if len(t.include) == 0 && len(t.exclude) > 0 {
		return terms{}, fmt.Errorf("search %q only excludes words; add a word to look for: %w", input, ErrInvalid)
	}
	return t, nil
}

// longestPrefixIndex is the longest prefix the search index keeps its own
// list for (see migration 0006).
const longestPrefixIndex = 7

// exactWhereUnique replaces each long prefix that begins just one word of the
// index with that word. It finds the same cases, but FTS5 no longer merges
// the prefix's lists before the first row; there is no index for prefixes
// longer than longestPrefixIndex.
func (t terms) exactWhereUnique(wordsBeginning func(prefix string) ([]string, error)) error {
	for _, list := range [][]string{t.include, t.exclude} {
		for i, term := range list {
			prefix, ok := t.prefixes[term]
			if !ok || utf8.RuneCountInString(prefix) <= longestPrefixIndex {
				continue
			}
			words, err := wordsBeginning(prefix)
			if err != nil {
				return err
			}
			if len(words) == 1 {
				list[i] = `"` + words[0] + `"`
			}
		}
	}
	return nil
}

// expression is the FTS5 query: every included phrase, none of the excluded.
func (t terms) expression() string {
	expr := strings.Join(t.include, " AND ")
	if len(t.exclude) > 0 {
		expr += " NOT (" + strings.Join(t.exclude, " OR ") + ")"
	}
	return expr
}

// chunk is one whitespace-separated piece of a query, or one quoted phrase.
type chunk struct {
	text    string
	quoted  bool
	negated bool
}

func splitChunks(input string) []chunk {
	var out []chunk
	rest := input
	for {
		rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
		if rest == "" {
			return out
		}
		negated := false
		if strings.HasPrefix(rest, "-") && len(rest) > 1 && !unicode.IsSpace(rune(rest[1])) {
			negated, rest = true, rest[1:]
		}
		if strings.HasPrefix(rest, `"`) {
			end := strings.Index(rest[1:], `"`)
			if end < 0 {
				end = len(rest) - 1
			}
			out = append(out, chunk{text: rest[1 : end+1], quoted: true, negated: negated})
			rest = rest[min(end+2, len(rest)):]
			continue
		}
		end := strings.IndexFunc(rest, unicode.IsSpace)
		if end < 0 {
			end = len(rest)
		}
		for i, piece := range strings.FieldsFunc(rest[:end], separatesWords) {
			out = append(out, chunk{text: piece, negated: negated && i == 0})
		}
		rest = rest[end:]
	}
}

// separatesWords reports whether r splits a chunk into separate terms.
// Hyphens, apostrophes, dots and slashes do not: "one-stop", "O'Brien" and
// "e.g." are searched as phrases, as the tokenizer split them when indexing.
func separatesWords(r rune) bool {
	return !isTokenRune(r) && !strings.ContainsRune("-'’./", r)
}

// words lists the words of s as the tokenizer would find them.
func words(s string) []string {
	var out []string
	for _, sp := range tokens(s) {
		out = append(out, s[sp.start:sp.end])
	}
	return out
}
