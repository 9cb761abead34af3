// An XDP program whose maps leave max_entries to their loader, which sizes them at run time
// (for example from the number of CPUs or a configuration file).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
} cpu_slots SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
} events SEC(".maps");

SEC("xdp")
int xdp_sized(struct xdp_md *ctx)
{
	__u32 key = 0;
	__u32 *slot = bpf_map_lookup_elem(&cpu_slots, &key);

	if (slot && *slot)
		bpf_ringbuf_output(&events, &key, sizeof(key), 0);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
