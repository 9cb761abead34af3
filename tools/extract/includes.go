package extract

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
)

func slash(p string) string { return path.Clean(strings.ReplaceAll(p, "\\", "/")) }

// dropExtern removes the first "extern" keyword of a declaration.
func dropExtern(text string) string {
	for _, id := range []string{"extern "} {
		if i := strings.Index(text, id); i >= 0 {
			return text[:i] + text[i+len(id):]
		}
	}
	return text
}

// inline writes file with its project #include lines replaced by the
// included files (each once), recording where every line went.
func (x *extractor) inline(w *writer, u *unit, file string, done map[string]bool, lineMap map[string]int, seenInc map[string]bool) {
	if done[file] {
		return
	}
	done[file] = true
	incs := map[int]cfront.Include{}
	for _, inc := range u.tu.Includes {
		if inc.From == file {
			incs[inc.Line] = inc
		}
	}
	w.put(fmt.Sprintf("/* ---- %s ---- */\n", file))
	lines := strings.SplitAfter(string(x.src(file)), "\n")
	for i, l := range lines {
		if l == "" {
			continue
		}
		if inc, ok := incs[i+1]; ok {
			if inc.System {
				seenInc[inc.Spelling] = true
			} else {
				x.inline(w, u, inc.To, done, lineMap, seenInc)
				w.put(fmt.Sprintf("/* ---- %s (continued) ---- */\n", file))
				continue
			}
		} else if h := includedName(l); h != "" {
			// clang did not enter it again (include guard): it is inlined already.
			for _, inc := range u.tu.Includes {
				if !inc.System && (inc.To == h || strings.HasSuffix(inc.To, "/"+h)) {
					l = "/* " + strings.TrimSpace(l) + ": inlined above */\n"
					break
				}
			}
		}
		lineMap[fmt.Sprintf("%s:%d", file, i+1)] = w.line + 1
		if !strings.HasSuffix(l, "\n") {
			l += "\n"
		}
		w.put(l)
	}
}

// includedName returns the file named by an #include "..." line.
func includedName(line string) string {
	t := strings.TrimSpace(line)
	if !strings.HasPrefix(t, "#") {
		return ""
	}
	t = strings.TrimSpace(t[1:])
	if !strings.HasPrefix(t, "include") {
		return ""
	}
	t = strings.TrimSpace(t[len("include"):])
	if len(t) < 2 || t[0] != '"' {
		return ""
	}
	if j := strings.IndexByte(t[1:], '"'); j >= 0 {
		return t[1 : j+1]
	}
	return ""
}

// shadowedSystemHeader returns the system header name that a repository
// header stands in for through a -I directory, or "".
func (x *extractor) shadowedSystemHeader(file string) string {
	for _, dir := range x.includeDirsInRepo() {
		name := file
		if dir != "." {
			if !strings.HasPrefix(file, dir+"/") {
				continue
			}
			name = file[len(dir)+1:]
		}
		for _, sys := range x.systemDirs() {
			if _, err := os.Stat(filepath.Join(sys, name)); err == nil {
				return name
			}
		}
	}
	return ""
}

// systemDirs returns the system include directories clang searched for the extraction's
// units, deepest first: for each system header a project file includes by a literal name,
// the path clang opened it at without that name (the host's /usr/include, or the sysroot of
// a hermetic toolchain in a Bazel action), each with its multiarch directory when it has
// one. The host's directories (cfront.SystemIncludeDirs) only when no unit includes a system
// header by name: what clang used, not what the host happens to hold.
func (x *extractor) systemDirs() []string {
	if x.sysDirs != nil {
		return x.sysDirs
	}
	seen := map[string]bool{}
	var dirs []string
	add := func(d string) {
		if d != "" && !seen[d] {
			seen[d] = true
			dirs = append(dirs, d)
		}
	}
	for _, u := range x.units {
		if u.tu == nil {
			continue
		}
		for _, inc := range u.tu.Includes {
			name := includeName(inc.Spelling)
			if !inc.System || name == "" || !strings.HasSuffix(inc.To, "/"+name) {
				continue
			}
			d := strings.TrimSuffix(inc.To, "/"+name)
			add(d)
			if ma := cfront.MultiarchTriple(); ma != "" && filepath.Base(d) == "include" {
				if st, err := os.Stat(filepath.Join(d, ma)); err == nil && st.IsDir() {
					add(filepath.Join(d, ma))
				}
			}
		}
	}
	if len(dirs) == 0 {
		dirs = cfront.SystemIncludeDirs()
	}
	sort.SliceStable(dirs, func(i, j int) bool {
		if len(dirs[i]) != len(dirs[j]) {
			return len(dirs[i]) > len(dirs[j])
		}
		return dirs[i] < dirs[j]
	})
	x.sysDirs = dirs
	return dirs
}

// includeName returns the name of a literal #include line (<name> or "name"), or "".
func includeName(line string) string {
	t := strings.TrimSpace(line)
	if !strings.HasPrefix(t, "#") {
		return ""
	}
	t = strings.TrimSpace(t[1:])
	for _, kw := range []string{"include_next", "include"} {
		if strings.HasPrefix(t, kw) {
			t = strings.TrimSpace(t[len(kw):])
			break
		}
	}
	if len(t) < 2 || (t[0] != '<' && t[0] != '"') {
		return ""
	}
	end := byte('>')
	if t[0] == '"' {
		end = '"'
	}
	if i := strings.IndexByte(t[1:], end); i > 0 {
		return t[1 : 1+i]
	}
	return ""
}

// includeGuard returns the macro of a header's #ifndef G / #define G guard.
func includeGuard(src []byte) string {
	var directives []string
	for _, l := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "#") {
			directives = append(directives, strings.Join(strings.Fields(strings.TrimSpace(t[1:])), " "))
			if len(directives) == 2 {
				break
			}
		}
	}
	if len(directives) == 2 && strings.HasPrefix(directives[0], "ifndef ") && strings.HasPrefix(directives[1], "define ") {
		g := strings.TrimPrefix(directives[0], "ifndef ")
		if f := strings.Fields(strings.TrimPrefix(directives[1], "define ")); len(f) > 0 && f[0] == g {
			return g
		}
	}
	return ""
}

// literalInclude reports whether line is #include <...> or #include "...".
func literalInclude(line string) bool {
	t := strings.TrimSpace(line)
	if !strings.HasPrefix(t, "#") {
		return false
	}
	t = strings.TrimSpace(t[1:])
	if !strings.HasPrefix(t, "include") {
		return false
	}
	t = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(t, "include_next"), "include"))
	return strings.HasPrefix(t, "<") || strings.HasPrefix(t, "\"")
}

// systemName returns the name by which a system header is included: its
// path below the deepest system include directory (systemDirs) that holds it.
func (x *extractor) systemName(path string) string {
	for _, dir := range x.systemDirs() {
		if dir += "/"; strings.HasPrefix(path, dir) {
			return path[len(dir):]
		}
	}
	if i := strings.Index(path, "/lib/clang/"); i >= 0 {
		if j := strings.Index(path[i:], "/include/"); j >= 0 {
			return path[i+j+len("/include/"):]
		}
	}
	return path
}
