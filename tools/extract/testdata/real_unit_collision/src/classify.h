#ifndef CLASSIFY_H
#define CLASSIFY_H

/* Defined in src/classify.c, linked with the program (bpftool gen object). */
int classify(struct xdp_md *ctx);

#endif
