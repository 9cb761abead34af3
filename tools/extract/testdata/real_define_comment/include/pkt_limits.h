#ifndef PKT_LIMITS_H
#define PKT_LIMITS_H

#define FRAME_HDR_LEN 14 /* the link header: two addresses
                            and the protocol */
#define FRAME_TOO_BIG(len) ((len) > FRAME_MTU ? \
	/* larger than one MTU
	   plus the link header */ 1 : \
	0)
#define FRAME_MTU (1500 + FRAME_HDR_LEN) /* one
	line */ /* and another */
#define FRAME_MIN 60

#endif
