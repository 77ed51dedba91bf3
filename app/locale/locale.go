// Package locale mends, before Fyne starts, a locale setting that Fyne's
// language lookup cannot parse: with LANG=C.UTF-8 (the default of many
// containers and minimal systems) it reads the language "C" and logs an error
// on every start, even for command-line use. Import it for its side effect,
// before Fyne: Go initialises casebook/... before fyne.io/... when both are ready.
package locale

import (
	"os"
	"strings"
)

func init() {
	Mend(os.Getenv, os.Setenv)
}

// Mend sets LANGUAGE=en when the effective locale is the C or POSIX locale
// with an encoding suffix and LANGUAGE is unset. LANGUAGE only chooses the
// language of translated messages, so nothing else changes.
func Mend(getenv func(string) string, setenv func(string, string) error) {
	effective := ""
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if effective = getenv(name); effective != "" {
			break
		}
	}
	base, _, hasSuffix := strings.Cut(effective, ".")
	if hasSuffix && (base == "C" || base == "POSIX") && getenv("LANGUAGE") == "" {
		setenv("LANGUAGE", "en")
	}
}
