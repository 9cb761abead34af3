package cfront

import "testing"

func TestLineDirectivesMapToPhysicalLines(t *testing.T) {
	src := []byte("a\nb\n#line 3 \"rules.r\"\nc\nd\n#line 2 \"rules.r\"\ne\n# 40 \"other.r\"\nf\n")
	rs := lineRegions("gen.c", src)
	tests := []struct {
		file       string
		line, hint int
		want       int
	}{
		{"gen.c", 2, 0, 2},   // before any #line
		{"rules.r", 3, 3, 4}, // first #line region
		{"rules.r", 4, 4, 5},
		{"rules.r", 3, 6, 8}, // presumed line 3 again, after the second #line
		{"other.r", 40, 8, 9},
	}
	for _, tc := range tests {
		if got := physLine(rs, "gen.c", tc.file, tc.line, tc.hint); got != tc.want {
			t.Errorf("physLine(%s:%d, hint %d) = %d; want %d", tc.file, tc.line, tc.hint, got, tc.want)
		}
	}
}
