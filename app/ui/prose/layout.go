package prose

import (
	"sort"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
)

// paragraphGap is the height of a blank line as a fraction of a row: a full
// empty row looks like a hole in the page, none runs paragraphs together.
const paragraphGap = 0.5

// widths caches word widths for every Prose: Fyne 2.7 shapes each new string
// afresh (about 40 us), and the same words recur across sections and cells.
var widths = struct {
	sync.Mutex
	m map[wordKey]float32
}{m: map[wordKey]float32{}}

type wordKey struct {
	s     string
	size  float32
	style fyne.TextStyle
	font  string
}

// measure returns the advance of s, cached.
func measure(s string, k *layoutKey) float32 {
	key := wordKey{s, k.size, k.style, k.font}
	widths.Lock()
	defer widths.Unlock()
	w, ok := widths.m[key]
	if !ok {
		w = fyne.MeasureText(s, k.size, k.style).Width
		if len(widths.m) > 200_000 { // a long session with many cases: start over
			clear(widths.m)
		}
		key.s = strings.Clone(s) // s is a substring: do not pin the whole text
		widths.m[key] = w
	}
	return w
}

// layoutKey is everything the wrapped rows depend on.
type layoutKey struct {
	width, size, spacing, pad float32
	style                     fyne.TextStyle
	font                      string
	version                   int
}

// seg is a word or a run of whitespace on a row, with its measured place.
type seg struct {
	start, end int
	x, w       float32
	space      bool
}

// row is one line on screen: runes [start, end), of which [start, vis) are
// drawn (trailing spaces are not). Rows are sorted by start and by y.
type row struct {
	start, end, vis int
	s0, s1          int // its segs: layout.segs[s0:s1]
	x, y, h         float32
}

// layout is the text wrapped at one width.
type layout struct {
	key                  layoutKey
	rows                 []row
	segs                 []seg
	height, minWidth     float32
	pitch, textH, spaceW float32
}

// ensure wraps the text again if anything it depends on changed.
func (l *layout) ensure(s *source, k layoutKey) {
	if l.key == k && l.rows != nil {
		return
	}
	l.key = k
	l.textH = fyne.MeasureText("M", k.size, k.style).Height
	l.pitch = l.textH * max(k.spacing, 1)
	l.spaceW = measure(" ", &k)
	l.minWidth = measure("abcdefghijklmnopqrst", &k) + 2*k.pad // about 20 characters
	l.wrap(s, l.wrapWidth(k.width))
}

// wrapWidth is the width to wrap at: before the first resize the widget has
// no width, so wrap at a comfortable reading measure; never wrap narrower
// than a few letters, or a tiny width would put each letter on its own row.
func (l *layout) wrapWidth(w float32) float32 {
	if w <= 0 {
		return 3 * l.minWidth
	}
	return max(w, 2*l.key.pad+4*l.key.size)
}

func (l *layout) wrap(s *source, width float32) {
	l.rows, l.segs = l.rows[:0], l.segs[:0]
	w := wrapper{l: l, s: s, k: &l.key, right: width - l.key.pad, y: l.key.pad}
	start := 0
	for i, r := range s.runes {
		if r == '\n' {
			w.line(start, i)
			start = i + 1
		}
	}
	w.line(start, len(s.runes))
	l.height = w.y + l.key.pad
}

// wrapper carries the state of one wrap across the lines of the text.
type wrapper struct {
	l       *layout
	s       *source
	k       *layoutKey
	r       row
	right   float32 // where text must stop
	x, y    float32
	indent  float32 // where continuation rows of this line start
	hasWord bool    // the current row holds a word, so it may break
}

// line wraps the hard line [a, b), between two newlines.
func (w *wrapper) line(a, b int) {
	left := w.k.pad
	if a == b {
		h := w.l.pitch * paragraphGap
		w.l.rows = append(w.l.rows, row{start: a, end: a, vis: a, s0: len(w.l.segs), s1: len(w.l.segs), x: left, y: w.y, h: h})
		w.y += h
		return
	}
	w.indent = left
	if strings.HasPrefix(w.s.slice(a, a+2), "- ") {
		w.indent += measure("- ", w.k) // hanging indent for a bullet item
	}
	w.open(a, left)
	for i := a; i < b; {
		j := i + 1
		space := blank(w.s.runes[i])
		for j < b && blank(w.s.runes[j]) == space {
			j++
		}
		if space {
			w.add(i, j, float32(j-i)*w.l.spaceW, true)
		} else {
			w.word(i, j)
		}
		i = j
	}
	w.close(b)
}

// word places runes [a, b) on the current row, or on the next one if it does
// not fit; a word wider than a whole row is cut between letters.
func (w *wrapper) word(a, b int) {
	wd := measure(w.s.slice(a, b), w.k)
	if w.x+wd > w.right && w.hasWord {
		w.close(a)
		w.open(a, w.indent)
	}
	for w.x+wd > w.right && b-a > 1 {
		cut := w.fit(a, b)
		if cut >= b {
			break
		}
		w.add(a, cut, fyne.MeasureText(w.s.slice(a, cut), w.k.size, w.k.style).Width, false)
		w.close(cut)
		w.open(cut, w.indent)
		a = cut
		wd = fyne.MeasureText(w.s.slice(a, b), w.k.size, w.k.style).Width
	}
	w.add(a, b, wd, false)
}

// fit returns the longest cut of [a, b) after a that fits the rest of the
// row, at least one letter (with its marks) so that wrapping always advances.
func (w *wrapper) fit(a, b int) int {
	room := w.right - w.x
	n := sort.Search(b-a, func(n int) bool {
		return fyne.MeasureText(w.s.slice(a, a+n+1), w.k.size, w.k.style).Width > room
	})
	cut := max(a+n, a+1)
	for cut < b && !w.s.boundary(cut) {
		cut++
	}
	return cut
}

func (w *wrapper) add(a, b int, wd float32, space bool) {
	w.l.segs = append(w.l.segs, seg{start: a, end: b, x: w.x, w: wd, space: space})
	w.x += wd
	w.hasWord = w.hasWord || !space
}

func (w *wrapper) open(start int, x float32) {
	w.r = row{start: start, vis: start, s0: len(w.l.segs), x: x, y: w.y, h: w.l.pitch}
	w.x, w.hasWord = x, false
}

// close ends the current row at end; trailing spaces stay on it, undrawn.
func (w *wrapper) close(end int) {
	w.r.end, w.r.s1 = end, len(w.l.segs)
	for i := w.r.s1 - 1; i >= w.r.s0; i-- {
		if !w.l.segs[i].space {
			w.r.vis = w.l.segs[i].end
			break
		}
	}
	w.l.rows = append(w.l.rows, w.r)
	w.y += w.r.h
}
