/* Size-prefixed public structs: checking a caller's size and filling only
 * what both sides know (docs/abi.md). */
#include "error_internal.h"
#include "util.h"

ukc_status ukc__check_size(size_t size, size_t min, const char *what)
{
    if (size < min)
        return ukc__fail(UKC_ERR_VERSION,
                         "%s has size %zu, smaller than any release's (%zu): set it to sizeof",
                         what, size, min);
    return UKC_OK;
}

void ukc__struct_out(void *dst, size_t dst_size, const void *src, size_t src_size)
{
    size_t n = dst_size < src_size ? dst_size : src_size;
    memcpy(dst, src, n);
    memcpy(dst, &n, sizeof n); /* the size field comes first */
}
