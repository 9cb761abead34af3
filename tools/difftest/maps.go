package difftest

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/cilium/ebpf"
	"github.com/opened-ebpf/opened/loader"
)

// mapSnapshot is a map's contents after the last frame: hex key -> value bytes (per-CPU
// maps: the values of all CPUs, one after the other).
type mapSnapshot struct {
	typ        ebpf.MapType
	keySize    uint32
	valueSize  uint32
	perCPU     bool
	entries    map[string][]byte
	keys       []string
	maxEntries uint32
}

// comparable reports whether difftest reads a map of type t: maps holding state a program
// writes. Program arrays, perf buffers, ring buffers, device/CPU/socket maps and
// maps-in-maps hold references or events, not comparable state.
func comparableType(t ebpf.MapType) bool {
	switch t {
	case ebpf.Hash, ebpf.Array, ebpf.PerCPUHash, ebpf.PerCPUArray, ebpf.LRUHash, ebpf.LRUCPUHash, ebpf.LPMTrie:
		return true
	}
	return false
}

// snapshot reads every comparable map of a loaded object whose program ran on cpu. The
// value of a per-CPU map is put in a canonical order, cpu's value first, then the others in
// CPU order, so that two sides that ran on different CPUs compare.
func snapshot(o *loader.Object, cpu int) (map[string]*mapSnapshot, []string, error) {
	out := map[string]*mapSnapshot{}
	var notes []string
	names := make([]string, 0, len(o.Collection.Maps))
	for n := range o.Collection.Maps {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		m := o.Collection.Maps[name]
		if strings.HasPrefix(name, ".rodata") || strings.HasPrefix(name, ".kconfig") {
			continue // read-only: configuration, not state
		}
		if !comparableType(m.Type()) {
			notes = append(notes, fmt.Sprintf("map %s (%s) not compared: it holds references or events, not state", name, m.Type()))
			continue
		}
		s := &mapSnapshot{typ: m.Type(), keySize: m.KeySize(), valueSize: m.ValueSize(), perCPU: perCPU(m.Type()),
			entries: map[string][]byte{}, maxEntries: m.MaxEntries()}
		put := func(k []byte, vs [][]byte) {
			if s.perCPU && cpu < len(vs) {
				vs = append(append([][]byte{vs[cpu]}, vs[:cpu]...), vs[cpu+1:]...)
			}
			s.entries[string(k)] = bytes.Join(vs, nil)
		}
		if err := readBatch(m, put); err != nil {
			// Map types or kernels without batch lookups: one element at a time.
			s.entries = map[string][]byte{}
			if err := readEach(m, s.perCPU, put); err != nil {
				return nil, nil, fmt.Errorf("reading map %s: %w", name, err)
			}
		}
		for k := range s.entries {
			s.keys = append(s.keys, k)
		}
		sort.Strings(s.keys)
		out[name] = s
	}
	return out, notes, nil
}

// readEach reads every element of m with the map iterator (two syscalls per element).
func readEach(m *ebpf.Map, perCPU bool, put func(k []byte, vs [][]byte)) error {
	it := m.Iterate()
	var k []byte
	if perCPU {
		var vs [][]byte
		for it.Next(&k, &vs) {
			put(append([]byte(nil), k...), vs)
		}
	} else {
		var v []byte
		for it.Next(&k, &v) {
			put(append([]byte(nil), k...), [][]byte{append([]byte(nil), v...)})
		}
	}
	return it.Err()
}

// batchSize is the number of elements one BPF_MAP_LOOKUP_BATCH reads.
const batchSize = 4096

// readBatch reads every element of m with batch lookups (one syscall per batchSize
// elements), so that large arrays are read in milliseconds. Keys and values are slices of
// byte arrays of the map's sizes, built with reflect.
func readBatch(m *ebpf.Map, put func(k []byte, vs [][]byte)) error {
	ncpu := 1
	if perCPU(m.Type()) {
		n, err := ebpf.PossibleCPU()
		if err != nil {
			return err
		}
		ncpu = n
	}
	byteT := reflect.TypeOf(byte(0))
	keys := reflect.MakeSlice(reflect.SliceOf(reflect.ArrayOf(int(m.KeySize()), byteT)), batchSize, batchSize)
	vals := reflect.MakeSlice(reflect.SliceOf(reflect.ArrayOf(int(m.ValueSize()), byteT)), batchSize*ncpu, batchSize*ncpu)
	var cursor ebpf.MapBatchCursor
	for {
		n, err := m.BatchLookup(&cursor, keys.Interface(), vals.Interface(), nil)
		done := errors.Is(err, ebpf.ErrKeyNotExist)
		if err != nil && !done {
			return err
		}
		for i := 0; i < n; i++ {
			vs := make([][]byte, ncpu)
			for c := range vs {
				vs[c] = append([]byte(nil), vals.Index(i*ncpu+c).Bytes()...)
			}
			put(append([]byte(nil), keys.Index(i).Bytes()...), vs)
		}
		if done {
			return nil
		}
	}
}

// MapDiff is one difference between the maps of A and B after the run.
type MapDiff struct {
	Map string
	Key []byte
	// A and B are the values (nil: no such key on that side).
	A, B []byte
	// CPU is the first per-CPU slot whose value differs in a per-CPU map (-1 otherwise):
	// 0 is the CPU the programs ran on, 1.. the others.
	CPU int
}

// compareMaps compares the maps with the same name in a and b.
func compareMaps(a, b map[string]*mapSnapshot) (diffs []MapDiff, notes []string) {
	var names []string
	for n := range a {
		if _, ok := b[n]; ok {
			names = append(names, n)
		} else {
			notes = append(notes, fmt.Sprintf("map %s only in A: not compared", n))
		}
	}
	for n := range b {
		if _, ok := a[n]; !ok {
			notes = append(notes, fmt.Sprintf("map %s only in B: not compared", n))
		}
	}
	sort.Strings(names)
	sort.Strings(notes)
	for _, n := range names {
		ma, mb := a[n], b[n]
		if ma.keySize != mb.keySize || ma.valueSize != mb.valueSize || ma.perCPU != mb.perCPU {
			notes = append(notes, fmt.Sprintf("map %s not compared: A is %s key %d value %d, B is %s key %d value %d",
				n, ma.typ, ma.keySize, ma.valueSize, mb.typ, mb.keySize, mb.valueSize))
			continue
		}
		for _, k := range ma.keys {
			va, vb := ma.entries[k], mb.entries[k]
			if vb == nil || !bytes.Equal(va, vb) {
				diffs = append(diffs, MapDiff{Map: n, Key: []byte(k), A: va, B: vb, CPU: firstCPU(ma, va, vb)})
			}
		}
		for _, k := range mb.keys {
			if _, ok := ma.entries[k]; !ok {
				diffs = append(diffs, MapDiff{Map: n, Key: []byte(k), B: mb.entries[k], CPU: -1})
			}
		}
	}
	return diffs, notes
}

func firstCPU(m *mapSnapshot, a, b []byte) int {
	if !m.perCPU || a == nil || b == nil || m.valueSize == 0 {
		return -1
	}
	stride := int(m.valueSize) // snapshot joins the per-CPU values, valueSize bytes each
	for i := 0; i+stride <= len(a) && i+stride <= len(b); i += stride {
		if !bytes.Equal(a[i:i+stride], b[i:i+stride]) {
			return i / stride
		}
	}
	return -1
}
