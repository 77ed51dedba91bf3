package exchange_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"unicode/utf8"

	"casebook/app/exchange"
	"casebook/store"
)

// FuzzReadQDPX feeds damaged project.qde files (zipped with the texts of a
// real export) to the importer: it must never panic, and what it accepts must
// be what the store can take: every highlight inside its section, every memo
// within the store's 1 MB. Damaged zips are covered by the tests above; here
// the fuzzer spends its time on the XML, where the interpreting is.
func FuzzReadQDPX(f *testing.F) {
	st := openCatalogue(f)
	p, err := exchange.LoadProject(context.Background(), st)
	if err != nil {
		f.Fatal(err)
	}
	p.Cases = p.Cases[:2]
	var b bytes.Buffer
	if _, err := exchange.WriteQDPX(&b, p); err != nil {
		f.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		f.Fatal(err)
	}
	files := map[string][]byte{}
	for _, file := range zr.File {
		rc, _ := file.Open()
		var data bytes.Buffer
		data.ReadFrom(rc)
		files[file.Name] = data.Bytes()
	}
	f.Add(files["project.qde"])
	f.Add([]byte(`<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Notes><Note guid="00000000-0000-0000-0000-000000000001"/></Notes></Project>`))
	r := rules(f)
	f.Fuzz(func(t *testing.T, qde []byte) {
		var archive bytes.Buffer
		zw := zip.NewWriter(&archive)
		for name, data := range files {
			if name == "project.qde" {
				data = qde
			}
			w, _ := zw.Create(name)
			w.Write(data)
		}
		zw.Close()
		got, _, err := exchange.ReadQDPX(bytes.NewReader(archive.Bytes()), int64(archive.Len()), r)
		if err != nil {
			return
		}
		for _, cn := range got.Cases {
			for _, a := range cn.Annotations {
				n := utf8.RuneCountInString(cn.Case.Text(a.Section))
				if a.Start < 0 || a.End > n || a.Start >= a.End {
					t.Errorf("case %s: highlight %d-%d outside section %s (%d characters)", cn.Case.ID, a.Start, a.End, a.Section, n)
				}
				if len(a.Memo) > 1<<20 {
					t.Errorf("case %s: a memo of %d bytes was accepted", cn.Case.ID, len(a.Memo))
				}
			}
		}
		// Stored: all of it or nothing, and a second time nothing new.
		before := projectState(t, st)
		if _, err := exchange.SaveProject(context.Background(), st, got); err != nil {
			if projectState(t, st) != before {
				t.Fatalf("a project refused (%v) changed the catalogue", err)
			}
			return
		}
		again, err := exchange.SaveProject(context.Background(), st, got)
		if err != nil || again.Codes+again.Highlights+again.Memos != 0 {
			t.Fatalf("the same project again: %+v, %v", again, err)
		}
		if err := st.Check(context.Background()); err != nil {
			t.Fatal(err)
		}
	})
}

// projectState is every case, code and note of the catalogue, as text.
func projectState(t *testing.T, st *store.Store) string {
	p, err := exchange.LoadProject(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(p)
	return string(data)
}
