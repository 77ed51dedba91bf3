package prose

import (
	"strings"
	"unicode"
)

// source is the text in the three shapes the widget needs: the string as
// given (for substrings without copying), its runes (offsets are rune
// offsets) and the byte position of every rune.
type source struct {
	text    string
	runes   []rune
	bytes   []int // bytes[i] is where rune i starts; bytes[len(runes)] == len(text)
	version int   // bumped on every change, so a layout knows it is stale
}

func (s *source) set(text string) {
	s.text = text
	s.runes = []rune(text)
	s.bytes = s.bytes[:0]
	for i := range text {
		s.bytes = append(s.bytes, i)
	}
	s.bytes = append(s.bytes, len(text))
	s.version++
}

func (s *source) clamp(o int) int {
	return max(0, min(o, len(s.runes)))
}

// slice returns runes [a, b) as a substring of the original text, clamped.
func (s *source) slice(a, b int) string {
	a, b = s.clamp(a), s.clamp(b)
	if a >= b {
		return ""
	}
	return s.text[s.bytes[a]:s.bytes[b]]
}

// display returns runes [a, b) ready for a canvas.Text: blanks that Fyne
// would draw wider than a space (tabs) or not at all ("\r") are drawn as
// spaces, so the row keeps the widths the wrapper gave it.
func (s *source) display(a, b int) string {
	t := s.slice(a, b)
	if strings.IndexAny(t, "\t\r\v\f") < 0 {
		return t
	}
	return strings.Map(func(r rune) rune {
		if blank(r) {
			return ' '
		}
		return r
	}, t)
}

// blank reports the runes a line may break at, each as wide as a space. Other
// Unicode spaces (no-break, thin) stay inside words: they must not break, and
// only measuring them gives their width.
func blank(r rune) bool {
	return r == ' ' || r == '\t' || r == '\r' || r == '\v' || r == '\f'
}

// isMark reports a combining mark: no caret or selection edge may fall just
// before one, or it would split a letter from its accent.
func isMark(r rune) bool {
	return unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r)
}

// boundary reports whether offset o may hold a caret.
func (s *source) boundary(o int) bool {
	return o <= 0 || o >= len(s.runes) || !isMark(s.runes[o])
}

// step moves o by one rune in direction dir, skipping combining marks.
func (s *source) step(o, dir int) int {
	o = s.clamp(o + dir)
	for !s.boundary(o) {
		o += dir
	}
	return o
}

// wordChar reports whether rune i belongs to a word for double-click: letters,
// digits and marks, and an apostrophe between two letters ("don't").
func (s *source) wordChar(i int) bool {
	r := s.runes[i]
	if unicode.IsLetter(r) || unicode.IsDigit(r) || isMark(r) || r == '_' {
		return true
	}
	inner := i > 0 && i+1 < len(s.runes) && unicode.IsLetter(s.runes[i-1]) && unicode.IsLetter(s.runes[i+1])
	return inner && (r == '\'' || r == '’')
}

// class sorts runes into space, word and punctuation for word selection.
func (s *source) class(i int) int {
	switch {
	case unicode.IsSpace(s.runes[i]):
		return 0
	case s.wordChar(i):
		return 1
	}
	return 2
}

// wordAt returns the run of same-class runes around offset o; at the end of
// a word it prefers that word to the space after it.
func (s *source) wordAt(o int) (int, int) {
	n := len(s.runes)
	if n == 0 {
		return 0, 0
	}
	o = s.clamp(o)
	i := o // the rune after the caret, unless the caret ends a word
	if o == n || (o > 0 && s.class(o) != 1 && s.class(o-1) == 1) {
		i = o - 1
	}
	c := s.class(i)
	a, b := i, i+1
	for a > 0 && s.class(a-1) == c {
		a--
	}
	for b < n && s.class(b) == c {
		b++
	}
	return a, b
}

// paragraphAt returns the paragraph around offset o: the runes between the
// blank lines ("\n\n") before and after it.
func (s *source) paragraphAt(o int) (int, int) {
	o = s.clamp(o)
	a := o
	for a > 0 && !(s.runes[a-1] == '\n' && a > 1 && s.runes[a-2] == '\n') {
		a--
	}
	b := o
	for b < len(s.runes) && !(s.runes[b] == '\n' && b+1 < len(s.runes) && s.runes[b+1] == '\n') {
		b++
	}
	return a, b
}

// wordStep moves o past the next word in direction dir, as Ctrl+Shift+arrow
// does in an editor.
func (s *source) wordStep(o, dir int) int {
	o = s.clamp(o)
	n := len(s.runes)
	if dir > 0 {
		for o < n && !s.wordChar(o) {
			o++
		}
		for o < n && s.wordChar(o) {
			o++
		}
		return o
	}
	for o > 0 && !s.wordChar(o-1) {
		o--
	}
	for o > 0 && s.wordChar(o-1) {
		o--
	}
	return o
}
