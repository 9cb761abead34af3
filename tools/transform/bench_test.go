package transform

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
	"github.com/opened-ebpf/opened/tools/mcu"
)

// largestNF is the corpus unit with the most source (the decapsulator).
const largestNF = "decap"

// BenchmarkPort measures the transform itself on the largest corpus unit: rules over the AST,
// edits, the ported mcu.c, functions.json and changes.json (target: 50 ms). clang's AST dump
// and the compile of mcu.o are measured by BenchmarkRun.
func BenchmarkPort(b *testing.B) {
	unit := unitFromC(b, filepath.Join("nf", largestNF, "prog.c"))
	u, err := mcu.Read(unit)
	if err != nil {
		b.Fatal(err)
	}
	ast, err := cfront.ParseAST(context.Background(), cfront.Options{Repo: unit}, mcu.SourceFile)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Port(u, ast, "tc-ingress", false); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRun is the whole `opened transform` of the largest corpus unit: reading the unit,
// clang's AST, the port, clang compiling the ported mcu.c, writing the unit.
func BenchmarkRun(b *testing.B) {
	unit := unitFromC(b, filepath.Join("nf", largestNF, "prog.c"))
	out := filepath.Join(b.TempDir(), "port")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Run(context.Background(), Options{Unit: unit, To: "tc-ingress", Out: out}); err != nil {
			b.Fatal(err)
		}
	}
}
