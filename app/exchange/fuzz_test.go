package exchange_test

import (
	"bytes"
	"errors"
	"testing"

	"casebook/app/exchange"
	"casebook/store"
)

// FuzzParseCase feeds the case-file parser arbitrary bytes: it must never
// panic, must reject with ErrInvalid, and a case it accepts must survive a
// write and a second parse unchanged.
func FuzzParseCase(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte("---\nid: x\n---\n"))
	f.Add([]byte("\uFEFF---\r\nid: a\r\ntitle: t\r\ncountry: NO\r\nfield: health\r\nsources: [{title: s, url: https://x.org}]\r\n---\r\n## Abstract\r\nx\r\n"))
	f.Add([]byte("---\n: : :\n---\n## Abstract {#abstract}\n"))
	f.Add([]byte{0xff, 0xfe, '-', '-', '-'})
	r := rules(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := exchange.ParseCase("fuzz.md", data, r)
		if err != nil {
			if !errors.Is(err, store.ErrInvalid) {
				t.Fatalf("error is not ErrInvalid: %v", err)
			}
			return
		}
		var b bytes.Buffer
		if err := exchange.WriteCase(&b, c, r.Template); err != nil {
			t.Fatal(err)
		}
		back, err := exchange.ParseCase("back.md", b.Bytes(), r)
		if err != nil {
			t.Fatalf("a written case does not parse: %v\n%s", err, b.String())
		}
		var again bytes.Buffer
		exchange.WriteCase(&again, back, r.Template)
		if again.String() != b.String() {
			t.Fatalf("round trip changed the case:\n%s\n---\n%s", b.String(), again.String())
		}
	})
}
