package store

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
	return tokensUpTo(s, -1)
}

// tokensUpTo returns the byte spans of the first n words of s (all if n < 0).
func tokensUpTo(s string, n int) []span {
	var out []span
	start := -1
	for i, r := range s {
		if len(out) == n {
			return out
		}
		switch {
		case isTokenRune(r) && start < 0:
			start = i
		case !isTokenRune(r) && start >= 0:
			out = append(out, span{start, i})
			start = -1
		}
	}
	if start >= 0 && len(out) != n {
		out = append(out, span{start, len(s)})
	}
	return out
}

// startsWord reports whether a word of s may begin at byte i.
func startsWord(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return i == 0 || !isTokenRune(r)
}

// unfoldSections puts the original spelling back into a snippet that FTS5
// cut from the folded text of these sections (joined as searchBody joins
// them), and says which section the snippet starts in. Folding maps word to
// word and leaves everything between words alone, so the snippet's words are
// a run of the original's words: find where the run starts in the folded
// text and swap each word for its original.
func unfoldSections(snippet string, sections []Section) (string, string) {
	if part, ok := locateUnfolded(snippet, sections); ok {
		return snippet, part
	}
	original := searchBody(sections)
	snipSpans := tokens(snippet)
	at := findRun(Fold(original), snippet, snipSpans)
	if at < 0 || len(snipSpans) == 0 {
		return snippet, ""
	}
	spans := tokensUpTo(original, at+len(snipSpans))
	var b strings.Builder
	last := 0
	for j, sp := range snipSpans {
		o := spans[at+j]
		b.WriteString(snippet[last:sp.start])
		b.WriteString(original[o.start:o.end])
		last = sp.end
	}
	b.WriteString(snippet[last:])
	return b.String(), sectionAt(sections, spans[at].start)
}

// sectionAt names the section holding byte offset i of their searchBody.
func sectionAt(sections []Section, i int) string {
	for _, sec := range sections {
		if i < len(sec.Text) {
			return sec.Key
		}
		i -= len(sec.Text) + len(sectionGap)
	}
	return ""
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

// findRun returns the index of the word of folded where the snippet's words
// begin, or -1. The text between the snippet's marks and ellipses is a
// stretch of folded, so each place it occurs is a candidate, checked word by
// word.
func findRun(folded, snippet string, spans []span) int {
	if len(spans) == 0 {
		return -1
	}
	probe := snippet[spans[0].start:]
	if i := strings.IndexAny(probe, "…\x02\x03"); i >= 0 {
		probe = probe[:i]
	}
	words, from := 0, 0
	for {
		i := strings.Index(folded[from:], probe)
		if i < 0 {
			return -1
		}
		at := from + i
		if startsWord(folded, at) && runMatches(folded[at:], snippet, spans) {
			return words + len(tokens(folded[from:at]))
		}
		// Go on after the word the candidate begins in (the probe begins
		// with a letter, so there is one).
		end := at + tokensUpTo(folded[at:], 1)[0].end
		words += len(tokens(folded[from:end]))
		from = end
	}
}

// runMatches reports whether text begins with the snippet's words.
func runMatches(text, snippet string, spans []span) bool {
	got := tokensUpTo(text, len(spans))
	if len(got) < len(spans) {
		return false
	}
	for j, sp := range spans {
		if text[got[j].start:got[j].end] != snippet[sp.start:sp.end] {
			return false
		}
	}
	return true
}
