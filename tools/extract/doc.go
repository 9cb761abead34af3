// Package extract computes the Minimal Compilable Unit (MCU) of a BPF
// program: from a repository and an entry function (FILE:LINE or a name) it
// collects the entry, every transitive callee defined in the repository, and
// the types, macros, globals, maps, license and sections they need, and
// writes an MCU directory:
//
//	functions.json  entry and every function of the unit, with source and mcu.c lines
//	maps.json       every map used, its style, type, key/value, pinning and users
//	warnings.json   what the user must know or provide (maps filled by user space,
//	                duplicate definitions, converted legacy maps)
//	mcu.c           one readable C file holding the original text of each function
//	mcu.o           clang -O2 -g -target bpf of mcu.c
//
// The unit is computed from the repository's index (package index), so C
// semantics come from clang: which definition of a name is visible, which
// macros are active under the given -D flags, which section a program is in.
//
// How the unit is chosen:
//
//   - Functions, globals, maps and enum constants come from clang's AST
//     references, starting at the entry. A callee only declared in the
//     entry's unit is looked up among the non-static definitions of the other
//     units: incompatible signatures are dropped, a strong definition beats
//     weak ones, then Options.Prefer decides; otherwise the first by path is
//     used and a duplicate-ambiguous warning names the candidates.
//   - Types and macros come from the identifiers of the copied text (and of
//     the macros' bodies), matched against the unit's project types and
//     macros; project typedefs and macros that system headers use are kept.
//   - Branches of #if groups that clang did not compile are removed from the
//     copied text (using the lines clang's preprocessor produced), so the
//     unit holds what the build compiled.
//
// When units disagree (each .c file has its own static helper, struct or
// macro of the same name), the later unit's file-local names are renamed in
// its copied text (warning static-renamed) and each unit's macro
// definitions are in force where its text is copied.
//
// mcu.c lists, in the order clang saw them, the system #include lines as the
// project spelled them, every definition (and #undef) of the macros used,
// and the copied declarations and definitions, each preceded by a
// "/* file:first-last */" comment. Legacy (struct bpf_map_def) and iproute2
// (struct bpf_elf_map) maps are written as BTF maps; a map of maps takes the
// inner template the definition names (iproute2 inner_id, samples/bpf
// inner_map_idx) as __array(values, ...). A map of maps whose inner maps user
// space creates gets maps.json inner_shape: the key and value types at the
// program's lookups in the inner maps (a second clang pass over mcu.c's AST,
// sizes from a probe compile), or why nothing tells them; mcu.c declares no
// inner map for it. If that minimal form
// does not compile, mcu.c falls back to the entry's file with its project
// headers inlined (warning mcu-fallback).
//
// The directory is written atomically: on error (including a failed
// Options.Verify) nothing is left behind.
package extract
