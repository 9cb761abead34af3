// SPDX-License-Identifier: GPL-2.0
/* Control-plane tool: adds a VIP and its backends to the pinned maps of the
 * balancer. User space; shares lb_structs.h with the BPF programs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <bpf/bpf.h>

#include "lb_consts.h"
#include "lb_structs.h"

#define PIN_DIR "/sys/fs/bpf/lb"

static int open_pinned(const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", PIN_DIR, name);
	return bpf_obj_get(path);
}

static int add_svc(const char *addr, __u16 port, __u8 proto, __u32 vip_num)
{
	struct svc_key vip = {};
	struct svc_meta meta = { .vip_num = vip_num };
	int fd = open_pinned("svc_map");

	if (fd < 0 || inet_pton(AF_INET, addr, &vip.vip) != 1)
		return -1;
	vip.port = htons(port);
	vip.proto = proto;
	return bpf_map_update_elem(fd, &vip, &meta, BPF_ANY);
}

static int fill_backend_ring(__u32 vip_num, __u32 real_pos)
{
	int fd = open_pinned("backend_ring");
	__u32 i;

	if (fd < 0)
		return -1;
	for (i = 0; i < CH_RING_SIZE; i++) {
		__u32 key = vip_num * CH_RING_SIZE + i;

		if (bpf_map_update_elem(fd, &key, &real_pos, BPF_ANY))
			return -1;
	}
	return 0;
}

static void svcctl_usage(const char *prog)
{
	fprintf(stderr, "usage: %s VIP PORT REAL_POS\n", prog);
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		svcctl_usage(argv[0]);
		return 1;
	}
	if (add_svc(argv[1], atoi(argv[2]), 6, 0) || fill_backend_ring(0, atoi(argv[3]))) {
		perror("lb_ctl");
		return 1;
	}
	return 0;
}
