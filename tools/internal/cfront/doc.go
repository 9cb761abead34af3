// Package cfront runs clang over one translation unit of a BPF C project and
// turns its output into a small model (TU) that the index and the extractor
// use: top-level declarations of project files with their exact source byte
// ranges, the declarations they reference, helper calls and map uses, map
// definitions, active macros, the include graph and ELF sections.
//
// All C semantics come from clang:
//
//   - clang -fsyntax-only -Xclang -ast-dump=json gives declarations,
//     references and source locations. The JSON dumper elides "file" and
//     "line" when they equal the previously printed location; the walker
//     replays the dumper's print order (loc, range.begin, range.end, inner;
//     spellingLoc before expansionLoc) to restore them. The dump is streamed
//     one top-level declaration at a time, never held as a whole tree: a
//     unit with the kernel's vmlinux.h writes about 180 MB of it, mapped
//     and dropped page by page behind the parser (output.go), so memory
//     stays near what the unit's model needs.
//   - clang -E -dD gives the include graph (line markers), every active
//     #define with its location, the compiler's __VERSION__, and the ELF
//     section of each declaration: the line of its section attribute with
//     every macro expanded (section.go; TestSectionsMatchIR checks it against
//     code generation on every corpus unit).
//   - clang -S -emit-llvm, run only when the preprocessor stream declares
//     legacy or iproute2 maps (needsIR), gives their folded initializers
//     (sizeof, enum constants, arithmetic).
//
// The AST and preprocessor runs go side by side; a unit whose own text
// declares such maps starts its IR beside them. One clang run costs about
// 0.1 s of start-up alone (loading LLVM), as much as compiling a small BPF
// file, so a cold extraction (a Bazel action) is counted in clang runs.
// ParseUnits (batch.go) therefore gives several units one AST run and one
// preprocessor run: clang's driver hands one input to its front end and the
// others are passed to the front end directly (-Xclang), which processes
// each with a fresh preprocessor and AST and writes the outputs one after
// the other; they are split per unit and checked against the units given.
// A unit added to a run costs about a third of a unit parsed alone. Any
// failure of a batch (a unit clang rejects: clang does not say which) parses
// each unit alone, so results and errors are those of Parse.
package cfront
