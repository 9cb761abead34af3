// SPDX-License-Identifier: GPL-2.0
/* The build unit: includes the pipeline and holds the license. */
#include "pipeline.c"

char _license[] SEC("license") = "GPL";
