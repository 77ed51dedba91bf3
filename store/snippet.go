package store

import (
	"context"
	"strings"
	"unicode"
)

// Snippet is a short passage with the matching words marked.
type Snippet struct {
	Text string `json:"text"`
	// Marks are the [start, end) rune offsets of the matches in Text.
	Marks [][2]int `json:"marks"`
}

// Marked renders the snippet with each match wrapped in open and close.
func (s Snippet) Marked(open, close string) string {
	var b strings.Builder
	runes := []rune(s.Text)
	last := 0
	for _, m := range s.Marks {
		b.WriteString(string(runes[last:m[0]]))
		b.WriteString(open + string(runes[m[0]:m[1]]) + close)
		last = m[1]
	}
	b.WriteString(string(runes[last:]))
	return b.String()
}

// cutAtWord ends text that was cut at max runes at its last whole word, with an ellipsis.
func cutAtWord(text string, max int) string {
	if len([]rune(text)) < max {
		return text
	}
	if i := strings.LastIndexAny(text, " \n"); i > 0 {
		text = text[:i]
	}
	return strings.TrimRight(text, " ,;:.") + "…"
}

// Snippet markers: control characters never occur in stored text.
const markOpen, markClose = "\x02", "\x03"

// parseSnippet turns FTS5's marked snippet into text and rune offsets.
func parseSnippet(marked string) Snippet {
	var s Snippet
	var b strings.Builder
	n, open := 0, 0
	space := false
	for _, r := range marked {
		switch {
		case string(r) == markOpen:
			if space && n > 0 {
				b.WriteByte(' ')
				n++
			}
			space = false
			open = n
		case string(r) == markClose:
			s.Marks = append(s.Marks, [2]int{open, n})
		case unicode.IsSpace(r):
			// Paragraph and section breaks become one space in a one-line snippet.
			space = true
		default:
			if space && n > 0 {
				b.WriteByte(' ')
				n++
			}
			space = false
			b.WriteRune(r)
			n++
		}
	}
	s.Text = b.String()
	return s
}

// snippets chooses the passage to show for each hit: from the sections when
// they match, else from the notes, else from the title. It gives back the
// original spelling of folded words and names the section each passage
// comes from, reading the sections of all the hits at once.
func (s *Store) snippets(ctx context.Context, hits []Hit, snips [][3]string) error {
	var ids []string
	for i, h := range hits {
		if strings.Contains(snips[i][0], markOpen) {
			ids = append(ids, h.ID)
		}
	}
	sections, err := s.sectionsOf(ctx, ids)
	if err != nil {
		return err
	}
	for i := range hits {
		h := &hits[i]
		body, title, notes := snips[i][0], snips[i][1], snips[i][2]
		switch {
		case strings.Contains(body, markOpen):
			text, part := unfoldSections(body, sections[h.ID])
			h.Part, h.Snippet = part, parseSnippet(text)
		case strings.Contains(notes, markOpen):
			h.Part, h.Snippet = notesPart, parseSnippet(notes)
		default:
			h.Part, h.Snippet = titlePart, parseSnippet(unfoldRun(title, []Section{{Key: titlePart, Text: h.Title}}))
		}
	}
	return nil
}

// sectionsOf loads the sections of these cases, in template order.
func (s *Store) sectionsOf(ctx context.Context, ids []string) (map[string][]Section, error) {
	out := map[string][]Section{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.db.QueryContext(ctx, `SELECT s.case_id, s.key, s.text FROM section s
		JOIN template_section t ON t.key = s.key
		WHERE s.case_id IN (?`+strings.Repeat(", ?", len(ids)-1)+`) ORDER BY s.case_id, t.position`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var sec Section
		if err := rows.Scan(&id, &sec.Key, &sec.Text); err != nil {
			return nil, err
		}
		out[id] = append(out[id], sec)
	}
	return out, rows.Err()
}
