package transform

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/cilium/ebpf"

	"github.com/opened-ebpf/opened/tools/mcu"
)

// BenchmarkPortPackets measures, for every corpus port, the time per packet of the original
// and of the port in the kernel (BPF_PROG_TEST_RUN with repeat) on the NF's first edge frame,
// reported as orig-ns/pkt and port-ns/pkt: what the shims and the verdict mapping cost.
func BenchmarkPortPackets(b *testing.B) {
	for _, c := range portCases {
		b.Run(fmt.Sprintf("%s-%s", c.nf, c.to), func(b *testing.B) {
			orig, port, _ := portNF(b, c)
			frame := edgeFrames(c.nf)[0]
			prog := func(dir string) *ebpf.Program {
				u, err := mcu.Read(dir)
				if err != nil {
					b.Fatal(err)
				}
				coll, err := ebpf.LoadCollection(filepath.Join(dir, mcu.ObjectFile))
				if err != nil {
					b.Fatalf("loading %s (needs root and BPF): %v", dir, err)
				}
				b.Cleanup(coll.Close)
				return coll.Programs[u.Functions.Entry]
			}
			po, pp := prog(orig), prog(port)
			var to, tp float64
			for i := 0; i < b.N; i++ {
				_, d, err := po.Benchmark(frame, 10000, nil)
				if err != nil {
					b.Fatal(err)
				}
				to += float64(d.Nanoseconds())
				_, d, err = pp.Benchmark(frame, 10000, nil)
				if err != nil {
					b.Fatal(err)
				}
				tp += float64(d.Nanoseconds())
			}
			b.ReportMetric(to/float64(b.N), "orig-ns/pkt")
			b.ReportMetric(tp/float64(b.N), "port-ns/pkt")
		})
	}
}
