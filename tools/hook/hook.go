package hook

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cilium/ebpf"
)

// Class separates hooks OPENED handles from hooks it only recognises.
type Class string

const (
	// Network hooks see packets or sockets: XDP, TC, cgroup/skb, socket
	// filters, sk_skb, sk_msg, LWT and friends.
	Network Class = "network"
	// Tracing hooks observe the kernel (kprobes, tracepoints, fentry/fexit,
	// LSM, freplace). OPENED does not extract or transform them.
	Tracing Class = "tracing"
)

// Action is what the kernel does with a packet (or message) for a return code.
// Later stages use it to relate return codes of different hooks, e.g.
// XDP_DROP and TC_ACT_SHOT are both ActionDrop.
type Action string

const (
	ActionPass       Action = "pass"       // continue up (or down) the stack
	ActionDrop       Action = "drop"       // free the packet
	ActionAbort      Action = "abort"      // drop and fire the exception tracepoint
	ActionTx         Action = "tx"         // bounce out of the receiving interface
	ActionRedirect   Action = "redirect"   // act on a bpf_redirect*() decision
	ActionNext       Action = "next"       // defer to the next program / classifier
	ActionStolen     Action = "stolen"     // consumed, not freed by the caller
	ActionReclassify Action = "reclassify" // restart classification
	ActionReroute    Action = "reroute"    // route again after encapsulation
	ActionContinue   Action = "continue"   // fall back to the kernel's built-in logic
	ActionOK         Action = "ok"         // non-packet hooks: success, no verdict
)

// Return is one return code a hook's program can give the kernel.
type Return struct {
	// Name of the constant in the UAPI headers (XDP_PASS, TC_ACT_SHOT, ...).
	// Where the UAPI has no name for a value, the name is the conventional
	// spelling used in kernel selftests.
	Name string
	// Value is the numeric return value.
	Value int32
	// Action is what the kernel does with it.
	Action Action
}

// Range is an inclusive range of return values.
type Range struct{ Min, Max int32 }

// Contains reports whether v lies in r.
func (r Range) Contains(v int32) bool { return v >= r.Min && v <= r.Max }

// Hook holds the facts for one ELF section pattern.
type Hook struct {
	// Section is the libbpf section pattern. A trailing "+" means the name
	// may continue with "/<target>" (kprobe/do_unlinkat); a trailing "/"
	// means it must; anything else matches by prefix, as in cilium/ebpf.
	Section string
	// Class says whether OPENED handles the hook (Network) or only
	// recognises it (Tracing).
	Class Class
	// ProgramType and AttachType are what the section implies when loading.
	ProgramType ebpf.ProgramType
	AttachType  ebpf.AttachType
	// Flags are program load flags the section implies
	// (BPF_F_XDP_HAS_FRAGS, BPF_F_SLEEPABLE).
	Flags uint32
	// Context is the C type the program's context argument points to,
	// e.g. "struct xdp_md" for int prog(struct xdp_md *ctx).
	Context string
	// Returns lists the return codes the kernel acts on at this hook.
	Returns []Return
	// Otherwise describes what the kernel does with any value not listed in
	// Returns (and, for hooks whose return value is a length or is ignored,
	// what the value means).
	Otherwise string
	// Range is the return range the verifier enforces; nil if the verifier
	// accepts any return value at this hook.
	Range *Range
	// TestRun reports whether BPF_PROG_TEST_RUN can run programs of this
	// hook with a packet.
	TestRun bool
	// Loadable reports whether this class of machine (the OPENED reference
	// kernel: root, BPF enabled, no BPF_PROG_TYPE_TRACING/LSM/EXT) accepts
	// programs of this hook. When false, Note says why.
	Loadable bool
	Note     string
}

// ErrUnknownSection is returned by ForSection for sections not in the table.
var ErrUnknownSection = errors.New("unknown section")

// ForSection returns the facts for an ELF section name such as "xdp",
// "tcx/ingress" or "kprobe/do_unlinkat". A leading "?" (libbpf's marker
// for optional programs) is ignored.
func ForSection(sec string) (Hook, error) {
	name := strings.TrimPrefix(sec, "?")
	for _, h := range table {
		if match(name, h.Section) {
			return h.clone(), nil
		}
	}
	return Hook{}, fmt.Errorf("section %q: %w: not a hook OPENED knows; use a libbpf section name such as xdp, tc, tcx/ingress, cgroup_skb/ingress", sec, ErrUnknownSection)
}

// Table returns a copy of the whole table, most specific patterns first.
func Table() []Hook {
	out := make([]Hook, len(table))
	for i, h := range table {
		out[i] = h.clone()
	}
	return out
}

// clone returns h with its own copies of Returns and Range, so that callers
// cannot change the table.
func (h Hook) clone() Hook {
	h.Returns = append([]Return(nil), h.Returns...)
	if h.Range != nil {
		r := *h.Range
		h.Range = &r
	}
	return h
}

// Return looks up a return code by value.
func (h Hook) Return(v int32) (Return, bool) {
	for _, r := range h.Returns {
		if r.Value == v {
			return r, true
		}
	}
	return Return{}, false
}

// ReturnNamed looks up a return code by its constant name.
func (h Hook) ReturnNamed(name string) (Return, bool) {
	for _, r := range h.Returns {
		if r.Name == name {
			return r, true
		}
	}
	return Return{}, false
}

// CheckNetwork returns an error naming the section and program type if h
// is not a network hook, so that callers can refuse tracing programs clearly.
func (h Hook) CheckNetwork(sec string) error {
	if h.Class == Network {
		return nil
	}
	return fmt.Errorf("section %q is a %s hook (program type %s), not a network function; OPENED only handles network hooks", sec, h.Class, h.ProgramType)
}

// match reports whether a section name matches a libbpf pattern, with the
// semantics of cilium/ebpf (and libbpf's legacy prefix matching).
func match(sec, pattern string) bool {
	have, _, slash := strings.Cut(sec, "/")
	want := strings.TrimRight(pattern, "+/")
	switch {
	case strings.HasSuffix(pattern, "/"):
		return have == want && slash
	case strings.HasSuffix(pattern, "+"):
		return have == want
	default:
		return strings.HasPrefix(sec, pattern)
	}
}

// contextHooks names, per program context type, the section whose hook a program with an
// unknown section name is loaded at. Loaders other than libbpf accept any section name
// (iproute2's tc takes "sec NAME", older projects load "filter" or "prog" by hand), so the
// context type, not the name, is what says which hook such a program was written for.
// struct __sk_buff serves socket filters, cgroup and tc programs; tc's SchedCLS accepts the
// widest set of helpers and context fields of these, so it is the one chosen.
var contextHooks = map[string]string{
	"struct xdp_md":       "xdp",
	"struct __sk_buff":    "tc",
	"struct bpf_sock_ops": "sockops",
	"struct sk_msg_md":    "sk_msg",
}

// ForContext returns the hook a program whose first argument points to ctx (for example
// "struct xdp_md") is loaded at when its section name is not one OPENED knows.
func ForContext(ctx string) (Hook, error) {
	if sec, ok := contextHooks[ctx]; ok {
		return ForSection(sec)
	}
	return Hook{}, fmt.Errorf("context %q: no network hook takes it", ctx)
}
