package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"casebook/app/exchange"
	"casebook/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// errNoStore is what the exchange menus say over a catalogue they cannot
// read whole (only tests build the window over something else).
var errNoStore = errors.New("this catalogue cannot be exported or imported whole")

// fullStore is the catalogue as the exchange formats need it: all of it.
func (m *Main) fullStore() (*store.Store, error) {
	if st, ok := m.cat.(*store.Store); ok {
		return st, nil
	}
	return nil, errNoStore
}

// exchangeMenu is File > Export and the REFI-QDA import.
func (m *Main) exchangeMenu() []*fyne.MenuItem {
	export := fyne.NewMenuItem("Export", nil)
	export.ChildMenu = fyne.NewMenu("",
		fyne.NewMenuItem("Case files (Markdown)…", func() { m.exportTo("cases", "", m.writeMarkdown) }),
		fyne.NewMenuItem("REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder)…", func() { m.exportTo("catalogue", ".qdpx", m.writeQDPX) }),
		fyne.NewMenuItem("CSV for QCA (with code columns)…", func() { m.exportTo("catalogue", ".csv", m.writeCSV) }),
		fyne.NewMenuItem("BibTeX…", func() { m.exportTo("catalogue", ".bib", m.writeCitations(exchange.WriteBibTeXFile)) }),
		fyne.NewMenuItem("RIS…", func() { m.exportTo("catalogue", ".ris", m.writeCitations(exchange.WriteRISFile)) }),
		fyne.NewMenuItem("Annotation pack for a colleague…", func() { m.exportTo("my-notes", ".json", m.writePack) }))
	return []*fyne.MenuItem{fyne.NewMenuItem("Import REFI-QDA project…", m.importQDPX),
		fyne.NewMenuItem("Import a colleague's annotation pack…", m.importPack), export}
}

// exportTo asks where to write (a file with the extension, or a folder when
// ext is "") and writes there in the background.
func (m *Main) exportTo(name, ext string, write func(path string) (string, error)) {
	if ext == "" {
		dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				m.inBackground("Exporting…", func() (string, error) { return write(filepath.Join(u.Path(), name)) })
			}
		}, m.win)
		return
	}
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		os.Remove(path) // written through a temporary file, renamed over it
		if !strings.HasSuffix(strings.ToLower(path), ext) {
			path += ext
		}
		m.inBackground("Exporting…", func() (string, error) { return write(path) })
	}, m.win)
	save.SetFileName(name + ext)
	save.Show()
}

// inBackground runs work off the UI goroutine behind a progress dialog and
// reports its message, or its error, when it is done.
func (m *Main) inBackground(title string, work func() (string, error)) {
	progress := dialog.NewCustomWithoutButtons(title, widget.NewProgressBarInfinite(), m.win)
	progress.Show()
	go func() {
		msg, err := work()
		fyne.Do(func() {
			progress.Hide()
			m.finish(strings.TrimSuffix(title, "…"), msg, err)
		})
	}()
}

// finish reports the end of an export or import and shows its effects.
func (m *Main) finish(title, msg string, err error) {
	if err != nil {
		m.showError(err)
		return
	}
	m.refresh()
	if err := m.reader.notes.reload(); err != nil {
		m.showError(err)
	}
	m.say(strings.SplitN(msg, "\n", 2)[0])
	dialog.ShowInformation(title, msg, m.win)
}

func (m *Main) writeMarkdown(dir string) (string, error) {
	st, err := m.fullStore()
	if err != nil {
		return "", err
	}
	t, err := st.Template(m.ctx)
	if err != nil {
		return "", err
	}
	ids, err := st.CaseIDs(m.ctx)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	for _, id := range ids {
		c, err := st.Case(m.ctx, id)
		if err != nil {
			return "", err
		}
		var b bytes.Buffer
		if err := exchange.WriteCase(&b, c, t); err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(dir, id+".md"), b.Bytes(), 0o644); err != nil {
			return "", err
		}
	}
	return fmt.Sprintf("Exported %d cases to %s", len(ids), dir), nil
}

func (m *Main) project() (exchange.Project, error) {
	st, err := m.fullStore()
	if err != nil {
		return exchange.Project{}, err
	}
	p, err := exchange.LoadProject(m.ctx, st)
	p.Name, p.Origin, p.Created = "Casebook catalogue", m.versionLine(), time.Now()
	return p, err
}

func (m *Main) writeQDPX(path string) (string, error) {
	p, err := m.project()
	if err != nil {
		return "", err
	}
	warnings, err := exchange.WriteQDPXFile(path, p)
	if err != nil {
		return "", err
	}
	msg := fmt.Sprintf("Exported %d cases and %d codes to %s", len(p.Cases), len(p.Codes), path)
	if len(warnings) > 0 {
		msg += fmt.Sprintf("\n%d notes: %s", len(warnings), strings.Join(warnings, "; "))
	}
	return msg, nil
}

func (m *Main) writeCSV(path string) (string, error) {
	p, err := m.project()
	if err != nil {
		return "", err
	}
	if err := exchange.WriteCSVFile(path, p, exchange.CSVOptions{Codes: true}); err != nil {
		return "", err
	}
	return fmt.Sprintf("Exported %d cases to %s", len(p.Cases), path), nil
}

// writeCitations writes every case and its sources with a citation writer.
func (m *Main) writeCitations(write func(string, []store.Case) error) func(string) (string, error) {
	return func(path string) (string, error) {
		st, err := m.fullStore()
		if err != nil {
			return "", err
		}
		ids, err := st.CaseIDs(m.ctx)
		if err != nil {
			return "", err
		}
		var cases []store.Case
		for _, id := range ids {
			c, err := st.Case(m.ctx, id)
			if err != nil {
				return "", err
			}
			cases = append(cases, c)
		}
		if err := write(path, cases); err != nil {
			return "", err
		}
		return fmt.Sprintf("Exported %d cases and their sources to %s", len(cases), path), nil
	}
}

// importQDPX reads a REFI-QDA project written by Casebook into the catalogue.
func (m *Main) importQDPX() { m.openInBackground("Importing…", m.readQDPX) }

// openInBackground asks for a file, then runs work on it in the background.
func (m *Main) openInBackground(title string, work func(path string) (string, error)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		m.inBackground(title, func() (string, error) { return work(path) })
	}, m.win)
	d.Show()
}

func (m *Main) readQDPX(path string) (string, error) {
	st, err := m.fullStore()
	if err != nil {
		return "", err
	}
	rules, err := m.rules()
	if err != nil {
		return "", err
	}
	p, warnings, err := exchange.ReadQDPXFile(path, rules)
	if err != nil {
		return "", err
	}
	got, err := exchange.SaveProject(m.ctx, st, p)
	if err != nil {
		return "", err
	}
	msg := fmt.Sprintf("Imported %d cases, %d codes, %d highlights and %d memos", got.Cases, got.Codes, got.Highlights, got.Memos)
	if len(warnings) > 0 {
		msg += "\nNot imported: " + strings.Join(warnings, "; ")
	}
	return msg, nil
}

func (m *Main) rules() (exchange.Rules, error) {
	t, err := m.cat.Template(m.ctx)
	if err != nil {
		return exchange.Rules{}, err
	}
	v, err := m.cat.Vocabulary(m.ctx)
	return exchange.Rules{Template: t, Vocabulary: v}, err
}

func (m *Main) writePack(path string) (string, error) {
	st, err := m.fullStore()
	if err != nil {
		return "", err
	}
	p, err := st.ExportPack(m.ctx)
	if err != nil {
		return "", err
	}
	err = exchange.WriteAtomic(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(p)
	})
	return fmt.Sprintf("Exported %d codes, %d highlights and %d memos to %s", len(p.Codes), len(p.Annotations), len(p.Memos), path), err
}

// importPack merges a colleague's pack; conflicts are listed, never lost.
func (m *Main) importPack() { m.openInBackground("Merging…", m.mergePack) }

func (m *Main) mergePack(path string) (string, error) {
	st, err := m.fullStore()
	if err != nil {
		return "", err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var p store.Pack
	if err := json.Unmarshal(data, &p); err != nil {
		return "", fmt.Errorf("%s is not a Casebook annotation pack (%v)", filepath.Base(path), err)
	}
	r, err := st.MergePack(m.ctx, p)
	if err != nil {
		return "", err
	}
	msg := fmt.Sprintf("Merged: %d added, %d already here, %d conflicts", r.Added, r.Same, len(r.Conflicts))
	if len(r.Conflicts) > 0 {
		msg += "\n" + strings.Join(r.Conflicts, "\n")
	}
	return msg, nil
}
