/* Build configuration, forced into every BPF object by the Makefile
 * (-include config/build_config.h) instead of being #included. */
#ifndef BUILD_CONFIG_H
#define BUILD_CONFIG_H

#define CFG_MAX_TTL 64
#define CFG_DROP_FRAGMENTS 1

#endif
