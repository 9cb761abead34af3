// Package cflags is OPENED's one policy for compiler flags: it splits the flags a user or a spec
// gives (--cflags, cflags: in opened.yaml, the Bazel rule's config) into typed Flags and refuses
// every flag outside the families a BPF build needs.
//
// Accepted: include directories (-I, -isystem, -iquote, -idirafter), macros (-D, -U), forced
// includes (-include, -imacros) of a file the sources could include themselves, the language
// standard (-std=), warnings (-W..., -w, -pedantic), target options (-m..., -mllvm with a BPF
// backend option, -target bpf|bpfel|bpfeb), code-generation -f flags on an allow list,
// -nostdinc, -nostdlibinc, -nobuiltininc, optimisation levels (-O...) and debug info (-g...).
//
// Refused, naming the flag: anything that runs other code or writes or reads files clang would
// not read for the sources (-Xclang, -Xassembler, -mllvm options outside the allow list, -load,
// -fplugin, -fpass-plugin, -fprofile-*, -B, --sysroot, -o, -M*, @response files, --config,
// -save-temps, -Wl/-Wa/-Wp, -include of an absolute path or a path with "..").
//
// Unsafe parsing (the CLI's documented --unsafe-cflags, never a spec) keeps unknown flags as
// Kind Other and passes them to clang unchanged.
//
// This package is pure Go and builds with Go 1.19 (tools/spec uses it and Gazelle compiles
// tools/spec with rules_go's Go 1.19).
package cflags
