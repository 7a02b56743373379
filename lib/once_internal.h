/* Private: objects built once, on first use, by whichever thread asks first. */
#ifndef UKC_ONCE_INTERNAL_H
#define UKC_ONCE_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include "ukcomplaints/error.h"

/* Builds the i-th object of a family into *out. */
typedef ukc_status (*ukc_build_fn)(size_t i, void **out);

/* The object in *slot, building it with build(i) under lock the first time.
 * Readers after the first pay one acquire load. A build that fails leaves the
 * slot empty, so a later call tries again (for example after running out of
 * memory). build must not call back into a function that takes the same lock. */
ukc_status ukc__build_once(_Atomic(void *) *slot, pthread_mutex_t *lock, ukc_build_fn build,
                           size_t i, void **out);

/* ukc__build_once for an object parsed from data embedded in the library: a parse
 * failure (UKC_ERR_INVALID_DATA) is a fault of the library, so it is reported as
 * UKC_ERR_INTERNAL, "the embedded WHAT is broken: ..." */
ukc_status ukc__build_embedded(_Atomic(void *) *slot, pthread_mutex_t *lock, ukc_build_fn build,
                               const char *what, void **out);

#endif
