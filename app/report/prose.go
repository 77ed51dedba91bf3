package report

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// mark is a highlight ready to draw: its range clamped to the text and
// trimmed to the words, its footnote number and its colours.
type mark struct {
	start, end int
	num        int
	bg, ink    rgb
	codes      []Code
	memo       string
}

// prose is one part's text prepared for layout. Each highlight gets a
// footnote number, drawn as a superscript after its last word in the code's
// colour; the note under the text names its codes. The numbers are what a
// reader follows from the tinted words to the code names, and they keep the
// code names in the PDF's text for search and pdftotext.
type prose struct {
	rs     []rune
	marks  []mark         // in footnote order
	labels map[int]string // superscript drawn after the rune before each offset
	inks   map[int]rgb    // its colour
	pos    []int          // the offsets of labels, ascending
}

// newProse prepares p; num is the last footnote number used in this row.
func newProse(p Part, num *int) *prose {
	pr := &prose{rs: []rune(p.Text)}
	pr.marks = buildMarks(pr.rs, p.Highlights, num)
	pr.labels = make(map[int]string, len(pr.marks))
	pr.inks = make(map[int]rgb, len(pr.marks))
	for _, m := range pr.marks {
		if l, ok := pr.labels[m.end]; ok {
			pr.labels[m.end] = l + "," + strconv.Itoa(m.num)
			continue
		}
		pr.labels[m.end] = strconv.Itoa(m.num)
		pr.inks[m.end] = m.ink
		pr.pos = append(pr.pos, m.end)
	}
	sort.Ints(pr.pos)
	return pr
}

// buildMarks clamps every highlight into the text (offsets come from the
// store and may be stale), trims it to the words, drops the empty or
// reversed ones, and numbers the rest in reading order of their markers.
func buildMarks(rs []rune, hs []Highlight, num *int) []mark {
	ms := make([]mark, 0, len(hs))
	for _, h := range hs {
		s, e := clampRange(rs, h.Start, h.End)
		if s >= e {
			continue
		}
		c := noColor
		if len(h.Codes) > 0 {
			c = codeRGB(h.Codes[0])
		}
		ms = append(ms, mark{start: s, end: e, bg: tint(c), ink: markInk(c), codes: h.Codes, memo: h.Memo})
	}
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].end != ms[j].end {
			return ms[i].end < ms[j].end
		}
		return ms[i].start < ms[j].start
	})
	for i := range ms {
		*num++
		ms[i].num = *num
	}
	return ms
}

// clampRange limits [s, e) to the text and trims white space at both ends,
// so that a tint never covers a lone space and a marker sits on a word.
func clampRange(rs []rune, s, e int) (int, int) {
	s, e = min(max(s, 0), len(rs)), min(max(e, 0), len(rs))
	for s < e && unicode.IsSpace(rs[s]) {
		s++
	}
	for e > s && unicode.IsSpace(rs[e-1]) {
		e--
	}
	return s, e
}

// markerWidth is the room a superscript takes after the rune before pos.
func (d *doc) markerWidth(pr *prose, pos int) float64 {
	l, ok := pr.labels[pos]
	if !ok {
		return 0
	}
	return d.strWidth(fMarker, l) + 0.3
}

// proseLines wraps the part's text to w and returns its lines.
func (d *doc) proseLines(pr *prose, w float64) []line {
	var extra func(int) float64
	if len(pr.labels) > 0 {
		extra = func(pos int) float64 { return d.markerWidth(pr, pos) }
	}
	spans := trimSpans(d.wrap(pr.rs, fBody, w, extra))
	lh := lineHeight(fBody)
	out := make([]line, 0, len(spans))
	for _, sp := range spans {
		if sp.a == sp.b {
			out = append(out, gapLine(lh/2))
			continue
		}
		out = append(out, line{h: lh, draw: func(x, y float64) { d.drawProse(pr, sp, x, y) }})
	}
	return out
}

// drawProse draws one line: the tints behind the highlighted words, then
// the words, with the superscript markers in between.
func (d *doc) drawProse(pr *prose, sp span, x, y float64) {
	d.drawTints(pr, sp, x, y)
	base := baseline(y, fBody)
	cx, seg := x, sp.a
	for _, pos := range pr.pos {
		if pos <= sp.a || pos > sp.b {
			continue
		}
		cx = d.textRun(cx, base, pr.rs[seg:pos])
		l, c := pr.labels[pos], pr.inks[pos]
		d.text(cx+0.15, base-fBody.size*ptToMM*0.36, fMarker, c, l)
		cx += d.markerWidth(pr, pos)
		seg = pos
	}
	d.textRun(cx, base, pr.rs[seg:sp.b])
}

// textRun draws body text and returns where it ends.
func (d *doc) textRun(x, base float64, rs []rune) float64 {
	if len(rs) == 0 {
		return x
	}
	d.text(x, base, fBody, ink, string(rs))
	return x + d.width(fBody, rs)
}

// drawTints paints the highlight backgrounds of one line. They are painted
// with the Multiply blend mode, so where two highlights overlap both colours
// show, as with two highlighter pens, and the text stays on top.
func (d *doc) drawTints(pr *prose, sp span, x, y float64) {
	blended := false
	for _, m := range pr.marks {
		if m.end <= sp.a || m.start >= sp.b {
			continue
		}
		if !blended {
			d.pdf.SetAlpha(1, "Multiply")
			blended = true
		}
		x0 := x + d.advance(pr, sp.a, max(m.start, sp.a), true)
		x1 := x + d.advance(pr, sp.a, min(m.end, sp.b), false)
		d.fillRect(x0, y, x1-x0, lineHeight(fBody), m.bg)
	}
	if blended {
		d.pdf.SetAlpha(1, "Normal")
	}
}

// advance is the width from the line start a to offset o: the runes and the
// markers in between. A marker at o itself belongs to a highlight ending
// there; withMarkerAt says whether to count it (yes for a tint that starts
// at o, no for one that ends there).
func (d *doc) advance(pr *prose, a, o int, withMarkerAt bool) float64 {
	w := d.width(fBody, pr.rs[a:o])
	for _, pos := range pr.pos {
		if pos > a && (pos < o || withMarkerAt && pos == o) {
			w += d.markerWidth(pr, pos)
		}
	}
	return w
}

// noteLines are the numbered notes under a part: per highlight its codes
// (and memo), then the part's own memos. Memos are left out with NoNotes;
// the code names never are, since the markers point at them.
func (d *doc) noteLines(pr *prose, memos []string, w float64, num *int) []line {
	var out []line
	indent := d.strWidth(fSmallB, "00") + 1.5
	for _, m := range pr.marks {
		out = append(out, d.hangLines(strconv.Itoa(m.num), fSmallB, m.ink, d.markNote(m), fSmall, ink, w, indent)...)
	}
	if d.showNotes() {
		for _, memo := range memos {
			if strings.TrimSpace(memo) == "" {
				continue
			}
			*num++
			out = append(out, d.hangLines(strconv.Itoa(*num), fSmallB, muted, "Memo: "+memo, fSmall, ink, w, indent)...)
		}
	}
	if len(out) > 0 {
		rule := d.ruleLine(min(w, 18), 1.6)
		rule.glue = true // never a rule alone at the foot of a page
		out = append([]line{gapLine(1.2), rule}, out...)
	}
	return out
}

// markNote is the text of a highlight's note: "Code A · Code B — memo".
func (d *doc) markNote(m mark) string {
	names := make([]string, 0, len(m.codes))
	for _, c := range m.codes {
		if c.Name != "" {
			names = append(names, c.Name)
		}
	}
	s := strings.Join(names, " · ")
	if s == "" {
		s = "(no code)"
	}
	if m.memo != "" && d.showNotes() {
		s += " — " + m.memo
	}
	return s
}
