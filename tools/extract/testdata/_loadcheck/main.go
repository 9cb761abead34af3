// Command loadcheck loads every program of a BPF object file into the running
// kernel with cilium/ebpf and reports the result. It is the load half of the
// corpus sanity check in ../Makefile (the compile half is clang).
//
// Usage:
//
//	go run ./tools/extract/testdata/_loadcheck [-inner outer=template]... obj.o
//
// Maps pinned by name are pinned under a fresh directory in /sys/fs/bpf that is
// removed before exiting. Maps of maps declared without BTF (legacy
// "maps"-section definitions) carry no description of their inner map; -inner
// names the map in the same object whose definition serves as the inner map
// template, as a loader such as iproute2 would (inner_id) for such objects.
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

type innerFlags map[string]string

func (f innerFlags) String() string { return fmt.Sprint(map[string]string(f)) }

func (f innerFlags) Set(s string) error {
	outer, inner, ok := strings.Cut(s, "=")
	if !ok || outer == "" || inner == "" {
		return fmt.Errorf("want outer=template, got %q", s)
	}
	f[outer] = inner
	return nil
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
	fs.Var(inner, "inner", "outer=template: use map template as the inner map of outer (repeatable)")
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
	for outer, tmpl := range inner {
		o, ok := spec.Maps[outer]
		if !ok {
			return fmt.Errorf("%s: no map %q", obj, outer)
		}
		t, ok := spec.Maps[tmpl]
		if !ok {
			return fmt.Errorf("%s: no map %q", obj, tmpl)
		}
		o.InnerMap = t.Copy()
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
