package extract

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
	"github.com/opened-ebpf/opened/tools/maptype"
	"github.com/opened-ebpf/opened/tools/mcu"
)

// innerShapes fills maps.json's inner_shape of every map of maps whose inner maps user
// space creates and nothing in the repository declares (no inner_map): the key and value
// types at the program's lookups and updates in the inner maps, found in clang's AST of
// mcu.c and sized by clang, or why the program does not tell them. mcu.c is left as it is:
// the shape is for the verification load (package loader) and for the user.
func (x *extractor) innerShapes(dir string, source []byte, fns []Function, maps []Map) error {
	outers := map[string]bool{}
	var names []string
	for _, m := range maps {
		if m.InnerMap == "" && (m.Type == "BPF_MAP_TYPE_ARRAY_OF_MAPS" || m.Type == "BPF_MAP_TYPE_HASH_OF_MAPS") {
			outers[m.Name] = true
			names = append(names, m.Name)
		}
	}
	// Inner maps the user gave (--inner-map, a spec's inner_maps) replace what the program tells.
	user := map[string]*mcu.InnerShape{}
	given := make([]string, 0, len(x.opts.InnerMaps))
	for name := range x.opts.InnerMaps {
		given = append(given, name)
	}
	sort.Strings(given)
	for _, name := range given {
		if !outers[name] {
			have := "it has none"
			if len(names) > 0 {
				have = "it has " + strings.Join(names, ", ")
			}
			return &Error{Msg: fmt.Sprintf("inner map given for %s, which is not a map of maps of the unit whose inner maps nothing declares (%s)", name, have)}
		}
		sh, err := mcu.ParseInnerShape(x.opts.InnerMaps[name])
		if err != nil {
			return &Error{Msg: fmt.Sprintf("map %s: %v", name, err)}
		}
		user[name] = &sh
		delete(outers, name)
	}
	for i := range maps {
		if sh := user[maps[i].Name]; sh != nil {
			maps[i].InnerShape = sh
		}
	}
	if len(outers) == 0 {
		return nil
	}
	// A clang run (the AST of a probe including mcu.c; runInnerClang): its answer is kept in the
	// index's object cache, keyed by everything it depends on, so that re-extracting with
	// the index kept does not pay for them again.
	key := x.innerShapesKey(dir, source, fns, outers)
	if data, ok := x.ix.Object(x.ctx, key); ok && !x.opts.noObjectCache {
		var cached map[string]*mcu.InnerShape
		if err := json.Unmarshal(data, &cached); err == nil {
			for i := range maps {
				if s, ok := cached[maps[i].Name]; ok && outers[maps[i].Name] {
					maps[i].InnerShape = s
					x.noteShape(maps[i].Name, s)
				}
			}
			return nil
		}
	}
	defer func() {
		found := map[string]*mcu.InnerShape{}
		for _, m := range maps {
			if outers[m.Name] && m.InnerShape != nil {
				found[m.Name] = m.InnerShape
			}
		}
		if data, err := json.Marshal(found); err == nil && len(found) == len(outers) {
			_ = x.ix.StoreObject(x.ctx, key, data)
		}
	}()
	// Started beside the mcu.o compile (startInnerShapes), for this mcu.c.
	p := x.innerPre
	if p == nil || p.source != string(source) {
		p = x.runInnerClang(dir)
	}
	<-p.done
	ast, err, pre := p.ast, p.astErr, p
	if err != nil {
		return err
	}
	uses := analyzeInner(ast, outers)
	loc := func(off int) mcu.Location {
		line := 1 + bytes.Count(source[:min(max(off, 0), len(source))], []byte("\n"))
		for _, f := range fns {
			if line >= f.MCUStartLine && line <= f.MCUEndLine {
				return mcu.Location{File: f.File, Line: f.StartLine + line - f.MCUStartLine}
			}
		}
		return mcu.Location{File: mcu.SourceFile, Line: line}
	}
	at := func(off int) string { l := loc(off); return fmt.Sprintf("%s:%d", l.File, l.Line) }

	// Size every type the uses name, with one probe compile of mcu.c.
	var types []string
	for _, us := range uses.uses {
		for _, u := range us {
			types = append(types, u.key, u.value)
		}
	}
	sizes := map[string]uint32{}
	var missing []string
	for _, t := range types {
		if v, ok := pre.sizes[t]; ok && pre.sizeErr == nil {
			sizes[t] = v
		} else if t != "" {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		more, err := x.sizeTypes(dir, missing)
		if err != nil {
			return err
		}
		for k, v := range more {
			sizes[k] = v
		}
	}

	for i := range maps {
		m := &maps[i]
		if !outers[m.Name] {
			continue
		}
		s := shapeOf(m.Name, uses, sizes, at)
		for _, u := range uses.uses[m.Name] {
			s.Sites = append(s.Sites, loc(u.offset))
		}
		m.InnerShape = s
		x.noteShape(m.Name, s)
	}
	return nil
}

// shapeOf decides an outer map's inner shape from the uses of its inner maps.
func shapeOf(outer string, uses *innerUses, sizes map[string]uint32, at func(int) string) *mcu.InnerShape {
	unknown := func(format string, args ...any) *mcu.InnerShape {
		return &mcu.InnerShape{Source: mcu.ShapeUnknown, Reason: fmt.Sprintf(format, args...)}
	}
	us := uses.uses[outer]
	if len(us) == 0 {
		var where []string
		for _, o := range uses.other[outer] {
			name, off, _ := strings.Cut(o, "@")
			var n int
			fmt.Sscan(off, &n)
			where = append(where, fmt.Sprintf("%s (%s)", name, at(n)))
		}
		switch {
		case len(where) > 0:
			return unknown("the program passes its inner maps only to %s, which tell no key or value size", strings.Join(where, ", "))
		case len(uses.lookups[outer]) > 0:
			return unknown("the program looks up inner maps (%s) but never looks up or updates an element in them through a variable it can follow", at(uses.lookups[outer][0]))
		}
		return unknown("the program never looks up an inner map of %s", outer)
	}
	type seen struct {
		typ  string
		size uint32
		at   string
	}
	var key, value *seen
	unused := true
	for _, u := range us {
		if u.key == "" {
			return unknown("the key of %s at %s tells no size: %s", u.helper, at(u.offset), u.keyWhy)
		}
		ks, ok := sizes[u.key]
		if !ok {
			return unknown("clang could not size the key type %s at %s", u.key, at(u.offset))
		}
		if key != nil && key.size != ks {
			return unknown("the keys disagree: %s (%d bytes) at %s, %s (%d bytes) at %s", key.typ, key.size, key.at, u.key, ks, at(u.offset))
		}
		if key == nil {
			key = &seen{u.key, ks, at(u.offset)}
		}
		if u.valueUnused {
			continue
		}
		unused = false
		if u.value == "" {
			return unknown("the value of %s at %s tells no size: %s", u.helper, at(u.offset), u.valueWhy)
		}
		vs, ok := sizes[u.value]
		if !ok {
			return unknown("clang could not size the value type %s at %s", u.value, at(u.offset))
		}
		if value != nil && value.size != vs {
			return unknown("the values disagree: %s (%d bytes) at %s, %s (%d bytes) at %s", value.typ, value.size, value.at, u.value, vs, at(u.offset))
		}
		if value == nil {
			value = &seen{u.value, vs, at(u.offset)}
		}
	}
	s := &mcu.InnerShape{Source: mcu.ShapeProgram, Type: "BPF_MAP_TYPE_HASH", KeyType: key.typ, KeySize: key.size, MaxEntries: 1}
	if !unused {
		s.ValueType, s.ValueSize = value.typ, value.size
	}
	return s
}

// noteShape adds what the program tells about an outer map's inner maps to its
// user-space-map warning.
func (x *extractor) noteShape(outer string, s *mcu.InnerShape) {
	for i := range x.warnings {
		w := &x.warnings[i]
		if w.Kind != mcu.KindUserSpaceMap || w.Symbol != outer {
			continue
		}
		if s.Source == mcu.ShapeProgram {
			v := "a value the program never reads"
			if s.ValueSize > 0 {
				v = fmt.Sprintf("value %s (%d bytes)", s.ValueType, s.ValueSize)
			}
			w.Message += fmt.Sprintf("; the program's lookups in the inner maps use key %s (%d bytes) and %s (maps.json inner_shape; the verification load uses it)", s.KeyType, s.KeySize, v)
		} else {
			w.Message += fmt.Sprintf("; nothing in the program tells the inner maps' key and value sizes (%s), so the unit cannot be verified standalone", s.Reason)
			w.Action += fmt.Sprintf("; to verify the unit, give the inner map when extracting (--inner-map %s=TYPE:KEY_SIZE:VALUE_SIZE, a spec stage's inner_maps, ebpf_extract's inner_maps) or set key_size and value_size (and type) in %s's inner_shape in maps.json, with source \"%s\"", outer, outer, mcu.ShapeUser)
		}
	}
}

// probePrefix names the probe variables whose sizes are the sizes of the types.
const probePrefix = "__opened_sizeof_"

// sizeTypes returns sizeof of each C type, as clang computes it for mcu.c: a probe file
// includes mcu.c and declares one char array per type. A type clang cannot size (declared
// inside a function, incomplete) is left out.
func (x *extractor) sizeTypes(dir string, types []string) (map[string]uint32, error) {
	return x.probeSizes(dir, types, true)
}

// probeSizes is sizeTypes; oneByOne retries type by type when the probe of all fails.
func (x *extractor) probeSizes(dir string, types []string, oneByOne bool) (map[string]uint32, error) {
	list := uniqueSorted(types)
	out := map[string]uint32{}
	if len(list) == 0 {
		return out, nil
	}
	probe := func(ts []string) (map[string]uint32, error) {
		tmp, err := writeProbe(dir, ts)
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		clang := x.opts.Clang
		if clang == "" {
			clang = "clang"
		}
		args := append(append(append([]string{}, cfront.BaseFlags...), x.buildFlags(tmp)...), "-Wno-everything", "-c", probeFile, "-o", "probe.o")
		cmd := exec.CommandContext(x.ctx, clang, args...)
		cmd.Dir = tmp
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			return nil, &cfront.ClangError{File: probeFile, Output: stderr.String(), Err: err}
		}
		f, err := elf.Open(filepath.Join(tmp, "probe.o"))
		if err != nil {
			return nil, err
		}
		defer f.Close()
		syms, err := f.Symbols()
		if err != nil {
			return nil, err
		}
		res := map[string]uint32{}
		for _, s := range syms {
			var i int
			if _, err := fmt.Sscanf(s.Name, probePrefix+"%d", &i); err == nil && i < len(ts) {
				res[ts[i]] = uint32(s.Size)
			}
		}
		return res, nil
	}
	all, err := probe(list)
	if err == nil {
		return all, nil
	}
	if _, ok := err.(*cfront.ClangError); !ok || !oneByOne {
		return nil, err
	}
	// Some type does not size at file scope: probe one by one.
	for _, t := range list {
		if one, err := probe([]string{t}); err == nil {
			for k, v := range one {
				out[k] = v
			}
		}
	}
	return out, nil
}

// probeFile is the probe's name in its temporary directory.
const probeFile = "probe.c"

// writeProbe writes, in a new temporary directory it returns, a probe file that includes
// dir's mcu.c and declares `char __opened_sizeof_N[sizeof(T)]` for the Nth of types.
func writeProbe(dir string, types []string) (string, error) {
	abs, err := filepath.Abs(filepath.Join(dir, mcu.SourceFile))
	if err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp("", "opened-sizeof-")
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "#include %q\n", abs)
	for i, t := range types {
		fmt.Fprintf(&b, "char %s%d[sizeof(%s)];\n", probePrefix, i, t)
	}
	if err := os.WriteFile(filepath.Join(tmp, probeFile), []byte(b.String()), 0o644); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	return tmp, nil
}

// uniqueSorted returns the non-empty strings of list, sorted, each once.
func uniqueSorted(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range list {
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

// innerShapesKey is the object-cache key of innerShapes' answer: clang, the mcu.c compile
// flags, mcu.c, the outer maps and how mcu.c's lines map to the repository's.
func (x *extractor) innerShapesKey(dir string, source []byte, fns []Function, outers map[string]bool) string {
	h := sha256.New()
	fmt.Fprintf(h, "inner-shape\x00%s\x00%s\x00", x.ix.ClangVersion(), strings.Join(append(append([]string{}, cfront.BaseFlags...), x.buildFlags(dir)...), "\x00"))
	var names []string
	for n := range outers {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintf(h, "%q\x00", names)
	for _, f := range fns {
		fmt.Fprintf(h, "%s:%d:%d:%d\x00", f.File, f.StartLine, f.MCUStartLine, f.MCUEndLine)
	}
	h.Write(source)
	return hex.EncodeToString(h.Sum(nil))
}

// definedTypes lists the complete types mcu.c defines at file scope (struct/union/enum tags
// and typedef names of the unit's declarations), with the scalar types every BPF unit has.
func (x *extractor) definedTypes() []string {
	out := []string{"char", "short", "int", "long", "long long", "unsigned char", "unsigned short",
		"unsigned int", "unsigned long", "unsigned long long", "_Bool"}
	if x.unitHasLinuxTypes() {
		// <linux/types.h>, which BPF C includes nearly always.
		for _, t := range []string{"__u8", "__u16", "__u32", "__u64", "__s8", "__s16", "__s32", "__s64",
			"__be16", "__be32", "__be64", "__le16", "__le32", "__le64"} {
			out = append(out, t)
		}
	}
	for _, c := range x.order {
		for _, d := range c.decls {
			if !d.IsType() || !d.IsDefinition || d.Name == "" {
				continue
			}
			switch {
			case d.Kind == "TypedefDecl":
				out = append(out, d.Name)
			case d.Tag != "":
				out = append(out, d.Tag+" "+d.Name)
			}
		}
	}
	return out
}

// sizeTypesAll sizes types with one probe compile, all or nothing (no one-by-one retry: an
// error leaves every type to sizeTypes).
func (x *extractor) sizeTypesAll(dir string, types []string) (map[string]uint32, error) {
	return x.probeSizes(dir, types, false)
}

// unitHasLinuxTypes reports whether the entry's unit has __u32 and __be32 (through
// <linux/types.h> or a vmlinux.h).
func (x *extractor) unitHasLinuxTypes() bool {
	if x.entryUnit == nil || x.entryUnit.tu == nil {
		return false
	}
	_, u32 := x.entryUnit.tu.Types["__u32"]
	_, be32 := x.entryUnit.tu.Types["__be32"]
	return u32 && be32
}

// innerClang holds what innerShapes asks clang about one mcu.c: its AST and the sizes of the
// types mcu.c defines (the types the lookups use are mostly among them; only the others
// wait for the AST), both from one run, the AST of a probe that includes mcu.c
// (astFunctionsSized); when a guessed type does not size, from two (astFunctions beside
// sizeTypesAll).
type innerClang struct {
	source  string
	done    chan struct{}
	ast     []*anode
	astErr  error
	sizes   map[string]uint32
	sizeErr error
}

// runInnerClang starts the run (or, when it fails, the two) over dir's mcu.c.
func (x *extractor) runInnerClang(dir string) *innerClang {
	src, _ := os.ReadFile(filepath.Join(dir, mcu.SourceFile))
	p := &innerClang{source: string(src), done: make(chan struct{})}
	guess := x.definedTypes()
	x.buildFlags(dir) // computed before the goroutines read the flags
	go func() {
		defer close(p.done)
		// One run for both when every guessed type sizes at file scope (the usual case).
		if p.ast, p.sizes, p.astErr = x.astFunctionsSized(x.ctx, dir, guess); p.astErr == nil {
			return
		}
		sized := make(chan struct{})
		go func() {
			defer close(sized)
			p.sizes, p.sizeErr = x.sizeTypesAll(dir, guess)
		}()
		p.ast, p.astErr = x.astFunctions(x.ctx, dir)
		<-sized
	}()
	return p
}

// startInnerShapes starts innerShapes' clang runs beside the mcu.o compile when the unit has a
// map of maps whose inner maps nothing declares and the object cache does not hold the answer.
func (x *extractor) startInnerShapes(dir string, e *emitted) {
	x.innerPre = nil
	outers := map[string]bool{}
	for _, mi := range e.maps {
		if maptype.IsMapInMap(mi.decl.Map.Type) && x.innerMapName(mi) == "" {
			if _, given := x.opts.InnerMaps[mi.decl.Name]; !given {
				outers[mi.decl.Name] = true
			}
		}
	}
	if len(outers) == 0 {
		return
	}
	if _, ok := x.ix.Object(x.ctx, x.innerShapesKey(dir, []byte(e.source), e.functions, outers)); ok && !x.opts.noObjectCache {
		return
	}
	x.innerPre = x.runInnerClang(dir)
}

// waitInnerShapes waits for clang runs started by startInnerShapes (a fallback rewrites mcu.c).
func (x *extractor) waitInnerShapes() {
	if x.innerPre != nil {
		<-x.innerPre.done
	}
}
