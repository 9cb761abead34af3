package cfront

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// hostMultiarch is the host's multiarch triple (x86_64-linux-gnu, aarch64-linux-gnu, ...) as
// `clang -print-multiarch` reports it, asked once per process; "" when clang is not on PATH or
// reports none. On multiarch (Debian) systems <asm/types.h>, which <linux/types.h> includes,
// lives in /usr/include/<triple>, a directory clang does not search under -target bpf.
var hostMultiarch = askMultiarch()

func askMultiarch() string {
	out, err := exec.Command("clang", "-print-multiarch").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// Multiarch returns the host's multiarch triple, or "".
func Multiarch() string { return hostMultiarch }

func multiarchFlags() []string {
	if d := multiarchDir(); d != "" {
		return []string{"-I" + d}
	}
	return nil
}

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
