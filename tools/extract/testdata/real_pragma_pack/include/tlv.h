#ifndef TLV_H
#define TLV_H

/* On-the-wire option header: 1-byte kind, 4-byte value, no padding. The
 * layout comes from #pragma pack around the declaration, not from an
 * attribute inside it. */
#pragma pack(push, 1)
struct tlv_opt {
	__u8 kind;
	__u32 value;
};

struct tlv_pair {
	struct tlv_opt first;
	struct tlv_opt second;
};
#pragma pack(pop)

/* Not packed. */
struct tlv_stats {
	__u8 last_kind;
	__u64 seen;
};

#define TLV_KIND_MARK 0x2a

#endif
