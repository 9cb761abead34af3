package transform

import (
	"fmt"
	"sort"
	"strings"
)

// Blocker is one construct that keeps a unit from running at the target hook.
type Blocker struct {
	// File and Line are the construct's place in the original repository (mcu.c's line
	// when it lies outside the unit's functions).
	File string
	Line int
	// Construct is the text (bpf_redirect_map, skb->mark, ...); Reason says why.
	Construct string
	Reason    string
}

func (b Blocker) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", b.File, b.Line, b.Construct, b.Reason)
}

// InfeasibleError lists every construct that blocks a port. Nothing is written.
type InfeasibleError struct {
	Entry, From, To string
	Blockers        []Blocker
}

func (e *InfeasibleError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "cannot port %s from %s to %s: %d blocking construct(s)", e.Entry, e.From, e.To, len(e.Blockers))
	for _, bl := range e.Blockers {
		b.WriteString("\n  " + bl.String())
	}
	return b.String()
}

func sortBlockers(bs []Blocker) []Blocker {
	sort.SliceStable(bs, func(i, j int) bool {
		if bs[i].File != bs[j].File {
			return bs[i].File < bs[j].File
		}
		if bs[i].Line != bs[j].Line {
			return bs[i].Line < bs[j].Line
		}
		return bs[i].Construct < bs[j].Construct
	})
	out := bs[:0]
	for i, b := range bs {
		if i > 0 && b == bs[i-1] {
			continue
		}
		out = append(out, b)
	}
	return out
}
