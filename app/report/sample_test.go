package report

import (
	"flag"
	"os"
	"testing"
)

var samplePath = flag.String("sample", "", "write sample reports (2 and 4 columns, countries) to this path + -NAME.pdf, for looking at")

// TestSample writes sample reports when -sample is given; it is how the
// layout is checked by eye (pdftoppm -png -r 60).
func TestSample(t *testing.T) {
	if *samplePath == "" {
		t.Skip("no -sample path")
	}
	for name, r := range map[string]Report{
		"2":       sampleReport(2, 8, 250),
		"4":       sampleReport(4, 8, 250),
		"country": countryReport(),
	} {
		f, err := os.Create(*samplePath + "-" + name + ".pdf")
		if err != nil {
			t.Fatal(err)
		}
		if err := Write(f, r, Options{}); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
