package cflags

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseAccepts(t *testing.T) {
	for _, tc := range []struct {
		in   string
		args string // Set.Args joined by spaces
		kind []Kind
	}{
		{"-Iinclude -I inc2", "-Iinclude -Iinc2", []Kind{IncludeDir, IncludeDir}},
		{"-isystem sys -iquote q -idirafter late", "-isystem sys -iquote q -idirafter late", []Kind{IncludeDir, IncludeDir, IncludeDir}},
		{"-DFOO -D BAR=1 -DF(x)=x -UBAZ -U QUX", "-DFOO -DBAR=1 -DF(x)=x -UBAZ -UQUX", []Kind{Define, Define, Define, Undef, Undef}},
		{"-include config.h -imacros sub/m.h", "-include config.h -imacros sub/m.h", []Kind{Include, Include}},
		{"-std=gnu11 -mcpu=v3 -mattr=+alu32 -mllvm -bpf-stack-size=1024", "-std=gnu11 -mcpu=v3 -mattr=+alu32 -mllvm -bpf-stack-size=1024", []Kind{CodeGen, CodeGen, CodeGen, CodeGen}},
		{"-fno-builtin -fms-extensions -fno-stack-protector -ffreestanding -fno-builtin-memcpy", "-fno-builtin -fms-extensions -fno-stack-protector -ffreestanding -fno-builtin-memcpy", []Kind{CodeGen, CodeGen, CodeGen, CodeGen, CodeGen}},
		{"-target bpfel --target=bpf", "-target bpfel -target bpf", []Kind{CodeGen, CodeGen}},
		{"-Wall -Werror -Wno-unused-function -Wno-microsoft-anon-tag -w -pedantic", "-Wall -Werror -Wno-unused-function -Wno-microsoft-anon-tag -w -pedantic", []Kind{Diag, Diag, Diag, Diag, Diag, Diag}},
		{"-O2 -Os -g -g0 -gdwarf-4 -nostdinc", "-O2 -Os -g -g0 -gdwarf-4 -nostdinc", []Kind{Diag, Diag, Diag, Diag, Diag, CodeGen}},
	} {
		s, err := Parse(strings.Fields(tc.in), Options{})
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if got := strings.Join(s.Args(), " "); got != tc.args {
			t.Errorf("%s: args %q, want %q", tc.in, got, tc.args)
		}
		var kinds []Kind
		for _, f := range s {
			kinds = append(kinds, f.Kind)
		}
		if !reflect.DeepEqual(kinds, tc.kind) {
			t.Errorf("%s: kinds %v, want %v", tc.in, kinds, tc.kind)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	for _, tc := range []struct {
		in    string
		index int
		err   string
	}{
		{"-fplugin=x.so", 0, "-fplugin=x.so: loads a compiler plugin"},
		{"-DX -fpass-plugin=x.so", 1, "-fpass-plugin=x.so: loads a compiler plugin"},
		{"-Xclang -load -Xclang x.so", 0, "-Xclang: passes options to the compiler front end unchecked"},
		{"-load x.so", 0, "-load: loads a compiler plugin"},
		{"-o /tmp/victim", 0, "-o: names an output file (OPENED chooses its outputs)"},
		{"-MD", 0, "-MD: writes dependency files"},
		{"-MF dep.d", 0, "-MF: writes dependency files"},
		{"@flags.rsp", 0, "@flags.rsp: is a response file: write the flags themselves"},
		{"-include /etc/shadow", 0, "-include: forced include must be a file the sources could include themselves: a relative path without \"..\""},
		{"-include ../../etc/passwd", 0, "-include: forced include must be a file the sources could include themselves: a relative path without \"..\""},
		{"-B/tmp/bin", 0, "-B/tmp/bin: makes clang run programs from another directory"},
		{"--sysroot=/", 0, "--sysroot=/: moves the system header directories"},
		{"-fprofile-instr-generate=/tmp/x", 0, "-fprofile-instr-generate=/tmp/x: reads or writes profile files"},
		{"-ftime-trace", 0, "-ftime-trace: writes files"},
		{"-fdebug-compilation-dir=/x", 0, "-fdebug-compilation-dir=/x: changes the file names recorded in the output"},
		{"-fsanitize=address", 0, "-fsanitize=address: is not a code-generation flag OPENED knows to be safe"},
		{"-Wl,-rpath,/x", 0, "-Wl,-rpath,/x: passes options to the linker unchecked"},
		{"-Wp,-MD,/tmp/x", 0, "-Wp,-MD,/tmp/x: passes options to the preprocessor unchecked"},
		{"-mllvm -info-output-file=/tmp/x", 0, "-mllvm -info-output-file=/tmp/x: only BPF backend options (and inline/unroll thresholds) may be passed to LLVM"},
		{"-target x86_64-linux-gnu", 0, "-target: OPENED compiles for bpf, bpfel or bpfeb only"},
		{"--config=evil.cfg", 0, "--config=evil.cfg: reads a clang configuration file"},
		{"-save-temps", 0, "-save-temps: writes files"},
		{"main.c", 0, "main.c: is not a flag (sources are chosen by the entry, not by cflags)"},
		{"-D", 0, "-D: needs a macro"},
		{"-I", 0, "-I: needs a directory"},
		{"-D 1X", 0, "-D: \"1X\" is not NAME or NAME=VALUE"},
		{"-UA=1", 0, "-UA=1: \"A=1\" is not a macro name"},
		{"-x c", 0, "-x: changes the source language"},
		{"-c", 0, "-c: changes the compilation mode (OPENED chooses it)"},
		{"--help", 0, "--help: is not a flag a BPF build needs"},
	} {
		s, err := Parse(strings.Fields(tc.in), Options{})
		if err == nil {
			t.Errorf("%s: accepted as %v", tc.in, s)
			continue
		}
		e, ok := err.(*Error)
		if !ok || err.Error() != tc.err || e.Index != tc.index {
			t.Errorf("%s: error %q (index %d), want %q (index %d)", tc.in, err, e.Index, tc.err, tc.index)
		}
	}
}

func TestParseUnsafeKeepsEverything(t *testing.T) {
	in := strings.Fields("-Iinc -Xclang -load -Xclang x.so -include /abs/f.h -mllvm -debug-pass=x")
	s, err := Parse(in, Options{Unsafe: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Args(); !reflect.DeepEqual(got, in) {
		t.Errorf("args %q, want %q", got, in)
	}
	if n := len(s.Of(Other)); n != 5 {
		t.Errorf("%d flags of kind Other, want 5 (-Xclang -load -Xclang x.so, -mllvm ...)", n)
	}
}

func TestWithin(t *testing.T) {
	for _, tc := range []struct {
		root, base, p string
		want          bool
	}{
		{"/ws", "/ws/repo", "include", true},
		{"/ws", "/ws/repo", "../other", true},
		{"/ws", "/ws/repo", "../../etc", false},
		{"/ws", "/ws/repo", "/etc", false},
		{"/ws", "/ws", ".", true},
		{"/ws", "/ws", "../wsx", false},
	} {
		if got := Within(tc.root, tc.base, tc.p); got != tc.want {
			t.Errorf("Within(%s, %s, %s) = %v, want %v", tc.root, tc.base, tc.p, got, tc.want)
		}
	}
}
