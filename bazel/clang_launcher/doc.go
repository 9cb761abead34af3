// Command clang_launcher is the `clang` of OPENED's hermetic clang toolchain (@opened_clang,
// bazel/clang.bzl).
//
// The toolchain is made from the host's installed clang as declared files: the clang binary,
// the shared libraries and ELF interpreter it needs, its resource headers and a sysroot with
// the system headers BPF programs include (kernel UAPI, libbpf, libc). A dynamically linked
// clang cannot run from such a tree by itself where nothing else exists (a chroot into the
// action's input root has no /lib, /proc or /dev), so this static launcher, found at
// <root>/bin/clang, runs
//
//	<root>/<loader> --library-path <root>/<lib> --argv0 <argv0> <root>/<clang> \
//	    -resource-dir <root>/<resource dir> --sysroot <root>/<sysroot> \
//	    -fdebug-prefix-map=... <arguments>
//
// with the layout read from <root>/toolchain.json. The root is derived from argv[0] (never
// /proc/self/exe, which would leave the sandbox's view), so every file used is one of the
// toolchain's declared inputs.
//
// Include directories given as absolute paths below /usr (e.g. -idirafter/usr/include/x86_64-linux-gnu,
// which OPENED passes for <asm/types.h>) are taken relative to the sysroot, which stands in for
// the host's /usr. -fdebug-prefix-map names the sysroot and resource directory in DWARF and BTF
// as they are named on the host the toolchain was made from, so objects do not depend on where
// the toolchain is unpacked.
package main
