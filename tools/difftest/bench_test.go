package difftest

import (
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/opened-ebpf/opened/loader"
)

// BenchmarkDifftest compares one pair (the XDP network function and its TC port) on 10,000
// generated frames, generated once: loads, seeding, both test runs of every frame, the
// comparison and the map snapshots. Reports frames/s.
func BenchmarkDifftest(b *testing.B) {
	cfg := Config{A: target(b, "xdp_nf.o"), B: target(b, "tc_nf.o"), Inputs: generated(b, 10000, 1)}
	cpu0 := cpuTime(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := Run(cfg)
		if err != nil {
			b.Fatal(err)
		}
		if f := r.Failed(); f != "" {
			b.Fatal(f)
		}
	}
	b.StopTimer()
	frames := float64(len(cfg.Inputs)) * float64(b.N)
	b.ReportMetric(frames/b.Elapsed().Seconds(), "frames/s")
	// CPU time (user + system, this process) per frame does not depend on how busy the
	// machine is; with A and B on two CPUs, 2 s / (CPU s per frame) is what two idle CPUs
	// would reach.
	b.ReportMetric((cpuTime(b)-cpu0).Seconds()*1e6/frames, "cpu-µs/frame")
}

// cpuTime is the user and system CPU time this process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru unix.Rusage
	if err := unix.Getrusage(unix.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkPortVsOriginal measures ns per frame of the XDP original and its TC port with
// BPF_PROG_TEST_RUN's repeat (the kernel's own timing), over the same 256 generated frames.
func BenchmarkPortVsOriginal(b *testing.B) {
	inputs := generated(b, 256, 2)
	for _, name := range []string{"xdp_nf.o", "tc_nf.o"} {
		b.Run(name, func(b *testing.B) {
			p, err := prepare(target(b, name))
			if err != nil {
				b.Fatal(err)
			}
			o, err := p.load()
			if err != nil {
				b.Fatal(err)
			}
			defer o.Close()
			ns := benchProgram(b, o, inputs)
			b.ReportMetric(ns, "ns/frame")
		})
	}
}

// benchProgram runs every input b.N times in the kernel (one BPF_PROG_TEST_RUN with
// repeat per input, without a context: Program.Benchmark takes none) and returns the
// kernel's mean time per run in ns.
func benchProgram(b *testing.B, o *loader.Object, inputs []Input) float64 {
	var total float64
	var n int
	b.ResetTimer()
	for _, in := range inputs {
		_, d, err := o.Program.Benchmark(in.Data, b.N, nil)
		if err != nil {
			if refused(err) {
				continue
			}
			b.Fatal(err)
		}
		total += float64(d.Nanoseconds())
		n++
	}
	return total / float64(n)
}
