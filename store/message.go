package store

import (
	"errors"
	"strings"
)

// Message renders an error from the store for a person: without the
// "store:" package prefix and without the sentinel's own name, which the
// sentence already says in words.
func Message(err error) string {
	msg := err.Error()
	for _, sentinel := range []error{ErrNotFound, ErrConflict, ErrInvalid} {
		if errors.Is(err, sentinel) {
			msg = strings.ReplaceAll(msg, ": "+sentinel.Error(), "")
		}
	}
	return strings.ReplaceAll(msg, "store: ", "")
}
