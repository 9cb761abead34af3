package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/opened-ebpf/opened/tools/index"
	"github.com/opened-ebpf/opened/tools/internal/cflags"
	"github.com/opened-ebpf/opened/tools/internal/cfront"
	"github.com/opened-ebpf/opened/tools/internal/outdir"
	"github.com/opened-ebpf/opened/tools/mcu"
	"github.com/opened-ebpf/opened/tools/spec"
)

// Options describes one extraction.
type Options struct {
	// Repo is the repository root.
	Repo string
	// Entry is FILE:LINE (FILE relative to Repo) or a function name.
	Entry string
	// CFlags are the project's compiler flags (-I, -D).
	CFlags []string
	// Prefer lists repository files whose definitions win when a name has
	// several compatible definitions the entry's unit cannot choose between.
	Prefer []string
	// Clang is the clang binary ("clang" when empty).
	Clang string
	// InnerMaps gives, by outer map name, the inner map of maps of maps whose inner maps
	// user space creates (mcu.ParseInnerShape's TYPE:KEY:VALUE[:MAX]): written to maps.json
	// as inner_shape with source "user" instead of what the program's lookups tell.
	InnerMaps map[string]string
	// DB is the index database; when empty a per-repository cache under the
	// user cache directory is used.
	DB string
	// Out is the MCU directory to write.
	Out string
	// Verify, when set, is called on the complete MCU directory before it
	// is moved into place (opened extract --verify loads mcu.o in the
	// kernel); its error aborts the extraction and nothing is written.
	Verify func(dir string) error
	// Batch, when set, receives the unit instead of Run renaming it into
	// place: the caller commits several units all-or-nothing.
	Batch *outdir.Batch
	// Unused asks Run for Result.Unused and Result.Deps: the repository files the
	// extraction did not use (Bazel's unused_inputs_list; index/deps.go).
	Unused bool
	// ManagedOut says Out belongs to a build system (Bazel's declared outputs under
	// bazel-out): it is not checked against the repository, which may be the exec root.
	ManagedOut bool
	// UnsafeCFlags passes CFlags unchecked (the CLI's documented --unsafe-cflags); otherwise
	// Run refuses flags outside the policy of package cflags.
	UnsafeCFlags bool

	// For tests: index every unit up front (the default is lazily), build the fallback form
	// of mcu.c, bypass the object cache (benchmarks measure clang).
	eagerIndex, forceFallback, noObjectCache bool
}

// Error is an extraction error located in a source file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	switch {
	case e.File != "" && e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	case e.File != "":
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return e.Msg
}

// Result is what Run wrote.
type Result struct {
	Functions Functions
	Maps      Maps
	Warnings  Warnings
	// Index reports what the index update did.
	Index index.Stats
	// Unused lists the repository files (relative to Repo) that could not change this
	// result while they mention none of Deps.Names (Options.Unused).
	Unused []string
	Deps   index.Deps
}

// The MCU directory's types live in package mcu, the format the later stages read.
type (
	Functions = mcu.Functions
	Function  = mcu.Function
	Maps      = mcu.Maps
	Map       = mcu.Map
	Usage     = mcu.Usage
	Warnings  = mcu.Warnings
	Warning   = mcu.Warning
	Location  = mcu.Location
)

// CacheDB returns the default index location for a repository and flags.
func CacheDB(repo string, cflags []string) (string, error) {
	abs, err := filepath.Abs(repo)
	if err != nil {
		return "", err
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	h := sha256.Sum256([]byte(abs + "\x00" + strings.Join(cflags, "\x00")))
	name := "index-" + hex.EncodeToString(h[:8]) + ".db"
	if err := os.MkdirAll(filepath.Join(dir, "opened"), 0o755); err != nil {
		dir = os.TempDir() // read-only home (sandboxes)
		if err := os.MkdirAll(filepath.Join(dir, "opened"), 0o755); err != nil {
			return "", err
		}
	}
	return filepath.Join(dir, "opened", name), nil
}

// Run extracts the MCU described by opts into opts.Out.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if opts.Out == "" {
		return nil, errors.New("no output directory")
	}
	if opts.Repo == "" {
		return nil, errors.New("no repository")
	}
	clang, err := cfront.ResolveClang(opts.Clang)
	if err != nil {
		return nil, err
	}
	opts.Clang = clang
	if _, err := cflags.Parse(opts.CFlags, cflags.Options{Unsafe: opts.UnsafeCFlags}); err != nil {
		return nil, fmt.Errorf("cflags: %w", err)
	}
	if st, err := os.Stat(opts.Repo); err != nil || !st.IsDir() {
		return nil, &Error{File: opts.Repo, Msg: "repository directory not found"}
	}
	entry, err := spec.ParseEntry(opts.Entry)
	if err != nil {
		return nil, err
	}
	if entry.File != "" {
		entry.File = filepath.ToSlash(filepath.Clean(entry.File))
		if _, err := os.Stat(filepath.Join(opts.Repo, entry.File)); err != nil {
			return nil, &Error{File: entry.File, Msg: "no such file in repository " + opts.Repo}
		}
	}
	for _, p := range opts.Prefer {
		if _, err := os.Stat(filepath.Join(opts.Repo, p)); err != nil {
			return nil, &Error{File: p, Msg: "prefer: no such file in repository " + opts.Repo}
		}
	}
	db := opts.DB
	if db == "" {
		if db, err = CacheDB(opts.Repo, opts.CFlags); err != nil {
			return nil, err
		}
	}
	// Lazy: units are parsed when the extraction asks about them (the
	// entry's unit, units that may define a name it needs).
	ix, err := index.Open(ctx, index.Options{Repo: opts.Repo, CFlags: opts.CFlags, UnsafeCFlags: opts.UnsafeCFlags,
		Clang: opts.Clang, DB: db, Cache: opts.DB == "", Lazy: !opts.eagerIndex})
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	// In a big repository, the entry's unit is parsed while the textual prefilter is built.
	ix.StartEntry(ctx, entry.File, entry.Function)

	x := newExtractor(ctx, ix, opts)
	if err := x.resolveEntry(entry); err != nil {
		return nil, err
	}
	if err := x.closure(); err != nil {
		return nil, err
	}
	if x.readErr != nil {
		return nil, x.readErr
	}
	x.fellBack = opts.forceFallback
	u := x.emit(opts.forceFallback)
	if x.readErr != nil {
		return nil, x.readErr
	}
	res := &Result{Index: ix.Stats}
	if opts.Unused {
		if res.Unused, res.Deps, err = ix.UnusedFiles(ctx); err != nil {
			return nil, err
		}
	}
	// Refuse a destination that is not ours before any work.
	protect := []string{opts.Repo}
	if opts.ManagedOut {
		protect = nil
	}
	if err := outdir.Check(opts.Out, mcu.Kind, protect); err != nil {
		return nil, err
	}
	b := opts.Batch
	if b == nil {
		b = &outdir.Batch{}
	}
	if err := b.Add(opts.Out, mcu.Kind, protect, func(dir string) error {
		if err := x.finish(dir, u, res); err != nil {
			return err
		}
		if opts.Verify != nil {
			return opts.Verify(dir)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if opts.Batch == nil {
		if err := b.Commit(); err != nil {
			return nil, err
		}
	}
	return res, nil
}

func writeJSON(path string, v any) error { return mcu.WriteJSON(path, v) }

// compile builds mcu.o from mcu.c in dir. Objects are cached in the index
// by the hash of mcu.c, the clang version and the arguments.
func (x *extractor) compile(dir string, source []byte) error {
	flags := x.buildFlags(dir)
	h := sha256.New()
	h.Write([]byte(x.ix.ClangVersion() + "\x00" + strings.Join(cfront.CompileArgs(flags, mcu.SourceFile, mcu.ObjectFile), "\x00") + "\x00"))
	h.Write(source)
	key := hex.EncodeToString(h.Sum(nil))
	obj := filepath.Join(dir, mcu.ObjectFile)
	if data, ok := x.ix.Object(x.ctx, key); ok && !x.opts.noObjectCache {
		return os.WriteFile(obj, data, 0o644)
	}
	if err := cfront.Compile(x.ctx, x.opts.Clang, dir, flags, mcu.SourceFile, mcu.ObjectFile); err != nil {
		return err
	}
	data, err := os.ReadFile(obj)
	if err != nil {
		return err
	}
	return x.ix.StoreObject(x.ctx, key, data)
}
