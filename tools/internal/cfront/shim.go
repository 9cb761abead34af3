package cfront

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
)

// The shim directory holds headers a BPF C file reaches through glibc's headers under
// -target bpf but no x86-64 system has: <gnu/stubs.h> includes <gnu/stubs-32.h> when
// __x86_64__ is not defined, which is the case for -target bpf, and only 32-bit multilib
// installs that file. It is empty here, as every BPF project that includes <stdint.h>,
// <string.h> or <netinet/in.h> ships it.
//
// The directory is written once per content (its name carries the content hash, so the
// path is the same on every run and machine with the same TMPDIR) and passed as
// -idirafter, searched after every other include directory: a project or system that has
// the header keeps its own. An empty header adds nothing to mcu.o (no line info, no BTF),
// so the path never reaches an output.
//
//go:embed shim
var shimFS embed.FS

func init() {
	if dir, err := shimDir(); err == nil {
		BaseFlags = append(BaseFlags, "-idirafter", dir)
	}
}

// shimDir writes the embedded shim headers under the temporary directory (unless an earlier
// run did) and returns their include directory.
func shimDir() (string, error) {
	h := sha256.New()
	var files []string
	err := fs.WalkDir(shimFS, "shim", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := shimFS.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, p)
		h.Write([]byte(p + "\x00"))
		h.Write(data)
		h.Write([]byte{0})
		return nil
	})
	if err != nil {
		return "", err
	}
	// Absolute: clang runs in the repository, and TMPDIR may be relative (Bazel actions set it
	// to their output directory).
	tmpRoot, err := filepath.Abs(os.TempDir())
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(tmpRoot, 0o755); err != nil {
		return "", err
	}
	dir := filepath.Join(tmpRoot, "opened-shim-"+hex.EncodeToString(h.Sum(nil))[:16])
	if _, err := os.Stat(filepath.Join(dir, ".complete")); err == nil {
		return dir, nil
	}
	// Written in a private directory and renamed into place, so a concurrent run never sees
	// a half-written shim.
	tmp, err := os.MkdirTemp(tmpRoot, "opened-shim-tmp-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	for _, p := range files {
		data, _ := shimFS.ReadFile(p)
		dst := filepath.Join(tmp, filepath.FromSlash(p[len("shim/"):]))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return "", err
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, ".complete"), nil, 0o644); err != nil {
		return "", err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if _, statErr := os.Stat(filepath.Join(dir, ".complete")); statErr == nil {
			return dir, nil // another run won the race
		}
		return "", err
	}
	return dir, nil
}
