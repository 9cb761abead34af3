package main

import (
	"reflect"
	"testing"
)

func TestCommand(t *testing.T) {
	l := layout{
		Clang:          "libexec/clang-14",
		Loader:         "lib/ld-linux-x86-64.so.2",
		LibraryPath:    []string{"lib"},
		ResourceDir:    "lib/clang/14.0.6",
		Sysroot:        "sysroot",
		DebugPrefixMap: [][2]string{{"sysroot", ""}, {"lib/clang/14.0.6", "/usr/lib/llvm-14/lib/clang/14.0.6"}},
	}
	pre := []string{"/x/lib/ld-linux-x86-64.so.2", "--library-path", "/x/lib", "--argv0", "/x/bin/clang", "/x/libexec/clang-14"}
	flags := []string{"-resource-dir", "/x/lib/clang/14.0.6", "--sysroot=/x/sysroot",
		"-fdebug-prefix-map=/x/sysroot=", "-fdebug-prefix-map=/x/lib/clang/14.0.6=/usr/lib/llvm-14/lib/clang/14.0.6"}
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"version", []string{"--version"}, append(append([]string{}, pre...), "--version")},
		{"usr include dirs into the sysroot",
			[]string{"-target", "bpf", "-I/usr/include/x86_64-linux-gnu", "-isystem", "/usr/include/foo", "-Iinclude", "-I/abs/repo/include", "-c", "a.c"},
			append(append(append([]string{}, pre...), flags...),
				"-target", "bpf", "-I/x/sysroot/usr/include/x86_64-linux-gnu", "-isystem", "/x/sysroot/usr/include/foo", "-Iinclude", "-I/abs/repo/include", "-c", "a.c")},
		{"empty argument kept", []string{"-DX=", ""}, append(append(append([]string{}, pre...), flags...), "-DX=", "")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := command("/x", "/x/bin/clang", l, c.args)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("command(%q)\n got %q\nwant %q", c.args, got, c.want)
			}
		})
	}
}
