// SPDX-License-Identifier: GPL-2.0
#define FEAT_TCP
#define GATE_NAME gate_tcp
#include "l4_gate.h"
