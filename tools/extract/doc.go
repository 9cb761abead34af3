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
// The directory is written atomically: on error nothing is left behind.
package extract
