package difftest

import (
	"bytes"
	"encoding/binary"
	"sort"
	"testing"

	"github.com/cilium/ebpf"
)

// TestReadBatchMatchesIterate fills real kernel maps (more elements than one batch) and
// reads them both ways: batch lookups and the iterator must give the same elements.
func TestReadBatchMatchesIterate(t *testing.T) {
	ncpu, err := ebpf.PossibleCPU()
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range []ebpf.MapType{ebpf.Hash, ebpf.Array, ebpf.PerCPUArray, ebpf.PerCPUHash, ebpf.LRUHash} {
		t.Run(typ.String(), func(t *testing.T) {
			m, err := ebpf.NewMap(&ebpf.MapSpec{Type: typ, KeySize: 4, ValueSize: 12, MaxEntries: 5000})
			if err != nil {
				t.Fatal(err)
			}
			defer m.Close()
			for i := uint32(0); i < 4500; i++ {
				k := binary.LittleEndian.AppendUint32(nil, i*7%5000)
				v := bytes.Repeat([]byte{byte(i)}, 12)
				var val interface{} = v
				if perCPU(typ) {
					vs := make([][]byte, ncpu)
					for c := range vs {
						vs[c] = append([]byte{byte(c)}, v[1:]...)
					}
					val = vs
				}
				if err := m.Update(k, val, ebpf.UpdateAny); err != nil {
					t.Fatal(err)
				}
			}
			collect := func(read func(put func(k []byte, vs [][]byte)) error) []string {
				var out []string
				if err := read(func(k []byte, vs [][]byte) { out = append(out, string(k)+"="+string(bytes.Join(vs, nil))) }); err != nil {
					t.Fatal(err)
				}
				sort.Strings(out)
				return out
			}
			batch := collect(func(put func(k []byte, vs [][]byte)) error { return readBatch(m, put) })
			each := collect(func(put func(k []byte, vs [][]byte)) error { return readEach(m, perCPU(typ), put) })
			if len(batch) < 4500 || len(batch) != len(each) {
				t.Fatalf("batch read %d elements, iterator %d", len(batch), len(each))
			}
			for i := range batch {
				if batch[i] != each[i] {
					t.Fatalf("element %d differs", i)
				}
			}
		})
	}
}
