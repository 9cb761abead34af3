package hook

import (
	"fmt"

	"github.com/cilium/ebpf"
)

// Verdict is what a program's return value makes the kernel do, named in terms that are
// comparable across hooks: two runs at different hooks (an XDP program and its TC port)
// behave alike when their verdicts are Equivalent.
type Verdict struct {
	// Value is the raw return value.
	Value int32
	// Name is the constant's name, or "unknown(N)" when the hook does not list the value.
	Name string
	// Action is what the kernel does; for an unlisted value, what the hook's Otherwise says
	// (XDP: abort; tc and tcx: next).
	Action Action
}

func (v Verdict) String() string { return fmt.Sprintf("%s (%d, %s)", v.Name, v.Value, v.Action) }

// unlistedAction is what the kernel does with a return value a hook does not list, per
// program type (see each row's Otherwise).
var unlistedAction = map[ebpf.ProgramType]Action{
	ebpf.XDP:      ActionAbort, // bpf_warn_invalid_xdp_action, then dropped like XDP_ABORTED
	ebpf.SchedCLS: ActionNext,  // cls_bpf: TC_ACT_UNSPEC; tcx: TCX_NEXT
	ebpf.SchedACT: ActionNext,
}

// Verdict names the return value v at hook h.
func (h Hook) Verdict(v int32) Verdict {
	if r, ok := h.Return(v); ok {
		return Verdict{Value: v, Name: r.Name, Action: r.Action}
	}
	a, ok := unlistedAction[h.ProgramType]
	if !ok {
		a = ActionDrop
	}
	return Verdict{Value: v, Name: fmt.Sprintf("unknown(%d)", v), Action: a}
}

// Equivalent reports whether verdict a at hook ha and verdict b at hook hb make the kernel
// do the same thing, and if so by which rule. At the same program type the actions must be
// equal. Between XDP and TC (either way round) the rules of an XDP <-> TC port apply:
//
//   - XDP_PASS ~ TC_ACT_OK (a standalone TC program) and ~ TC_ACT_UNSPEC / TCX_NEXT (a
//     chained one: the packet goes on up the stack either way);
//   - XDP_DROP and XDP_ABORTED ~ TC_ACT_SHOT;
//   - XDP_TX ~ TC_ACT_REDIRECT (the port redirects out of the receiving device) and
//     XDP_REDIRECT ~ TC_ACT_REDIRECT. BPF_PROG_TEST_RUN does not report a redirect's target
//     device, so the two are told apart only by the port's code, not by a test run.
func Equivalent(ha Hook, a Verdict, hb Hook, b Verdict) (bool, string) {
	if ha.ProgramType == hb.ProgramType {
		if a.Action == b.Action {
			return true, "same action"
		}
		return false, ""
	}
	x, t, xv, tv := ha, hb, a, b
	if x.ProgramType != ebpf.XDP {
		x, t, xv, tv = hb, ha, b, a
	}
	if x.ProgramType != ebpf.XDP || (t.ProgramType != ebpf.SchedCLS && t.ProgramType != ebpf.SchedACT) {
		if a.Action == b.Action {
			return true, "same action"
		}
		return false, ""
	}
	for _, r := range XDPTCVerdicts {
		if r.XDP == xv.Action && r.TC == tv.Action {
			return true, r.Rule
		}
	}
	return false, ""
}

// VerdictRule is one row of the XDP <-> TC verdict correspondence.
type VerdictRule struct {
	XDP, TC Action
	Rule    string
}

// XDPTCVerdicts is the XDP <-> TC verdict correspondence Equivalent applies.
var XDPTCVerdicts = []VerdictRule{
	{ActionPass, ActionPass, "XDP_PASS ~ TC_ACT_OK"},
	{ActionPass, ActionNext, "XDP_PASS ~ TC_ACT_UNSPEC (chained)"},
	{ActionDrop, ActionDrop, "XDP_DROP ~ TC_ACT_SHOT"},
	{ActionAbort, ActionDrop, "XDP_ABORTED ~ TC_ACT_SHOT"},
	{ActionTx, ActionRedirect, "XDP_TX ~ TC_ACT_REDIRECT to the receiving device"},
	{ActionRedirect, ActionRedirect, "XDP_REDIRECT ~ TC_ACT_REDIRECT"},
}
