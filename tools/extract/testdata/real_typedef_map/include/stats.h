#ifndef STATS_H
#define STATS_H

#define MAX_CPUS 256

struct rec {
	__u64 packets;
	__u64 bytes;
};

/* One typedef'd map type for several maps. */
typedef struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_MMAPABLE);
	__type(key, __u32);
	__type(value, struct rec);
	__uint(max_entries, MAX_CPUS);
} rec_array;

rec_array rx_recs SEC(".maps");
rec_array drop_recs SEC(".maps");
rec_array tx_recs SEC(".maps");

#endif
