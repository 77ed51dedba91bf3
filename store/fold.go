package store

import (
	"strings"
	"unicode"
)

// foldLetters lists the letters that FTS5's unicode61 tokenizer keeps as they
// are even with remove_diacritics 2, so that "lodz" would never find "Łódź".
// The store folds them itself, in the indexed text and in the query alike.
var foldLetters = strings.NewReplacer(
	"ł", "l", "Ł", "L", "ø", "o", "Ø", "O", "ß", "ss", "ẞ", "SS",
	"æ", "ae", "Æ", "AE", "đ", "d", "Đ", "D", "ð", "d", "Ð", "D",
	"þ", "th", "Þ", "TH", "œ", "oe", "Œ", "OE", "ħ", "h", "Ħ", "H", "ı", "i", "ŧ", "t", "Ŧ", "T",
)

// Fold replaces the letters unicode61 cannot fold with their plain Latin
// spelling; everything else (case, other diacritics) is left to the tokenizer.
func Fold(s string) string {
	return foldLetters.Replace(s)
}

// isTokenRune reports whether r belongs to a word as unicode61 sees it.
func isTokenRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || unicode.Is(unicode.Co, r)
}

// span is a byte range of a string.
type span struct{ start, end int }

// tokens returns the byte spans of the words of s.
func tokens(s string) []span {
	var out []span
	start := -1
	for i, r := range s {
		switch {
		case isTokenRune(r) && start < 0:
			start = i
		case !isTokenRune(r) && start >= 0:
			out = append(out, span{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, span{start, len(s)})
	}
	return out
}

// unfoldSections puts the original spelling back into a snippet that FTS5
// cut from the folded text of these sections (joined as searchBody joins
// them), and says which section the snippet starts in. Folding maps word to
// word and leaves everything between words alone, so the snippet's words are
// a run of the original's words: find where the run starts and swap each word
// for its original.
func unfoldSections(snippet string, sections []Section) (string, string) {
	if part, ok := locateUnfolded(snippet, sections); ok {
		return snippet, part
	}
	var words []string
	var spans []span
	var owner []string
	original := searchBody(sections)
	offset := 0
	for _, sec := range sections {
		for _, sp := range tokens(sec.Text) {
			sp = span{sp.start + offset, sp.end + offset}
			spans, owner = append(spans, sp), append(owner, sec.Key)
			words = append(words, Fold(original[sp.start:sp.end]))
		}
		offset += len(sec.Text) + len(sectionGap)
	}
	snipSpans := tokens(snippet)
	at := findRun(words, snippet, snipSpans)
	if at < 0 || len(snipSpans) == 0 {
		return snippet, ""
	}
	var b strings.Builder
	last := 0
	for j, sp := range snipSpans {
		o := spans[at+j]
		b.WriteString(snippet[last:sp.start])
		b.WriteString(original[o.start:o.end])
		last = sp.end
	}
	b.WriteString(snippet[last:])
	return b.String(), owner[at]
}

// foldable lists the letters Fold changes.
const foldable = "łŁøØßẞæÆđĐðÐþÞœŒħĦıŧŦ"

// locateUnfolded is unfoldSections' fast path for the common case of text
// that folding leaves alone: the snippet's first stretch of text is then a
// substring of the sections, found with one search.
func locateUnfolded(snippet string, sections []Section) (string, bool) {
	for _, sec := range sections {
		if strings.ContainsAny(sec.Text, foldable) {
			return "", false
		}
	}
	probe := strings.TrimPrefix(snippet, "…")
	if i := strings.IndexAny(probe, "…\x02\x03"); i >= 0 {
		probe = probe[:i]
	}
	// A short probe ("The ") could be found in the wrong section.
	if len(strings.TrimSpace(probe)) < 24 {
		return "", false
	}
	for _, sec := range sections {
		if strings.Contains(sec.Text, probe) {
			return sec.Key, true
		}
	}
	return "", false
}

// unfoldRun is unfoldSections for a snippet whose section is known.
func unfoldRun(snippet string, sections []Section) string {
	text, _ := unfoldSections(snippet, sections)
	return text
}

// findRun returns the index in words where the snippet's words begin, or -1.
func findRun(words []string, snippet string, spans []span) int {
	for at := 0; at+len(spans) <= len(words); at++ {
		match := true
		for j, sp := range spans {
			if words[at+j] != snippet[sp.start:sp.end] {
				match = false
				break
			}
		}
		if match {
			return at
		}
	}
	return -1
}
