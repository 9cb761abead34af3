package cfront

import (
	"context"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/opened-ebpf/opened/tools/internal/vmlinuxtest"
)

// clangOutputs runs the three clang runs of Parse once, for benchmarks of the Go side.
func clangOutputs(tb testing.TB, repo, file string, cflags ...string) (ast *output, pp, ir []byte) {
	tb.Helper()
	o := Options{Repo: repo, CFlags: cflags}
	ctx := context.Background()
	ast, err := runOutput(ctx, o, file, "-fsyntax-only", "-Xclang", "-ast-dump=json")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(ast.close)
	if pp, err = run(ctx, o, file, "-E", "-dD"); err != nil {
		tb.Fatal(err)
	}
	if ir, err = run(ctx, o, file, "-S", "-emit-llvm", "-O0", "-g", "-o", "-"); err != nil {
		tb.Fatal(err)
	}
	return ast, pp, ir
}

// benchGoSide measures what Parse does after clang: map and stream the JSON AST, parse the
// -E -dD output and the IR, build the TU.
func benchGoSide(b *testing.B, repo, file string, cflags ...string) {
	repo, err := filepath.Abs(repo)
	if err != nil {
		b.Fatal(err)
	}
	ast, pp, ir := clangOutputs(b, repo, file, cflags...)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		data, release, unmap, err := ast.mapped()
		if err != nil {
			b.Fatal(err)
		}
		tu, err := buildTU(repo, file, data, release, pp, ir)
		unmap()
		if err != nil {
			b.Fatal(err)
		}
		if len(tu.Decls) == 0 {
			b.Fatal("no declarations")
		}
	}
	b.StopTimer()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		// The whole benchmark process, clang's outputs included.
		b.ReportMetric(float64(ru.Maxrss)/1024, "proc-peak-MB")
	}
}

// BenchmarkGoSideSmall is the common case: a corpus unit (BTF maps, libbpf headers) whose
// JSON AST is about 7 MB.
func BenchmarkGoSideSmall(b *testing.B) {
	benchGoSide(b, "../../extract/testdata/maps_btf", "src/router.c", "-Iinclude")
}

// BenchmarkGoSideVmlinux is a unit carrying the running kernel's vmlinux.h (a JSON AST of
// about 180 MB, every declaration a project one).
func BenchmarkGoSideVmlinux(b *testing.B) {
	benchGoSide(b, vmlinuxtest.Project(b), "prog.c")
}
