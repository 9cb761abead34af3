package cfront

import (
	"os"
	"path/filepath"
	"testing"
)

func TestResolveClang(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin", "clang")
	if err := os.MkdirAll(filepath.Dir(bin), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, tc := range []struct{ in, want string }{
		{"", "clang"},
		{"clang-14", "clang-14"},
		{"bin/clang", bin}, // Bazel passes external/<repo>/bin/clang, relative to the execroot
		{bin, bin},
	} {
		got, err := ResolveClang(tc.in)
		if err != nil {
			t.Fatalf("ResolveClang(%q): %v", tc.in, err)
		}
		if real, _ := filepath.EvalSymlinks(filepath.Dir(got)); got != tc.want && filepath.Join(real, filepath.Base(got)) != tc.want {
			t.Errorf("ResolveClang(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if _, err := ResolveClang("missing/clang"); err == nil {
		t.Error("ResolveClang(missing/clang): no error")
	}
}
