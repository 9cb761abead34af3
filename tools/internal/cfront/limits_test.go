package cfront

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// bomb expands to 10^3 terms nested 10^3 deep: a quarter gigabyte of indented JSON AST from a
// few hundred bytes of source (10^4 terms make 25 GB).
const bomb = `#define A x+x+x+x+x+x+x+x+x+x
#define B A+A+A+A+A+A+A+A+A+A
#define C B+B+B+B+B+B+B+B+B+B
int x;
int f(void) { return C; }
`

// manyErrors has 30 undeclared identifiers; clang stops after 20 errors.
func manyErrors() string {
	var b strings.Builder
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&b, "int v%d = undeclared_%d;\n", i, i)
	}
	return b.String()
}

// TestRunLimits: bad units give short, exact errors and leave no temporary file behind.
func TestRunLimits(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		max       int64
		err       string // exact, or the first line when lines > 0
		lines     int    // lines of the error message
		last      string // last line of the error message
	}{
		{"AST over the limit", bomb, 1 << 20, "a.c: AST of a.c exceeds 1 MB (a macro expanding to very large code?)", 0, ""},
		{"binary entry", "\x7fELF\x00\x01\x02" + strings.Repeat("\xff\x00", 4<<20), 0, "a.c: not C source: binary content (NUL byte at offset 4)", 0, ""},
		{"many errors cut", manyErrors(), 0, "a.c: clang failed:", 1 + 10*3 + 1, "... and 10 more errors (20 in all)"},
		{"under the limit", "int x;\n", 1 << 20, "", 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp)
			repo := t.TempDir()
			if err := os.WriteFile(filepath.Join(repo, "a.c"), []byte(tc.src), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ParseAST(context.Background(), Options{Repo: repo, MaxOutput: tc.max}, "a.c")
			switch {
			case tc.err == "" && err != nil:
				t.Fatal(err)
			case tc.err != "" && err == nil:
				t.Fatalf("no error; want %q", tc.err)
			case tc.err != "" && tc.lines == 0 && err.Error() != tc.err:
				t.Fatalf("error %q\nwant  %q", err, tc.err)
			case tc.lines > 0:
				lines := strings.Split(err.Error(), "\n")
				if lines[0] != tc.err || len(lines) != tc.lines || lines[len(lines)-1] != tc.last {
					t.Fatalf("error has %d lines, first %q, last %q; want %d, %q, %q\n%s", len(lines), lines[0], lines[len(lines)-1], tc.lines, tc.err, tc.last, err)
				}
			}
			if left, _ := filepath.Glob(filepath.Join(tmp, "opened-clang-*")); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}

func TestTrimDiagnostics(t *testing.T) {
	long := "a.c:1:1: error: " + strings.Repeat("\xff", 400)
	got := trimDiagnostics(long + "\n1 error generated.\n")
	if strings.Contains(got, "generated") || len(got) > maxDiagLine+10 || !strings.HasSuffix(got, "...") || strings.ContainsRune(got, 0xff) {
		t.Errorf("trimmed %q", got)
	}
}

// TestCleanupStopsRuns: Cleanup (what the CLI calls on SIGINT/SIGTERM) kills a running clang
// and removes its temporary file.
func TestCleanupStopsRuns(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	repo := t.TempDir()
	// A unit that keeps clang busy for minutes: a bigger bomb (25 GB of AST), no limit.
	src := strings.Replace(bomb, "int x;", "#define D C+C+C+C+C+C+C+C+C+C\nint x;", 1)
	src = strings.Replace(src, "return C;", "return D;", 1)
	if err := os.WriteFile(filepath.Join(repo, "a.c"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := ParseAST(context.Background(), Options{Repo: repo}, "a.c")
		done <- err
	}()
	// Wait for the run to start.
	deadline := time.Now().Add(20 * time.Second)
	for {
		if left, _ := filepath.Glob(filepath.Join(tmp, "opened-clang-*")); len(left) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("clang run did not start")
		}
		time.Sleep(10 * time.Millisecond)
	}
	Cleanup()
	defer func() {
		running.Lock()
		running.done = false
		running.Unlock()
	}()
	if left, _ := filepath.Glob(filepath.Join(tmp, "opened-clang-*")); len(left) > 0 {
		t.Errorf("temporary files left after Cleanup: %v", left)
	}
	select {
	case err := <-done:
		if err == nil {
			t.Error("run finished without error after Cleanup")
		}
	case <-time.After(20 * time.Second):
		t.Fatal("clang still running 20 s after Cleanup")
	}
}

// TestIRName: names LLVM quotes (UTF-8 identifiers, escaped as \HH) read back as C spells them.
func TestIRName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`prog_main(%struct.xdp_md* %0)`, "prog_main"},
		{`"z\C3\A4hler"(%struct.xdp_md* noundef %0) #0 section "xdp" {`, "zähler"},
		{`"a\5Cb" = global`, `a\b`},
		{`"unterminated`, ""},
	} {
		if got := irName(tc.in); got != tc.want {
			t.Errorf("irName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
