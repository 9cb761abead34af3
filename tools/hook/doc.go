// Package hook is the single table of hook facts OPENED relies on.
//
// For every ELF section prefix that libbpf and cilium/ebpf understand and that
// matters to network functions, the table records the program type, the
// expected attach type, the C type of the context argument, the return codes
// the kernel acts on (with their names and meaning), whether the verifier
// restricts the return value, whether BPF_PROG_TEST_RUN works for it, and
// whether this class of machine can load it at all.
//
// Tracing hooks (kprobes, tracepoints, fentry/fexit, LSM, freplace) are in
// the table too, so that callers can recognise them and refuse them with a
// clear message instead of failing somewhere deep in a load.
//
// Look a section up with [ForSection]; the whole table is [Table]. Section
// names are matched the way cilium/ebpf (and libbpf) match them, so the
// program type found here is the one the loader will get from the ELF.
//
// The facts are tested against the running kernel: the tests build a tiny
// program for every row with clang, check that cilium/ebpf reads the section
// as the declared type, load it (or see it refused with EPERM), check the
// context type with a global subprogram, load every declared return code,
// check the verifier's return range where the table declares one (and its
// absence where not), run the program with BPF_PROG_TEST_RUN where the table
// says that works, and check the value of every named return code against
// the kernel's BTF enums or the UAPI headers.
package hook
