package extract

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

// BenchmarkColdRatio extracts every corpus case with an empty in-memory index, as a Bazel
// EbpfExtract action does, and reports its time as a ratio to one
// `clang -O2 -g -target bpf -c` of the entry's file with the case's flags, measured in the
// same iteration (metric x-compile; the goal is at most 5).
func BenchmarkColdRatio(b *testing.B) { benchRatio(b, false) }

// BenchmarkWarmRatio is the CLI user re-extracting with the index and the object cache
// reused (a database kept across runs); the goal is at most half a compile (0.5 x-compile).
func BenchmarkWarmRatio(b *testing.B) { benchRatio(b, true) }

func benchRatio(b *testing.B, warm bool) {
	cases := loadCases(b)
	var names []string
	for n, c := range cases {
		if c.Error == "" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		c := cases[name]
		b.Run(name, func(b *testing.B) {
			tmp := b.TempDir()
			opts := Options{Repo: c.Dir, Entry: c.Entry, CFlags: c.CFlags, Prefer: c.Prefer, DB: ":memory:", Out: filepath.Join(tmp, "mcu")}
			if warm {
				opts.DB = filepath.Join(tmp, "index.db")
			}
			res, err := Run(context.Background(), opts) // also finds the entry's file
			if err != nil {
				b.Fatal(err)
			}
			entryFile := ""
			for _, f := range res.Functions.Functions {
				if f.Name == res.Functions.Entry {
					entryFile = f.File
				}
			}
			if strings.HasSuffix(entryFile, ".h") {
				// A function defined in a header (a template): its unit is the .c file that includes it.
				entryFile = includingUnit(b, c.Dir, path.Base(entryFile))
			}
			var extractT, compileT time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				args := append(append([]string{"-O2", "-g"}, cfront.BaseFlags...), c.CFlags...)
				cmd := exec.Command("clang", append(args, "-c", entryFile, "-o", filepath.Join(tmp, "entry.o"))...)
				cmd.Dir = c.Dir
				start := time.Now()
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("clang -c %s: %v\n%s", entryFile, err, out)
				}
				compileT += time.Since(start)
				start = time.Now()
				if _, err := Run(context.Background(), opts); err != nil {
					b.Fatal(err)
				}
				extractT += time.Since(start)
			}
			b.ReportMetric(float64(extractT)/float64(compileT), "x-compile")
			b.ReportMetric(float64(compileT.Milliseconds())/float64(b.N), "compile-ms/op")
			b.ReportMetric(float64(extractT.Milliseconds())/float64(b.N), "extract-ms/op")
		})
	}
}

// includingUnit returns the first .c file (in path order) under dir whose text includes a
// header named base.
func includingUnit(b *testing.B, dir, base string) string {
	var found string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || found != "" || d.IsDir() || !strings.HasSuffix(p, ".c") {
			return err
		}
		if text, err := os.ReadFile(p); err == nil && strings.Contains(string(text), base) {
			found, _ = filepath.Rel(dir, p)
		}
		return nil
	})
	if found == "" {
		b.Fatalf("no .c file under %s includes %s", dir, base)
	}
	return found
}
