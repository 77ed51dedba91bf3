package exchange

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"os"
)

// codebookNamespace is the REFI-QDA codebook exchange format (.qdc): a
// <CodeBook> whose <Code> elements are those of a project, in a namespace of
// their own.
const codebookNamespace = "urn:QDA-XML:codebook:1.0"

// maxCodebook bounds what is read of a .qdc file.
const maxCodebook = 64 << 20

// ReadQDCFile reads a REFI-QDA codebook (.qdc) written by any QDA tool into
// a project that holds only codes (hierarchy, colours, descriptions), for
// SaveProject. Parts it does not understand are returned as warnings.
func ReadQDCFile(path string, rules Rules) (Project, []string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return Project{}, nil, err
	}
	if info.Size() > maxCodebook {
		return Project{}, nil, fmt.Errorf("%s: a codebook of %d MB is too large", path, info.Size()>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Project{}, nil, err
	}
	p, warnings, err := ReadQDC(data, rules)
	if err != nil {
		return Project{}, nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, warnings, nil
}

// ReadQDC reads a REFI-QDA codebook from its XML.
func ReadQDC(data []byte, rules Rules) (Project, []string, error) {
	root, err := parseTree(data)
	if err != nil {
		return Project{}, nil, err
	}
	if root.name != (xml.Name{Space: codebookNamespace, Local: "CodeBook"}) {
		return Project{}, nil, fmt.Errorf("not a REFI-QDA codebook: the root element is <%s> in namespace %q, not <CodeBook> in %q",
			root.name.Local, root.name.Space, codebookNamespace)
	}
	// The codebook's elements are the project's own, in another namespace:
	// read them with the project reader.
	inProjectNamespace(root)
	rd := &qdpxReader{rules: rules, arc: &archive{files: map[string]*zip.File{}, used: map[string]bool{}},
		users: map[string]string{}, codes: map[string]bool{},
		variables: map[string]string{}, notes: map[string]parsedNote{}, noteUsed: map[string]bool{},
		sources: map[string]*xnode{}, sourceUsed: map[string]bool{}, skipped: map[string]int{}}
	rd.p.Template, rd.p.Vocabulary = rules.Template, rules.Vocabulary
	if err := rd.readCodeBook(root); err != nil {
		return Project{}, nil, err
	}
	return rd.p, rd.warnings(), nil
}

func inProjectNamespace(n *xnode) {
	if n.name.Space == codebookNamespace {
		n.name.Space = refiNamespace
	}
	for _, c := range n.children {
		inProjectNamespace(c)
	}
}
