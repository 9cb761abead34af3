package extract

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/opened-ebpf/opened/tools/internal/vmlinuxtest"
)

// maxVmlinuxRSS is the peak resident memory allowed to `opened extract` (and the clang runs it
// waits for) on a unit carrying the running kernel's whole vmlinux.h: its JSON AST is about
// 180 MB, streamed, never held whole. Before streaming the process peaked at about 900 MB.
const maxVmlinuxRSS = 500 << 20

// memCLI builds the opened command into a temporary directory of tb (the Go build cache
// makes a second build quick).
func memCLI(tb testing.TB) string {
	tb.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	cli := filepath.Join(tb.TempDir(), "opened")
	if out, err := exec.Command(goTool, "build", "-o", cli, "../opened").CombinedOutput(); err != nil {
		tb.Fatalf("go build ../opened: %v\n%s", err, out)
	}
	return cli
}

// runMeasured runs the opened command as a process and returns its peak resident set size
// in bytes: the largest of the process and the clang processes it waited for, as wait4
// reports it.
func runMeasured(tb testing.TB, cli string, args ...string) int64 {
	tb.Helper()
	cmd := exec.Command(cli, args...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		tb.Fatalf("opened %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		tb.Fatal("no resource usage for the opened process")
	}
	return ru.Maxrss << 10
}

// extractVmlinux runs `opened extract --db :memory:` on the vmlinux project as a process (as
// a Bazel action does) and returns its peak resident set size and the MCU directory.
func extractVmlinux(tb testing.TB, cli, repo string) (int64, string) {
	tb.Helper()
	out := filepath.Join(tb.TempDir(), "mcu")
	return runMeasured(tb, cli, "extract", "--repo", repo, "--entry", vmlinuxtest.Entry, "--db", ":memory:", "--out", out), out
}

// TestVmlinuxPeakRSS extracts the XDP program of a project whose vmlinux.h is the running
// kernel's (generated here, several MB) and fails when the extraction's peak resident memory
// exceeds maxVmlinuxRSS. The unit must still come out right: the kernel structs it uses are
// copied, the rest of vmlinux.h is not. Then the project gets two more programs, each its
// own unit including vmlinux.h, and `opened index` parses the three side by side (one per
// CPU) under the same limit: before streaming it peaked at 2.1 GB.
func TestVmlinuxPeakRSS(t *testing.T) {
	repo := vmlinuxtest.Project(t)
	cli := memCLI(t)
	rss, out := extractVmlinux(t, cli, repo)
	t.Logf("extract: peak RSS %d MB", rss>>20)
	if rss > maxVmlinuxRSS {
		t.Errorf("opened extract peaked at %d MB on a vmlinux.h unit; limit %d MB", rss>>20, maxVmlinuxRSS>>20)
	}
	src, err := os.ReadFile(filepath.Join(out, "mcu.c"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"struct ethhdr {", "struct iphdr {", "int xdp_count(struct xdp_md *ctx)", "ttl_sum SEC(\".maps\")"} {
		if !strings.Contains(string(src), want) {
			t.Errorf("mcu.c lacks %q", want)
		}
	}
	for _, unwanted := range []string{"struct task_struct {", "struct sk_buff {"} {
		if strings.Contains(string(src), unwanted) {
			t.Errorf("mcu.c carries %q, which the program does not use", unwanted)
		}
	}

	for _, name := range []string{"second", "third"} {
		prog := strings.NewReplacer(vmlinuxtest.Entry, "xdp_"+name, "ttl_sum", "ttl_"+name).Replace(vmlinuxtest.Source)
		if err := os.WriteFile(filepath.Join(repo, name+".c"), []byte(prog), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "index.db")
	rss = runMeasured(t, cli, "index", "--repo", repo, "--db", db)
	t.Logf("index of 3 vmlinux.h units: peak RSS %d MB", rss>>20)
	if rss > maxVmlinuxRSS {
		t.Errorf("opened index peaked at %d MB on 3 vmlinux.h units; limit %d MB", rss>>20, maxVmlinuxRSS>>20)
	}
}

// BenchmarkVmlinuxExtract runs `opened extract --db :memory:` on the vmlinux.h project as a
// process and reports its peak resident memory (peak-MB, the largest over the iterations).
func BenchmarkVmlinuxExtract(b *testing.B) {
	repo := vmlinuxtest.Project(b)
	cli := memCLI(b)
	var peak int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rss, _ := extractVmlinux(b, cli, repo)
		if rss > peak {
			peak = rss
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
}
