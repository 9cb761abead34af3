package difftest

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/big"
	"net"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/btf"
	"gopkg.in/yaml.v3"
)

// SeedError is a malformed seed file or an entry that does not fit its map.
type SeedError struct {
	File string
	Line int
	Msg  string
}

func (e *SeedError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Seed is a parsed map seed file: entries written into the maps of both programs before the
// first packet, so that stateful network functions (tables, configuration) can be tested.
//
//	# one item per map entry
//	- map: blocklist                 # map name, as in the object
//	  key: {addr: 10.0.0.2}          # typed fields (BTF of the map's key type) ...
//	  value: 1
//	- map: config
//	  key: 0
//	  value: "01 00 00 00 0a 00 00 01" # ... or the raw bytes in hex
type Seed struct {
	File    string
	Entries []SeedEntry
}

// SeedEntry is one map entry of a seed file. Key and Value are kept as YAML until the map
// (and so the types they are encoded with) is known.
type SeedEntry struct {
	Map        string
	Key, Value *yaml.Node
	Line       int
}

// LoadSeed reads and parses a seed file.
func LoadSeed(path string) (*Seed, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseSeed(path, data)
}

var yamlLineRE = regexp.MustCompile(`line (\d+): (.*)`)

// ParseSeed parses seed data; name is the file named in errors.
func ParseSeed(name string, data []byte) (*Seed, error) {
	fail := func(line int, format string, a ...interface{}) error {
		return &SeedError{File: name, Line: line, Msg: fmt.Sprintf(format, a...)}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			return nil, fail(n, "malformed YAML: %s", m[2])
		}
		return nil, fail(0, "malformed YAML: %s", msg)
	}
	s := &Seed{File: name}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return s, nil // an empty file seeds nothing
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return s, nil
	}
	if root.Kind != yaml.SequenceNode {
		return nil, fail(root.Line, "want a list of entries (- map: NAME, key: ..., value: ...)")
	}
	for _, it := range root.Content {
		if it.Kind != yaml.MappingNode {
			return nil, fail(it.Line, "entry: want a mapping with map, key, value")
		}
		e := SeedEntry{Line: it.Line}
		have := map[string]bool{}
		for i := 0; i+1 < len(it.Content); i += 2 {
			k, v := it.Content[i], it.Content[i+1]
			if have[k.Value] {
				return nil, fail(k.Line, "%s: given twice", k.Value)
			}
			have[k.Value] = true
			switch k.Value {
			case "map":
				if v.Kind != yaml.ScalarNode || v.Value == "" {
					return nil, fail(v.Line, "map: want a map name")
				}
				e.Map = v.Value
			case "key":
				e.Key = v
			case "value":
				e.Value = v
			default:
				return nil, fail(k.Line, "%s: unknown key (known: map, key, value)", k.Value)
			}
			if err := checkNode(name, v); err != nil {
				return nil, err
			}
		}
		for _, f := range []string{"map", "key", "value"} {
			if !have[f] {
				return nil, fail(it.Line, "%s: missing", f)
			}
		}
		s.Entries = append(s.Entries, e)
	}
	return s, nil
}

// checkNode rejects YAML constructs a key or value cannot be written with (aliases, tags
// other than the plain ones), so that encoding only meets scalars, lists and mappings.
func checkNode(name string, n *yaml.Node) error {
	switch n.Kind {
	case yaml.AliasNode:
		return &SeedError{File: name, Line: n.Line, Msg: "aliases are not supported in seed files"}
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!str", "!!int", "!!bool", "!!null":
			return nil
		}
		return &SeedError{File: name, Line: n.Line, Msg: fmt.Sprintf("%q (%s): want an integer, an address or hex bytes", n.Value, strings.TrimPrefix(n.Tag, "!!"))}
	}
	for _, c := range n.Content {
		if err := checkNode(name, c); err != nil {
			return err
		}
	}
	return nil
}

// encode turns one entry into key and value bytes for the map m (spec ms), checking
// every field against the map's BTF key and value types when it has them.
func (s *Seed) encode(e SeedEntry, ms *ebpf.MapSpec) (key, value []byte, err error) {
	key, err = encodeAs(ms.Key, int(ms.KeySize), e.Key)
	if err != nil {
		return nil, nil, &SeedError{File: s.File, Line: lineOf(err, e.Key), Msg: fmt.Sprintf("map %s: key: %v", e.Map, err)}
	}
	value, err = encodeAs(ms.Value, int(ms.ValueSize), e.Value)
	if err != nil {
		return nil, nil, &SeedError{File: s.File, Line: lineOf(err, e.Value), Msg: fmt.Sprintf("map %s: value: %v", e.Map, err)}
	}
	return key, value, nil
}

// nodeError is an encoding error at a YAML node.
type nodeError struct {
	line int
	msg  string
}

func (e *nodeError) Error() string { return e.msg }

func errAt(n *yaml.Node, format string, a ...interface{}) error {
	return &nodeError{n.Line, fmt.Sprintf(format, a...)}
}

func lineOf(err error, n *yaml.Node) int {
	if ne, ok := err.(*nodeError); ok && ne.line > 0 {
		return ne.line
	}
	return n.Line
}

// encodeAs encodes n as size bytes of type t (t may be nil: no BTF). A string without '.'
// or ':' is hex bytes for the whole of it ("0a000001", "0a 00 00 01", "0x0a000001").
func encodeAs(t btf.Type, size int, n *yaml.Node) ([]byte, error) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && !strings.ContainsAny(n.Value, ".:") {
		b, err := parseHex(n.Value)
		if err != nil {
			return nil, errAt(n, "%q: %v", n.Value, err)
		}
		if len(b) != size {
			return nil, errAt(n, "%q is %d bytes, the map's is %d", n.Value, len(b), size)
		}
		return b, nil
	}
	buf := make([]byte, size)
	if t == nil {
		// No BTF: an integer of the whole size, in the machine's byte order.
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || (size != 1 && size != 2 && size != 4 && size != 8) {
			return nil, errAt(n, "the map has no BTF type here: write %d bytes in hex", size)
		}
		return buf, putInt(buf, n, false)
	}
	if sz, err := btf.Sizeof(t); err != nil || sz != size {
		return nil, errAt(n, "BTF type %s has size %d, the map %d: write %d bytes in hex", t, sz, size, size)
	}
	return buf, encodeType(buf, t, n)
}

func parseHex(s string) ([]byte, error) {
	s = strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(s), "0x"), "0X")
	s = strings.NewReplacer(" ", "", "\t", "", "\n", "", ":", "", "-", "").Replace(s)
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("not hex bytes (want e.g. \"0a 00 00 01\")")
	}
	return b, nil
}

// encodeType writes n into buf (exactly the size of t).
func encodeType(buf []byte, t btf.Type, n *yaml.Node) error {
	switch u := btf.UnderlyingType(t).(type) {
	case *btf.Int:
		if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
			return putAddr(buf, n)
		}
		if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" && u.Size == 1 {
			if n.Value == "true" {
				buf[0] = 1
			}
			return nil
		}
		return putInt(buf, n, u.Encoding&btf.Signed != 0)
	case *btf.Enum:
		if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
			for _, v := range u.Values {
				if v.Name == n.Value {
					return putUint(buf, n, new(big.Int).SetUint64(v.Value))
				}
			}
			return errAt(n, "%q is not an enumerator of %s", n.Value, u.Name)
		}
		return putInt(buf, n, u.Signed)
	case *btf.Pointer:
		return putInt(buf, n, false)
	case *btf.Array:
		if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
			return putAddr(buf, n)
		}
		if n.Kind != yaml.SequenceNode {
			return errAt(n, "want a list for an array of %d", u.Nelems)
		}
		if len(n.Content) > int(u.Nelems) {
			return errAt(n, "%d elements for an array of %d", len(n.Content), u.Nelems)
		}
		es, err := btf.Sizeof(u.Type)
		if err != nil {
			return errAt(n, "%v", err)
		}
		for i, c := range n.Content {
			if err := encodeType(buf[i*es:(i+1)*es], u.Type, c); err != nil {
				return err
			}
		}
		return nil
	case *btf.Struct:
		return encodeMembers(buf, "struct "+u.Name, u.Members, n)
	case *btf.Union:
		return encodeMembers(buf, "union "+u.Name, u.Members, n)
	}
	return errAt(n, "cannot write a %s from YAML: write the bytes in hex", t)
}

func encodeMembers(buf []byte, what string, ms []btf.Member, n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
		return putAddr(buf, n) // struct in6_addr, struct in_addr
	}
	if n.Kind != yaml.MappingNode {
		return errAt(n, "want a mapping of the fields of %s", what)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		var m *btf.Member
		var names []string
		for j := range ms {
			names = append(names, ms[j].Name)
			if ms[j].Name == k.Value {
				m = &ms[j]
			}
		}
		if m == nil {
			return errAt(k, "%s has no field %q (fields: %s)", what, k.Value, strings.Join(names, ", "))
		}
		if m.BitfieldSize != 0 || m.Offset%8 != 0 {
			return errAt(k, "field %s of %s is a bitfield: write the whole key or value in hex", k.Value, what)
		}
		sz, err := btf.Sizeof(m.Type)
		if err != nil {
			return errAt(k, "field %s: %v", k.Value, err)
		}
		off := int(m.Offset / 8)
		if err := encodeType(buf[off:off+sz], m.Type, v); err != nil {
			if ne, ok := err.(*nodeError); ok && !strings.HasPrefix(ne.msg, "field ") {
				ne.msg = "field " + k.Value + ": " + ne.msg
			}
			return err
		}
	}
	return nil
}

// putAddr writes an IPv4 or IPv6 address in network byte order into a 4- or 16-byte field.
func putAddr(buf []byte, n *yaml.Node) error {
	ip := net.ParseIP(n.Value)
	switch {
	case ip == nil:
		return errAt(n, "%q is neither an integer nor an IP address", n.Value)
	case len(buf) == 4 && ip.To4() != nil:
		copy(buf, ip.To4())
	case len(buf) == 16 && strings.Contains(n.Value, ":"):
		copy(buf, ip.To16())
	default:
		return errAt(n, "address %q does not fit a %d-byte field", n.Value, len(buf))
	}
	return nil
}

func putInt(buf []byte, n *yaml.Node, signed bool) error {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		return errAt(n, "want an integer")
	}
	v, ok := new(big.Int).SetString(strings.ReplaceAll(n.Value, "_", ""), 0)
	if !ok {
		return errAt(n, "%q is not an integer", n.Value)
	}
	if v.Sign() < 0 {
		if !signed && len(buf) > 8 {
			return errAt(n, "%s is negative", n.Value)
		}
		min := new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), uint(8*len(buf)-1)))
		if v.Cmp(min) < 0 {
			return errAt(n, "%s does not fit %d bytes", n.Value, len(buf))
		}
		v.Add(v, new(big.Int).Lsh(big.NewInt(1), uint(8*len(buf))))
	}
	return putUint(buf, n, v)
}

func putUint(buf []byte, n *yaml.Node, v *big.Int) error {
	if v.BitLen() > 8*len(buf) {
		return errAt(n, "%s does not fit %d bytes", n.Value, len(buf))
	}
	be := v.FillBytes(make([]byte, len(buf)))
	if binary.NativeEndian.Uint16([]byte{1, 0}) == 1 { // little endian host
		for i := range be {
			buf[i] = be[len(be)-1-i]
		}
	} else {
		copy(buf, be)
	}
	return nil
}

// Apply writes the seed's entries into the maps of a loaded collection (specs gives their
// BTF types). Per-CPU maps get the value on every CPU.
func (s *Seed) Apply(maps map[string]*ebpf.Map, specs map[string]*ebpf.MapSpec, who string) error {
	if s == nil {
		return nil
	}
	for _, e := range s.Entries {
		m, ms := maps[e.Map], specs[e.Map]
		if m == nil || ms == nil {
			var names []string
			for n := range maps {
				names = append(names, n)
			}
			sortStrings(names)
			return &SeedError{File: s.File, Line: e.Line, Msg: fmt.Sprintf("%s has no map %q (maps: %s)", who, e.Map, strings.Join(names, ", "))}
		}
		key, value, err := s.encode(e, ms)
		if err != nil {
			return err
		}
		var v interface{} = value
		if perCPU(m.Type()) {
			n, err := ebpf.PossibleCPU()
			if err != nil {
				return err
			}
			vs := make([][]byte, n)
			for i := range vs {
				vs[i] = value
			}
			v = vs
		}
		if err := m.Update(key, v, ebpf.UpdateAny); err != nil {
			return &SeedError{File: s.File, Line: e.Line, Msg: fmt.Sprintf("%s: map %s: update %x: %v", who, e.Map, key, err)}
		}
	}
	return nil
}

func perCPU(t ebpf.MapType) bool {
	switch t {
	case ebpf.PerCPUHash, ebpf.PerCPUArray, ebpf.LRUCPUHash, ebpf.PerCPUCGroupStorage:
		return true
	}
	return false
}
