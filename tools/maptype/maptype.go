package maptype

import (
	"fmt"

	"github.com/cilium/ebpf"
)

// Sizing says how a map type's max_entries is set.
type Sizing int

const (
	// ByObject: the object sets max_entries (or its loader does before creating the map:
	// an object that leaves it 0 needs one for a verification load).
	ByObject Sizing = iota
	// PerCPU: loaders (libbpf, cilium/ebpf) size it to the number of CPUs when it is 0.
	PerCPU
	// NoEntries: local storage; max_entries must be 0.
	NoEntries
)

// Facts are what OPENED knows about one map type.
type Facts struct {
	Type ebpf.MapType
	// Name is the uapi enumerator, BPF_MAP_TYPE_....
	Name string
	// NoBTFKeyValue: the kernel rejects BTF key/value types for the type; sizes are written
	// instead.
	NoBTFKeyValue bool
	// Sizing says who sets max_entries.
	Sizing Sizing
	// UserEntries names what only user space can insert ("" when programs or the object can).
	UserEntries string
}

// table lists every map type cilium/ebpf names, in uapi order.
var table = []Facts{
	{Type: ebpf.Hash, Name: "BPF_MAP_TYPE_HASH"},
	{Type: ebpf.Array, Name: "BPF_MAP_TYPE_ARRAY"},
	{Type: ebpf.ProgramArray, Name: "BPF_MAP_TYPE_PROG_ARRAY", NoBTFKeyValue: true},
	{Type: ebpf.PerfEventArray, Name: "BPF_MAP_TYPE_PERF_EVENT_ARRAY", NoBTFKeyValue: true, Sizing: PerCPU, UserEntries: "perf event file descriptors"},
	{Type: ebpf.PerCPUHash, Name: "BPF_MAP_TYPE_PERCPU_HASH"},
	{Type: ebpf.PerCPUArray, Name: "BPF_MAP_TYPE_PERCPU_ARRAY"},
	{Type: ebpf.StackTrace, Name: "BPF_MAP_TYPE_STACK_TRACE", NoBTFKeyValue: true},
	{Type: ebpf.CGroupArray, Name: "BPF_MAP_TYPE_CGROUP_ARRAY", NoBTFKeyValue: true},
	{Type: ebpf.LRUHash, Name: "BPF_MAP_TYPE_LRU_HASH"},
	{Type: ebpf.LRUCPUHash, Name: "BPF_MAP_TYPE_LRU_PERCPU_HASH"},
	{Type: ebpf.LPMTrie, Name: "BPF_MAP_TYPE_LPM_TRIE"},
	{Type: ebpf.ArrayOfMaps, Name: "BPF_MAP_TYPE_ARRAY_OF_MAPS", NoBTFKeyValue: true},
	{Type: ebpf.HashOfMaps, Name: "BPF_MAP_TYPE_HASH_OF_MAPS", NoBTFKeyValue: true},
	{Type: ebpf.DevMap, Name: "BPF_MAP_TYPE_DEVMAP", NoBTFKeyValue: true, UserEntries: "egress interface indexes"},
	{Type: ebpf.SockMap, Name: "BPF_MAP_TYPE_SOCKMAP", NoBTFKeyValue: true, UserEntries: "socket file descriptors"},
	{Type: ebpf.CPUMap, Name: "BPF_MAP_TYPE_CPUMAP", NoBTFKeyValue: true, UserEntries: "CPU queue sizes"},
	{Type: ebpf.XSKMap, Name: "BPF_MAP_TYPE_XSKMAP", NoBTFKeyValue: true, UserEntries: "AF_XDP socket file descriptors"},
	{Type: ebpf.SockHash, Name: "BPF_MAP_TYPE_SOCKHASH", NoBTFKeyValue: true, UserEntries: "socket file descriptors"},
	{Type: ebpf.CGroupStorage, Name: "BPF_MAP_TYPE_CGROUP_STORAGE", Sizing: NoEntries},
	{Type: ebpf.ReusePortSockArray, Name: "BPF_MAP_TYPE_REUSEPORT_SOCKARRAY"},
	{Type: ebpf.PerCPUCGroupStorage, Name: "BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE", Sizing: NoEntries},
	{Type: ebpf.Queue, Name: "BPF_MAP_TYPE_QUEUE"},
	{Type: ebpf.Stack, Name: "BPF_MAP_TYPE_STACK"},
	{Type: ebpf.SkStorage, Name: "BPF_MAP_TYPE_SK_STORAGE", Sizing: NoEntries},
	{Type: ebpf.DevMapHash, Name: "BPF_MAP_TYPE_DEVMAP_HASH", NoBTFKeyValue: true, UserEntries: "egress interface indexes"},
	{Type: ebpf.StructOpsMap, Name: "BPF_MAP_TYPE_STRUCT_OPS", NoBTFKeyValue: true},
	{Type: ebpf.RingBuf, Name: "BPF_MAP_TYPE_RINGBUF"},
	{Type: ebpf.InodeStorage, Name: "BPF_MAP_TYPE_INODE_STORAGE", Sizing: NoEntries},
	{Type: ebpf.TaskStorage, Name: "BPF_MAP_TYPE_TASK_STORAGE", Sizing: NoEntries},
	{Type: ebpf.BloomFilter, Name: "BPF_MAP_TYPE_BLOOM_FILTER"},
	{Type: ebpf.UserRingbuf, Name: "BPF_MAP_TYPE_USER_RINGBUF"},
	{Type: ebpf.CgroupStorage, Name: "BPF_MAP_TYPE_CGRP_STORAGE", Sizing: NoEntries},
	{Type: ebpf.Arena, Name: "BPF_MAP_TYPE_ARENA"},
}

var byType = func() map[ebpf.MapType]Facts {
	m := map[ebpf.MapType]Facts{}
	for _, f := range table {
		m[f.Type] = f
	}
	return m
}()

// Of returns the facts of map type t.
func Of(t ebpf.MapType) (Facts, bool) {
	f, ok := byType[t]
	return f, ok
}

// OfInt returns the facts of the map type numbered t (as C code and the index write it).
func OfInt(t int) (Facts, bool) { return Of(ebpf.MapType(t)) }

// Table returns every known map type, in uapi order.
func Table() []Facts { return append([]Facts(nil), table...) }

// Name returns the uapi name of map type t, or its number when unknown.
func Name(t int) string {
	if f, ok := OfInt(t); ok {
		return f.Name
	}
	return fmt.Sprint(t)
}

// ByName returns the map type whose uapi name is name (BPF_MAP_TYPE_HASH).
func ByName(name string) (ebpf.MapType, bool) {
	for _, f := range table {
		if f.Name == name {
			return f.Type, true
		}
	}
	return 0, false
}

// IsMapInMap reports whether t holds maps.
func IsMapInMap(t int) bool {
	return ebpf.MapType(t) == ebpf.ArrayOfMaps || ebpf.MapType(t) == ebpf.HashOfMaps
}

// IsProgArray reports whether t holds programs (tail calls).
func IsProgArray(t int) bool { return ebpf.MapType(t) == ebpf.ProgramArray }
