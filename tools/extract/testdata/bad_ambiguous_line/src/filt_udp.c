// SPDX-License-Identifier: GPL-2.0
/* Port filter variant: udp. */
#define FUNCNAME xdpfilt_udp
#define FILT_MODE MODE_UDP
#include "filt_prog.h"
