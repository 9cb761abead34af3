package hook

import "testing"

func TestEquivalent(t *testing.T) {
	xdp, _ := ForSection("xdp")
	tc, _ := ForSection("tc")
	tcx, _ := ForSection("tcx/ingress")
	for _, c := range []struct {
		ha   Hook
		a    int32
		hb   Hook
		b    int32
		want bool
	}{
		{xdp, 2, tc, 0, true},   // PASS ~ OK
		{xdp, 2, tc, -1, true},  // PASS ~ UNSPEC
		{xdp, 2, tcx, -1, true}, // PASS ~ TCX_NEXT
		{xdp, 1, tc, 2, true},   // DROP ~ SHOT
		{xdp, 0, tc, 2, true},   // ABORTED ~ SHOT
		{xdp, 3, tc, 7, true},   // TX ~ REDIRECT
		{xdp, 4, tc, 7, true},   // REDIRECT ~ REDIRECT
		{tc, 7, xdp, 3, true},   // either way round
		{xdp, 2, tc, 2, false},  // PASS vs SHOT
		{xdp, 1, tc, 0, false},  // DROP vs OK
		{xdp, 3, tc, 0, false},  // TX vs OK
		{xdp, 99, tc, 2, true},  // unknown XDP value aborts
		{xdp, 99, tc, 0, false},
		{tc, 42, tc, -1, true},  // unknown cls value is UNSPEC
		{xdp, 1, xdp, 0, false}, // same hook: DROP and ABORTED differ
		{xdp, 2, xdp, 2, true},
		{tc, 0, tc, -1, false}, // OK vs UNSPEC at the same hook
	} {
		got, rule := Equivalent(c.ha, c.ha.Verdict(c.a), c.hb, c.hb.Verdict(c.b))
		if got != c.want {
			t.Errorf("Equivalent(%s %v, %s %v) = %v (%s), want %v", c.ha.Section, c.ha.Verdict(c.a), c.hb.Section, c.hb.Verdict(c.b), got, rule, c.want)
		}
	}
}
