// Package seeds is the starter catalogue that ships inside Casebook: the case
// template, the controlled vocabularies and the seeded case files, loaded
// into a catalogue through the store's public API.
package seeds

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"

	"casebook/app/exchange"
	"casebook/store"

	"go.yaml.in/yaml/v3"
)

//go:embed catalogue.yaml codebook.yaml cases/*.md
var files embed.FS

// frame is catalogue.yaml: the seed version, template and vocabularies.
type frame struct {
	Version      string                  `yaml:"version"`
	Template     store.Template          `yaml:"template"`
	Vocabularies map[string][]store.Term `yaml:"vocabularies"`
}

// Load applies the embedded seed set and starter codebook to st unless their
// versions are already there; loading twice changes nothing. It reports
// whether it changed anything.
func Load(ctx context.Context, st *store.Store) (bool, error) {
	cases, err := loadCases(ctx, st)
	if err != nil {
		return false, err
	}
	version, codes, err := Codebook()
	if err != nil {
		return false, err
	}
	codebook, err := st.ApplyCodebook(ctx, version, codes)
	return cases || codebook, err
}

func loadCases(ctx context.Context, st *store.Store) (bool, error) {
	current, err := st.SeedVersion(ctx)
	if err != nil {
		return false, err
	}
	if v, err := Version(); err != nil || v == current {
		return false, err
	}
	seed, err := Read()
	if err != nil {
		return false, err
	}
	return st.ApplySeed(ctx, seed)
}

// seedCode is one code of codebook.yaml, with its sub-codes.
type seedCode struct {
	Key         string     `yaml:"key"`
	Name        string     `yaml:"name"`
	Color       string     `yaml:"color"`
	Description string     `yaml:"description"`
	Children    []seedCode `yaml:"children"`
}

// Codebook reads the starter codebook: its version and its codes, parents
// before children, keyed by path ("mechanism/hierarchy").
func Codebook() (string, []store.SeedCode, error) {
	var book struct {
		Version string     `yaml:"version"`
		Codes   []seedCode `yaml:"codes"`
	}
	data, err := files.ReadFile("codebook.yaml")
	if err == nil {
		err = yaml.Unmarshal(data, &book)
	}
	if err == nil && book.Version == "" {
		err = errors.New("no version")
	}
	if err != nil {
		return "", nil, fmt.Errorf("seeds: codebook.yaml: %w", err)
	}
	var out []store.SeedCode
	var walk func(parent string, codes []seedCode)
	walk = func(parent string, codes []seedCode) {
		for i, c := range codes {
			key := c.Key
			if parent != "" {
				key = parent + "/" + c.Key
			}
			out = append(out, store.SeedCode{Key: key, ParentKey: parent, Name: c.Name, Color: c.Color,
				Description: c.Description, Position: i})
			walk(key, c.Children)
		}
	}
	walk("", book.Codes)
	return book.Version, out, nil
}

// Version is the version of the embedded seed set.
func Version() (string, error) {
	f, err := readFrame()
	return f.Version, err
}

func readFrame() (frame, error) {
	var f frame
	data, err := files.ReadFile("catalogue.yaml")
	if err == nil {
		err = yaml.Unmarshal(data, &f)
	}
	if err == nil && f.Version == "" {
		err = errors.New("no version")
	}
	if err != nil {
		return frame{}, fmt.Errorf("seeds: catalogue.yaml: %w", err)
	}
	return f, nil
}

// Read parses the embedded seed set: the frame and every case file.
func Read() (store.Seed, error) {
	f, err := readFrame()
	if err != nil {
		return store.Seed{}, err
	}
	seed := store.Seed{Version: f.Version, Template: f.Template, Vocabulary: f.Vocabularies}
	rules := exchange.Rules{Template: f.Template, Vocabulary: f.Vocabularies}
	names, err := fs.Glob(files, "cases/*.md")
	if err != nil {
		return store.Seed{}, err
	}
	sort.Strings(names)
	for _, name := range names {
		data, err := files.ReadFile(name)
		if err != nil {
			return store.Seed{}, err
		}
		c, err := exchange.ParseCase(path.Join("seeds", name), data, rules)
		if err != nil {
			return store.Seed{}, fmt.Errorf("seeds: %w", err)
		}
		seed.Cases = append(seed.Cases, c)
	}
	return seed, nil
}
