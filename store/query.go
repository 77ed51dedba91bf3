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
	var include, exclude []string
	for _, chunk := range splitChunks(Fold(input)) {
		words := words(chunk.text)
		if len(words) == 0 {
			continue
		}
		term := `"` + strings.Join(words, " ") + `"`
		// A one-letter prefix would match most of the catalogue: nobody means that.
		if !chunk.quoted && (len(words) > 1 || utf8.RuneCountInString(words[0]) > 1) {
			term += "*"
		}
		if chunk.negated {
			exclude = append(exclude, term)
		} else {
			include = append(include, term)
		}
	}
	if len(include) == 0 && len(exclude) > 0 {
		return "", fmt.Errorf("search %q only excludes words; add a word to look for: %w", input, ErrInvalid)
	}
	expr := strings.Join(include, " AND ")
	if len(exclude) > 0 {
		expr += " NOT (" + strings.Join(exclude, " OR ") + ")"
	}
	return expr, nil
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
