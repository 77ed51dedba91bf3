package exchange

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"casebook/store"
)

// WriteCase writes c as a case file that ParseCase reads back to the same case.
func WriteCase(w io.Writer, c store.Case, t store.Template) error {
	b := bufio.NewWriter(w)
	b.WriteString("---\n")
	field := func(key, value string) {
		if value != "" {
			fmt.Fprintf(b, "%s: %s\n", key, yamlScalar(value))
		}
	}
	list := func(key string, values []string) {
		if len(values) > 0 {
			items := make([]string, len(values))
			for i, v := range values {
				items[i] = yamlScalar(v)
			}
			fmt.Fprintf(b, "%s: [%s]\n", key, strings.Join(items, ", "))
		}
	}
	field("id", c.ID)
	field("title", c.Title)
	field("country", c.Country)
	field("region", c.Region)
	field("field", c.Field)
	writePeriod(b, c.Period)
	list("levels", c.Levels)
	list("direction", c.Directions)
	list("mechanisms", c.Mechanisms)
	list("instruments", c.Instruments)
	list("authors", c.Authors)
	field("institution", c.Institution)
	field("provenance", c.Provenance)
	b.WriteString("sources:\n")
	for _, s := range c.Sources {
		fmt.Fprintf(b, "  - title: %s\n    url: %s\n", yamlScalar(s.Title), yamlScalar(s.URL))
	}
	b.WriteString("---\n")
	for _, sec := range t {
		if text := c.Text(sec.Key); text != "" {
			fmt.Fprintf(b, "\n## %s\n\n%s\n", sec.Heading, text)
		}
	}
	return b.Flush()
}

func writePeriod(b *bufio.Writer, p store.Period) {
	switch {
	case p.Start == 0:
	case p.End == 0:
		fmt.Fprintf(b, "period: {start: %d}\n", p.Start)
	default:
		fmt.Fprintf(b, "period: {start: %d, end: %d}\n", p.Start, p.End)
	}
}

// plainScalar is text YAML reads back as the same string without quotes.
var (
	plainScalar = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N} ._/()-]*[\p{L}\p{N}.)]$|^[\p{L}\p{N}]$`)
	plainURL    = regexp.MustCompile(`^https?://[^\s#"'{}\[\],]+$`)
	yamlWords   = regexp.MustCompile(`^(?i:true|false|yes|no|on|off|null|y|n|~)$|^[-+.0-9 eE_:]+$`)
)

// yamlScalar quotes a value only when YAML would otherwise read it differently.
func yamlScalar(s string) string {
	if (plainScalar.MatchString(s) || plainURL.MatchString(s)) && !yamlWords.MatchString(s) {
		return s
	}
	return strconv.Quote(s)
}
