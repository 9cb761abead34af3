// SPDX-License-Identifier: GPL-2.0
/* Per-tenant accounting: the control plane creates one table per tenant and
 * inserts it into tenant_tables. The program keys a table by raw packet bytes
 * and updates a counter at an offset inside an opaque record, so nothing in
 * the program tells the tables' key or value size. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/ip.h>

#define SEC(NAME) __attribute__((section(NAME), used))

static void *(*bpf_map_lookup_elem)(void *map, const void *key) =
	(void *) BPF_FUNC_map_lookup_elem;

struct bpf_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};

/* Offset of the byte counter in a tenant record (the control plane's layout). */
#define TENANT_BYTES_OFF 24

struct bpf_map_def SEC("maps") tenant_tables = {
	.type = BPF_MAP_TYPE_ARRAY_OF_MAPS,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u32),
	.max_entries = 64,
};

struct bpf_map_def SEC("maps") tenant_misses = {
	.type = BPF_MAP_TYPE_PERCPU_ARRAY,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u64),
	.max_entries = 1,
};

SEC("xdp")
int xdp_tenant_acct(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *iph = data + sizeof(struct ethhdr);
	const void *addr_key;
	__u32 tenant;
	void *tbl, *rec;

	if ((void *)(iph + 1) > data_end)
		return XDP_PASS;
	tenant = iph->tos >> 2;
	tbl = bpf_map_lookup_elem(&tenant_tables, &tenant);
	if (!tbl)
		return XDP_PASS;
	/* The table is keyed by the source and destination addresses as they
	 * sit in the header. */
	addr_key = &iph->saddr;
	rec = bpf_map_lookup_elem(tbl, addr_key);
	if (!rec) {
		__u32 zero = 0;
		__u64 *miss = bpf_map_lookup_elem(&tenant_misses, &zero);

		if (miss)
			*miss += 1;
		return XDP_PASS;
	}
	__sync_fetch_and_add((__u64 *)(rec + TENANT_BYTES_OFF), data_end - data);
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
