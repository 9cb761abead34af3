package transform

import (
	"fmt"
	"sort"
	"strings"
)

// Edit replaces the bytes [Start, End) of mcu.c with New. Start == End inserts.
type Edit struct {
	Rule       string
	Start, End int
	New        string
	// Note explains the edit in the report (optional).
	Note string
	// Summary, when set, stands for New in changes.json (a long inserted block).
	Summary string
	// NewStart is where New begins in the edited text (set by apply).
	NewStart int
}

// ConflictError is two rules editing overlapping text: a bug in a rule, never a user error.
type ConflictError struct {
	A, B Edit
	Line int
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("mcu.c:%d: rules %s and %s edit overlapping text ([%d,%d) and [%d,%d))",
		e.Line, e.A.Rule, e.B.Rule, e.A.Start, e.A.End, e.B.Start, e.B.End)
}

// sortEdits orders edits by position (insertions at one offset keep rule order) and drops
// exact duplicates (the same token reached through two AST nodes).
func sortEdits(edits []Edit) []Edit {
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].Start != edits[j].Start {
			return edits[i].Start < edits[j].Start
		}
		return edits[i].End < edits[j].End
	})
	out := edits[:0]
	for _, e := range edits {
		if n := len(out); n > 0 && out[n-1].Start == e.Start && out[n-1].End == e.End && out[n-1].New == e.New && e.Start != e.End {
			continue
		}
		out = append(out, e)
	}
	return out
}

// apply applies sorted edits to src in one pass. Overlapping replacements are a *ConflictError.
func apply(src string, edits []Edit, lines *lineIndex) (string, error) {
	var b strings.Builder
	b.Grow(len(src) + 4096)
	pos := 0
	for i, e := range edits {
		if e.Start < pos || e.End < e.Start || e.End > len(src) {
			prev := Edit{}
			if i > 0 {
				prev = edits[i-1]
			}
			return "", &ConflictError{A: prev, B: e, Line: lines.line(e.Start)}
		}
		b.WriteString(src[pos:e.Start])
		edits[i].NewStart = b.Len()
		b.WriteString(e.New)
		pos = e.End
	}
	b.WriteString(src[pos:])
	return b.String(), nil
}

// newOffset maps an offset of the original text to the edited text.
func newOffset(edits []Edit, off int) int {
	d := 0
	for _, e := range edits {
		if e.Start > off || (e.Start == off && e.End > e.Start) {
			break
		}
		if e.End <= off {
			d += len(e.New) - (e.End - e.Start)
		}
	}
	return off + d
}

// lineIndex answers line numbers (1-based) and line starts of a text.
type lineIndex struct{ starts []int }

func newLineIndex(s string) *lineIndex {
	li := &lineIndex{starts: []int{0}}
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			li.starts = append(li.starts, i+1)
		}
	}
	return li
}

func (li *lineIndex) line(off int) int {
	return sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off })
}

func (li *lineIndex) start(line int) int {
	if line < 1 {
		return 0
	}
	if line > len(li.starts) {
		return li.starts[len(li.starts)-1]
	}
	return li.starts[line-1]
}
