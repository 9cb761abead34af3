package difftest

import (
	"fmt"
)

// Speed is the mean in-kernel time per frame of one program, from BPF_PROG_TEST_RUN with
// repeat (the kernel's own timing, the syscall excluded).
type Speed struct {
	Name string
	// NsPerFrame is the mean over the frames the hook accepted.
	NsPerFrame float64
	Frames     int
}

// Bench loads A and B (seeded like Run) and runs every input repeat times through each,
// one BPF_PROG_TEST_RUN per input, on one CPU: the ns per frame of a port against its
// original, in one run. Frames either hook refuses are left out of both.
func Bench(cfg Config, repeat int) (a, b Speed, err error) {
	if repeat < 1 {
		return a, b, fmt.Errorf("repeat %d: want at least 1", repeat)
	}
	pa, err := prepare(cfg.A)
	if err != nil {
		return a, b, err
	}
	pb, err := prepare(cfg.B)
	if err != nil {
		return a, b, err
	}
	cpus, err := allowedCPUs()
	if err != nil {
		return a, b, err
	}
	release, err := pinThread(cpus[0])
	if err != nil {
		return a, b, err
	}
	defer release()
	var use []Input
	for _, in := range cfg.Inputs {
		if predictRefusal(pa.spec.Hook.ProgramType, in.Data) == nil && predictRefusal(pb.spec.Hook.ProgramType, in.Data) == nil {
			use = append(use, in)
		}
	}
	if a, err = benchSide(pa, use, cfg.Seed, "A", repeat); err != nil {
		return a, b, err
	}
	b, err = benchSide(pb, use, cfg.Seed, "B", repeat)
	return a, b, err
}

func benchSide(p *prepared, inputs []Input, seed *Seed, who string, repeat int) (Speed, error) {
	s := Speed{Name: p.name()}
	o, err := p.load()
	if err != nil {
		return s, err
	}
	defer o.Close()
	if err := seed.Apply(o.Collection.Maps, p.spec.Collection.Maps, fmt.Sprintf("%s %s", who, p.Arg)); err != nil {
		return s, err
	}
	var total float64
	for _, in := range inputs {
		// Program.Benchmark takes no context: a TC program is timed on the kernel's
		// default __sk_buff (loopback device), which changes nothing in its cost.
		_, d, err := o.Program.Benchmark(in.Data, repeat, nil)
		if err != nil {
			if refused(err) {
				continue
			}
			return s, fmt.Errorf("%s: test run of %s: %w", p.Arg, in.From, err)
		}
		total += float64(d.Nanoseconds())
		s.Frames++
	}
	if s.Frames > 0 {
		s.NsPerFrame = total / float64(s.Frames)
	}
	return s, nil
}
