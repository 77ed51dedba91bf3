package storetest

import (
	"context"
	"testing"

	"casebook/store"
)

// WithoutCodes deletes every code, as a user who does not want the starter
// codebook would, so that a test sees only the codes it makes itself.
func WithoutCodes(tb testing.TB, st *store.Store) {
	tb.Helper()
	codes, err := st.Codes(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	for _, c := range codes {
		if err := st.DeleteCode(context.Background(), c.ID); err != nil {
			tb.Fatal(err)
		}
	}
}
