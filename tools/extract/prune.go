package extract

import (
	"strings"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

// condKind classifies a preprocessor conditional line: 1 opens (#if,
// #ifdef, #ifndef), 2 continues (#elif, #else), 3 closes (#endif), 0 other.
func condKind(line string) int {
	t := strings.TrimLeft(strings.TrimRight(line, " \t\r\n"), " \t")
	if !strings.HasPrefix(t, "#") {
		return 0
	}
	t = strings.TrimLeft(t[1:], " \t")
	word := t
	if i := strings.IndexAny(t, " \t(/"); i >= 0 {
		word = t[:i]
	}
	switch word {
	case "if", "ifdef", "ifndef":
		return 1
	case "elif", "else", "elifdef", "elifndef":
		return 2
	case "endif":
		return 3
	}
	return 0
}

// prune removes from text (starting at line first of file) the branches of
// #if groups that clang did not compile, and the conditional directives of
// those groups, so that the unit holds exactly the code the build used. The
// text is returned unchanged when it has no complete conditional group.
func prune(tu *cfront.TU, file string, first int, text string) string {
	if !strings.Contains(text, "#") {
		return text
	}
	lines := strings.SplitAfter(text, "\n")
	kinds := make([]int, len(lines))
	any := false
	depth, minDepth := 0, 0
	cont := false // inside a conditional directive continued with a backslash
	for i, l := range lines {
		if cont {
			kinds[i] = -1
			cont = strings.HasSuffix(strings.TrimRight(l, " \t\r\n"), "\\")
			continue
		}
		kinds[i] = condKind(l)
		if kinds[i] != 0 {
			cont = strings.HasSuffix(strings.TrimRight(l, " \t\r\n"), "\\")
			any = true
		}
		switch kinds[i] {
		case 1:
			depth++
		case 2:
			if depth == 0 && minDepth == 0 {
				minDepth = -1 // an #else of a group opened before the text
			}
		case 3:
			depth--
		}
		if depth < minDepth {
			minDepth = depth
		}
	}
	if !any {
		return text
	}
	// Groups opened before the text starts (a declaration that begins inside
	// an #else branch) or closed after it ends get virtual #if / #endif lines,
	// which are not written.
	pre, post := -minDepth, depth-minDepth
	if pre > 0 || post > 0 {
		vl := make([]string, 0, len(lines)+pre+post)
		vk := make([]int, 0, len(lines)+pre+post)
		for i := 0; i < pre; i++ {
			vl, vk = append(vl, ""), append(vk, 1)
		}
		vl, vk = append(vl, lines...), append(vk, kinds...)
		for i := 0; i < post; i++ {
			vl, vk = append(vl, ""), append(vk, 3)
		}
		lines, kinds = vl, vk
		first -= pre
	}
	// next[i]: for a conditional line i, the next conditional line of the same group.
	next := make([]int, len(lines))
	var stack []int
	for i, k := range kinds {
		switch k {
		case 1:
			stack = append(stack, i)
		case 2:
			top := stack[len(stack)-1]
			next[top] = i
			stack[len(stack)-1] = i
		case 3:
			top := stack[len(stack)-1]
			next[top] = i
			stack = stack[:len(stack)-1]
		}
	}
	branchActive := func(i int) bool {
		for j := i + 1; j < next[i]; j++ {
			if kinds[j] == 0 && strings.TrimSpace(lines[j]) != "" && tu.IsActive(file, first+j) {
				return true
			}
		}
		return false
	}
	type frame struct{ keep, taken bool }
	var frames []frame
	keeping := func() bool {
		for _, f := range frames {
			if !f.keep {
				return false
			}
		}
		return true
	}
	var b strings.Builder
	for i, l := range lines {
		switch kinds[i] {
		case 1:
			a := branchActive(i)
			frames = append(frames, frame{keep: a, taken: a})
			continue
		case 2:
			f := &frames[len(frames)-1]
			a := !f.taken && branchActive(i)
			f.keep = a
			f.taken = f.taken || a
			continue
		case 3:
			frames = frames[:len(frames)-1]
			continue
		case -1:
			continue
		}
		if keeping() {
			b.WriteString(l)
		}
	}
	return b.String()
}

// disabledBy returns the conditional directive (and its line) of the
// innermost #if branch around line that the build compiled out, or "".
func disabledBy(tu *cfront.TU, file string, src string, line int) (string, int) {
	if tu.IsActive(file, line) {
		return "", 0
	}
	type open struct {
		text string
		line int
	}
	var stack []open
	lines := strings.Split(src, "\n")
	for i := 0; i < len(lines) && i+1 < line; i++ {
		switch condKind(lines[i]) {
		case 1, 2:
			k := condKind(lines[i])
			if k == 2 && len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			stack = append(stack, open{strings.TrimSpace(lines[i]), i + 1})
		case 3:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	for j := len(stack) - 1; j >= 0; j-- {
		// The branch is compiled out when none of its lines produced output.
		if !branchHasActive(tu, file, lines, stack[j].line) {
			return stack[j].text, stack[j].line
		}
	}
	return "", 0
}

func branchHasActive(tu *cfront.TU, file string, lines []string, dirLine int) bool {
	depth := 0
	for i := dirLine; i < len(lines); i++ { // lines[i] is line i+1
		switch condKind(lines[i]) {
		case 1:
			depth++
			continue
		case 2:
			if depth == 0 {
				return false
			}
			continue
		case 3:
			if depth == 0 {
				return false
			}
			depth--
			continue
		}
		if strings.TrimSpace(lines[i]) != "" && tu.IsActive(file, i+1) {
			return true
		}
	}
	return false
}
