// Package difftest runs two eBPF programs on the same frames with BPF_PROG_TEST_RUN and
// says whether they behave alike: `opened difftest` and the ebpf_difftest Bazel rule.
//
// A and B are object files (A.o[:PROG]) or unit directories (tools/mcu format). Each is
// loaded fresh from its object by package loader, its maps are seeded from a YAML file
// ([Seed]) identically on both sides, and every input frame (pcap files and the structured
// generator of package packet) runs through A, then through B, on one CPU so that per-CPU
// maps compare CPU by CPU. For each frame the verdicts are compared through package hook's
// verdict table (XDP_PASS ~ TC_ACT_OK or TC_ACT_UNSPEC, XDP_DROP/XDP_ABORTED ~ TC_ACT_SHOT,
// XDP_TX and XDP_REDIRECT ~ TC_ACT_REDIRECT), and, when the packet leaves the program,
// the output bytes. Afterwards every map that both objects have (same name, same layout)
// is compared entry by entry.
//
// A TC program runs on an __sk_buff that arrived on the loopback device (ifindex and
// ingress_ifindex 1, as an XDP test run without a context); the kernel sets skb->protocol
// from the frame's EtherType. A frame one hook refuses (the skb test run wants at least an
// Ethernet and the claimed network header, linear frames fit a page) is skipped on both
// sides, so it cannot change the maps of one of them. The [Report] counts compared, equal
// and skipped frames; it fails on any mismatch or map difference, when nothing was
// compared, and when more frames were skipped than compared.
//
// BPF_PROG_TEST_RUN does not say where a redirect goes, so XDP_TX and XDP_REDIRECT both
// match TC_ACT_REDIRECT; a port that redirects to the wrong device is not caught here.
package difftest
