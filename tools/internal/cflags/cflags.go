package cflags

import (
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// Kind is a flag family.
type Kind int

const (
	// IncludeDir is -I, -isystem, -iquote or -idirafter; Value is the directory.
	IncludeDir Kind = iota
	// Define is -D; Value is NAME or NAME=VALUE.
	Define
	// Undef is -U; Value is NAME.
	Undef
	// Include is -include or -imacros; Value is the file.
	Include
	// CodeGen is a flag that changes code generation, the language or the header search:
	// -std=, -m..., -mllvm X, -f..., -target X, -nostdinc.
	CodeGen
	// Diag is a warning, optimisation-level or debug-info switch that does not change what
	// mcu.o must be compiled with (-W..., -O..., -g...).
	Diag
	// Other is a flag outside the policy, kept only by unsafe parsing.
	Other
)

// Flag is one parsed flag.
type Flag struct {
	Kind Kind
	// Opt is the option ("-I", "-isystem", "-D", "-include", "-mllvm", "-target") or, for a
	// flag without an argument, the whole flag ("-std=gnu11", "-O2").
	Opt string
	// Value is the option's argument; empty for flags without one.
	Value string
	// Index is the position of the flag's first word in the list given to Parse.
	Index int
}

// Args returns the flag as clang arguments.
func (f Flag) Args() []string {
	switch {
	case f.Value == "" && f.Kind != IncludeDir:
		return []string{f.Opt}
	case f.Kind == Define || f.Kind == Undef || f.Opt == "-I":
		return []string{f.Opt + f.Value}
	}
	return []string{f.Opt, f.Value}
}

func (f Flag) String() string { return strings.Join(f.Args(), " ") }

// Error is a refused flag.
type Error struct {
	// Flag is the word as given.
	Flag string
	// Index is its position in the list given to Parse.
	Index int
	Msg   string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Flag, e.Msg) }

// Set is a parsed flag list.
type Set []Flag

// Args returns the flags as clang arguments, in order.
func (s Set) Args() []string {
	var out []string
	for _, f := range s {
		out = append(out, f.Args()...)
	}
	return out
}

// Of returns the flags of the given kinds, in order.
func (s Set) Of(kinds ...Kind) Set {
	var out Set
	for _, f := range s {
		for _, k := range kinds {
			if f.Kind == k {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// IncludeDirs returns the include directories in search order of their options.
func (s Set) IncludeDirs() []string {
	var out []string
	for _, f := range s.Of(IncludeDir) {
		out = append(out, f.Value)
	}
	return out
}

// Forced returns the -include and -imacros files, in order.
func (s Set) Forced() []string {
	var out []string
	for _, f := range s.Of(Include) {
		out = append(out, f.Value)
	}
	return out
}

// Options changes what Parse accepts.
type Options struct {
	// Unsafe keeps flags outside the policy as Kind Other instead of refusing them. Only the
	// CLI's --unsafe-cflags sets it; flags from a spec are never parsed unsafely.
	Unsafe bool
}

var (
	macroRE   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(\(.*\))?(=.*)?$`)
	undefRE   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	stdRE     = regexp.MustCompile(`^-std=[a-z0-9+]+$`)
	warnRE    = regexp.MustCompile(`^-W[a-z0-9][a-z0-9=#+_-]*$`)
	machineRE = regexp.MustCompile(`^-m[a-z0-9][a-zA-Z0-9=+,._-]*$`)
	optRE     = regexp.MustCompile(`^-O([0-3sz]|fast)?$`)
	debugRE   = regexp.MustCompile(`^-g([0-3]|dwarf(-[2-5])?|btf|column-info|no-column-info|line-tables-only|line-directives-only|inline-line-tables|no-inline-line-tables)?$`)
	featureRE = regexp.MustCompile(`^-f(no-)?([a-z0-9][a-z0-9-]*)(=[A-Za-z0-9_.,+-]*)?$`)
	mllvmRE   = regexp.MustCompile(`^--?([a-z0-9][a-z0-9-]*)(=[A-Za-z0-9_.,+-]*)?$`)
)

// fFlags are the -f flags (without "no-" and "=VALUE") accepted: language dialect and code
// generation. Flags that load code (-fplugin), write files (-fprofile-*, -fsave-optimization-record,
// -ftime-trace, -fcrash-diagnostics-dir, -fstack-usage), read other files (-fmodule-*) or change
// file names recorded in the output (-fdebug-compilation-dir, -fdebug-prefix-map) are not here.
var fFlags = map[string]bool{
	"asm": true, "asynchronous-unwind-tables": true, "blocks": true, "builtin": true,
	"caret-diagnostics": true, "color-diagnostics": true, "common": true, "declspec": true,
	"delete-null-pointer-checks": true, "diagnostics-color": true, "diagnostics-show-option": true,
	"dollars-in-identifiers": true, "error-limit": true, "freestanding": true, "function-sections": true,
	"data-sections": true, "gnu-inline-asm": true, "gnu-keywords": true, "gnu89-inline": true,
	"hosted": true, "ident": true, "inline": true, "inline-functions": true, "jump-tables": true,
	"keep-static-consts": true, "macro-backtrace-limit": true, "max-type-align": true,
	"merge-all-constants": true, "ms-compatibility": true, "ms-extensions": true,
	"omit-frame-pointer": true, "optimize-sibling-calls": true, "pack-struct": true, "pic": true,
	"PIC": true, "pie": true, "PIE": true, "short-enums": true, "short-wchar": true, "show-column": true,
	"signed-char": true, "slp-vectorize": true, "stack-protector": true, "stack-protector-all": true,
	"stack-protector-strong": true, "standalone-debug": true, "strict-aliasing": true,
	"strict-overflow": true, "strict-volatile-bitfields": true, "trapv": true,
	"trivial-auto-var-init": true, "unroll-loops": true, "unsigned-char": true,
	"unwind-tables": true, "vectorize": true, "visibility": true, "wrapv": true,
	"zero-initialized-in-bss": true, "debug-types-section": true, "cf-protection": true,
	"discard-value-names": true, "emulated-tls": true, "experimental-new-pass-manager": true,
	"ms-volatile": true, "signed-bitfields": true, "unsigned-bitfields": true,
	"inline-small-functions": true, "strict-enums": true, "finite-loops": true,
}

// mllvmOK reports whether an -mllvm option is allowed: the BPF backend's own options and the
// loop and inlining thresholds.
func mllvmOK(v string) bool {
	m := mllvmRE.FindStringSubmatch(v)
	if m == nil {
		return false
	}
	switch name := m[1]; {
	case strings.Contains(name, "bpf"), name == "disable-zext-elim":
		return true
	case name == "inline-threshold", name == "unroll-threshold", name == "enable-loop-unroll":
		return true
	}
	return false
}

// joinedOrSeparate are the options whose argument may follow in the next word.
var joinedOrSeparate = []struct {
	opt  string
	kind Kind
}{
	{"-isystem", IncludeDir}, {"-idirafter", IncludeDir}, {"-iquote", IncludeDir},
	{"-include", Include}, {"-imacros", Include},
	{"-I", IncludeDir}, {"-D", Define}, {"-U", Undef},
}

// refused explains the flags most often met that the policy refuses.
var refused = []struct{ prefix, why string }{
	{"-Xclang", "passes options to the compiler front end unchecked"},
	{"-Xassembler", "passes options to the assembler unchecked"},
	{"-Xlinker", "passes options to the linker unchecked"},
	{"-Xpreprocessor", "passes options to the preprocessor unchecked"},
	{"-Wl,", "passes options to the linker unchecked"},
	{"-Wa,", "passes options to the assembler unchecked"},
	{"-Wp,", "passes options to the preprocessor unchecked"},
	{"-load", "loads a compiler plugin"},
	{"-fplugin", "loads a compiler plugin"},
	{"-fpass-plugin", "loads a compiler plugin"},
	{"-fprofile", "reads or writes profile files"},
	{"-fcoverage", "writes coverage files"},
	{"-fsave-optimization-record", "writes files"},
	{"-foptimization-record", "writes files"},
	{"-ftime-trace", "writes files"},
	{"-fcrash-diagnostics", "writes files"},
	{"-fstack-usage", "writes files"},
	{"-fmodule", "reads module files"},
	{"-fdebug-", "changes the file names recorded in the output"},
	{"-B", "makes clang run programs from another directory"},
	{"--sysroot", "moves the system header directories"},
	{"-isysroot", "moves the system header directories"},
	{"-resource-dir", "moves clang's own headers"},
	{"-ivfsoverlay", "reads a virtual file system overlay"},
	{"--config", "reads a clang configuration file"},
	{"-o", "names an output file (OPENED chooses its outputs)"},
	{"-M", "writes dependency files"},
	{"-save-temps", "writes files"},
	{"-working-directory", "changes the directory clang works in"},
	{"-x", "changes the source language"},
	{"-E", "changes the compilation mode (OPENED chooses it)"},
	{"-S", "changes the compilation mode (OPENED chooses it)"},
	{"-c", "changes the compilation mode (OPENED chooses it)"},
}

// Parse splits words into flags and checks each against the policy.
func Parse(words []string, o Options) (Set, error) {
	var out Set
	for i := 0; i < len(words); i++ {
		w := words[i]
		start := i
		refuse := func(msg string) error {
			if o.Unsafe {
				out = append(out, Flag{Kind: Other, Opt: w, Index: start})
				return nil
			}
			return &Error{Flag: w, Index: start, Msg: msg}
		}
		// arg returns the separate argument of w (the next word) or an error.
		arg := func(what string) (string, error) {
			if i+1 >= len(words) || words[i+1] == "" {
				return "", &Error{Flag: w, Index: start, Msg: "needs " + what}
			}
			i++
			return words[i], nil
		}
		if w == "" {
			continue
		}
		if strings.HasPrefix(w, "@") {
			if err := refuse("is a response file: write the flags themselves"); err != nil {
				return nil, err
			}
			continue
		}
		if !strings.HasPrefix(w, "-") {
			if err := refuse("is not a flag (sources are chosen by the entry, not by cflags)"); err != nil {
				return nil, err
			}
			continue
		}
		matched := false
		for _, js := range joinedOrSeparate {
			if !strings.HasPrefix(w, js.opt) {
				continue
			}
			v := w[len(js.opt):]
			matched = true
			if v == "" {
				var err error
				what := map[Kind]string{IncludeDir: "a directory", Define: "a macro", Undef: "a macro name", Include: "a file"}[js.kind]
				if v, err = arg(what); err != nil {
					return nil, err
				}
			}
			f := Flag{Kind: js.kind, Opt: js.opt, Value: v, Index: start}
			switch js.kind {
			case Define:
				if !macroRE.MatchString(v) {
					return nil, &Error{Flag: w, Index: start, Msg: fmt.Sprintf("%q is not NAME or NAME=VALUE", v)}
				}
			case Undef:
				if !undefRE.MatchString(v) {
					return nil, &Error{Flag: w, Index: start, Msg: fmt.Sprintf("%q is not a macro name", v)}
				}
			case Include:
				p := filepath.ToSlash(v)
				if !o.Unsafe && (path.IsAbs(p) || hasDotDot(p)) {
					return nil, &Error{Flag: w, Index: start, Msg: "forced include must be a file the sources could include themselves: a relative path without \"..\""}
				}
			}
			out = append(out, f)
			break
		}
		if matched {
			continue
		}
		switch {
		case w == "-mllvm":
			v, err := arg("an LLVM option")
			if err != nil {
				return nil, err
			}
			if !mllvmOK(v) {
				if o.Unsafe {
					out = append(out, Flag{Kind: Other, Opt: w, Value: v, Index: start})
					continue
				}
				return nil, &Error{Flag: w + " " + v, Index: start, Msg: "only BPF backend options (and inline/unroll thresholds) may be passed to LLVM"}
			}
			out = append(out, Flag{Kind: CodeGen, Opt: w, Value: v, Index: start})
		case w == "-target" || strings.HasPrefix(w, "--target="):
			v := strings.TrimPrefix(w, "--target=")
			if w == "-target" {
				var err error
				if v, err = arg("a target"); err != nil {
					return nil, err
				}
			}
			if v != "bpf" && v != "bpfel" && v != "bpfeb" {
				if err := refuse("OPENED compiles for bpf, bpfel or bpfeb only"); err != nil {
					return nil, err
				}
				continue
			}
			out = append(out, Flag{Kind: CodeGen, Opt: "-target", Value: v, Index: start})
		case stdRE.MatchString(w), machineRE.MatchString(w) && !strings.HasPrefix(w, "-mllvm"):
			out = append(out, Flag{Kind: CodeGen, Opt: w, Index: start})
		case strings.HasPrefix(w, "-f"):
			m := featureRE.FindStringSubmatch(w)
			if m != nil && (fFlags[m[2]] || strings.HasPrefix(m[2], "builtin-")) {
				out = append(out, Flag{Kind: CodeGen, Opt: w, Index: start})
				continue
			}
			if err := refuse(whyRefused(w, "is not a code-generation flag OPENED knows to be safe")); err != nil {
				return nil, err
			}
		case w == "-nostdinc", w == "-nostdlibinc", w == "-nobuiltininc":
			// The project's headers replace the system's: every compilation must agree.
			out = append(out, Flag{Kind: CodeGen, Opt: w, Index: start})
		case w == "-w" || w == "-pedantic" || w == "-pedantic-errors" || warnRE.MatchString(w) && !strings.Contains(w, ","),
			optRE.MatchString(w), debugRE.MatchString(w):
			out = append(out, Flag{Kind: Diag, Opt: w, Index: start})
		default:
			if err := refuse(whyRefused(w, "is not a flag a BPF build needs")); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func whyRefused(w, fallback string) string {
	for _, r := range refused {
		if w == r.prefix || strings.HasPrefix(w, r.prefix) && (len(r.prefix) > 2 || r.prefix == "-B" || r.prefix == "-M") {
			return r.why
		}
	}
	return fallback
}

func hasDotDot(p string) bool {
	for _, e := range strings.Split(p, "/") {
		if e == ".." {
			return true
		}
	}
	return false
}

// Within reports whether p (absolute, or relative to base) names root or a path below it, by
// its lexical form (symbolic links are not followed: a vendored repository may be a link).
func Within(root, base, p string) bool {
	if !filepath.IsAbs(p) {
		p = filepath.Join(base, p)
	}
	r, err := filepath.Rel(filepath.Clean(root), filepath.Clean(p))
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}
