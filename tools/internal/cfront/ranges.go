package cfront

import (
	"bytes"
	"sort"
)

// nextBegins returns, for each declaration i, the smallest Begin of a later
// declaration (j > i) in the same file with Begin >= ds[i].End, or -1. It
// walks the declarations backwards keeping, per file, the begins seen so far
// in a segment tree (a big header has tens of thousands of declarations).
func nextBegins(ds []Decl) []int {
	out := make([]int, len(ds))
	byFile := map[string][]int{}
	for i := range ds {
		byFile[ds[i].File] = append(byFile[ds[i].File], i)
	}
	for _, idx := range byFile {
		begins := make([]int, 0, len(idx))
		for _, i := range idx {
			begins = append(begins, ds[i].Begin)
		}
		sort.Ints(begins)
		n := 1
		for n < len(begins) {
			n *= 2
		}
		tree := make([]int, 2*n) // counts of inserted begins per node
		for k := len(idx) - 1; k >= 0; k-- {
			i := idx[k]
			// Smallest inserted begin >= End: first leaf at or after lo with a count.
			lo := sort.SearchInts(begins, ds[i].End)
			out[i] = -1
			if lo < len(begins) {
				if p := firstFrom(tree, n, lo); p >= 0 {
					out[i] = begins[p]
				}
			}
			p := sort.SearchInts(begins, ds[i].Begin) + n
			for ; p > 0; p /= 2 {
				tree[p]++
			}
		}
	}
	return out
}

// firstFrom returns the first leaf index >= lo whose count is non-zero in a
// segment tree of n leaves, or -1.
func firstFrom(tree []int, n, lo int) int {
	var rec func(node, l, r int) int
	rec = func(node, l, r int) int {
		if r <= lo || tree[node] == 0 {
			return -1
		}
		if r-l == 1 {
			return l
		}
		m := (l + r) / 2
		if p := rec(2*node, l, m); p >= 0 {
			return p
		}
		return rec(2*node+1, m, r)
	}
	return rec(1, 0, n)
}

// finishRanges extends declarations to their terminating ';' and merges
// declarations whose text overlaps (typedef struct {...} t; struct s {...} v;).
func (b *builder) finishRanges(tu *TU) {
	ds := tu.Decls
	// next begin in the same file, to bound the ';' scan.
	limits := nextBegins(ds)
	for i := range ds {
		d := &ds[i]
		limit := limits[i]
		src := b.src(d.File)
		if limit < 0 || limit > len(src) {
			limit = len(src)
		}
		if !(d.Func() && d.IsDefinition) {
			if e := scanSemi(src, d.End, limit); e > 0 {
				d.End = e
			}
		}
		d.EndLine = b.lineAt(src, d.End-1)
	}
	// Merge overlapping ranges (adjacent in unit order).
	for i := 1; i < len(ds); i++ {
		a, c := &ds[i-1], &ds[i]
		if a.File == c.File && c.Begin < a.End && c.End > a.Begin {
			lo, hi := a.Begin, a.End
			if c.Begin < lo {
				lo = c.Begin
			}
			if c.End > hi {
				hi = c.End
			}
			// Apply to the whole group sharing a's range.
			for k := i - 1; k >= 0 && ds[k].File == a.File && ds[k].Begin == a.Begin && ds[k].End == a.End; k-- {
				if k != i-1 {
					ds[k].Begin, ds[k].End = lo, hi
				}
			}
			a.Begin, a.End, c.Begin, c.End = lo, hi, lo, hi
		}
	}
	last, lastIncl := 0, 0
	for i := range ds {
		src := b.src(ds[i].File)
		ds[i].StartLine = b.lineAt(src, ds[i].Begin)
		ds[i].EndLine = b.lineAt(src, ds[i].End-1)
		// Declarations come in stream order: take the occurrence of the
		// line at or after the previous declaration's.
		raw := b.raw[ds[i].File]
		if i > 0 && ds[i-1].File == ds[i].File && ds[i-1].Begin == ds[i].Begin && ds[i-1].Kind == ds[i].Kind {
			// Same text and kind again: the next inclusion of a header
			// without include guard (a template) if the stream has one,
			// else the same place (a macro defining two functions).
			p, incl := b.pp.seq(raw, ds[i].StartLine, last+1, lastIncl)
			if p > last && incl != lastIncl {
				ds[i].Seq, lastIncl = p, incl
			} else {
				ds[i].Seq = ds[i-1].Seq
			}
		} else {
			ds[i].Seq, lastIncl = b.pp.seq(raw, ds[i].StartLine, last, 0)
		}
		if ds[i].Seq > last {
			last = ds[i].Seq
		}
	}
}

// skipMacroArgs moves past "(...)" following a macro name ending at off.
func skipMacroArgs(src []byte, off int) int {
	i := off
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	if i >= len(src) || src[i] != '(' {
		return off
	}
	depth := 0
	for ; i < len(src); i++ {
		switch src[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i + 1
			}
		case '"', '\'':
			i = skipQuoted(src, i)
		}
	}
	return off
}

func skipQuoted(src []byte, i int) int {
	q := src[i]
	for i++; i < len(src); i++ {
		if src[i] == '\\' {
			i++
			continue
		}
		if src[i] == q {
			return i
		}
	}
	return i
}

// scanSemi returns the offset just past the first ';' at nesting depth 0
// in src[from:limit], skipping strings and comments, or -1.
func scanSemi(src []byte, from, limit int) int {
	depth := 0
	for i := from; i < limit; i++ {
		switch c := src[i]; c {
		case '(', '{', '[':
			depth++
		case ')', '}', ']':
			depth--
		case '"', '\'':
			i = skipQuoted(src, i)
		case '/':
			if i+1 < limit && src[i+1] == '/' {
				for i < limit && src[i] != '\n' {
					i++
				}
			} else if i+1 < limit && src[i+1] == '*' {
				if e := bytes.Index(src[i+2:limit], []byte("*/")); e >= 0 {
					i += e + 3
				} else {
					i = limit
				}
			}
		case ';':
			if depth <= 0 {
				return i + 1
			}
		}
	}
	return -1
}
