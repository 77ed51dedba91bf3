package store

import "strings"

// contextRunes is how much text around a quote an annotation keeps, to find
// the quote again when it occurs more than once.
const contextRunes = 32

// quoteAt cuts the quote and its context at [start, end) of text (runes).
func quoteAt(runes []rune, start, end int) (quote, prefix, suffix string) {
	return string(runes[start:end]), string(runes[max(0, start-contextRunes):start]),
		string(runes[end:min(len(runes), end+contextRunes)])
}

// reanchor finds an annotation's quote in a section's (new) text: at its old
// offsets if the quote is still there; else at the occurrence whose
// surroundings best match the stored prefix and suffix, nearest the old place
// on a tie. ok is false when the quote is gone.
func reanchor(a Annotation, text string) (start, end int, ok bool) {
	runes := []rune(text)
	quote := []rune(a.Quote)
	if len(quote) == 0 {
		return 0, 0, false
	}
	if a.Start >= 0 && a.Start < a.End && a.End <= len(runes) && string(runes[a.Start:a.End]) == a.Quote {
		return a.Start, a.End, true
	}
	best, bestScore := -1, -1
	for _, at := range occurrences(runes, quote) {
		_, prefix, suffix := quoteAt(runes, at, at+len(quote))
		score := commonSuffix(prefix, a.Prefix) + commonPrefix(suffix, a.Suffix)
		if score > bestScore || score == bestScore && abs(at-a.Start) < abs(best-a.Start) {
			best, bestScore = at, score
		}
	}
	if best < 0 {
		return 0, 0, false
	}
	return best, best + len(quote), true
}

// occurrences lists the rune offsets where quote occurs in runes.
func occurrences(runes, quote []rune) []int {
	var out []int
	text := string(runes)
	q := string(quote)
	byteAt, runeAt := 0, 0
	for {
		i := strings.Index(text[byteAt:], q)
		if i < 0 {
			return out
		}
		runeAt += len([]rune(text[byteAt : byteAt+i]))
		out = append(out, runeAt)
		first := len(string(quote[0]))
		byteAt += i + first
		runeAt++
	}
}

// Occurrence finds the n-th (1-based) occurrence of quote in text and returns
// its rune offsets; ok is false when there are fewer.
func Occurrence(text, quote string, n int) (start, end int, ok bool) {
	all := occurrences([]rune(text), []rune(quote))
	if quote == "" || n < 1 || n > len(all) {
		return 0, 0, false
	}
	start = all[n-1]
	return start, start + len([]rune(quote)), true
}

func commonPrefix(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[n] == rb[n] {
		n++
	}
	return n
}

func commonSuffix(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[len(ra)-1-n] == rb[len(rb)-1-n] {
		n++
	}
	return n
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
