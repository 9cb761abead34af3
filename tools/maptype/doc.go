// Package maptype holds OPENED's facts about BPF map types in one table keyed by
// ebpf.MapType: the name (BPF_MAP_TYPE_...), whether the kernel accepts BTF key and value
// types, how max_entries is set (by the object, by the loader per CPU, or never for local
// storage), and what user space must insert. The extractor's warnings and legacy-map
// conversion and the loader's verification loads read it; its test checks every type against
// the running kernel with cilium/ebpf's features.HaveMapType.
package maptype
