package extract

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

// BenchmarkColdRatio runs `opened extract --db :memory:` as a process on every corpus case,
// as a Bazel EbpfExtract action does (a new process, an empty in-memory index: process
// start-up, every probe and every clang run count), and reports its time as a ratio to one
// `clang -O2 -g -target bpf -c` of the entry's file with the case's flags, measured in the
// same iteration (metric x-compile; the goal is at most 5).
func BenchmarkColdRatio(b *testing.B) { benchRatio(b, false) }

// BenchmarkWarmRatio is the CLI user re-extracting with the index and the object cache
// reused (a database kept across runs), also as a process; the goal is at most half a
// compile (0.5 x-compile).
func BenchmarkWarmRatio(b *testing.B) { benchRatio(b, true) }

var (
	cliOnce sync.Once
	cliPath string
	cliErr  error
)

// openedCLI builds the opened command once per test binary.
func openedCLI(b *testing.B) string {
	cliOnce.Do(func() {
		dir, err := os.MkdirTemp("", "opened-bench-")
		if err != nil {
			cliErr = err
			return
		}
		goTool, err := exec.LookPath("go")
		if err != nil {
			goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
		}
		cliPath = filepath.Join(dir, "opened")
		out, err := exec.Command(goTool, "build", "-o", cliPath, "../opened").CombinedOutput()
		if err != nil {
			cliErr = fmt.Errorf("go build ../opened: %v\n%s", err, out)
		}
	})
	if cliErr != nil {
		b.Fatal(cliErr)
	}
	return cliPath
}

func benchRatio(b *testing.B, warm bool) {
	cli := openedCLI(b)
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
			db := ":memory:"
			if warm {
				db = filepath.Join(tmp, "index.db")
			}
			args := []string{"extract", "--repo", c.Dir, "--entry", c.Entry, "--db", db, "--out", filepath.Join(tmp, "mcu")}
			for _, f := range c.CFlags {
				args = append(args, "--cflags="+f)
			}
			for _, p := range c.Prefer {
				args = append(args, "--prefer", p)
			}
			extractCLI := func() {
				cmd := exec.Command(cli, args...)
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("opened %s: %v\n%s", strings.Join(args, " "), err, out)
				}
			}
			// The first run finds the entry's file (and fills the warm case's index).
			res, err := Run(context.Background(), Options{Repo: c.Dir, Entry: c.Entry, CFlags: c.CFlags, Prefer: c.Prefer, DB: ":memory:", Out: filepath.Join(tmp, "first")})
			if err != nil {
				b.Fatal(err)
			}
			extractCLI()
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
				cargs := append(append([]string{"-O2", "-g"}, cfront.BaseFlags...), c.CFlags...)
				cmd := exec.Command("clang", append(cargs, "-c", entryFile, "-o", filepath.Join(tmp, "entry.o"))...)
				cmd.Dir = c.Dir
				start := time.Now()
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("clang -c %s: %v\n%s", entryFile, err, out)
				}
				compileT += time.Since(start)
				start = time.Now()
				extractCLI()
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
