package difftest

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/btf"
	"github.com/opened-ebpf/opened/loader"
	"github.com/opened-ebpf/opened/tools/hook"
	"golang.org/x/sys/unix"
)

// Input is one frame to run and where it came from.
type Input struct {
	Data []byte
	// From says where the frame came from ("generated #12 eth-ipv4-tcp", "edge.pcap #3").
	From string
}

// Config is one comparison.
type Config struct {
	A, B   Target
	Inputs []Input
	// Seed, if set, is written into the maps of both programs before the first frame.
	Seed *Seed
	// Details caps the mismatches reported in full (0: 10). All are counted.
	Details int
	// IgnoreMaps names maps not compared afterwards: state that depends on the clock
	// (timestamps of a rate limiter) differs between any two runs.
	IgnoreMaps []string
}

// maxOut is the output buffer of a test run: a frame can grow by the headroom (XDP) or by
// an encapsulation (TC), never past a page on these hooks without fragments.
const maxOut = 64 << 10

// result is one test run of one frame.
type result struct {
	ret     uint32
	refused error // the kernel refused the frame (skipped)
	off, n  int   // output bytes in the side's arena
}

// side is the outcome of running every input through one program.
type side struct {
	p       *prepared
	results []result
	arena   []byte
	maps    map[string]*mapSnapshot
	notes   []string
}

// Run loads A and B, each fresh from its object, seeds both identically, runs every input
// through A, then through B, and compares verdicts, output bytes and the maps afterwards.
// The error is for what stops the comparison itself (an object that does not load, a bad
// seed); differences are in the Report.
func Run(cfg Config) (*Report, error) {
	pa, err := prepare(cfg.A)
	if err != nil {
		return nil, err
	}
	pb, err := prepare(cfg.B)
	if err != nil {
		return nil, err
	}
	if cfg.Seed != nil {
		// Check every entry against both programs' maps before anything runs.
		for _, p := range []*prepared{pa, pb} {
			for _, e := range cfg.Seed.Entries {
				ms := p.spec.Collection.Maps[e.Map]
				if ms == nil {
					continue // Apply names the missing map with the live map list
				}
				if _, _, err := cfg.Seed.encode(e, ms); err != nil {
					return nil, err
				}
			}
		}
	}

	cpus, err := allowedCPUs()
	if err != nil {
		return nil, err
	}
	// A frame one hook refuses must not reach the other program either, or the maps would
	// differ for frames that were never compared. Frames the kernel is known to refuse at
	// one hook are skipped on both sides up front; both sides run the rest, and if one hook
	// refused frames the other accepted, both run again, fresh, on what both accept.
	skip := make([]error, len(cfg.Inputs))
	predA, predB := make([]error, len(skip)), make([]error, len(skip))
	for i, in := range cfg.Inputs {
		predA[i], predB[i] = predictRefusal(pa.spec.Hook.ProgramType, in.Data), predictRefusal(pb.spec.Hook.ProgramType, in.Data)
		if predA[i] != nil || predB[i] != nil {
			skip[i] = errNotRun
		}
	}
	a, b, err := runBoth(pa, pb, cfg, skip, cpus)
	if err != nil {
		return nil, err
	}
	again := false
	refA, refB := make([]error, len(skip)), make([]error, len(skip))
	for i := range skip {
		refA[i], refB[i] = a.results[i].refused, b.results[i].refused
		if skip[i] != nil {
			refA[i], refB[i] = predA[i], predB[i]
		} else if (refA[i] == nil) != (refB[i] == nil) {
			again = true
		}
		if refA[i] != nil || refB[i] != nil {
			skip[i] = errNotRun
		}
	}
	if again {
		if a, b, err = runBoth(pa, pb, cfg, skip, cpus); err != nil {
			return nil, err
		}
	}
	// Say which hook refused (or would refuse) each skipped frame.
	for i, e := range skip {
		if e != nil {
			a.results[i].refused, b.results[i].refused = orNotRun(refA[i]), orNotRun(refB[i])
		}
	}
	return compare(cfg, a, b), nil
}

// runBoth runs A and B, each on one CPU of its own when there are two (A on cpus[0], B on
// cpus[1]), else one after the other on cpus[0].
func runBoth(pa, pb *prepared, cfg Config, skip []error, cpus []int) (*side, *side, error) {
	cb := cpus[0]
	if len(cpus) > 1 {
		cb = cpus[1]
	}
	var b *side
	var errB error
	done := make(chan struct{})
	run := func() {
		b, errB = runSide(pb, cfg.Inputs, skip, cfg.Seed, "B", cb)
		close(done)
	}
	if len(cpus) > 1 {
		go run()
	}
	a, errA := runSide(pa, cfg.Inputs, skip, cfg.Seed, "A", cpus[0])
	if len(cpus) == 1 {
		run()
	}
	<-done
	if errA != nil {
		return nil, nil, errA
	}
	if errB != nil {
		return nil, nil, errB
	}
	return a, b, nil
}

// predictRefusal says why BPF_PROG_TEST_RUN at a hook of program type t refuses frame, for
// the refusals known in advance (kernel 6.x, net/bpf/test_run.c): every hook wants an
// Ethernet header, and the skb test run the whole IPv4 or IPv6 header the EtherType
// announces. Other refusals are found by running.
func predictRefusal(t ebpf.ProgramType, frame []byte) error {
	if len(frame) < 14 {
		return fmt.Errorf("%d bytes: the test run wants at least an Ethernet header", len(frame))
	}
	if t == ebpf.XDP {
		return nil
	}
	switch et := uint16(frame[12])<<8 | uint16(frame[13]); {
	case et == 0x0800 && len(frame) < 14+20:
		return fmt.Errorf("%d bytes: the skb test run wants the whole IPv4 header", len(frame))
	case et == 0x86dd && len(frame) < 14+40:
		return fmt.Errorf("%d bytes: the skb test run wants the whole IPv6 header", len(frame))
	}
	return nil
}

// errNotRun marks a frame not run because the other hook refused it.
var errNotRun = errors.New("not run: the other hook refused it")

func orNotRun(err error) error {
	if err == nil {
		return errNotRun
	}
	return err
}

// runSide loads a fresh instance of p, seeds its maps and runs every input whose skip entry
// is nil; the others are recorded as refused.
func runSide(p *prepared, inputs []Input, skip []error, seed *Seed, who string, cpu int) (*side, error) {
	// Every run of a side happens on one CPU, so that per-CPU maps can be compared.
	release, err := pinThread(cpu)
	if err != nil {
		return nil, err
	}
	defer release()
	o, err := p.load()
	if err != nil {
		return nil, err
	}
	defer o.Close()
	if err := seed.Apply(o.Collection.Maps, p.spec.Collection.Maps, fmt.Sprintf("%s %s", who, p.Arg)); err != nil {
		return nil, err
	}
	r, err := newRunner(o)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.Arg, err)
	}
	s := &side{p: p, results: make([]result, len(inputs))}
	total := 0
	for _, in := range inputs {
		total += len(in.Data) + 64
	}
	s.arena = make([]byte, 0, total)
	for i, in := range inputs {
		if skip[i] != nil {
			s.results[i] = result{refused: skip[i]}
			continue
		}
		ret, out, err := r.run(in.Data)
		switch {
		case err == nil:
			s.results[i] = result{ret: ret, off: len(s.arena), n: len(out)}
			s.arena = append(s.arena, out...)
		case refused(err):
			s.results[i] = result{refused: err}
		default:
			return nil, fmt.Errorf("%s: %s: test run of %s: %w", p.Arg, o.Spec.Entry, in.From, err)
		}
	}
	s.maps, s.notes, err = snapshot(o, cpu)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.Arg, err)
	}
	return s, nil
}

// refused reports whether a test run error means the kernel will not run this frame at this
// hook (too short, too long for a linear buffer), rather than that something is broken.
func refused(err error) bool {
	return errors.Is(err, unix.EINVAL) || errors.Is(err, unix.E2BIG) || errors.Is(err, unix.EMSGSIZE) || errors.Is(err, unix.ENOSPC)
}

// runner runs one loaded program with BPF_PROG_TEST_RUN.
type runner struct {
	prog *ebpf.Program
	opts ebpf.RunOptions
	out  []byte
}

func newRunner(o *loader.Object) (*runner, error) {
	r := &runner{prog: o.Program, out: make([]byte, maxOut)}
	if o.Spec.Hook.ProgramType != ebpf.XDP {
		ctx, err := skbContext()
		if err != nil {
			return nil, err
		}
		r.opts.Context = ctx
	}
	return r, nil
}

// run returns the program's return value and its output frame (valid until the next run).
func (r *runner) run(data []byte) (uint32, []byte, error) {
	r.opts.Data = data
	r.opts.DataOut = r.out
	ret, err := r.prog.Run(&r.opts)
	return ret, r.opts.DataOut, err
}

// The __sk_buff a TC test run starts from: the packet arrived on the loopback device
// (ifindex 1), as an XDP test run without a context does. skb->protocol is set by the kernel
// from the frame's EtherType (eth_type_trans), as on a real receive.
var (
	skbOnce sync.Once
	skbCtx  []byte
	skbErr  error
)

func skbContext() ([]byte, error) {
	skbOnce.Do(func() {
		spec, err := btf.LoadKernelSpec()
		if err != nil {
			skbErr = fmt.Errorf("kernel BTF for struct __sk_buff: %w", err)
			return
		}
		var st *btf.Struct
		if err := spec.TypeByName("__sk_buff", &st); err != nil {
			skbErr = fmt.Errorf("kernel BTF: struct __sk_buff: %w", err)
			return
		}
		ctx := make([]byte, st.Size)
		set := map[string]uint32{"ifindex": 1, "ingress_ifindex": 1}
		for _, m := range st.Members {
			if v, ok := set[m.Name]; ok {
				off := m.Offset.Bytes()
				ctx[off], ctx[off+1], ctx[off+2], ctx[off+3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
			}
		}
		skbCtx = ctx
	})
	return skbCtx, skbErr
}

// allowedCPUs returns the CPUs this process may run on.
func allowedCPUs() ([]int, error) {
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err != nil {
		return nil, fmt.Errorf("sched_getaffinity: %w", err)
	}
	var cpus []int
	for i := 0; i < 1024 && len(cpus) < 2; i++ {
		if set.IsSet(i) {
			cpus = append(cpus, i)
		}
	}
	if len(cpus) == 0 {
		return nil, errors.New("sched_getaffinity: no CPU allowed")
	}
	return cpus, nil
}

// pinThread locks the calling goroutine to its OS thread and that thread to cpu, and
// returns the function that undoes both.
func pinThread(cpu int) (func(), error) {
	runtime.LockOSThread()
	var old unix.CPUSet
	if err := unix.SchedGetaffinity(0, &old); err != nil {
		runtime.UnlockOSThread()
		return nil, fmt.Errorf("sched_getaffinity: %w", err)
	}
	var one unix.CPUSet
	one.Set(cpu)
	if err := unix.SchedSetaffinity(0, &one); err != nil {
		runtime.UnlockOSThread()
		return nil, fmt.Errorf("sched_setaffinity: %w", err)
	}
	return func() {
		unix.SchedSetaffinity(0, &old)
		runtime.UnlockOSThread()
	}, nil
}

// compare builds the report from the two sides.
func compare(cfg Config, a, b *side) *Report {
	rep := &Report{A: a.p.name(), B: b.p.name(), Frames: len(cfg.Inputs), Notes: append(append([]string(nil), a.notes...), b.notes...)}
	details := cfg.Details
	if details == 0 {
		details = 10
	}
	ha, hb := a.p.spec.Hook, b.p.spec.Hook
	rules := map[string]int{}
	for i, in := range cfg.Inputs {
		ra, rb := a.results[i], b.results[i]
		if ra.refused != nil || rb.refused != nil {
			rep.Skipped++
			if len(rep.SkippedSamples) < 3 {
				rep.SkippedSamples = append(rep.SkippedSamples, skipReason(in, ra, rb))
			}
			continue
		}
		rep.Compared++
		va, vb := ha.Verdict(int32(ra.ret)), hb.Verdict(int32(rb.ret))
		outA, outB := a.arena[ra.off:ra.off+ra.n], b.arena[rb.off:rb.off+rb.n]
		same, rule := hook.Equivalent(ha, va, hb, vb)
		var why string
		switch {
		case !same:
			why = "verdicts differ"
		case delivers(va.Action) && !bytes.Equal(outA, outB):
			why = "output bytes differ"
		}
		if why == "" {
			rep.Equal++
			rules[rule]++
			if delivers(va.Action) && !bytes.Equal(outA, in.Data) {
				rep.Rewritten++
			}
			continue
		}
		rep.Mismatches++
		if len(rep.Details) < details {
			rep.Details = append(rep.Details, Mismatch{Index: i, From: in.From, Input: in.Data, Why: why,
				VerdictA: va, VerdictB: vb, OutA: outA, OutB: outB})
		}
	}
	rep.Rules = rules
	for _, n := range cfg.IgnoreMaps {
		_, inA := a.maps[n]
		_, inB := b.maps[n]
		if inA || inB {
			rep.MapNotes = append(rep.MapNotes, fmt.Sprintf("map %s not compared: ignored as asked", n))
		}
		delete(a.maps, n)
		delete(b.maps, n)
	}
	diffs, notes := compareMaps(a.maps, b.maps)
	rep.MapDiffs, rep.MapNotes = diffs, append(rep.MapNotes, notes...)
	return rep
}

// delivers reports whether the packet leaves the program (so that its bytes matter).
func delivers(a hook.Action) bool {
	switch a {
	case hook.ActionDrop, hook.ActionAbort:
		return false
	}
	return true
}

func skipReason(in Input, ra, rb result) string {
	s := fmt.Sprintf("%s (%d bytes):", in.From, len(in.Data))
	if ra.refused != nil && ra.refused != errNotRun {
		s += fmt.Sprintf(" A's hook refused it (%v)", ra.refused)
	}
	if rb.refused != nil && rb.refused != errNotRun {
		s += fmt.Sprintf(" B's hook refused it (%v)", rb.refused)
	}
	return s
}
