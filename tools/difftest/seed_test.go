package difftest

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cilium/ebpf"
)

func TestParseSeedErrors(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"not a list", "map: x\n", "seed.yaml:1: want a list of entries"},
		{"entry not a mapping", "- x\n", "seed.yaml:1: entry: want a mapping"},
		{"unknown key", "- map: a\n  key: 1\n  value: 2\n  vaule: 3\n", "seed.yaml:4: vaule: unknown key (known: map, key, value)"},
		{"missing value", "- map: a\n  key: 1\n", "seed.yaml:1: value: missing"},
		{"missing map", "\n\n- key: 1\n  value: 1\n", "seed.yaml:3: map: missing"},
		{"given twice", "- map: a\n  key: 1\n  key: 2\n  value: 1\n", "seed.yaml:3: key: given twice"},
		// yaml.v3 names the line where the construct it could not finish starts.
		{"bad yaml", "# seed\n- map: a\n  key: [1, 2\n  value: 1\n", "seed.yaml:2: malformed YAML: did not find expected ',' or ']'"},
		{"bad indentation", "- map: a\n  key: 1\n value: 1\n", "seed.yaml:2: malformed YAML: did not find expected '-' indicator"},
		{"tab", "- map: a\n\tkey: 1\n", "seed.yaml:2: malformed YAML: found a tab character that violates indentation"},
		{"map not a name", "- map: [a]\n  key: 1\n  value: 1\n", "seed.yaml:1: map: want a map name"},
		{"float", "- map: a\n  key: 1\n  value: 1.5\n", "seed.yaml:3: \"1.5\" (float): want an integer"},
		{"alias", "- map: a\n  key: &k 1\n  value: *k\n", "seed.yaml:3: aliases are not supported"},
	} {
		_, err := ParseSeed("seed.yaml", []byte(tc.yaml))
		var se *SeedError
		if !errors.As(err, &se) || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
	}
	for _, empty := range []string{"", "# nothing\n", "~\n", "[]\n"} {
		s, err := ParseSeed("seed.yaml", []byte(empty))
		if err != nil || len(s.Entries) != 0 {
			t.Errorf("%q: %v, %d entries", empty, err, len(s.Entries))
		}
	}
}

// TestSeedEncode encodes keys and values with the BTF of the real test object's maps.
func TestSeedEncode(t *testing.T) {
	spec, err := ebpf.LoadCollectionSpec(filepath.Join(objects(t), "xdp_nf.o"))
	if err != nil {
		t.Fatal(err)
	}
	maps := spec.Maps
	for _, tc := range []struct {
		name, yaml string
		key, value []byte
		err        string
	}{
		{"struct fields", "- map: blocklist\n  key: {addr: 10.0.0.2, port: 53}\n  value: 7\n",
			[]byte{10, 0, 0, 2, 53, 0, 0, 0}, []byte{7, 0, 0, 0}, ""},
		{"hex", "- map: blocklist\n  key: \"0a 00 00 02 35 00 00 00\"\n  value: \"0x07000000\"\n",
			[]byte{10, 0, 0, 2, 53, 0, 0, 0}, []byte{7, 0, 0, 0}, ""},
		{"int key, big value", "- map: bytes_by_src\n  key: 0x0100000a\n  value: 18446744073709551615\n",
			[]byte{10, 0, 0, 1}, bytes.Repeat([]byte{0xff}, 8), ""},
		{"address as u32", "- map: bytes_by_src\n  key: 10.0.0.1\n  value: -1\n",
			[]byte{10, 0, 0, 1}, bytes.Repeat([]byte{0xff}, 8), ""},
		{"unknown field", "- map: blocklist\n  key:\n    addr: 10.0.0.2\n    prot: 53\n  value: 1\n",
			nil, nil, "seed.yaml:4: map blocklist: key: struct block_key has no field \"prot\" (fields: addr, port, pad)"},
		{"too big", "- map: blocklist\n  key: {port: 70000}\n  value: 1\n",
			nil, nil, "seed.yaml:2: map blocklist: key: field port: 70000 does not fit 2 bytes"},
		{"hex size", "- map: blocklist\n  key: \"0a000002\"\n  value: 1\n",
			nil, nil, "seed.yaml:2: map blocklist: key: \"0a000002\" is 4 bytes, the map's is 8"},
		{"not hex", "- map: blocklist\n  key: {addr: 1}\n  value: zz\n",
			nil, nil, "seed.yaml:3: map blocklist: value: \"zz\": not hex bytes"},
		{"ipv6 into u32", "- map: bytes_by_src\n  key: \"fd00::1\"\n  value: 1\n",
			nil, nil, "seed.yaml:2: map bytes_by_src: key: address \"fd00::1\" does not fit a 4-byte field"},
		{"list for struct", "- map: blocklist\n  key: [1, 2]\n  value: 1\n",
			nil, nil, "seed.yaml:2: map blocklist: key: want a mapping of the fields of struct block_key"},
	} {
		s, err := ParseSeed("seed.yaml", []byte(tc.yaml))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		e := s.Entries[0]
		k, v, err := s.encode(e, maps[e.Map])
		if tc.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tc.err) {
				t.Errorf("%s: got %v, want %q", tc.name, err, tc.err)
			}
			continue
		}
		if err != nil || !bytes.Equal(k, tc.key) || !bytes.Equal(v, tc.value) {
			t.Errorf("%s: got %x %x %v, want %x %x", tc.name, k, v, err, tc.key, tc.value)
		}
	}
}

// TestSeedErrorsStopRun: a seed naming a map neither program has fails before anything
// runs, naming the file and line.
func TestSeedErrorsStopRun(t *testing.T) {
	s, err := ParseSeed("seed.yaml", []byte("- map: blocklist\n  key: {addr: 10.0.0.2}\n  value: 1\n- map: no_such_map\n  key: 1\n  value: 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Run(Config{A: target(t, "xdp_nf.o"), B: target(t, "tc_nf.o"), Inputs: generated(t, 10, 1), Seed: s})
	if err == nil || !strings.HasPrefix(err.Error(), "seed.yaml:4: A ") || !strings.Contains(err.Error(), `has no map "no_such_map" (maps: blocklist, bytes_by_src, proto_count)`) {
		t.Fatalf("got %v", err)
	}
}
