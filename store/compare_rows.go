package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
)

// attributeRows lists the attributes across columns; a group's cell joins
// the distinct values of its cases.
func attributeRows(cols []Column, vocab Vocabulary) []AttributeRow {
	attrs := []struct {
		name string
		get  func(Case) []string
	}{
		{"Country", func(c Case) []string { return []string{vocab.Label(KindCountry, c.Country)} }},
		{"Policy field", func(c Case) []string { return []string{vocab.Label(KindField, c.Field)} }},
		{"Period", func(c Case) []string { return []string{c.Period.String()} }},
		{"Levels", func(c Case) []string { return labels(vocab, KindLevel, c.Levels) }},
		{"Direction", func(c Case) []string { return labels(vocab, KindDirection, c.Directions) }},
		{"Mechanisms", func(c Case) []string { return labels(vocab, KindMechanism, c.Mechanisms) }},
		{"Instruments", func(c Case) []string { return c.Instruments }},
		{"Provenance", func(c Case) []string { return []string{vocab.Label(KindProvenance, c.Provenance)} }},
	}
	var rows []AttributeRow
	for _, a := range attrs {
		row := AttributeRow{Name: a.name}
		for _, col := range cols {
			var values []string
			for _, c := range col.Cases {
				for _, v := range a.get(c) {
					if v != "" && !slices.Contains(values, v) {
						values = append(values, v)
					}
				}
			}
			if len(col.Cases) > 1 {
				// A group's values are a set: sorted, so that equal sets read (and compare) equal.
				slices.Sort(values)
			}
			row.Values = append(row.Values, strings.Join(values, ", "))
		}
		row.Differs, row.Odd = oddOnes(row.Values)
		rows = append(rows, row)
	}
	return rows
}

// oddOnes marks the values that differ from the most common one; when no
// value is shared, every value is odd. differs is false when all agree.
func oddOnes(values []string) (differs bool, odd []bool) {
	count := map[string]int{}
	common, best := "", 0
	for _, v := range values {
		count[v]++
		if count[v] > best {
			common, best = v, count[v]
		}
	}
	odd = make([]bool, len(values))
	for i, v := range values {
		odd[i] = len(count) > 1 && (best == 1 || v != common)
		differs = differs || odd[i]
	}
	return differs, odd
}

func labels(vocab Vocabulary, kind string, values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = vocab.Label(kind, v)
	}
	return out
}

// columnAnnotations loads the anchored annotations of every compared case.
func columnAnnotations(ctx context.Context, tx *sql.Tx, cols []Column) (map[string][]Annotation, error) {
	out := map[string][]Annotation{}
	for _, col := range cols {
		for _, c := range col.Cases {
			if _, done := out[c.ID]; done {
				continue
			}
			list, err := queryAnnotations(ctx, tx, `WHERE a.case_id = ? AND a.orphaned = 0`, c.ID)
			if err != nil {
				return nil, err
			}
			out[c.ID] = list
		}
	}
	return out, nil
}

// sectionRows puts each chosen section of each column side by side.
func sectionRows(cmp Comparison, t Template, cols []Column, annotations map[string][]Annotation, notes map[string]*RowNote) []Row {
	var rows []Row
	for _, sec := range t {
		if len(cmp.Sections) > 0 && !slices.Contains(cmp.Sections, sec.Key) {
			continue
		}
		row := Row{Key: sec.Key, Heading: sec.Heading, Note: notes[sec.Key]}
		shared := true
		for _, col := range cols {
			cell := Cell{Parts: []Part{}}
			for _, c := range col.Cases {
				if text := c.Text(sec.Key); text != "" {
					cell.Parts = append(cell.Parts, Part{CaseID: c.ID, CaseTitle: c.Title, Text: text,
						Annotations: inSection(annotations[c.ID], sec.Key)})
				}
			}
			shared = shared && len(cell.Parts) > 0
			row.Cells = append(row.Cells, cell)
		}
		if shared || !cmp.OnlyShared {
			rows = append(rows, row)
		}
	}
	return rows
}

func inSection(list []Annotation, key string) []Annotation {
	out := []Annotation{}
	for _, a := range list {
		if a.Section == key {
			out = append(out, a)
		}
	}
	return out
}

// codeRows counts, per code, the highlights in each column.
func codeRows(ctx context.Context, tx *sql.Tx, cols []Column, annotations map[string][]Annotation) ([]CodeRow, error) {
	codes, err := queryCodes(ctx, tx, "")
	if err != nil {
		return nil, err
	}
	var rows []CodeRow
	for _, code := range treeOrder(codes) {
		row := CodeRow{Code: code, Counts: make([]int, len(cols))}
		any := false
		for i, col := range cols {
			for _, c := range col.Cases {
				for _, a := range annotations[c.ID] {
					if slices.Contains(a.Codes, code.ID) {
						row.Counts[i]++
						any = true
					}
				}
			}
		}
		if any {
			rows = append(rows, row)
		}
	}
	return rows, nil
}
