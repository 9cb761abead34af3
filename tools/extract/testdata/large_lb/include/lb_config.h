/* Build-time feature switches of the load balancer. */
#ifndef LB_CONFIG_H
#define LB_CONFIG_H

#define LB_ENABLE_ICMP 1
#define LB_ENABLE_QUIC 1
/* #define LB_DEBUG 1 */
/* #define LB_SAMPLING 1 */

#endif
