// SPDX-License-Identifier: GPL-2.0
/* Port filter variant: all. */
#define FUNCNAME xdpfilt_all
#define FILT_MODE (MODE_TCP | MODE_UDP)
#include "filt_prog.h"
