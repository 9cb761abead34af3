package extract

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/opened-ebpf/opened/tools/index"
)

// largestCase is the corpus case the benchmarks run over.
const largestCase = "large_lb"

// BenchmarkIndexAndExtract measures a warm index check (every unit up to
// date) followed by a complete extraction: closure, mcu.c, clang -O2 build of
// mcu.o, JSON files and the atomic rename.
func BenchmarkIndexAndExtract(b *testing.B) { benchIndexAndExtract(b, false) }

func benchIndexAndExtract(b *testing.B, noObjectCache bool) {
	c := loadCases(b)[largestCase]
	tmp := b.TempDir()
	opts := Options{Repo: filepath.Join("testdata", largestCase), Entry: c.Entry, CFlags: c.CFlags, Prefer: c.Prefer,
		DB: filepath.Join(tmp, "index.db"), Out: filepath.Join(tmp, "mcu"), noObjectCache: noObjectCache}
	if _, err := Run(context.Background(), opts); err != nil { // cold: fills the index
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Run(context.Background(), opts)
		if err != nil {
			b.Fatal(err)
		}
		if res.Index.Parsed != 0 {
			b.Fatalf("warm run re-parsed %d units", res.Index.Parsed)
		}
	}
}

// BenchmarkIndexAndExtractCompile is BenchmarkIndexAndExtract with the
// object cache off: every iteration runs clang -O2 -g on mcu.c.
func BenchmarkIndexAndExtractCompile(b *testing.B) {
	benchIndexAndExtract(b, true)
}

// BenchmarkIndexWarm measures only the index up-to-date check.
func BenchmarkIndexWarm(b *testing.B) {
	c := loadCases(b)[largestCase]
	tmp := b.TempDir()
	opts := index.Options{Repo: filepath.Join("testdata", largestCase), CFlags: c.CFlags, DB: filepath.Join(tmp, "index.db")}
	ix, err := index.Open(context.Background(), opts)
	if err != nil {
		b.Fatal(err)
	}
	ix.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix, err := index.Open(context.Background(), opts)
		if err != nil {
			b.Fatal(err)
		}
		if ix.Stats.Parsed != 0 {
			b.Fatal("warm index re-parsed")
		}
		ix.Close()
	}
}

// BenchmarkIndexCold measures indexing the whole repository from scratch.
func BenchmarkIndexCold(b *testing.B) {
	c := loadCases(b)[largestCase]
	for i := 0; i < b.N; i++ {
		tmp := b.TempDir()
		ix, err := index.Open(context.Background(), index.Options{Repo: filepath.Join("testdata", largestCase), CFlags: c.CFlags, DB: filepath.Join(tmp, "index.db")})
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
}

// BenchmarkExtractCold measures an extraction with an empty index, as a
// Bazel action (config "db": ":memory:") runs it: the units the entry needs
// are parsed by clang, then the MCU is built.
func BenchmarkExtractCold(b *testing.B) {
	c := loadCases(b)[largestCase]
	for i := 0; i < b.N; i++ {
		tmp := b.TempDir()
		res, err := Run(context.Background(), Options{Repo: filepath.Join("testdata", largestCase), Entry: c.Entry, CFlags: c.CFlags,
			Prefer: c.Prefer, DB: filepath.Join(tmp, "index.db"), Out: filepath.Join(tmp, "mcu")})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Index.Parsed), "units-parsed/op")
	}
}

// BenchmarkExtractColdBigRepo is BenchmarkExtractCold over large_lb plus
// bigRepoExtra user-space .c files (see TestLazyBigRepo).
func BenchmarkExtractColdBigRepo(b *testing.B) {
	c := loadCases(b)[largestCase]
	repo := bigRepo(b)
	for i := 0; i < b.N; i++ {
		tmp := b.TempDir()
		res, err := Run(context.Background(), Options{Repo: repo, Entry: c.Entry, CFlags: c.CFlags,
			Prefer: c.Prefer, DB: filepath.Join(tmp, "index.db"), Out: filepath.Join(tmp, "mcu")})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Index.Parsed), "units-parsed/op")
	}
}
