package cfront

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// hostMultiarch is the host's multiarch triple (x86_64-linux-gnu, aarch64-linux-gnu, ...), ""
// when there is none. On multiarch (Debian) systems <asm/types.h>, which <linux/types.h>
// includes, lives in /usr/include/<triple>, a directory clang does not search under -target bpf.
//
// It is found without running clang: every opened process (a Bazel action is one) would
// otherwise pay one clang start-up (about 0.1 s, as much as compiling a small BPF file) before
// any work. The triple of the Go architecture is taken when its include directory exists;
// only an architecture missing from the table asks `clang -print-multiarch`.
var hostMultiarch = findMultiarch(runtime.GOARCH, "/usr/include", askMultiarch)

// multiarchTriples maps GOARCH to the Debian multiarch triple of its C library.
var multiarchTriples = map[string]string{
	"amd64":    "x86_64-linux-gnu",
	"386":      "i386-linux-gnu",
	"arm64":    "aarch64-linux-gnu",
	"arm":      "arm-linux-gnueabihf",
	"ppc64le":  "powerpc64le-linux-gnu",
	"ppc64":    "powerpc64-linux-gnu",
	"s390x":    "s390x-linux-gnu",
	"riscv64":  "riscv64-linux-gnu",
	"mips64le": "mips64el-linux-gnuabi64",
	"mipsle":   "mipsel-linux-gnu",
	"loong64":  "loongarch64-linux-gnu",
}

// findMultiarch returns the multiarch triple of goarch whose include directory exists under
// include, asking ask when the table has no entry for goarch.
func findMultiarch(goarch, include string, ask func() string) string {
	t, ok := multiarchTriples[goarch]
	if !ok {
		return ask()
	}
	if st, err := os.Stat(filepath.Join(include, t)); err != nil || !st.IsDir() {
		return "" // not a multiarch system (Fedora, Arch, Alpine): nothing to add
	}
	return t
}

func askMultiarch() string {
	out, err := exec.Command("clang", "-print-multiarch").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// Multiarch returns the host's multiarch triple, or "".
func Multiarch() string { return hostMultiarch }

func multiarchDir() string {
	if hostMultiarch == "" {
		return ""
	}
	d := filepath.Join("/usr/include", hostMultiarch)
	if st, err := os.Stat(d); err != nil || !st.IsDir() {
		return ""
	}
	return d
}

// SystemIncludeDirs lists the host's system include directories, deepest first: the
// multiarch directory (when there is one), /usr/local/include, /usr/include.
func SystemIncludeDirs() []string {
	var out []string
	if d := multiarchDir(); d != "" {
		out = append(out, d)
	}
	return append(out, "/usr/local/include", "/usr/include")
}

// systemSubdirs are the directories below the system include directories whose headers BPF C
// reaches (kernel uapi, libc, libbpf, iproute2): a system header may #include <dir/name> for a
// name only a project provides (gnu/stubs-32.h). A table, not the host's /usr/include, so that
// what depends on it (the unused inputs of a Bazel action) is the same on every machine;
// TestSystemSubdirsCoverHost checks it against the headers of the running machine.
var systemSubdirs = map[string]bool{
	"arpa": true, "asm": true, "asm-generic": true, "bits": true, "bpf": true, "drm": true,
	"gnu": true, "iproute2": true, "linux": true, "misc": true, "mtd": true, "net": true,
	"netinet": true, "netinet6": true, "netpacket": true, "protocols": true, "rdma": true,
	"rpc": true, "scsi": true, "sound": true, "sys": true, "uapi": true, "video": true, "xen": true,
}

// MaybeSystemReached reports whether a system header may #include a file named name (its path
// below an include directory, as in #include <name>): any top-level name (<stdint.h> and its
// like, the builtin headers, whatever a system header names without a directory), and names
// below a directory that system headers own (linux/, asm/, gnu/, bits/, ...; systemSubdirs).
func MaybeSystemReached(name string) bool {
	first, _, nested := strings.Cut(name, "/")
	return !nested || systemSubdirs[first]
}

// MultiarchTriple returns the multiarch triple of the Go architecture from the table, whether
// or not the host has its include directory (a sysroot may), or "".
func MultiarchTriple() string { return multiarchTriples[runtime.GOARCH] }
