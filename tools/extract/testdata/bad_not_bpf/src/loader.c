// SPDX-License-Identifier: GPL-2.0
/* User-space companion of an XDP project: resolves an interface name. Not
 * BPF C: it needs the C library, which has no BPF target. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <net/if.h>

int main(int argc, char **argv)
{
	unsigned int ifindex;

	if (argc < 2) {
		fprintf(stderr, "usage: %s IFNAME\n", argv[0]);
		return 1;
	}
	ifindex = if_nametoindex(argv[1]);
	if (!ifindex) {
		fprintf(stderr, "%s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	printf("attach to ifindex %u\n", ifindex);
	return 0;
}
