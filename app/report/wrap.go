package report

// span is a range of runes [a, b) that makes one output line.
type span struct{ a, b int }

// wrap breaks rs into lines no wider than max when set in f. A '\n' always
// ends a line; an empty line comes back as an empty span (a paragraph gap).
// extra, when not nil, gives the width of anything drawn after the rune
// before offset pos (footnote markers), so that it is wrapped with its word.
//
// This is fpdf's SplitText algorithm (greedy, breaking at spaces, splitting
// a word longer than the line) with one difference that matters here: it
// returns rune offsets, which the highlight tints and markers need, where
// SplitText returns copies of the text.
func (d *doc) wrap(rs []rune, f font, max float64, extra func(pos int) float64) []span {
	var out []span
	for a := 0; a <= len(rs); {
		b := a
		for b < len(rs) && rs[b] != '\n' {
			b++
		}
		out = d.wrapLine(out, rs, a, b, f, max, extra)
		a = b + 1
	}
	return out
}

// wrapLine wraps the runes [a, b), which hold no '\n', and appends the lines.
func (d *doc) wrapLine(out []span, rs []rune, a, b int, f font, max float64, extra func(int) float64) []span {
	i := skipSpaces(rs, a, b)
	if i == b {
		return append(out, span{b, b})
	}
	for i < b {
		end := d.fillLine(rs, i, b, f, max, extra)
		out = append(out, span{i, end})
		i = skipSpaces(rs, end, b)
	}
	return out
}

// fillLine takes whole words from start while they fit and returns where
// the line ends. The first word is always taken, cut if it alone is too
// wide, so every line makes progress.
func (d *doc) fillLine(rs []rune, start, b int, f font, max float64, extra func(int) float64) int {
	end, w := start, 0.0
	for i := start; i < b; i = skipSpaces(rs, end, b) {
		j := wordEnd(rs, i, b)
		ww := d.width(f, rs[i:j]) + extraWidth(extra, i, j)
		if end == start {
			if ww > max {
				return d.cutWord(rs, i, j, f, max, extra)
			}
			end, w = j, ww
			continue
		}
		sp := d.width(f, rs[end:i])
		if w+sp+ww > max {
			break
		}
		end, w = j, w+sp+ww
	}
	return end
}

// cutWord returns how much of the over-long word [i, j) fits on a line: at
// least one rune, whatever the width.
func (d *doc) cutWord(rs []rune, i, j int, f font, max float64, extra func(int) float64) int {
	w := 0.0
	for k := i; k < j; k++ {
		w += d.width(f, rs[k:k+1]) + extraWidth(extra, k, k+1)
		if w > max && k > i {
			return k
		}
	}
	return j
}

// extraWidth sums extra over the positions after each rune of [i, j).
func extraWidth(extra func(int) float64, i, j int) float64 {
	if extra == nil {
		return 0
	}
	w := 0.0
	for p := i + 1; p <= j; p++ {
		w += extra(p)
	}
	return w
}

// Only the ASCII space breaks lines: a no-break space keeps its words
// together, which is what a writer who typed one wants.
func skipSpaces(rs []rune, i, b int) int {
	for i < b && rs[i] == ' ' {
		i++
	}
	return i
}

func wordEnd(rs []rune, i, b int) int {
	for i < b && rs[i] != ' ' {
		i++
	}
	return i
}
