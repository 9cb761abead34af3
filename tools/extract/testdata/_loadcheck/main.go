// Command loadcheck loads every program of a BPF object file into the running
// kernel with cilium/ebpf and reports the result. It is the load half of the
// corpus sanity check in ../Makefile (the compile half is clang).
//
// Usage:
//
//	go run ./tools/extract/testdata/_loadcheck [-inner outer=INNER]... [-max map=N]... obj.o
//
// Maps pinned by name are pinned under a fresh directory in /sys/fs/bpf that is
// removed before exiting. Maps of maps declared without BTF (legacy
// "maps"-section definitions) carry no description of their inner map; their
// loader (a daemon, iproute2) supplies it. -inner does the same: INNER is either
// the name of a map in the object whose definition serves as the template, or
// TYPE:KEYSIZE:VALUESIZE:MAXENTRIES with TYPE a map type such as Hash.
// -max sets max_entries of a map that its loader sizes at run time (a BTF map
// declared without max_entries).
// Extra fields of legacy map definitions (iproute2 pinning, inner_idx) are
// ignored: nothing is pinned for them.
//
// The directory name starts with an underscore so that `go build ./...` and
// Gazelle skip it; it is a test tool, not part of OPENED.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/cilium/ebpf"
)

// innerFlags collects repeated key=value flags.
type innerFlags map[string]string

func (f innerFlags) String() string { return fmt.Sprint(map[string]string(f)) }

func (f innerFlags) Set(s string) error {
	outer, inner, ok := strings.Cut(s, "=")
	if !ok || outer == "" || inner == "" {
		return fmt.Errorf("want name=value, got %q", s)
	}
	f[outer] = inner
	return nil
}

func innerSpec(spec *ebpf.CollectionSpec, s string) (*ebpf.MapSpec, error) {
	if !strings.Contains(s, ":") {
		t, ok := spec.Maps[s]
		if !ok {
			return nil, fmt.Errorf("no map %q", s)
		}
		return t.Copy(), nil
	}
	var typ string
	var key, value, max uint32
	if _, err := fmt.Sscanf(strings.ReplaceAll(s, ":", " "), "%s %d %d %d", &typ, &key, &value, &max); err != nil {
		return nil, fmt.Errorf("want TYPE:KEYSIZE:VALUESIZE:MAXENTRIES: %w", err)
	}
	for t := ebpf.MapType(1); t < 64; t++ {
		if t.String() == typ {
			return &ebpf.MapSpec{Name: "inner", Type: t, KeySize: key, ValueSize: value, MaxEntries: max}, nil
		}
	}
	return nil, fmt.Errorf("unknown map type %q", typ)
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadcheck:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("loadcheck", flag.ContinueOnError)
	inner := innerFlags{}
	fs.Var(inner, "inner", "outer=INNER: inner map of outer, a map name or TYPE:KEYSIZE:VALUESIZE:MAXENTRIES (repeatable)")
	sizes := innerFlags{}
	fs.Var(sizes, "max", "map=N: set max_entries of map, as its loader would (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("want exactly one object file")
	}
	obj := fs.Arg(0)

	spec, err := ebpf.LoadCollectionSpec(obj)
	if err != nil {
		return fmt.Errorf("%s: %w", obj, err)
	}
	// Fields after the five legacy ones (bpf_elf_map id, pinning, inner_id,
	// inner_idx; bpf_map_def inner_map_idx, numa_node) are for the original
	// loader; the pins and inner maps they ask for are supplied here instead.
	for _, m := range spec.Maps {
		m.Extra = nil
	}

	for outer, tmpl := range inner {
		o, ok := spec.Maps[outer]
		if !ok {
			return fmt.Errorf("%s: no map %q", obj, outer)
		}
		t, err := innerSpec(spec, tmpl)
		if err != nil {
			return fmt.Errorf("%s: -inner %s=%s: %w", obj, outer, tmpl, err)
		}
		o.InnerMap = t
	}

	for name, n := range sizes {
		m, ok := spec.Maps[name]
		if !ok {
			return fmt.Errorf("%s: no map %q", obj, name)
		}
		if _, err := fmt.Sscanf(n, "%d", &m.MaxEntries); err != nil {
			return fmt.Errorf("%s: -max %s=%s: %w", obj, name, n, err)
		}
	}

	pinDir, err := os.MkdirTemp("/sys/fs/bpf", "opened-loadcheck-")
	if err != nil {
		return fmt.Errorf("bpffs: %w (mount -t bpf bpf /sys/fs/bpf)", err)
	}
	defer os.RemoveAll(pinDir)

	coll, err := ebpf.NewCollectionWithOptions(spec, ebpf.CollectionOptions{
		Maps: ebpf.MapOptions{PinPath: pinDir},
	})
	if err != nil {
		var ve *ebpf.VerifierError
		if errors.As(err, &ve) {
			return fmt.Errorf("%s: %+v", obj, ve)
		}
		return fmt.Errorf("%s: %w", obj, err)
	}
	defer coll.Close()
	for name, m := range coll.Maps {
		if spec.Maps[name].Pinning == ebpf.PinByName {
			m.Unpin()
		}
	}

	var names []string
	for name, p := range coll.Programs {
		names = append(names, name+"("+p.Type().String()+")")
	}
	sort.Strings(names)
	fmt.Fprintf(stdout, "%s: loaded %s\n", obj, strings.Join(names, " "))
	return nil
}
