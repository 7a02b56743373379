/* Private: the library's allocator, with a hook that tests use to make the
 * N-th allocation fail (see tests/test-alloc.c). */
#ifndef UKC_ALLOC_INTERNAL_H
#define UKC_ALLOC_INTERNAL_H

#include <stddef.h>

void *ukc__malloc(size_t size);
void *ukc__calloc(size_t n, size_t size);
void *ukc__realloc(void *ptr, size_t size);
void ukc__free(void *ptr);

/* Tests only: fail the n-th allocation from now on this thread (1-based); 0 turns it off.
 * Returns how many allocations were made since the last call. */
size_t ukc__alloc_fail_after(size_t n);

#endif
