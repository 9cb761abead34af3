package cfront

import (
	"slices"
	"strings"
	"testing"
)

// TestBaseFlagsAfterUserDirs: no base flag adds a directory searched before the user's -I
// directories (the multiarch directory and the shim come with -idirafter).
func TestBaseFlagsAfterUserDirs(t *testing.T) {
	for i, f := range BaseFlags {
		if strings.HasPrefix(f, "-I") || f == "-isystem" || strings.HasPrefix(f, "-isystem") {
			t.Errorf("BaseFlags[%d] = %q: searched before the user's -I directories; want -idirafter", i, f)
		}
	}
	if d := multiarchDir(); d != "" {
		i := slices.Index(BaseFlags, d)
		if i < 1 || BaseFlags[i-1] != "-idirafter" {
			t.Errorf("BaseFlags = %q: want -idirafter %s", BaseFlags, d)
		}
	}
	if got := afterUserDirs(""); got != nil {
		t.Errorf("afterUserDirs(\"\") = %q; want none", got)
	}
}
