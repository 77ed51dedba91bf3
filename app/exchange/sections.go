package exchange

import (
	"regexp"
	"strings"

	"casebook/store"
)

// heading matches "## Title" with an optional explicit key: "## Title {#key}".
var heading = regexp.MustCompile(`^##\s+(.*?)\s*(?:\{#([a-z0-9-]+)\})?\s*$`)

// parseSections reads the body: one "## " heading per template section,
// matched by explicit key or, case-insensitively, by heading.
func (f *caseFile) parseSections(t store.Template) []store.Section {
	var out []store.Section
	var body []string
	current := -1
	flush := func() {
		if current >= 0 {
			out[current].Text = normaliseText(body)
		}
		body = nil
	}
	for i := f.fmEnd + 1; i < len(f.lines); i++ {
		line, lineNo := f.lines[i], i+1
		m := heading.FindStringSubmatch(line)
		if m == nil {
			if current < 0 && strings.TrimSpace(line) != "" {
				f.fail(lineNo, "text before the first section heading (## Abstract)")
				return nil
			}
			body = append(body, line)
			continue
		}
		flush()
		key, ok := f.matchHeading(t, m[1], m[2], lineNo)
		if !ok {
			return nil
		}
		out = append(out, store.Section{Key: key})
		current = len(out) - 1
	}
	flush()
	return out
}

func (f *caseFile) matchHeading(t store.Template, title, key string, lineNo int) (string, bool) {
	wanted := title
	if key != "" {
		wanted = key
	}
	sec, ok := t.Section(wanted)
	if !ok {
		headings := make([]string, len(t))
		for i, s := range t {
			headings[i] = s.Heading
		}
		f.fail(lineNo, "unknown section %q (sections: %s)", wanted, strings.Join(headings, ", "))
		return "", false
	}
	if first, dup := f.sections[sec.Key]; dup {
		f.fail(lineNo, "section %q is repeated (first at line %d)", sec.Heading, first)
		return "", false
	}
	f.sections[sec.Key] = lineNo
	return sec.Key, true
}

// normaliseText turns the lines under a heading into stored text: trailing
// spaces trimmed, the lines of a paragraph joined with a space, bullet items
// ("- ") kept one per line, paragraphs separated by one blank line.
func normaliseText(lines []string) string {
	var paras []string
	var cur []string
	end := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	for _, raw := range lines {
		line := strings.TrimSpace(raw)
		switch {
		case line == "":
			end()
		case strings.HasPrefix(line, "- ") || len(cur) == 0:
			cur = append(cur, line)
		default:
			cur[len(cur)-1] += " " + line
		}
	}
	end()
	return strings.Join(paras, "\n\n")
}
