// SPDX-License-Identifier: GPL-2.0
#define GATE_NAME gate_eth
#include "l4_gate.h"
