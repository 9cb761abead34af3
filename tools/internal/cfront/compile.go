package cfront

import (
	"bytes"
	"context"
	"os/exec"
)

// CompileArgs returns the clang arguments every stage compiles a unit with:
// clang -O2 -g -target bpf with the unit's flags, src to obj (names relative to the unit
// directory), and the unit directory as the debug compilation directory so that the object
// holds no absolute path and is the same bytes in every checkout.
func CompileArgs(flags []string, src, obj string) []string {
	args := append(append([]string{"-O2", "-g"}, BaseFlags...), flags...)
	return append(args, "-fdebug-compilation-dir=.", "-c", src, "-o", obj)
}

// Compile runs clang (PATH's when empty) in dir with CompileArgs. A failure is a
// *ClangError holding clang's diagnostics.
func Compile(ctx context.Context, clang, dir string, flags []string, src, obj string) error {
	if clang == "" {
		clang = "clang"
	}
	cmd := exec.CommandContext(ctx, clang, CompileArgs(flags, src, obj)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return &ClangError{File: src, Output: stderr.String(), Err: err}
	}
	return nil
}
