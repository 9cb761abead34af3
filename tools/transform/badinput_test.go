package transform

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opened-ebpf/opened/tools/mcu"
)

// TestBadInput: not a unit, an unknown hook, a port to the hook the unit is at: a clear error
// and nothing written.
func TestBadInput(t *testing.T) {
	unit := unitFromC(t, filepath.Join("nf", "counters", "prog.c"))
	for _, tc := range []struct {
		name, unit, to string
		want           string
		typed          any
	}{
		{"no unit", filepath.Join(t.TempDir(), "nope"), "tc-ingress", "no such unit directory", new(*mcu.FormatError)},
		{"not a unit", t.TempDir(), "tc-ingress", "not an OPENED unit directory (no functions.json)", new(*mcu.FormatError)},
		{"unknown hook", unit, "tc", `--to "tc": unknown hook; use tc-ingress, tc-egress or xdp`, new(*UsageError)},
		{"same hook", unit, "xdp", "count_main is already a XDP program (section \"xdp\"); nothing to port", new(*UsageError)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "port")
			_, err := Run(context.Background(), Options{Unit: tc.unit, To: tc.to, Out: out})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			switch target := tc.typed.(type) {
			case **mcu.FormatError:
				if !errors.As(err, target) {
					t.Errorf("%T is not a *mcu.FormatError", err)
				}
			case **UsageError:
				if !errors.As(err, target) {
					t.Errorf("%T is not a *UsageError", err)
				}
			}
			if exists(out) {
				t.Errorf("%s was written", out)
			}
		})
	}
}
