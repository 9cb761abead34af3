/* Template: no include guard on purpose. The including file defines
 * TPL_PROTO (a name) and TPL_PORT (a port) before each inclusion; every
 * inclusion defines a differently named counting function. */
#define TPL_CAT_(a, b) a##b
#define TPL_CAT(a, b) TPL_CAT_(a, b)

static __always_inline int TPL_CAT(match_, TPL_PROTO)(__u16 port_be)
{
	return port_be == bpf_htons(TPL_PORT);
}
