// Package compose is the third stage of OPENED: it composes MCU directories (extracted or
// transformed units, format tools/mcu) into a pipeline directory (format tools/pipeline) that
// the loader attaches.
//
// Every mode starts from one generated C file per segment (the stages at one hook): each
// stage's mcu.c is copied in, in order, with its file-scope names renamed where they clash
// with another stage's or with names other stages' headers declare, definitions with
// identical text kept once, and each stage's macros confined to its own region
// (#pragma push_macro / pop_macro). Clang says what a unit defines (tools/internal/cfront);
// names are found in the text with the C lexer, never with regexes. Each stage's entry
// becomes a static always-inline function; generated programs call the entries:
//
//   - static: one program calls the stages in order and stops at the first verdict that is
//     not "pass" (XDP_PASS; TC_ACT_OK or TC_ACT_UNSPEC), as libxdp's chain_call_actions would;
//   - tailcall: one program per stage; on "pass" it tail-calls the next through a program
//     array the loader fills;
//   - tcx: one program per stage, attached in order through tcx links; "pass" is returned as
//     TCX_NEXT so that the next program runs (the last stage keeps its verdict);
//   - xdp-dispatcher: the stage programs plus a dispatcher that speaks libxdp's protocol
//     (run config with chain_call_actions, programs attached with freplace).
//
// Optionally every generated program counts each stage's verdicts in a per-CPU array that
// `opened status` prints. Errors about the spec are *Error values naming the YAML file and
// line.
package compose
