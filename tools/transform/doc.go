// Package transform ports an extracted unit (tools/mcu format) between the XDP and tc hooks.
//
// It reads the unit's mcu.c through clang's AST (tools/internal/cfront, with byte offsets),
// runs named rules, each a pass over the AST that reports edits (start, end, new text) or
// blocking constructs, applies every edit in one pass (overlapping edits are a
// *ConflictError), and writes a unit at the target hook: mcu.c keeps the original text,
// comments and structure; functions.json still maps every line to the original file:line;
// changes.json lists each edit (docs/formats.md). The original program becomes an
// always-inline function called by a program of the same name at the target hook, which maps
// the verdict through tools/hook's return-code actions; helpers go through the exact shims of
// shim/opened_tc_shim.h (XDP semantics at tc) and shim/opened_xdp_shim.h (tc semantics at
// XDP), copied into mcu.c.
//
// A port that cannot be exact is refused with an *InfeasibleError listing every blocking
// construct with its original file:line and why (helpers the target lacks per tools/hook's
// helper table, CPUMAP/XSKMAP redirects at tc, skb-only fields at XDP, ...); nothing is written.
//
// transform reads only the unit directory format; it never imports tools/extract.
package transform
