package loader

import (
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"github.com/opened-ebpf/opened/tools/packet"
	"github.com/opened-ebpf/opened/tools/pipeline"
)

// minFrame is Ethernet's minimum frame size without the frame check sequence.
const minFrame = 60

// Simulation is a pipeline loaded without attaching or pinning, run on frames with
// BPF_PROG_TEST_RUN the way the kernel runs it on an interface: the xdp segment first, the
// TC segment on what XDP passed (and rewrote), tcx programs one after another while they
// return TCX_NEXT.
type Simulation struct {
	m     *pipeline.Manifest
	colls []*ebpf.Collection
}

// Simulate loads the pipeline directory dir for test runs.
func Simulate(dir string) (*Simulation, error) {
	m, err := pipeline.Read(dir)
	if err != nil {
		return nil, err
	}
	s := &Simulation{m: m}
	for _, seg := range m.Segments {
		spec, err := ebpf.LoadCollectionSpec(filepath.Join(dir, seg.Object))
		if err != nil {
			s.Close()
			return nil, err
		}
		for _, ms := range spec.Maps {
			ms.Pinning = ebpf.PinNone
		}
		coll, err := ebpf.NewCollection(spec)
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("segment %s: %w", seg.Hook, err)
		}
		s.colls = append(s.colls, coll)
		if seg.Mode == pipeline.TailCall {
			for i, p := range seg.Programs {
				if err := coll.Maps[seg.ChainMap].Put(uint32(i), coll.Programs[p]); err != nil {
					s.Close()
					return nil, err
				}
			}
		}
	}
	return s, nil
}

// Close releases the simulation's programs and maps.
func (s *Simulation) Close() {
	for _, c := range s.colls {
		c.Close()
	}
}

// Run runs one frame through the pipeline and returns the verdict of the last program run in
// each segment reached, and the frame as it leaves the pipeline.
func (s *Simulation) Run(frame []byte) ([]uint32, []byte, error) {
	var verdicts []uint32
	data := frame
	for k, seg := range s.m.Segments {
		progs := attached(seg)
		var ret uint32
		for _, p := range progs {
			out := make([]byte, len(data)+256)
			opts := &ebpf.RunOptions{Data: data, DataOut: out}
			r, err := s.colls[k].Programs[p].Run(opts)
			if err != nil {
				return nil, nil, fmt.Errorf("test run %s: %w", p, err)
			}
			ret, data = r, opts.DataOut
			if seg.Mode != pipeline.TCX || int32(ret) != -1 {
				break
			}
		}
		verdicts = append(verdicts, ret)
		pass := ret == 2 // XDP_PASS
		if seg.Hook != pipeline.HookXDP {
			pass = ret == 0 || int32(ret) == -1
		}
		if !pass {
			break
		}
	}
	return verdicts, data, nil
}

// Counters reads the simulation's verdict counters, stage by stage in manifest order.
func (s *Simulation) Counters() []map[string]uint64 {
	var out []map[string]uint64
	for k, seg := range s.m.Segments {
		cs := countersOf(s.colls[k].Maps[seg.CounterMap], seg)
		out = append(out, cs...)
	}
	return out
}

// SelfTest is `opened load-test`: it creates a network namespace with a veth pair, loads the
// pipeline on one end, writes frames into the other, and checks that every stage's verdict
// counts equal those of the same frames run through a Simulation. It then unloads and checks
// that nothing is left attached or pinned.
func SelfTest(dir string, frames int, seed int64, w io.Writer) error {
	if err := checkBPF(); err != nil {
		return err
	}
	m, err := pipeline.Read(dir)
	if err != nil {
		return err
	}
	for _, seg := range m.Segments {
		if seg.CounterMap == "" {
			return fmt.Errorf("pipeline %s was composed without counters: load-test compares them", m.Name)
		}
	}
	gen, err := packet.Generate(frames, seed, packet.Options{})
	if err != nil {
		return err
	}
	// Frames BPF_PROG_TEST_RUN refuses (sizes and shapes it cannot build a context for) are
	// left out: a first simulation sorts them out, a fresh one counts.
	sim, err := Simulate(dir)
	if err != nil {
		return err
	}
	// Runts (below Ethernet's 60-byte minimum) are left out too: a wire does not carry them
	// and the stack drops some of them (a cut VLAN header) before TC.
	var kept []packet.Frame
	for _, f := range gen {
		if len(f.Data) < minFrame {
			continue
		}
		if _, _, err := sim.Run(f.Data); err == nil {
			kept = append(kept, f)
		}
	}
	sim.Close()
	if len(kept) < len(gen)/2 {
		return fmt.Errorf("load-test: test runs refuse %d of %d generated frames", len(gen)-len(kept), len(gen))
	}
	gen = kept
	if sim, err = Simulate(dir); err != nil {
		return err
	}
	defer sim.Close()
	for _, f := range gen {
		if _, _, err := sim.Run(f.Data); err != nil {
			return err
		}
	}
	want := sim.Counters()

	id := fmt.Sprintf("%d", os.Getpid()%100000)
	ns, err := NewNetns("opened-lt-"+id, "olt"+id+"a", "olt"+id+"b")
	if err != nil {
		return err
	}
	defer ns.Close()
	fmt.Fprintf(w, "namespace %s: veth %s <- %s\n", ns.Name, ns.Iface, ns.Peer)
	var got []map[string]uint64
	err = ns.Do(func() error {
		st, err := LoadPipeline(dir, PipelineOptions{Iface: ns.Iface})
		if err != nil {
			return err
		}
		loaded := true
		defer func() {
			if loaded {
				Unload(ns.Iface)
			}
		}()
		fmt.Fprintf(w, "loaded %s (%d links)\n", st.Manifest.Name, len(st.Links))
		peer, err := net.InterfaceByName(ns.Peer)
		if err != nil {
			return err
		}
		sock, err := OpenPacketSocket(peer.Index)
		if err != nil {
			return err
		}
		defer sock.Close()
		for _, f := range gen {
			if err := sock.Send(f.Data); err != nil {
				return fmt.Errorf("send %s: %w", f.Recipe, err)
			}
		}
		// Frames are processed in the senders' softirq; wait until the counters settle.
		deadline := time.Now().Add(3 * time.Second)
		for {
			sts, err := PipelineStatus(ns.Iface)
			if err != nil {
				return err
			}
			got = got[:0]
			for _, s := range sts[0].Stages {
				got = append(got, s.Verdicts)
			}
			if reflect.DeepEqual(got, want) || time.Now().After(deadline) {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		loaded = false
		if _, err := Unload(ns.Iface); err != nil {
			return err
		}
		return checkDetached(ns)
	})
	if err != nil {
		return err
	}
	k := 0
	var bad []string
	for _, seg := range m.Segments {
		for _, stage := range seg.Stages {
			fmt.Fprintf(w, "  stage %-12s %-10s live: %-40s test run: %s\n", stage, seg.Hook, fmtVerdicts(got[k]), fmtVerdicts(want[k]))
			if !reflect.DeepEqual(got[k], want[k]) {
				bad = append(bad, stage)
			}
			k++
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("load-test: %d frames: stages %s counted other verdicts live than in test runs", len(gen), strings.Join(bad, ", "))
	}
	fmt.Fprintf(w, "ok: %d frames (of %d generated), every stage's verdicts as in test runs; unloaded, nothing left attached\n", len(gen), frames)
	return nil
}

// checkDetached fails when an XDP program or a tcx program is still attached to ns.Iface, or
// pins or state are left (called inside the namespace).
func checkDetached(ns *Netns) error {
	ifc, err := net.InterfaceByName(ns.Iface)
	if err != nil {
		return err
	}
	out, err := exec.Command(ipTool(), "link", "show", "dev", ns.Iface).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ip link show %s: %v", ns.Iface, err)
	}
	if strings.Contains(string(out), "prog/xdp") {
		return fmt.Errorf("after unload an XDP program is still attached to %s:\n%s", ns.Iface, out)
	}
	for _, at := range []ebpf.AttachType{ebpf.AttachTCXIngress, ebpf.AttachTCXEgress} {
		res, err := link.QueryPrograms(link.QueryOptions{Target: ifc.Index, Attach: at})
		if err != nil {
			return fmt.Errorf("query tcx programs of %s: %w", ns.Iface, err)
		}
		if len(res.Programs) > 0 {
			return fmt.Errorf("after unload %d tcx programs are still attached to %s (%s)", len(res.Programs), ns.Iface, at)
		}
	}
	for _, p := range []string{ifaceDir(ns.Iface), filepath.Join(StateDir, ns.Iface)} {
		if _, err := os.Stat(p); err == nil {
			return fmt.Errorf("after unload %s is left", p)
		}
	}
	return nil
}

func fmtVerdicts(v map[string]uint64) string {
	var parts []string
	for _, k := range sortedKeys(v) {
		parts = append(parts, fmt.Sprintf("%s=%d", k, v[k]))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, " ")
}
