/* Encapsulation header with bit fields whose order depends on the target's
 * bit-field endianness, written the way kernel protocol headers are. */
#ifndef ENCAP_HDR_H
#define ENCAP_HDR_H

#include <linux/types.h>
#include <asm/byteorder.h>

struct encap_hdr {
#if defined(__LITTLE_ENDIAN_BITFIELD)
	__u8 hlen: 5,
	     control: 1,
	     version: 2;
#elif defined(__BIG_ENDIAN_BITFIELD)
	__u8 version: 2,
	     control: 1,
	     hlen: 5;
#else
#error "Please fix <asm/byteorder.h>"
#endif
	__u8 proto;
	__be16 flags;
};

#define ENCAP_PORT 6081

#endif
