package mcu

import (
	"encoding/json"
	"testing"
)

// The JSON field names are the contract between stages (docs/formats.md): changing one breaks
// every reader of existing MCU directories.
func TestJSONFields(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want string
	}{
		{Function{Name: "f", File: "a.c", StartLine: 1, EndLine: 2, MCUStartLine: 3, MCUEndLine: 4},
			`{"name":"f","file":"a.c","start_line":1,"end_line":2,"static":false,"inline":false,"mcu_start_line":3,"mcu_end_line":4}`},
		{Usage{Function: "f", Access: "read"}, `{"function":"f","access":"read"}`},
		{Warning{Kind: "k", Severity: "info", Symbol: "s", Message: "m", Candidates: []Location{{File: "a.c", Line: 1}}},
			`{"kind":"k","severity":"info","symbol":"s","message":"m","candidates":[{"file":"a.c","line":1}]}`},
	} {
		b, err := json.Marshal(tc.v)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != tc.want {
			t.Errorf("%T: got %s, want %s", tc.v, b, tc.want)
		}
	}
	w := Warning{Kind: "user-space-map", Severity: "warning", File: "m.h", Line: 3, Message: "fill it", Action: "pin it"}
	if got, want := w.String(), "m.h:3: warning: fill it [user-space-map]\n  action: pin it"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
