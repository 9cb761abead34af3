package difftest

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/opened-ebpf/opened/tools/hook"
	"github.com/opened-ebpf/opened/tools/packet"
)

// Report is the outcome of a comparison.
type Report struct {
	A, B string
	// Frames is the number of inputs; each is Skipped or Compared, and a compared one is
	// Equal or a mismatch.
	Frames, Compared, Equal, Skipped, Mismatches int
	// Rewritten counts the equal frames both programs sent on changed (so that a run shows
	// whether the rewriting paths, e.g. a decapsulation, were exercised).
	Rewritten int
	// Details holds the first mismatches in full.
	Details []Mismatch
	// SkippedSamples says why the first skipped frames were skipped.
	SkippedSamples []string
	// Rules counts the equal frames by the verdict rule that made them equal.
	Rules map[string]int
	// MapDiffs lists every differing map entry after the run.
	MapDiffs []MapDiff
	// MapNotes says which maps were not compared and why; Notes carries the loader's
	// adjustments.
	MapNotes, Notes []string
}

// Mismatch is one frame A and B handled differently.
type Mismatch struct {
	Index              int
	From               string
	Input              []byte
	Why                string
	VerdictA, VerdictB hook.Verdict
	OutA, OutB         []byte
}

// Failed says why the comparison failed, or "" when A and B behaved alike: every compared
// frame equal, no map differs, something was compared, and no more frames skipped than
// compared (a run that skips most frames proves nothing).
func (r *Report) Failed() string {
	switch {
	case r.Mismatches > 0:
		return fmt.Sprintf("%d of %d compared frames differ", r.Mismatches, r.Compared)
	case len(r.MapDiffs) > 0:
		return fmt.Sprintf("%d map entries differ after the run", len(r.MapDiffs))
	case r.Compared == 0:
		return "no frame was compared"
	case r.Skipped > r.Compared:
		return fmt.Sprintf("%d frames skipped, more than the %d compared: not a meaningful comparison", r.Skipped, r.Compared)
	}
	return ""
}

// Write prints the report: mismatches in full (packet summary, both verdicts, a hexdump
// diff of the outputs), map differences, then the counts and the result.
func (r *Report) Write(w io.Writer) {
	fmt.Fprintf(w, "difftest: A = %s\n          B = %s\n", r.A, r.B)
	for _, m := range r.Details {
		fmt.Fprintf(w, "\nMISMATCH frame %d (%s): %s\n", m.Index+1, m.From, m.Why)
		fmt.Fprintf(w, "  packet: %s\n", packet.Summary(m.Input))
		fmt.Fprintf(w, "  A: %s, %d bytes out\n  B: %s, %d bytes out\n", m.VerdictA, len(m.OutA), m.VerdictB, len(m.OutB))
		fmt.Fprintf(w, "  output (- A, + B):\n")
		HexDiff(w, m.OutA, m.OutB, "    ")
	}
	if r.Mismatches > len(r.Details) {
		fmt.Fprintf(w, "\n(%d more mismatches not shown)\n", r.Mismatches-len(r.Details))
	}
	for i, d := range r.MapDiffs {
		if i == 20 {
			fmt.Fprintf(w, "(%d more map differences not shown)\n", len(r.MapDiffs)-i)
			break
		}
		if i == 0 {
			fmt.Fprintln(w)
		}
		cpu := ""
		switch {
		case d.CPU == 0:
			cpu = " (per-CPU: on the CPU the programs ran on)"
		case d.CPU > 0:
			cpu = " (per-CPU: on another CPU than the programs ran on)"
		}
		fmt.Fprintf(w, "MAP %s key %x: A %s, B %s%s\n", d.Map, d.Key, hexOrAbsent(d.A), hexOrAbsent(d.B), cpu)
	}
	for _, n := range r.MapNotes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	for _, s := range r.SkippedSamples {
		fmt.Fprintf(w, "skipped: %s\n", s)
	}
	if len(r.Rules) > 0 {
		var rs []string
		for k, v := range r.Rules {
			rs = append(rs, fmt.Sprintf("%s: %d", k, v))
		}
		sort.Strings(rs)
		fmt.Fprintf(w, "equal by rule: %s\n", strings.Join(rs, "; "))
	}
	fmt.Fprintf(w, "%d frames: %d compared, %d equal (%d of them rewritten alike), %d differ, %d skipped; %d map differences\n",
		r.Frames, r.Compared, r.Equal, r.Rewritten, r.Mismatches, r.Skipped, len(r.MapDiffs))
	if f := r.Failed(); f != "" {
		fmt.Fprintf(w, "FAIL: %s\n", f)
	} else {
		fmt.Fprintf(w, "PASS\n")
	}
}

func hexOrAbsent(b []byte) string {
	if b == nil {
		return "(absent)"
	}
	return fmt.Sprintf("%x", b)
}

// HexDiff writes a and b as 16-byte hexdump lines; equal lines once with "  ", differing
// lines as "- " (a) and "+ " (b) with "^^" under the differing bytes.
func HexDiff(w io.Writer, a, b []byte, indent string) {
	n := len(a)
	if len(b) > n {
		n = len(b)
	}
	for off := 0; off < n; off += 16 {
		la, lb := line(a, off), line(b, off)
		if bytes.Equal(la, lb) {
			fmt.Fprintf(w, "%s  %04x  %s\n", indent, off, hexLine(la))
			continue
		}
		if off < len(a) {
			fmt.Fprintf(w, "%s- %04x  %s\n", indent, off, hexLine(la))
		}
		if off < len(b) {
			fmt.Fprintf(w, "%s+ %04x  %s\n", indent, off, hexLine(lb))
		}
		var marks strings.Builder
		for i := 0; i < 16; i++ {
			if i == 8 {
				marks.WriteByte(' ')
			}
			if i < len(la) && i < len(lb) && la[i] == lb[i] || i >= len(la) && i >= len(lb) {
				marks.WriteString("   ")
			} else {
				marks.WriteString("^^ ")
			}
		}
		fmt.Fprintf(w, "%s        %s\n", indent, strings.TrimRight(marks.String(), " "))
	}
	if n == 0 {
		fmt.Fprintf(w, "%s(both empty)\n", indent)
	}
}

func line(b []byte, off int) []byte {
	if off >= len(b) {
		return nil
	}
	end := off + 16
	if end > len(b) {
		end = len(b)
	}
	return b[off:end]
}

func hexLine(l []byte) string {
	var s strings.Builder
	for i, c := range l {
		if i == 8 {
			s.WriteByte(' ')
		}
		fmt.Fprintf(&s, "%02x ", c)
	}
	return strings.TrimRight(s.String(), " ")
}
