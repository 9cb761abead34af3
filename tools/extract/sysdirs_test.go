package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

// TestSystemDirs checks that the system include directories come from where clang opened the
// system headers the project includes (a hermetic toolchain's sysroot in a Bazel action), not
// from the host, and that a directory's multiarch directory is added when the sysroot has one.
func TestSystemDirs(t *testing.T) {
	sysroot := t.TempDir()
	inc := filepath.Join(sysroot, "usr", "include")
	triple := cfront.MultiarchTriple()
	if triple == "" {
		t.Fatal("no multiarch triple for this architecture in cfront's table")
	}
	for _, d := range []string{filepath.Join(inc, "linux"), filepath.Join(inc, triple, "asm"), filepath.Join(sysroot, "res", "include")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name     string
		includes []cfront.Include
		want     []string
	}{
		{"sysroot", []cfront.Include{
			{System: true, Spelling: "#include <linux/bpf.h>", To: filepath.Join(inc, "linux/bpf.h")},
			{System: true, Spelling: "#include <stddef.h> // size_t", To: filepath.Join(sysroot, "res/include/stddef.h")},
			{System: true, Spelling: "#include HEADER", To: "/elsewhere/include/x.h"}, // computed: tells nothing
			{System: false, Spelling: "#include \"common.h\"", To: "src/common.h"},
		}, []string{filepath.Join(inc, triple), filepath.Join(sysroot, "res/include"), inc}},
		{"no system include", []cfront.Include{{Spelling: "#include \"a.h\"", To: "a.h"}}, cfront.SystemIncludeDirs()},
	} {
		t.Run(c.name, func(t *testing.T) {
			x := &extractor{units: map[string]*unit{"a.c": {tu: &cfront.TU{Includes: c.includes}}}}
			if got := x.systemDirs(); !reflect.DeepEqual(got, c.want) {
				t.Errorf("systemDirs() = %q; want %q", got, c.want)
			}
		})
	}
	for line, want := range map[string]string{"#include <linux/bpf.h>": "linux/bpf.h", `# include "a/b.h" // x`: "a/b.h",
		"#include_next <stdint.h>": "stdint.h", "#include MACRO": "", "int x;": ""} {
		if got := includeName(line); got != want {
			t.Errorf("includeName(%q) = %q; want %q", line, got, want)
		}
	}
}
