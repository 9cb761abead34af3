package cfront

import (
	"bytes"
	"strconv"
	"strings"
)

// ppResult is what the preprocessor stream (clang -E -dD) tells us.
type ppResult struct {
	includes []Include
	// macros are the #define and #undef lines in stream order (raw file names).
	macros []ppMacro
	// active holds, per file, the lines that produced preprocessed output.
	active map[string][]int
	// pragmas are the #pragma pack lines.
	pragmas []ppMacro
	// segs are the stream segments: lines of one file numbered from line,
	// starting at stream position seq.
	segs map[string][]seg
}

type seg struct{ line, seq, n, incl int }

// seq returns the stream position of line in file, or -1, and the
// inclusion it belongs to: the first occurrence at or after position min
// that is not in inclusion notIncl (0: any). A header included twice has
// its lines twice in the stream, in two inclusions; a macro expanding to
// pragmas makes clang repeat a line within one inclusion.
func (r *ppResult) seq(file string, line, min, notIncl int) (int, int) {
	first, firstIncl := -1, 0
	for _, s := range r.segs[file] {
		if line >= s.line && line < s.line+s.n {
			p := s.seq + line - s.line
			if p >= min && (notIncl == 0 || s.incl != notIncl) {
				return p, s.incl
			}
			if first < 0 {
				first, firstIncl = p, s.incl
			}
		}
	}
	return first, firstIncl
}

type ppMacro struct {
	name  string
	file  string
	line  int
	text  string // the -dD text (one line)
	seq   int
	undef bool
}

// parsePP parses clang -E -dD output: line markers "# N "file" flags" give
// the include graph, "#define"/"#undef" lines the macro table.
func parsePP(out []byte, regions func(file string) []lineRegion) ppResult {
	res := ppResult{active: map[string][]int{}, segs: map[string][]seg{}}
	pos := 0 // stream position (output lines)
	var curSeg *seg
	inclCount := 0
	startSeg := func(file string, line, incl int) {
		res.segs[file] = append(res.segs[file], seg{line: line, seq: pos + 1, incl: incl})
		l := res.segs[file]
		curSeg = &l[len(l)-1]
	}
	type frame struct {
		file string
		line int
		incl int // which entry into file this is
	}
	var stack []frame
	cur := frame{}
	var macros []ppMacro
	for len(out) > 0 {
		nl := bytes.IndexByte(out, '\n')
		var ln []byte
		if nl < 0 {
			ln, out = out, nil
		} else {
			ln, out = out[:nl], out[nl+1:]
		}
		if len(ln) > 2 && ln[0] == '#' && ln[1] == ' ' && ln[2] >= '0' && ln[2] <= '9' {
			// Line marker.
			rest := string(ln[2:])
			sp := strings.IndexByte(rest, ' ')
			if sp < 0 {
				continue
			}
			n, _ := strconv.Atoi(rest[:sp])
			rest = rest[sp+1:]
			q := strings.LastIndexByte(rest, '"')
			if len(rest) == 0 || rest[0] != '"' || q <= 0 {
				continue
			}
			file, _ := strconv.Unquote(rest[:q+1])
			flags := strings.Fields(rest[q+1:])
			enter, leave, system := false, false, false
			for _, f := range flags {
				switch f {
				case "1":
					enter = true
				case "2":
					leave = true
				case "3":
					system = true
				}
			}
			switch {
			case enter:
				if cur.file != "" && !strings.HasPrefix(cur.file, "<") && !strings.HasPrefix(file, "<") {
					res.includes = append(res.includes, Include{From: cur.file, Line: cur.line, To: file, System: system, Seq: pos})
				}
				stack = append(stack, cur)
				inclCount++
				cur = frame{file: file, line: n, incl: inclCount}
			case leave:
				// The marker names the parent by its presumed name (#line).
				phys, hint, incl := file, 0, 0
				if len(stack) > 0 {
					top := stack[len(stack)-1]
					phys, hint, incl = top.file, top.line, top.incl
					stack = stack[:len(stack)-1]
				}
				cur = frame{file: phys, line: physLine(regions(phys), phys, file, n, hint), incl: incl}
			default:
				if cur.file == "" || strings.HasPrefix(file, "<") || strings.HasPrefix(cur.file, "<") {
					if cur.file != file {
						inclCount++
						cur = frame{file: file, line: n, incl: inclCount}
					} else {
						cur.line = n
					}
				} else {
					// A resync or a #line directive: the physical file stays.
					cur = frame{file: cur.file, line: physLine(regions(cur.file), cur.file, file, n, cur.line), incl: cur.incl}
				}
			}
			startSeg(cur.file, cur.line, cur.incl)
			pos++
			continue
		}
		if len(bytes.TrimSpace(ln)) > 0 {
			res.active[cur.file] = append(res.active[cur.file], cur.line)
		}
		if len(ln) > 7 && ln[0] == '#' {
			s := string(ln)
			if strings.HasPrefix(s, "#define ") {
				name := s[len("#define "):]
				if i := strings.IndexAny(name, " ("); i >= 0 {
					name = name[:i]
				}
				macros = append(macros, ppMacro{name: name, file: cur.file, line: cur.line, text: s, seq: pos})
			} else if strings.HasPrefix(s, "#pragma pack") {
				res.pragmas = append(res.pragmas, ppMacro{name: "#pragma pack", file: cur.file, line: cur.line, text: s, seq: pos})
			} else if strings.HasPrefix(s, "#undef ") {
				name := strings.TrimSpace(s[len("#undef "):])
				macros = append(macros, ppMacro{name: name, file: cur.file, line: cur.line, text: s, seq: pos, undef: true})
			}
		}
		cur.line++
		pos++
		if curSeg != nil {
			curSeg.n++
		}
	}
	res.macros = macros
	return res
}

// defineText returns the original text of the #define at 1-based line in
// src, following backslash continuations and block comments that span lines
// (inside a continuation or trailing the definition), and its last line.
func defineText(src []byte, line int) (string, int) {
	off := lineOffset(src, line)
	if off < 0 {
		return "", line
	}
	end := off
	last := line
	inComment := false
	for {
		nl := bytes.IndexByte(src[end:], '\n')
		if nl < 0 {
			end = len(src)
			break
		}
		raw := src[end : end+nl]
		l := bytes.TrimRight(raw, " \t\r")
		end += nl + 1
		inComment = openComment(raw, inComment)
		if inComment {
			last++ // an unterminated /* */ goes on
			continue
		}
		if len(l) == 0 || l[len(l)-1] != '\\' {
			end--
			break
		}
		last++
	}
	return strings.TrimRight(string(src[off:end]), " \t\r"), last
}

// openComment reports whether a /* */ comment is open at the end of line, given whether one
// was open at its start. String and character literals and // comments are skipped.
func openComment(line []byte, in bool) bool {
	for i := 0; i < len(line); i++ {
		c := line[i]
		if in {
			if c == '*' && i+1 < len(line) && line[i+1] == '/' {
				in = false
				i++
			}
			continue
		}
		switch {
		case c == '"' || c == '\'':
			for i++; i < len(line) && line[i] != c; i++ {
				if line[i] == '\\' {
					i++
				}
			}
		case c == '/' && i+1 < len(line) && line[i+1] == '/':
			return false
		case c == '/' && i+1 < len(line) && line[i+1] == '*':
			in = true
			i++
		}
	}
	return in
}

// lineOffset returns the byte offset of 1-based line in src, or -1.
func lineOffset(src []byte, line int) int {
	off := 0
	for l := 1; l < line; l++ {
		nl := bytes.IndexByte(src[off:], '\n')
		if nl < 0 {
			return -1
		}
		off += nl + 1
	}
	return off
}

// lineAt returns the 1-based line of byte offset off in src.
func lineAt(src []byte, off int) int {
	if off > len(src) {
		off = len(src)
	}
	return bytes.Count(src[:off], []byte{'\n'}) + 1
}

// lineRegion is a stretch of a physical file after a #line directive: line
// phys has the presumed name file and presumed line presumed.
type lineRegion struct {
	phys     int
	file     string
	presumed int
}

// lineRegions finds the #line directives of a file (src as spelled name).
func lineRegions(name string, src []byte) []lineRegion {
	if !bytes.Contains(src, []byte("#")) {
		return nil
	}
	rs := []lineRegion{{phys: 1, file: name, presumed: 1}}
	cur := name
	for i, l := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(l)
		if !strings.HasPrefix(t, "#") {
			continue
		}
		t = strings.TrimSpace(t[1:])
		if strings.HasPrefix(t, "line") {
			t = strings.TrimSpace(t[len("line"):])
		} else if t == "" || t[0] < '0' || t[0] > '9' {
			continue // another directive; "# N" is GNU's spelling of #line
		}
		f := strings.Fields(t)
		if len(f) == 0 {
			continue
		}
		n, err := strconv.Atoi(f[0])
		if err != nil {
			continue
		}
		if len(f) > 1 && strings.HasPrefix(f[1], "\"") {
			if u, err := strconv.Unquote(f[1]); err == nil {
				cur = u
			}
		}
		rs = append(rs, lineRegion{phys: i + 2, file: cur, presumed: n})
	}
	if len(rs) == 1 {
		return nil
	}
	return rs
}

// physLine maps a presumed (file, line) of a line marker to the physical
// line of phys. A presumed line can occur in several regions; markers move
// forward, so the first candidate at or after hint (the current physical
// line) wins.
func physLine(rs []lineRegion, phys, file string, line, hint int) int {
	if len(rs) == 0 {
		return line
	}
	best := -1
	for i, r := range rs {
		if r.file != file || line < r.presumed {
			continue
		}
		p := r.phys + line - r.presumed
		if i+1 < len(rs) && p >= rs[i+1].phys {
			continue
		}
		if p >= hint && (best < 0 || p < best) {
			best = p
		}
	}
	if best < 0 {
		return line
	}
	return best
}
