// Package loader loads eBPF objects into the running kernel with
// cilium/ebpf, at the hook their ELF section names.
//
// The package keeps parsed specifications separate from live kernel objects,
// as cilium/ebpf does: [LoadSpec] parses an object file and prepares it for
// a load (a [Spec], nothing in the kernel yet); [Spec.Load] creates the maps
// and programs and returns an [Object] that must be closed.
//
// [VerifyUnit] is the entry point of `opened verify`: it reads an MCU
// directory (functions.json and mcu.o, see the OPENED brief), loads the
// entry program at the hook its section names (program type from package
// hook) and reports the result. A verification load is self-contained: maps
// pinned by name are not pinned anywhere, and a map-in-map whose inner map
// is created by user space gets an inner map template (maps.json's
// inner_shape, the inner map as the program's own lookups tell it, first; then
// the map maps.json names as inner_map; then a map of the same object; last a
// small array).
//
// Failures are returned as typed errors:
//   - [*VerifierError] when the verifier rejects a program; it names the
//     original file:line (mapping mcu.c lines back through functions.json)
//     and carries the tail of the verifier log;
//   - [*UnsupportedError] when the kernel refuses the program type itself
//     (EPERM for tracing, LSM and extension programs on this machine class);
//   - [*InnerMapError] when a map-in-map's inner map is unknown (maps.json
//     inner_shape "unknown") and no template verifies: the unit cannot be
//     verified standalone; it names the map, its file:line and what to supply;
//   - [ErrBPFUnavailable] when this process cannot load BPF programs at all.
//
// Attaching loaded programs to interfaces is a later stage; it will take an
// [Object].
package loader
