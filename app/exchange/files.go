package exchange

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"casebook/store"
)

// maxCaseFile bounds what is read of one file: a case is a few pages.
const maxCaseFile = 4 << 20

// ReadCaseFiles reads and parses case files: the good ones give cases, each
// bad one gives its problems (file:line: message lines) and no case. Two
// files with the same id: the second is refused.
func ReadCaseFiles(paths []string, rules Rules) ([]store.Case, []string) {
	var cases []store.Case
	var problems []string
	seen := map[string]string{}
	for _, path := range paths {
		c, err := readCaseFile(path, rules)
		if err == nil && seen[c.ID] != "" {
			err = fmt.Errorf("%s:1: id %q is also used by %s", path, c.ID, seen[c.ID])
		}
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		seen[c.ID] = path
		cases = append(cases, c)
	}
	return cases, problems
}

func readCaseFile(path string, rules Rules) (store.Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return store.Case{}, fmt.Errorf("%s: %w", path, errors.Unwrap(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxCaseFile+1))
	if err != nil {
		return store.Case{}, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > maxCaseFile {
		return store.Case{}, fmt.Errorf("%s: larger than %d MiB; a case file is a few pages of text", path, maxCaseFile>>20)
	}
	return ParseCase(path, data, rules)
}

// CaseFiles expands folders into the .md files under them, sorted.
func CaseFiles(args []string) ([]string, error) {
	var paths []string
	for _, arg := range args {
		info, err := os.Stat(arg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, errors.Unwrap(err))
		}
		if !info.IsDir() {
			paths = append(paths, arg)
			continue
		}
		var found []string
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".md") {
				found = append(found, p)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		paths = append(paths, found...)
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no case files (*.md) found in %s", strings.Join(args, ", "))
	}
	return paths, nil
}
