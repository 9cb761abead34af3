package loader

import (
	"errors"
	"strings"
	"testing"

	"github.com/cilium/ebpf"

	"github.com/opened-ebpf/opened/tools/mcu"
)

func TestShapeCandidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		shape *mcu.InnerShape
		want  *ebpf.MapSpec // nil: no candidate
		from  string
	}{
		{"none", nil, nil, ""},
		{"unknown", &mcu.InnerShape{Source: mcu.ShapeUnknown, Reason: "void *"}, nil, ""},
		{"no key size", &mcu.InnerShape{Source: mcu.ShapeProgram, ValueSize: 8}, nil, ""},
		{"bad type", &mcu.InnerShape{Source: mcu.ShapeUser, Type: "BPF_MAP_TYPE_NOPE", KeySize: 4, ValueSize: 4}, nil, ""},
		{"program", &mcu.InnerShape{Source: mcu.ShapeProgram, Type: "BPF_MAP_TYPE_HASH", KeySize: 8, ValueSize: 20, MaxEntries: 1,
			Sites: []mcu.Location{{File: "src/lb.c", Line: 34}, {File: "src/lb.c", Line: 40}}},
			&ebpf.MapSpec{Name: "outer_inner", Type: ebpf.Hash, KeySize: 8, ValueSize: 20, MaxEntries: 1},
			"maps.json inner_shape (program: src/lb.c:34, src/lb.c:40)"},
		{"value never read", &mcu.InnerShape{Source: mcu.ShapeProgram, Type: "BPF_MAP_TYPE_HASH", KeySize: 2},
			&ebpf.MapSpec{Name: "outer_inner", Type: ebpf.Hash, KeySize: 2, ValueSize: 1, MaxEntries: 1},
			"maps.json inner_shape (program)"},
		{"user, LRU", &mcu.InnerShape{Source: mcu.ShapeUser, Type: "BPF_MAP_TYPE_LRU_HASH", KeySize: 16, ValueSize: 32, MaxEntries: 64},
			&ebpf.MapSpec{Name: "outer_inner", Type: ebpf.LRUHash, KeySize: 16, ValueSize: 32, MaxEntries: 64},
			"maps.json inner_shape (user)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := shapeCandidate("outer", tc.shape)
			if tc.want == nil {
				if c != nil {
					t.Fatalf("candidate %+v; want none", c.spec)
				}
				return
			}
			if c == nil {
				t.Fatal("no candidate")
			}
			s := c.spec
			if s.Name != tc.want.Name || s.Type != tc.want.Type || s.KeySize != tc.want.KeySize || s.ValueSize != tc.want.ValueSize || s.MaxEntries != tc.want.MaxEntries {
				t.Errorf("candidate %+v; want %+v", s, tc.want)
			}
			if c.from != tc.from {
				t.Errorf("from %q; want %q", c.from, tc.from)
			}
		})
	}
}

func TestInnerMapError(t *testing.T) {
	s := &Spec{Unit: &Unit{
		InnerShapes: map[string]*mcu.InnerShape{
			"known":   {Source: mcu.ShapeProgram, KeySize: 4, ValueSize: 4},
			"tenants": {Source: mcu.ShapeUnknown, Reason: "the key at src/t.c:59 is a const void *"},
			"named":   {Source: mcu.ShapeUnknown},
		},
		InnerMaps: map[string]string{"named": "tmpl"},
		MapDecls:  map[string]mcu.Location{"tenants": {File: "src/t.c", Line: 26}},
	}}
	unknown := s.unknownInner([]string{"known", "named", "other", "tenants"})
	if len(unknown) != 1 || unknown[0].Map != "tenants" || unknown[0].File != "src/t.c" || unknown[0].Line != 26 {
		t.Fatalf("unknownInner = %+v; want only tenants at src/t.c:26", unknown)
	}
	cause := errors.New("verifier rejected program p")
	err := error(&InnerMapError{Maps: unknown, Tried: 3, Err: cause})
	for _, want := range []string{"src/t.c:26: map tenants cannot be verified standalone", "src/t.c:59 is a const void *",
		`"inner_shape"`, `"source": "user"`, `"inner_map"`, "tried 3", "verifier rejected program p"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	if !errors.Is(err, cause) {
		t.Error("InnerMapError does not unwrap to the verifier's rejection")
	}
}
