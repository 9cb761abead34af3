package loader

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/btf"
	"github.com/opened-ebpf/opened/tools/hook"
	"github.com/opened-ebpf/opened/tools/maptype"
	"github.com/opened-ebpf/opened/tools/mcu"
)

// maxVerifyEntries caps max_entries of hash-like maps for a verification
// load. The verifier does not look at their size, and some network
// functions declare tables of millions of preallocated entries.
const maxVerifyEntries = 1 << 16

// Spec is an object file parsed and prepared for a load at its entry's hook.
// Nothing in a Spec lives in the kernel.
type Spec struct {
	// Path is the object file.
	Path string
	// Entry is the program to load and report on.
	Entry string
	// Section is the entry's section, naming its hook.
	Section string
	// Hook holds the facts for Section.
	Hook hook.Hook
	// Collection is the parsed object, adjusted for a self-contained load.
	Collection *ebpf.CollectionSpec
	// Adjustments says what was changed so that the object loads without
	// user space (pinning cleared, inner map templates supplied, ...).
	Adjustments []string
	// Unit, if set, maps verifier locations in mcu.c back to the original
	// files.
	Unit *Unit

	// elfMaps holds the iproute2 fields of legacy map definitions.
	elfMaps map[string]elfMap
}

type innerCandidate struct {
	spec *ebpf.MapSpec
	from string
}

// LoadSpec parses the object at path and prepares program entry for a load
// at the hook named by section. An empty entry selects the only program of
// the object; an empty section uses the entry's ELF section.
func LoadSpec(path, entry, section string) (*Spec, error) {
	coll, err := ebpf.LoadCollectionSpec(path)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	if entry == "" {
		if len(coll.Programs) != 1 {
			return nil, fmt.Errorf("%s: %d programs, name the entry (%s)", path, len(coll.Programs), programNames(coll))
		}
		for name := range coll.Programs {
			entry = name
		}
	}
	prog := coll.Programs[entry]
	if prog == nil {
		return nil, fmt.Errorf("%s: no program %q (have %s)", path, entry, programNames(coll))
	}
	if section == "" {
		section = prog.SectionName
	}
	s := &Spec{Path: path, Entry: entry, Section: section, Collection: coll}
	h, err := hook.ForSection(section)
	if errors.Is(err, hook.ErrUnknownSection) {
		// Loaders other than libbpf take any section name; the context type says the hook.
		ctx := contextType(prog)
		if hc, cerr := hook.ForContext(ctx); cerr == nil {
			h, err = hc, nil
			s.note("program %s: section %q is not a libbpf section name; loaded at the %s hook because its context is %s", entry, section, hc.Section, ctx)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("program %s: %w", entry, err)
	}
	s.Hook = h
	if prog.SectionName != section {
		s.note("program %s: ELF section %q loaded at the hook of section %q", entry, prog.SectionName, section)
	}
	prog.Type = h.ProgramType
	prog.AttachType = h.AttachType
	prog.Flags |= h.Flags
	s.prunePrograms()
	s.prepareMaps()
	return s, nil
}

// contextType returns the C type the program's first argument points to, from its BTF
// ("struct xdp_md"), or "" when the object carries no BTF for it.
func contextType(prog *ebpf.ProgramSpec) string {
	if len(prog.Instructions) == 0 {
		return ""
	}
	fn := btf.FuncMetadata(&prog.Instructions[0])
	if fn == nil {
		return ""
	}
	proto, ok := fn.Type.(*btf.FuncProto)
	if !ok || len(proto.Params) == 0 {
		return ""
	}
	ptr, ok := btf.UnderlyingType(proto.Params[0].Type).(*btf.Pointer)
	if !ok {
		return ""
	}
	switch t := btf.UnderlyingType(ptr.Target).(type) {
	case *btf.Struct:
		return "struct " + t.Name
	case *btf.Union:
		return "union " + t.Name
	}
	return ""
}

// prunePrograms drops the programs the entry cannot reach: only the entry
// and the programs placed in program arrays (tail-call targets) are loaded,
// so that an unrelated program of another type cannot fail the load.
func (s *Spec) prunePrograms() {
	keep := map[string]bool{s.Entry: true}
	for _, m := range s.Collection.Maps {
		if m.Type != ebpf.ProgramArray {
			continue
		}
		for _, kv := range m.Contents {
			if name, ok := kv.Value.(string); ok {
				keep[name] = true
			}
		}
	}
	var dropped []string
	for _, name := range sortedKeys(s.Collection.Programs) {
		if !keep[name] {
			delete(s.Collection.Programs, name)
			dropped = append(dropped, name)
		}
	}
	if len(dropped) > 0 {
		s.note("programs not loaded (not the entry, not a tail-call target): %s", strings.Join(dropped, ", "))
	}
}

func (s *Spec) note(format string, args ...any) {
	s.Adjustments = append(s.Adjustments, fmt.Sprintf(format, args...))
}

// prepareMaps makes the maps loadable without user space and without
// touching the global bpffs.
func (s *Spec) prepareMaps() {
	maps := s.Collection.Maps
	for _, name := range sortedKeys(maps) {
		m := maps[name]
		if e, ok := drainELFMap(m); ok {
			if s.elfMaps == nil {
				s.elfMaps = make(map[string]elfMap)
			}
			s.elfMaps[name] = e
			if e.Pinning != 0 {
				s.note("map %s: iproute2 pinning %d ignored for the verification load (nothing pinned)", name, e.Pinning)
			}
		}
		if m.Pinning != ebpf.PinNone {
			m.Pinning = ebpf.PinNone
			s.note("map %s: pinning cleared for the verification load (nothing pinned)", name)
		}
		if m.MaxEntries == 0 && sizedByLoader(m.Type) {
			m.MaxEntries = 1
			if m.Type == ebpf.RingBuf {
				m.MaxEntries = uint32(os.Getpagesize())
			}
			s.note("map %s: no max_entries in the object (its loader sizes it); %d used for the verification load", name, m.MaxEntries)
		}
		if isHashLike(m.Type) && m.MaxEntries > maxVerifyEntries {
			s.note("map %s: max_entries %d capped at %d for the verification load", name, m.MaxEntries, maxVerifyEntries)
			m.MaxEntries = maxVerifyEntries
		}
	}
}

// sizedByLoader reports whether a map of type t needs max_entries at creation, so that an
// object leaving it to its loader (max_entries absent, set at run time) needs one for a
// verification load. Perf event arrays are sized by cilium/ebpf (one slot per CPU) and local
// storage maps must have none.
func sizedByLoader(t ebpf.MapType) bool {
	f, ok := maptype.Of(t)
	return !ok || f.Sizing == maptype.ByObject
}

// missingInner returns, per outer map-in-map without an inner map, the
// inner map templates to try, most likely first.
func (s *Spec) missingInner() map[string][]innerCandidate {
	var out map[string][]innerCandidate
	for _, name := range sortedKeys(s.Collection.Maps) {
		m := s.Collection.Maps[name]
		if !isMapInMap(m.Type) || m.InnerMap != nil {
			continue
		}
		if out == nil {
			out = make(map[string][]innerCandidate)
		}
		out[name] = s.innerCandidates(name)
	}
	return out
}

// innerCandidates lists inner map templates for an outer map whose inner
// map user space creates: the map maps.json names, the map an iproute2
// definition refers to by id, the other maps of the object, and last a
// small array.
func (s *Spec) innerCandidates(outer string) []innerCandidate {
	maps := s.Collection.Maps
	var out []innerCandidate
	seen := map[string]bool{outer: true}
	add := func(name, from string) {
		m := maps[name]
		if m == nil || seen[name] || !canBeInner(m) {
			return
		}
		seen[name] = true
		c := m.Copy()
		c.Name = outer + "_inner"
		c.Pinning = ebpf.PinNone
		c.Contents = nil
		c.Extra = nil
		out = append(out, innerCandidate{c, fmt.Sprintf("%s map %s", from, name)})
	}

	if s.Unit != nil {
		if c := shapeCandidate(outer, s.Unit.InnerShapes[outer]); c != nil {
			seen[c.spec.Name] = true
			out = append(out, *c)
		}
		add(s.Unit.InnerMaps[outer], "maps.json inner_map:")
	}
	if e, ok := s.elfMaps[outer]; ok && e.InnerID != 0 {
		for _, name := range sortedKeys(s.elfMaps) {
			if s.elfMaps[name].ID == e.InnerID {
				add(name, "iproute2 inner_id:")
			}
		}
	}
	for _, name := range sortedKeys(maps) {
		add(name, "same-object")
	}
	out = append(out, innerCandidate{
		&ebpf.MapSpec{Name: outer + "_inner", Type: ebpf.Array, KeySize: 4, ValueSize: 4, MaxEntries: 1},
		"generic array (key 4, value 4)",
	})
	return out
}

// shapeCandidate is the inner map template maps.json's inner_shape describes, or nil when
// it tells no key size.
func shapeCandidate(outer string, sh *mcu.InnerShape) *innerCandidate {
	if sh == nil || sh.Source == mcu.ShapeUnknown || sh.KeySize == 0 {
		return nil
	}
	typ := ebpf.Hash
	if sh.Type != "" {
		t, ok := maptype.ByName(sh.Type)
		if !ok {
			return nil
		}
		typ = t
	}
	// A value the program never reads: any size verifies.
	value := max(sh.ValueSize, 1)
	entries := max(sh.MaxEntries, 1)
	from := "maps.json inner_shape"
	if len(sh.Sites) > 0 {
		var at []string
		for _, l := range sh.Sites {
			at = append(at, fmt.Sprintf("%s:%d", l.File, l.Line))
		}
		from += " (" + sh.Source + ": " + strings.Join(at, ", ") + ")"
	} else if sh.Source != "" {
		from += " (" + sh.Source + ")"
	}
	return &innerCandidate{&ebpf.MapSpec{Name: outer + "_inner", Type: typ, KeySize: sh.KeySize, ValueSize: value, MaxEntries: entries}, from}
}

// elfMap holds the fields iproute2's struct bpf_elf_map adds after the five
// fields of struct bpf_map_def. cilium/ebpf keeps them in MapSpec.Extra and
// refuses to create a map whose Extra is not drained.
type elfMap struct {
	ID, Pinning, InnerID, InnerIdx uint32
}

// elfMapSize is the size of those extra fields.
const elfMapSize = 16

// drainELFMap reads and drains the iproute2 fields of a legacy map
// definition, if it has exactly those.
func drainELFMap(m *ebpf.MapSpec) (elfMap, bool) {
	var e elfMap
	if m.Extra == nil || m.Extra.Size() != elfMapSize {
		return e, false
	}
	if _, err := m.Extra.Seek(0, io.SeekStart); err != nil {
		return e, false
	}
	if err := binary.Read(m.Extra, binary.NativeEndian, &e); err != nil {
		return e, false
	}
	m.Extra = nil
	return e, true
}

func isMapInMap(t ebpf.MapType) bool { return t == ebpf.ArrayOfMaps || t == ebpf.HashOfMaps }

func isHashLike(t ebpf.MapType) bool {
	switch t {
	case ebpf.Hash, ebpf.LRUHash, ebpf.PerCPUHash, ebpf.LRUCPUHash, ebpf.LPMTrie:
		return true
	}
	return false
}

func canBeInner(m *ebpf.MapSpec) bool {
	switch m.Type {
	case ebpf.ArrayOfMaps, ebpf.HashOfMaps, ebpf.ProgramArray, ebpf.PerfEventArray, ebpf.CGroupArray, ebpf.StructOpsMap:
		return false
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func programNames(coll *ebpf.CollectionSpec) string {
	names := sortedKeys(coll.Programs)
	var b bytes.Buffer
	for i, n := range names {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(n)
	}
	return b.String()
}
