#ifndef LB_H
#define LB_H
#define MAX_REALS 16
struct real { unsigned int addr; unsigned short port; };
static inline unsigned int lb_hash(unsigned int a) { return a * 2654435761u; }
#endif
