package extract

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// bigRepoExtra is the number of user-space .c files bigRepo adds.
const bigRepoExtra = 200

// bigRepo copies the large_lb corpus case into a temporary directory and
// adds bigRepoExtra user-space C files that do not compile for -target bpf
// and do not mention the entry's names: the shape of a big project (an IDS,
// say) that keeps a few BPF programs next to its user-space sources.
func bigRepo(t testing.TB) string {
	t.Helper()
	src := filepath.Join("testdata", largestCase)
	dst := filepath.Join(t.TempDir(), "repo")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		r, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, r), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, r), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dst, "app", "include"), 0o755); err != nil {
		t.Fatal(err)
	}
	hdr := "#ifndef APP_UTIL_H\n#define APP_UTIL_H\n#include <stdio.h>\n#include <pthread.h>\nstruct app_ctx { pthread_mutex_t lock; FILE *log; int flows; };\nint app_log(struct app_ctx *c, const char *msg);\n#endif\n"
	if err := os.WriteFile(filepath.Join(dst, "app", "include", "app_util.h"), []byte(hdr), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < bigRepoExtra; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "/* user-space module %d: not BPF C */\n#include <stdlib.h>\n#include <string.h>\n#include \"../include/app_util.h\"\n\n", i)
		fmt.Fprintf(&b, "static int module_%d_counter;\n\n", i)
		fmt.Fprintf(&b, "int module_%d_run(struct app_ctx *c, int argc, char **argv)\n{\n\tchar *buf = malloc(64);\n", i)
		fmt.Fprintf(&b, "\tpthread_mutex_lock(&c->lock);\n\tsnprintf(buf, 64, \"module %d: %%d args\", argc);\n\tapp_log(c, buf);\n", i)
		fmt.Fprintf(&b, "\tmodule_%d_counter += argc;\n\tpthread_mutex_unlock(&c->lock);\n\tfree(buf);\n\treturn strlen(argv[0]);\n}\n", i)
		p := filepath.Join(dst, "app", "mod", fmt.Sprintf("module_%03d.c", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// TestLazyBigRepo extracts from large_lb plus 200 user-space units: the
// extraction must parse only the units of large_lb it parses alone, and
// write the same MCU.
func TestLazyBigRepo(t *testing.T) {
	c := loadCases(t)[largestCase]
	run := func(repo string) (*Result, string) {
		tmp := t.TempDir()
		res, err := Run(context.Background(), Options{Repo: repo, Entry: c.Entry, CFlags: c.CFlags, Prefer: c.Prefer,
			DB: filepath.Join(tmp, "index.db"), Out: filepath.Join(tmp, "mcu")})
		if err != nil {
			t.Fatal(err)
		}
		return res, filepath.Join(tmp, "mcu")
	}
	small, smallOut := run(filepath.Join("testdata", largestCase))
	big, bigOut := run(bigRepo(t))
	t.Logf("large_lb: %d of %d units parsed; with %d user-space units: %d of %d", small.Index.Parsed, small.Index.Units,
		bigRepoExtra, big.Index.Parsed, big.Index.Units)
	if got, want := big.Index.Units, small.Index.Units+bigRepoExtra; got != want {
		t.Errorf("big repository has %d units; want %d", got, want)
	}
	if small.Index.Parsed == 0 || small.Index.Parsed >= small.Index.Units {
		t.Errorf("large_lb alone: %d of %d units parsed; want some, not all", small.Index.Parsed, small.Index.Units)
	}
	if big.Index.Parsed != small.Index.Parsed {
		t.Errorf("big repository: %d units parsed; want %d (the user-space units must not be parsed)", big.Index.Parsed, small.Index.Parsed)
	}
	if big.Index.Failed != 0 {
		t.Errorf("big repository: %d units failed; user-space units were parsed", big.Index.Failed)
	}
	for _, f := range []string{"functions.json", "maps.json", "warnings.json", "mcu.c", "mcu.o"} {
		a, err := os.ReadFile(filepath.Join(smallOut, f))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(bigOut, f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between large_lb and large_lb plus user-space units", f)
		}
	}
}

// TestLazyMatchesFull extracts every corpus case of several units with a
// lazy index and with a full one: the MCU directories (or the errors) must
// be identical.
func TestLazyMatchesFull(t *testing.T) {
	cases := loadCases(t)
	for name, c := range cases {
		name, c := name, c
		units, err := filepath.Glob(filepath.Join(c.Dir, "*", "*.c"))
		if err != nil {
			t.Fatal(err)
		}
		top, _ := filepath.Glob(filepath.Join(c.Dir, "*.c"))
		deep, _ := filepath.Glob(filepath.Join(c.Dir, "*", "*", "*.c"))
		if len(units)+len(top)+len(deep) < 2 {
			continue // one unit: a lazy index parses it as a full one does
		}
		t.Run(name, func(t *testing.T) {
			outs := map[bool]string{}
			errs := map[bool]string{}
			for _, lazy := range []bool{true, false} {
				tmp := t.TempDir()
				out := filepath.Join(tmp, "mcu")
				_, err := Run(context.Background(), Options{Repo: c.Dir, Entry: c.Entry, CFlags: c.CFlags,
					Prefer: c.Prefer, DB: filepath.Join(tmp, "index.db"), Out: out, eagerIndex: !lazy})
				outs[lazy] = out
				if err != nil {
					errs[lazy] = err.Error()
				}
			}
			if errs[true] != errs[false] {
				t.Fatalf("lazy index: error %q; full index: error %q", errs[true], errs[false])
			}
			if errs[true] != "" {
				return
			}
			for _, f := range []string{"functions.json", "maps.json", "warnings.json", "mcu.c", "mcu.o"} {
				a, err := os.ReadFile(filepath.Join(outs[true], f))
				if err != nil {
					t.Fatal(err)
				}
				b, err := os.ReadFile(filepath.Join(outs[false], f))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(a, b) {
					t.Errorf("%s differs between a lazy and a full index", f)
				}
			}
		})
	}
}
