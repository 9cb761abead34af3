// SPDX-License-Identifier: GPL-2.0
/* User-space side of lesson 2: loads prog.o, attaches it and prints
 * the per-action counters. Built with the host compiler, not for BPF. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/if_link.h>

#include "shared_defs.h"

static int print_action_stats(int map_fd)
{
	__u32 action;

	for (action = 0; action < ACTION_SLOTS; action++) {
		struct pkt_counter rec = {};

		if (bpf_map_lookup_elem(map_fd, &action, &rec))
			return -1;
		printf("action %u: %llu packets\n", action,
		       (unsigned long long)rec.packets);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct bpf_object *obj;
	struct bpf_program *prog;
	int ifindex, map_fd;

	if (argc != 2) {
		fprintf(stderr, "usage: %s IFNAME\n", argv[0]);
		return 1;
	}
	ifindex = if_nametoindex(argv[1]);
	obj = bpf_object__open_file("prog.o", NULL);
	if (!obj || bpf_object__load(obj))
		return 1;
	prog = bpf_object__find_program_by_name(obj, "xdp_lesson_entry");
	if (!prog || bpf_xdp_attach(ifindex, bpf_program__fd(prog), XDP_FLAGS_SKB_MODE, NULL))
		return 1;
	map_fd = bpf_object__find_map_fd_by_name(obj, "action_stats");
	for (;;) {
		if (print_action_stats(map_fd))
			return 1;
		sleep(2);
	}
}
