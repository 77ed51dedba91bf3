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

//go:embed catalogue.yaml cases/*.md
var files embed.FS

// frame is catalogue.yaml: the seed version, template and vocabularies.
type frame struct {
	Version      string                  `yaml:"version"`
	Template     store.Template          `yaml:"template"`
	Vocabularies map[string][]store.Term `yaml:"vocabularies"`
}

// Load applies the embedded seed set to st unless its version is already
// there; loading twice changes nothing. It reports whether it changed anything.
func Load(ctx context.Context, st *store.Store) (bool, error) {
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
