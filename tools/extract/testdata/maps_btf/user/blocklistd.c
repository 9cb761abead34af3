// SPDX-License-Identifier: GPL-2.0
/* Daemon side of the router: keeps the pinned blocklist map in sync with a
 * text file of IPv4 addresses. User space, built with the host compiler. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <bpf/bpf.h>

#define BLOCKLIST_PIN "/sys/fs/bpf/blocklist"

static int load_blocklist_file(int map_fd, const char *path)
{
	char line[64];
	FILE *f = fopen(path, "r");
	__u8 one = 1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		struct in_addr a;

		line[strcspn(line, "\n")] = 0;
		if (inet_pton(AF_INET, line, &a) == 1)
			bpf_map_update_elem(map_fd, &a.s_addr, &one, BPF_ANY);
	}
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	int fd = bpf_obj_get(BLOCKLIST_PIN);

	if (fd < 0 || argc != 2)
		return 1;
	for (;;) {
		if (load_blocklist_file(fd, argv[1]))
			return 1;
		sleep(10);
	}
}
