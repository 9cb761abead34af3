package loader

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"github.com/opened-ebpf/opened/tools/hook"
	"github.com/opened-ebpf/opened/tools/pipeline"
)

// Status is what OPENED has attached on one interface.
type Status struct {
	Iface    string
	Pipeline string
	Dir      string
	Links    []LinkStatus
	Stages   []StageStatus
}

// LinkStatus is one pinned link and whether the kernel still has it attached.
type LinkStatus struct {
	PinnedLink
	LinkID    link.ID
	ProgramID ebpf.ProgramID
	// Err says why the link could not be read (then it is not attached).
	Err string
}

// StageStatus is one stage with its verdict counts (from the segment's counter map).
type StageStatus struct {
	Name string
	Hook string
	Mode string
	// Verdicts maps a return code's name (XDP_PASS, TC_ACT_SHOT, ...) to its count.
	Verdicts map[string]uint64
	// Counters are the stage's own counter maps (arrays of u64 fields), non-zero entries only.
	Counters []MapCounters
}

// MapCounters is a unit's array map read as counters: index -> its u64 fields (per-CPU values
// summed).
type MapCounters struct {
	Map     string
	Entries map[uint32][]uint64
}

// maxCounterEntries bounds how many indexes of an array status reads.
const maxCounterEntries = 64

// PipelineStatus reports the pipelines OPENED attached: on iface, or on every interface
// when iface is empty.
func PipelineStatus(iface string) ([]Status, error) {
	ifaces := []string{iface}
	if iface == "" {
		ents, err := os.ReadDir(StateDir)
		if err != nil && !os.IsNotExist(err) {
			return nil, err
		}
		ifaces = nil
		for _, e := range ents {
			ifaces = append(ifaces, e.Name())
		}
		sort.Strings(ifaces)
	}
	var out []Status
	for _, name := range ifaces {
		st, err := readState(name)
		if err != nil {
			return nil, err
		}
		if st == nil {
			if iface != "" {
				return nil, fmt.Errorf("interface %s: no pipeline of OPENED attached", iface)
			}
			continue
		}
		s := Status{Iface: name, Pipeline: st.Manifest.Name, Dir: st.Pipeline}
		for _, l := range st.Links {
			ls := LinkStatus{PinnedLink: l}
			ll, err := link.LoadPinnedLink(filepath.Join(ifaceDir(name), l.Pin), nil)
			if err == nil {
				var info *link.Info
				info, err = ll.Info()
				if err == nil {
					ls.LinkID, ls.ProgramID = info.ID, info.Program
				}
				ll.Close()
			}
			if err != nil {
				ls.Err = err.Error()
			}
			s.Links = append(s.Links, ls)
		}
		for _, seg := range st.Manifest.Segments {
			counts := readCounters(filepath.Join(ifaceDir(name), "maps", pipeline.SegmentName(seg.Hook), seg.CounterMap), seg)
			for i, stage := range seg.Stages {
				ss := StageStatus{Name: stage, Hook: seg.Hook, Mode: seg.Mode}
				if counts != nil {
					ss.Verdicts = counts[i]
				}
				for _, mp := range st.Manifest.Maps {
					if mp.Generated || mp.Hook != seg.Hook || !contains(mp.Stages, stage) {
						continue
					}
					if mc := readArrayCounters(filepath.Join(ifaceDir(name), "maps", mp.Pin), mp.Name); mc != nil {
						ss.Counters = append(ss.Counters, *mc)
					}
				}
				s.Stages = append(s.Stages, ss)
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// readCounters sums the per-CPU verdict counters of a segment; nil when it has none.
func readCounters(pin string, seg pipeline.Segment) []map[string]uint64 {
	if seg.CounterMap == "" {
		return nil
	}
	m, err := ebpf.LoadPinnedMap(pin, nil)
	if err != nil {
		return nil
	}
	defer m.Close()
	return countersOf(m, seg)
}

// countersOf sums a counter map's per-CPU values by stage and verdict name.
func countersOf(m *ebpf.Map, seg pipeline.Segment) []map[string]uint64 {
	if m == nil {
		return nil
	}
	out := make([]map[string]uint64, len(seg.Stages))
	for i := range seg.Stages {
		out[i] = map[string]uint64{}
		for slot := 0; slot < pipeline.VerdictSlots; slot++ {
			var per []uint64
			if err := m.Lookup(uint32(i*pipeline.VerdictSlots+slot), &per); err != nil {
				continue
			}
			var n uint64
			for _, c := range per {
				n += c
			}
			if n > 0 {
				out[i][VerdictName(seg.Hook, slot-1, slot == pipeline.VerdictSlots-1)] += n
			}
		}
	}
	return out
}

// VerdictName names return code v at a pipeline hook (other: the overflow slot).
func VerdictName(hookName string, v int, other bool) string {
	if other {
		return "other"
	}
	sec := "xdp"
	if hookName != pipeline.HookXDP {
		sec = "tc"
	}
	if h, err := hook.ForSection(sec); err == nil {
		if r, ok := h.Return(int32(v)); ok {
			return r.Name
		}
	}
	if sec == "tc" && v == -1 {
		return "TC_ACT_UNSPEC"
	}
	return fmt.Sprint(v)
}

// Unload detaches the pipeline OPENED attached on iface and removes its pins and state.
func Unload(iface string) (*State, error) {
	st, err := readState(iface)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return nil, fmt.Errorf("interface %s: no pipeline of OPENED attached", iface)
	}
	var errs []error
	for _, l := range st.Links {
		ll, err := link.LoadPinnedLink(filepath.Join(ifaceDir(iface), l.Pin), nil)
		if err != nil {
			errs = append(errs, fmt.Errorf("link %s: %w", l.Pin, err))
			continue
		}
		if err := ll.Unpin(); err != nil {
			errs = append(errs, err)
		}
		ll.Close()
	}
	if err := os.RemoveAll(ifaceDir(iface)); err != nil {
		errs = append(errs, err)
	}
	if err := removeState(iface); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return st, fmt.Errorf("unload %s: %v", iface, errs)
	}
	return st, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// readArrayCounters reads a pinned (per-CPU) array whose values are u64 fields; nil for other
// maps or when nothing was counted.
func readArrayCounters(pin, name string) *MapCounters {
	m, err := ebpf.LoadPinnedMap(pin, nil)
	if err != nil {
		return nil
	}
	defer m.Close()
	t := m.Type()
	if t != ebpf.Array && t != ebpf.PerCPUArray || m.KeySize() != 4 || m.ValueSize()%8 != 0 {
		return nil
	}
	mc := &MapCounters{Map: name, Entries: map[uint32][]uint64{}}
	n := m.MaxEntries()
	if n > maxCounterEntries {
		n = maxCounterEntries
	}
	fields := int(m.ValueSize() / 8)
	for k := uint32(0); k < n; k++ {
		var vals [][]byte
		if t == ebpf.PerCPUArray {
			if err := m.Lookup(k, &vals); err != nil {
				return nil
			}
		} else {
			var v []byte
			if err := m.Lookup(k, &v); err != nil {
				return nil
			}
			vals = [][]byte{v}
		}
		sum := make([]uint64, fields)
		nonzero := false
		for _, v := range vals {
			for f := 0; f < fields && 8*f+8 <= len(v); f++ {
				x := binary.LittleEndian.Uint64(v[8*f:])
				sum[f] += x
				nonzero = nonzero || x != 0
			}
		}
		if nonzero {
			mc.Entries[k] = sum
		}
	}
	if len(mc.Entries) == 0 {
		return nil
	}
	return mc
}
