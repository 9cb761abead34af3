package transform

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cilium/ebpf"

	"github.com/opened-ebpf/opened/tools/internal/cfront"
	"github.com/opened-ebpf/opened/tools/mcu"
)

// mapTypeNames spells the map types the corpus uses as maps.json does.
var mapTypeNames = map[ebpf.MapType]string{
	ebpf.Array: "BPF_MAP_TYPE_ARRAY", ebpf.Hash: "BPF_MAP_TYPE_HASH", ebpf.PerCPUArray: "BPF_MAP_TYPE_PERCPU_ARRAY",
	ebpf.PerCPUHash: "BPF_MAP_TYPE_PERCPU_HASH", ebpf.CPUMap: "BPF_MAP_TYPE_CPUMAP", ebpf.XSKMap: "BPF_MAP_TYPE_XSKMAP",
	ebpf.DevMap: "BPF_MAP_TYPE_DEVMAP", ebpf.LRUHash: "BPF_MAP_TYPE_LRU_HASH", ebpf.ProgramArray: "BPF_MAP_TYPE_PROG_ARRAY",
}

// unitFromC builds a unit directory from one C file of testdata, as if it were its own
// extraction (mcu.c is the file; functions.json from clang's AST; maps.json and sections
// from the compiled object). Tests of transform do not run the extractor.
func unitFromC(t testing.TB, rel string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", rel))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, mcu.SourceFile), src, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := cfront.Compile(ctx, "", dir, nil, mcu.SourceFile, mcu.ObjectFile); err != nil {
		t.Fatal(err)
	}
	ast, err := cfront.ParseAST(ctx, cfront.Options{Repo: dir}, mcu.SourceFile)
	if err != nil {
		t.Fatal(err)
	}
	spec, err := ebpf.LoadCollectionSpec(filepath.Join(dir, mcu.ObjectFile))
	if err != nil {
		t.Fatal(err)
	}
	u := &mcu.Unit{Extra: map[string][]byte{}}
	for _, d := range ast.Decls {
		if d.Kind != "FunctionDecl" || !hasBody(d) {
			continue
		}
		f := mcu.Function{Name: d.Name, File: rel, StartLine: d.Begin.Line, EndLine: d.End.Line,
			Static: d.StorageClass == "static", Inline: d.Inline, MCUStartLine: d.Begin.Line, MCUEndLine: d.End.Line}
		if p, ok := spec.Programs[d.Name]; ok {
			f.Section = p.SectionName
			u.Functions.Entry, u.Functions.Section = d.Name, p.SectionName
		}
		u.Functions.Functions = append(u.Functions.Functions, f)
	}
	var names []string
	for n := range spec.Maps {
		if !strings.HasPrefix(n, ".") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		m := spec.Maps[n]
		typ, ok := mapTypeNames[m.Type]
		if !ok {
			t.Fatalf("%s: map %s: type %s not in mapTypeNames", rel, n, m.Type)
		}
		u.Maps.Maps = append(u.Maps.Maps, mcu.Map{Name: n, File: rel, Style: "btf", Type: typ, KeySize: m.KeySize,
			ValueSize: m.ValueSize, MaxEntries: m.MaxEntries, Pinning: "none", UsedBy: []mcu.Usage{}})
	}
	if u.Maps.Maps == nil {
		u.Maps.Maps = []mcu.Map{}
	}
	u.Warnings.Warnings = []mcu.Warning{}
	u.Source = src
	if u.Object, err = os.ReadFile(filepath.Join(dir, mcu.ObjectFile)); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "unit")
	if err := mcu.Write(out, u); err != nil {
		t.Fatal(err)
	}
	return out
}
