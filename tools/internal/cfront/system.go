package cfront

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// SortedHelpers returns helper names sorted, for deterministic output.
func (tu *TU) SortedHelpers() []string {
	var s []string
	for k := range tu.Helpers {
		s = append(s, k)
	}
	sort.Strings(s)
	return s
}

// sysIdents caches the identifiers of system headers by path, size and mtime.
var sysIdents sync.Map

func identsOf(path string) map[string]bool {
	st, err := os.Stat(path)
	if err != nil {
		return nil
	}
	key := fmt.Sprintf("%s\x00%d\x00%d", path, st.Size(), st.ModTime().UnixNano())
	if v, ok := sysIdents.Load(key); ok {
		return v.(map[string]bool)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	ids := map[string]bool{}
	for _, id := range Identifiers(string(src)) {
		ids[id] = true
	}
	sysIdents.Store(key, ids)
	return ids
}

// systemUses lists project typedef and macro names that system headers use
// (a project vmlinux.h provides __u32 to <bpf/bpf_helpers.h>; a project
// macro configures a system header it includes afterwards).
func (b *builder) systemUses(tu *TU) (typedefs, macros []string) {
	return b.systemNames(tu, func(names map[string]bool) {
			for _, d := range tu.Decls {
				if d.Kind == "TypedefDecl" {
					names[d.Name] = true
				}
			}
		}), b.systemNames(tu, func(names map[string]bool) {
			for _, m := range tu.Macros {
				if !m.Undef && m.File != "<command line>" {
					names[m.Name] = true
				}
			}
		})
}

func (b *builder) systemNames(tu *TU, fill func(map[string]bool)) []string {
	typedefs := map[string]bool{}
	fill(typedefs)
	if len(typedefs) == 0 {
		return nil
	}
	seen := map[string]bool{}
	used := map[string]bool{}
	for _, inc := range b.pp.includes {
		if _, proj := b.rel(inc.To); proj || seen[inc.To] {
			continue
		}
		seen[inc.To] = true
		p := inc.To
		if !filepath.IsAbs(p) {
			p = filepath.Join(b.repo, p)
		}
		for id := range identsOf(p) {
			if typedefs[id] {
				used[id] = true
			}
		}
	}
	var out []string
	for id := range used {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// anonName rewrites clang's "struct (unnamed struct at FILE:L:C)" as
// "anonymous struct at FILE:L" with FILE relative to the repository.
func (b *builder) anonName(t string) string {
	i := strings.Index(t, "(unnamed ")
	if i < 0 || !strings.HasSuffix(t, ")") {
		return t
	}
	at := strings.Index(t[i:], " at ")
	if at < 0 {
		return t
	}
	loc := t[i+at+4 : len(t)-1]
	kind := strings.TrimSpace(t[:i])
	parts := strings.Split(loc, ":")
	if len(parts) < 3 {
		return t
	}
	file := strings.Join(parts[:len(parts)-2], ":")
	if rel, ok := b.rel(file); ok {
		file = rel
	}
	return fmt.Sprintf("anonymous %s at %s:%s", kind, file, parts[len(parts)-2])
}
