package report

import (
	"io"
	"testing"
)

// BenchmarkWrite4Cases is one ordinary export: four cases, the template's
// eight sections, about 250 words per cell.
func BenchmarkWrite4Cases(b *testing.B) {
	benchmarkWrite(b, sampleReport(4, 8, 250))
}

// BenchmarkWriteLarge is 22 comparisons' worth in one report: four columns,
// 8 sections repeated 22 times, 250 words per cell.
func BenchmarkWriteLarge(b *testing.B) {
	benchmarkWrite(b, sampleReport(4, 8*22, 250))
}

func benchmarkWrite(b *testing.B, r Report) {
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, r, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
