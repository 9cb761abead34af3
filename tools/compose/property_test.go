package compose

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/opened-ebpf/opened/tools/mcu"
	"github.com/opened-ebpf/opened/tools/packet"
	"golang.org/x/sys/unix"
)

func loadObject(t testing.TB, path string) *ebpf.Collection {
	t.Helper()
	spec, err := ebpf.LoadCollectionSpec(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range spec.Maps {
		m.Pinning = ebpf.PinNone
	}
	coll, err := ebpf.NewCollection(spec)
	if err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	t.Cleanup(func() { coll.Close() })
	return coll
}

type runResult struct {
	ret  uint32
	data []byte
	err  error
}

func testRun(p *ebpf.Program, data []byte) runResult {
	out := make([]byte, len(data)+512)
	opts := &ebpf.RunOptions{Data: data, DataOut: out}
	ret, err := p.Run(opts)
	return runResult{ret, opts.DataOut, err}
}

// The property: the static composition of decap, flowobs and acl gives, on generated frames
// (every recipe of tools/packet, truncated and mutated ones included), the same verdicts and
// output bytes as running the three units' own programs one after another with
// BPF_PROG_TEST_RUN (stopping at the first verdict that is not XDP_PASS), and leaves the same
// map contents (array values; hash and trie keys, whose values hold timestamps).
func TestStaticEqualsSequential(t *testing.T) {
	names := []string{"decap", "flowobs", "acl"}
	var stages []Stage
	for _, n := range names {
		stages = append(stages, stage(n, 0))
	}
	out := filepath.Join(t.TempDir(), "pl")
	m, err := Compose(context.Background(), Config{Name: "prop", Mode: "static", Segments: []Segment{{Hook: "xdp", Mode: "static", Stages: stages}}}, out)
	if err != nil {
		t.Fatal(err)
	}
	composed := loadObject(t, filepath.Join(out, m.Segments[0].Object))
	prog := composed.Programs[m.Segments[0].Programs[0]]
	var units []*ebpf.Collection
	var entries []*ebpf.Program
	for _, n := range names {
		u, err := mcu.Read(filepath.Join(unitsDir, n))
		if err != nil {
			t.Fatal(err)
		}
		c := loadObject(t, filepath.Join(unitsDir, n, mcu.ObjectFile))
		units = append(units, c)
		entries = append(entries, c.Programs[u.Functions.Entry])
	}
	frames, err := packet.Generate(1000, 42, packet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	verdicts := map[uint32]int{}
	compared := 0
	for i, f := range frames {
		got := testRun(prog, f.Data)
		want := runResult{ret: 2, data: f.Data}
		for _, e := range entries {
			want = testRun(e, want.data)
			if want.err != nil || want.ret != 2 {
				break
			}
		}
		if got.err != nil || want.err != nil {
			if errors.Is(got.err, unix.EINVAL) && errors.Is(want.err, unix.EINVAL) {
				continue // a frame the kernel's test run refuses for both
			}
			t.Fatalf("frame %d (%s %s): composed err %v, sequential err %v", i, f.Recipe, f.Mutation, got.err, want.err)
		}
		if got.ret != want.ret || !bytes.Equal(got.data, want.data) {
			t.Fatalf("frame %d (%s %s): composed %d %x, sequential %d %x", i, f.Recipe, f.Mutation, got.ret, got.data, want.ret, want.data)
		}
		verdicts[got.ret]++
		compared++
	}
	if compared < 900 || len(verdicts) < 2 {
		t.Fatalf("only %d frames compared, verdicts %v: the property says little", compared, verdicts)
	}
	t.Logf("%d frames, verdicts %v", compared, verdicts)

	// Maps: each unit's map against the composed map its name became.
	for k, n := range names {
		st := m.Stages[k]
		for name, um := range units[k].Maps {
			if um.Type() == ebpf.PerfEventArray || um.Type() == ebpf.ProgramArray {
				continue
			}
			cname := name
			if r, ok := st.Renamed[name]; ok {
				cname = r
			}
			cm := composed.Maps[cname]
			if cm == nil {
				t.Errorf("stage %s: map %s (%s) is not in the composed object", n, name, cname)
				continue
			}
			keysOnly := um.Type() != ebpf.Array && um.Type() != ebpf.PerCPUArray
			a, b := dump(t, um, keysOnly), dump(t, cm, keysOnly)
			if a != b {
				t.Errorf("stage %s: map %s differs:\nsequential %s\ncomposed   %s", n, name, a, b)
			}
		}
	}
}

// dump renders a map's contents (keys, and values unless keysOnly) in key order; per-CPU
// values are summed per byte position, which is order-independent.
func dump(t *testing.T, m *ebpf.Map, keysOnly bool) string {
	t.Helper()
	var rows []string
	it := m.Iterate()
	var key []byte
	var val any
	per := m.Type() == ebpf.PerCPUArray || m.Type() == ebpf.PerCPUHash || m.Type() == ebpf.LRUCPUHash
	for {
		if per {
			var v [][]byte
			if !it.Next(&key, &v) {
				break
			}
			sum := make([]uint64, m.ValueSize()/8+1)
			for _, c := range v {
				for i := 0; i+8 <= len(c); i += 8 {
					sum[i/8] += uint64(c[i]) | uint64(c[i+1])<<8 | uint64(c[i+2])<<16 | uint64(c[i+3])<<24 | uint64(c[i+4])<<32 | uint64(c[i+5])<<40 | uint64(c[i+6])<<48 | uint64(c[i+7])<<56
				}
			}
			val = sum
		} else {
			var v []byte
			if !it.Next(&key, &v) {
				break
			}
			val = v
		}
		if keysOnly {
			rows = append(rows, fmt.Sprintf("%x", key))
		} else {
			rows = append(rows, fmt.Sprintf("%x=%v", key, val))
		}
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(rows)
	return fmt.Sprint(rows)
}
