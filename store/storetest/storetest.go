// Package storetest generates large, realistic catalogues for benchmarks:
// cases whose words are drawn from the seeded catalogue's own text, so that
// word frequencies, diacritics and section lengths look like real cases.
package storetest

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"casebook/seeds"
	"casebook/store"
)

// Generator makes synthetic cases; the same seed gives the same cases.
type Generator struct {
	rng   *rand.Rand
	words []string
	zipf  *rand.Zipf
	seed  store.Seed
}

// NewGenerator reads the embedded seed set and prepares a generator.
func NewGenerator(seed uint64) (*Generator, error) {
	s, err := seeds.Read()
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, c := range s.Cases {
		for _, sec := range c.Sections {
			for _, w := range strings.Fields(sec.Text) {
				counts[strings.Trim(w, ".,;:()\"'")]++
			}
		}
	}
	words := make([]string, 0, len(counts))
	for w := range counts {
		if w != "" {
			words = append(words, w)
		}
	}
	// Sort by frequency so that the Zipf draw makes common words common.
	sortByCount(words, counts)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	return &Generator{rng: rng, words: words, zipf: rand.NewZipf(rng, 1.1, 2, uint64(len(words)-1)), seed: s}, nil
}

func sortByCount(words []string, counts map[string]int) {
	for i := 1; i < len(words); i++ {
		for j := i; j > 0 && (counts[words[j]] > counts[words[j-1]] ||
			counts[words[j]] == counts[words[j-1]] && words[j] < words[j-1]); j-- {
			words[j], words[j-1] = words[j-1], words[j]
		}
	}
}

// Seed is the seed set the generator draws its frame from (template, vocabularies).
func (g *Generator) Seed() store.Seed { return g.seed }

// Cases makes n cases with ids gen-00001 ...
func (g *Generator) Cases(n int) []store.Case {
	out := make([]store.Case, n)
	for i := range out {
		out[i] = g.Case(i)
	}
	return out
}

// Case makes the i-th synthetic case: every section filled with 60 to 160 words.
func (g *Generator) Case(i int) store.Case {
	real := g.seed.Cases[g.rng.IntN(len(g.seed.Cases))]
	c := real
	c.ID = fmt.Sprintf("gen-%05d", i)
	c.Title = g.sentence(4+g.rng.IntN(8), false)
	c.Provenance = "related"
	start := 1995 + g.rng.IntN(25)
	c.Period = store.Period{Start: start, End: start + g.rng.IntN(10)}
	c.Sections = nil
	for _, sec := range g.seed.Template {
		c.Sections = append(c.Sections, store.Section{Key: sec.Key, Text: g.paragraphs()})
	}
	return c
}

func (g *Generator) paragraphs() string {
	n := 1 + g.rng.IntN(3)
	paras := make([]string, n)
	for i := range paras {
		paras[i] = g.sentence(20+g.rng.IntN(40), true)
	}
	return strings.Join(paras, "\n\n")
}

func (g *Generator) sentence(n int, stop bool) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.words[g.zipf.Uint64()]
	}
	s := strings.Join(ws, " ")
	if stop {
		s += "."
	}
	return s
}
