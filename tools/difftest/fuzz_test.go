package difftest

import (
	"errors"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/btf"
)

// FuzzParseSeed: any bytes either parse or fail with a SeedError naming the file; entries
// that parse encode against a map with a BTF struct key without panicking, and either fit
// exactly or fail with a SeedError.
func FuzzParseSeed(f *testing.F) {
	for _, s := range []string{
		"- map: blocklist\n  key: {addr: 10.0.0.2, port: 53}\n  value: 1\n",
		"- map: m\n  key: \"0a 00 00 01 00 00 00 00\"\n  value: 0x10\n",
		"- map: m\n  key: {addr: 1, pad: [1]}\n  value: -1\n",
		"- map: m\n  key: [1, 2]\n  value: fd00::1\n",
		"- map: a\n  key: &k 1\n  value: *k\n",
		"[]",
		"",
	} {
		f.Add([]byte(s))
	}
	u32 := &btf.Int{Name: "__u32", Size: 4}
	u16 := &btf.Int{Name: "__u16", Size: 2}
	key := &btf.Struct{Name: "k", Size: 8, Members: []btf.Member{
		{Name: "addr", Type: u32, Offset: 0},
		{Name: "port", Type: u16, Offset: 32},
		{Name: "pad", Type: &btf.Array{Type: u16, Index: u32, Nelems: 1}, Offset: 48},
	}}
	ms := &ebpf.MapSpec{Name: "m", Type: ebpf.Hash, KeySize: 8, ValueSize: 4, Key: key, Value: u32}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSeed("fuzz.yaml", data)
		if err != nil {
			var se *SeedError
			if !errors.As(err, &se) || se.File != "fuzz.yaml" {
				t.Fatalf("not a SeedError naming the file: %v", err)
			}
			return
		}
		for _, e := range s.Entries {
			k, v, err := s.encode(e, ms)
			if err != nil {
				var se *SeedError
				if !errors.As(err, &se) || se.Line <= 0 {
					t.Fatalf("encode error without a line: %v", err)
				}
				continue
			}
			if len(k) != 8 || len(v) != 4 {
				t.Fatalf("encoded %d/%d bytes, want 8/4", len(k), len(v))
			}
		}
	})
}
