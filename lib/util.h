/* Private: helpers every module shares. One header for the lib/util_*.c files. */
#ifndef UKC_UTIL_H
#define UKC_UTIL_H

#include <stddef.h>
#include <string.h>

#include "ukcomplaints/error.h"

/* ---- Size-prefixed public structs (util_struct.c; see docs/abi.md) -------- */

/* The size of a struct up to and including a member: a release's size of a
 * struct is UKC_SIZE_THROUGH(type, its last field then). */
#define UKC_SIZE_THROUGH(type, member) (offsetof(type, member) + sizeof(((type *)0)->member))

/* Check the size a caller put in a struct's first field on entry: at least
 * min (the struct's size in its first release). UKC_ERR_VERSION otherwise,
 * naming the struct. */
ukc_status ukc__check_size(size_t size, size_t min, const char *what);

/* Hand the library's filled struct src (src_size bytes, its own sizeof) to a
 * caller's dst of dst_size bytes: copy what both know and set dst's size
 * field to that many bytes. Bytes of dst past them are left as they were. */
void ukc__struct_out(void *dst, size_t dst_size, const void *src, size_t src_size);

#endif
