package cli_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"casebook/app/cli"
	"casebook/app/exchange"
	"casebook/store/storetest"
)

// BenchmarkImport10000 imports a folder of 10,000 generated case files into
// a fresh catalogue, as "casebook import DIR" does: read, parse, check, store.
func BenchmarkImport10000(b *testing.B) {
	g, err := storetest.NewGenerator(2)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for _, c := range g.Cases(10000) {
		var buf bytes.Buffer
		if err := exchange.WriteCase(&buf, c, g.Seed().Template); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, c.ID+".md"), buf.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		inv := cli.Invocation{DB: filepath.Join(b.TempDir(), fmt.Sprintf("c%d.db", i)), Command: "import", Args: []string{dir}}
		var out, errOut bytes.Buffer
		if code := cli.Run(b.Context(), inv, &out, &errOut); code != 0 {
			b.Fatalf("exit %d: %s", code, errOut.String())
		}
	}
}
