package exchange_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casebook/app/exchange"
	"casebook/store"
)

const qdc = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Another QDA tool">
  <Codes>
    <Code guid="d6a3c3c2-7f41-4f0e-8a55-5b1d2a9e1c01" name="Koordináció" isCodable="false" color="#AA3300">
      <Description>Coordination codes, ő and Ω</Description>
      <Code guid="d6a3c3c2-7f41-4f0e-8a55-5b1d2a9e1c02" name="Hierarchia" isCodable="true" color="#113355"/>
      <Code guid="d6a3c3c2-7f41-4f0e-8a55-5b1d2a9e1c03" name="Hálózat" isCodable="true"/>
    </Code>
  </Codes>
  <Sets><Set guid="d6a3c3c2-7f41-4f0e-8a55-5b1d2a9e1c09" name="a set"/></Sets>
</CodeBook>`

func TestImportARefiCodebook(t *testing.T) {
	ctx := context.Background()
	st := openCatalogue(t)
	path := filepath.Join(t.TempDir(), "book.qdc")
	os.WriteFile(path, []byte(qdc), 0o644)
	p, warnings, err := exchange.ReadQDCFile(path, rules(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) == 0 || !strings.Contains(strings.Join(warnings, " "), "Set") {
		t.Errorf("the set is not reported: %v", warnings)
	}
	if _, err := exchange.SaveProject(ctx, st, p); err != nil {
		t.Fatal(err)
	}
	codes, _ := st.Codes(ctx)
	paths := map[string]store.Code{}
	for _, c := range codes {
		paths[store.CodePath(codes, c.ID)] = c
	}
	top, ok := paths["Koordináció"]
	if !ok || top.Color != "#aa3300" && top.Color != "#AA3300" || !strings.Contains(top.Description, "ő and Ω") {
		t.Errorf("top code: %+v", top)
	}
	if _, ok := paths["Koordináció/Hierarchia"]; !ok {
		t.Errorf("the hierarchy was not kept: %v", paths)
	}
	if _, ok := paths["Koordináció/Hálózat"]; !ok {
		t.Error("a code without a colour was dropped")
	}
	for _, bad := range []string{"<Project xmlns=\"urn:QDA-XML:project:1.0\"/>", "not xml at all", "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes><Code name=\"x\"/></Codes></CodeBook>"} {
		if _, _, err := exchange.ReadQDC([]byte(bad), rules(t)); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}
