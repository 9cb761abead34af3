package mcu

import (
	"encoding/json"
	"strings"
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
		{IncludeDir{Flag: "-I", Dir: "include"}, `{"flag":"-I","dir":"include"}`},
		{Functions{Entry: "e", Section: "xdp", Functions: []Function{}}, `{"entry":"e","section":"xdp","functions":[]}`},
		{Functions{Entry: "e", Section: "xdp", Functions: []Function{}, Repo: "../r", IncludeDirs: []IncludeDir{{Flag: "-I", Dir: "."}}},
			`{"entry":"e","section":"xdp","functions":[],"repo":"../r","include_dirs":[{"flag":"-I","dir":"."}]}`},
		{InnerShape{Source: ShapeProgram, Type: "BPF_MAP_TYPE_HASH", KeyType: "struct k", ValueType: "struct v", KeySize: 8, ValueSize: 20, MaxEntries: 1,
			Sites: []Location{{File: "a.c", Line: 3}}, Reason: "r"},
			`{"source":"program","type":"BPF_MAP_TYPE_HASH","key_type":"struct k","value_type":"struct v","key_size":8,"value_size":20,"max_entries":1,"sites":[{"file":"a.c","line":3}],"reason":"r"}`},
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

func TestParseInnerShape(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want InnerShape
		err  string
	}{
		{"hash:8:32", InnerShape{Source: ShapeUser, Type: "BPF_MAP_TYPE_HASH", KeySize: 8, ValueSize: 32, MaxEntries: 1}, ""},
		{"LRU_HASH:16:24:1024", InnerShape{Source: ShapeUser, Type: "BPF_MAP_TYPE_LRU_HASH", KeySize: 16, ValueSize: 24, MaxEntries: 1024}, ""},
		{"BPF_MAP_TYPE_ARRAY:4:8", InnerShape{Source: ShapeUser, Type: "BPF_MAP_TYPE_ARRAY", KeySize: 4, ValueSize: 8, MaxEntries: 1}, ""},
		{"hash:8", InnerShape{}, "want TYPE:KEY_SIZE:VALUE_SIZE"},
		{"hash:8:32:1:2", InnerShape{}, "want TYPE:KEY_SIZE:VALUE_SIZE"},
		{"hashy:8:32", InnerShape{}, "unknown map type"},
		{"array_of_maps:4:4", InnerShape{}, "cannot be an inner map"},
		{"hash:0:32", InnerShape{}, "not a positive size"},
		{"hash:8:-1", InnerShape{}, "not a positive size"},
	} {
		got, err := ParseInnerShape(tc.in)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%q: error %v; want %q", tc.in, err, tc.err)
		case tc.err == "" && err != nil:
			t.Errorf("%q: %v", tc.in, err)
		case tc.err == "" && (got.Source != tc.want.Source || got.Type != tc.want.Type || got.KeySize != tc.want.KeySize ||
			got.ValueSize != tc.want.ValueSize || got.MaxEntries != tc.want.MaxEntries):
			t.Errorf("%q = %+v; want %+v", tc.in, got, tc.want)
		}
	}
}
