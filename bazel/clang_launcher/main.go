package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// layout is toolchain.json: paths relative to the toolchain root.
type layout struct {
	// Clang is the real clang binary.
	Clang string `json:"clang"`
	// Loader is the ELF interpreter clang was linked for.
	Loader string `json:"loader"`
	// LibraryPath lists the directories of clang's shared libraries.
	LibraryPath []string `json:"library_path"`
	// ResourceDir is clang's resource directory (builtin headers).
	ResourceDir string `json:"resource_dir"`
	// Sysroot holds usr/include with the system headers.
	Sysroot string `json:"sysroot"`
	// DebugPrefixMap maps toolchain paths (relative to the root) to the names
	// DWARF should use.
	DebugPrefixMap [][2]string `json:"debug_prefix_map"`
}

// includeFlags take a directory, joined (-Idir) or as the next argument.
var includeFlags = []string{"-I", "-isystem", "-idirafter", "-iquote"}

func main() {
	if err := run(os.Args); err != nil {
		fmt.Fprintf(os.Stderr, "clang (OPENED toolchain launcher): %v\n", err)
		os.Exit(2)
	}
}

func run(argv []string) error {
	self, err := filepath.Abs(argv[0])
	if err != nil {
		return err
	}
	root := filepath.Dir(filepath.Dir(self))
	b, err := os.ReadFile(filepath.Join(root, "toolchain.json"))
	if err != nil {
		return fmt.Errorf("reading the toolchain layout: %w", err)
	}
	var l layout
	if err := json.Unmarshal(b, &l); err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(root, "toolchain.json"), err)
	}
	args := command(root, self, l, argv[1:])
	return syscall.Exec(args[0], args, os.Environ())
}

// command returns the loader's argv that runs clang with args.
func command(root, self string, l layout, args []string) []string {
	at := func(p string) string { return filepath.Join(root, p) }
	libs := make([]string, len(l.LibraryPath))
	for i, p := range l.LibraryPath {
		libs[i] = at(p)
	}
	sysroot := at(l.Sysroot)
	out := []string{at(l.Loader), "--library-path", strings.Join(libs, ":"), "--argv0", self, at(l.Clang)}
	if len(args) == 1 && (args[0] == "--version" || args[0] == "-v") {
		return append(out, args...)
	}
	out = append(out, "-resource-dir", at(l.ResourceDir), "--sysroot="+sysroot)
	for _, m := range l.DebugPrefixMap {
		out = append(out, "-fdebug-prefix-map="+at(m[0])+"="+m[1])
	}
	for i := 0; i < len(args); i++ {
		out = append(out, rewrite(args, &i, sysroot)...)
	}
	return out
}

// rewrite returns args[*i], with an include directory below /usr moved into
// the sysroot; it advances *i past a separate directory argument.
func rewrite(args []string, i *int, sysroot string) []string {
	a := args[*i]
	for _, f := range includeFlags {
		if a == f && *i+1 < len(args) && underUsr(args[*i+1]) {
			*i++
			return []string{a, sysroot + args[*i]}
		}
		if strings.HasPrefix(a, f) && underUsr(a[len(f):]) {
			return []string{f + sysroot + a[len(f):]}
		}
	}
	return []string{a}
}

// underUsr reports whether dir is an absolute path below /usr.
func underUsr(dir string) bool {
	return strings.HasPrefix(dir, "/usr/")
}
