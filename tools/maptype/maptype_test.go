package maptype

import (
	"errors"
	"strings"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/features"
	"github.com/cilium/ebpf/rlimit"
)

// TestTableCoversEveryType: one entry per map type cilium/ebpf knows, in uapi order.
func TestTableCoversEveryType(t *testing.T) {
	for i, f := range table {
		if want := ebpf.MapType(i + 1); f.Type != want {
			t.Errorf("entry %d is %v; want %v (uapi order)", i, f.Type, want)
		}
		if !strings.HasPrefix(f.Name, "BPF_MAP_TYPE_") {
			t.Errorf("%v: name %q", f.Type, f.Name)
		}
	}
	if last := table[len(table)-1].Type; last != ebpf.Arena {
		t.Errorf("last entry %v; want %v", last, ebpf.Arena)
	}
}

// TestKernelHasEveryType checks each entry against the running kernel: the type exists, and a
// local-storage type (NoEntries) refuses max_entries while a per-CPU-sized one takes 0.
func TestKernelHasEveryType(t *testing.T) {
	if err := rlimit.RemoveMemlock(); err != nil {
		t.Fatalf("needs root for BPF: %v", err)
	}
	for _, f := range table {
		err := features.HaveMapType(f.Type)
		switch {
		case errors.Is(err, ebpf.ErrNotSupported) && f.Type == ebpf.StructOpsMap:
			// features does not probe struct_ops (it needs a kernel struct's BTF).
		case err != nil:
			t.Errorf("%s (%v): %v", f.Name, f.Type, err)
		}
	}
	// Sizing, checked by creating maps.
	for _, tc := range []struct {
		spec ebpf.MapSpec
		ok   bool
	}{
		{ebpf.MapSpec{Type: ebpf.PerfEventArray}, true}, // cilium/ebpf sizes it per CPU
		{ebpf.MapSpec{Type: ebpf.Hash, KeySize: 4, ValueSize: 4}, false},
		{ebpf.MapSpec{Type: ebpf.TaskStorage, KeySize: 4, ValueSize: 4, MaxEntries: 1, Flags: 1 /* BPF_F_NO_PREALLOC */}, false},
	} {
		m, err := ebpf.NewMap(&tc.spec)
		if m != nil {
			m.Close()
		}
		if (err == nil) != tc.ok {
			t.Errorf("%v with max_entries %d: err %v; table says %v", tc.spec.Type, tc.spec.MaxEntries, err, sizingOf(tc.spec.Type))
		}
	}
}

func sizingOf(t ebpf.MapType) Sizing { f, _ := Of(t); return f.Sizing }

func TestNames(t *testing.T) {
	for _, tc := range []struct {
		t    int
		want string
	}{{1, "BPF_MAP_TYPE_HASH"}, {32, "BPF_MAP_TYPE_CGRP_STORAGE"}, {4096, "4096"}} {
		if got := Name(tc.t); got != tc.want {
			t.Errorf("Name(%d) = %q, want %q", tc.t, got, tc.want)
		}
	}
}
