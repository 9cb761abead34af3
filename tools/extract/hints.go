package extract

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

// notFound matches clang's "FILE:LINE:COL: fatal error: 'HEADER' file not found".
var notFound = regexp.MustCompile(`(?m)^([^\s:]+):(\d+):\d+: fatal error: '([^']+)' file not found`)

// missingHeader turns clang's output for a unit it rejected into an error naming the
// missing header and how to declare it, or returns nil when the cause is something else.
func missingHeader(output string) *Error {
	m := notFound.FindStringSubmatch(output)
	if m == nil {
		return nil
	}
	file, header := m[1], m[3]
	line := 0
	fmt.Sscanf(m[2], "%d", &line)
	msg := fmt.Sprintf("header %q not found: it is neither among the repository's files nor on the include path. ", header)
	switch {
	case strings.HasPrefix(header, "../"):
		msg += "The include leaves the repository root: make the repository the folder that holds both files " +
			"(opened.yaml repo:, or the package of ebpf_extract's srcs), or add that folder with -I in cflags"
	default:
		msg += "Declare it: a header of another folder goes in with -I<dir> in the stage's cflags (opened.yaml cflags:, " +
			"ebpf_extract cflags); under Bazel its files must also be inputs (ebpf_extract hdrs = [\"//path/to:headers\"]); " +
			"a system header (libbpf, kernel uAPI) must be installed where clang looks (libbpf-dev, linux-libc-dev)"
	}
	return &Error{File: file, Line: line, Msg: msg}
}

// leavingInclude returns an error for a quoted #include in a project file that reaches a file
// outside the repository through "..": mcu.c is compiled in its own directory, where such a
// path means nothing, and its text is not the repository's to copy.
func leavingInclude(incs []cfront.Include) *Error {
	for _, inc := range incs {
		if filepath.IsAbs(inc.From) || !filepath.IsAbs(inc.To) || !strings.Contains(inc.Spelling, "../") {
			continue
		}
		return &Error{File: inc.From, Line: inc.Line, Msg: fmt.Sprintf("%s reaches %s, outside the repository root. "+
			"Make the repository the folder that holds both files (opened.yaml repo:, --repo, or the package of ebpf_extract's srcs) "+
			"and name the entry relative to it; or put the header's folder on the include path with -I and include it by name",
			inc.Spelling, inc.To)}
	}
	return nil
}
