package report

import (
	"bytes"
	"compress/zlib"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// renderPDF writes r and fails the test on error.
func renderPDF(t testing.TB, r Report, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, opt); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// savePDF writes data to a file in the test's temporary directory.
func savePDF(t testing.TB, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// poppler runs a poppler-utils tool. The tests read real PDF bytes back
// with the tools a reader would use, so they need them and say so clearly.
func poppler(t testing.TB, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s not found: these tests need poppler-utils (apt-get install poppler-utils)", name)
	}
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// pdfText is the text of pages first..last (0 = to the end) as pdftotext
// gives it.
func pdfText(t testing.TB, path string, first, last int) string {
	t.Helper()
	args := []string{"-enc", "UTF-8"}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first))
	}
	if last > 0 {
		args = append(args, "-l", strconv.Itoa(last))
	}
	return poppler(t, "pdftotext", append(args, path, "-")...)
}

// pdfInfo is pdfinfo's output as a map from field to value.
func pdfInfo(t testing.TB, path string) map[string]string {
	t.Helper()
	info := map[string]string{}
	for _, l := range strings.Split(poppler(t, "pdfinfo", path), "\n") {
		k, v, ok := strings.Cut(l, ":")
		if ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	return info
}

func pageCount(t testing.TB, path string) int {
	t.Helper()
	n, err := strconv.Atoi(pdfInfo(t, path)["Pages"])
	if err != nil {
		t.Fatalf("pdfinfo pages: %v", err)
	}
	return n
}

// word is one word as pdftotext -bbox places it, in points from the top
// left of its page.
type word struct {
	page                   int
	xMin, yMin, xMax, yMax float64
	text                   string
}

var (
	pageRE = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	wordRE = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
)

// pdfWords returns every word of the document with its page and box, and
// the page height in points.
func pdfWords(t testing.TB, path string) ([]word, float64) {
	t.Helper()
	out := poppler(t, "pdftotext", "-bbox", "-enc", "UTF-8", path, "-")
	var words []word
	page, height := 0, 0.0
	for _, l := range strings.Split(out, "\n") {
		if m := pageRE.FindStringSubmatch(l); m != nil {
			page++
			height = atof(t, m[2])
			continue
		}
		if m := wordRE.FindStringSubmatch(l); m != nil {
			words = append(words, word{page, atof(t, m[1]), atof(t, m[2]), atof(t, m[3]), atof(t, m[4]), html.UnescapeString(m[5])})
		}
	}
	return words, height
}

func atof(t testing.TB, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// contentStreams inflates every compressed stream of the PDF: the page
// contents, where the drawing operators can be checked.
func contentStreams(t testing.TB, data []byte) string {
	t.Helper()
	var all strings.Builder
	rest := data
	for {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			break
		}
		rest = rest[i+len("stream\n"):]
		j := bytes.Index(rest, []byte("endstream"))
		if j < 0 {
			break
		}
		if zr, err := zlib.NewReader(bytes.NewReader(rest[:j])); err == nil {
			b, _ := io.ReadAll(zr)
			all.Write(b)
		}
		rest = rest[j+len("endstream"):]
	}
	return all.String()
}

const mmToPt = 72 / 25.4
