// SPDX-License-Identifier: GPL-2.0
/* Port filter variant: tcp. */
#define FUNCNAME xdpfilt_tcp
#define FILT_MODE MODE_TCP
#include "filt_prog.h"
