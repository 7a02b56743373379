/* Objects built once, on first use: the built-in calendars, policies and the
 * classifier's lexicon and model. Double-checked: an acquire load on the fast path, a
 * mutex around the build, a release store to publish it. */
#include "util.h"

#include <stdio.h>

#include "error_internal.h"

ukc_status ukc__build_once(_Atomic(void *) *slot, pthread_mutex_t *lock, ukc_build_fn build,
                           size_t i, void **out)
{
    void *v = atomic_load_explicit(slot, memory_order_acquire);
    ukc_status st = UKC_OK;
    if (!v) {
        pthread_mutex_lock(lock);
        v = atomic_load_explicit(slot, memory_order_relaxed);
        if (!v && (st = build(i, &v)) == UKC_OK)
            atomic_store_explicit(slot, v, memory_order_release);
        pthread_mutex_unlock(lock);
    }
    *out = st ? NULL : v;
    return st;
}

ukc_status ukc__build_embedded(_Atomic(void *) *slot, pthread_mutex_t *lock, ukc_build_fn build,
                               const char *what, void **out)
{
    ukc_status st = ukc__build_once(slot, lock, build, 0, out);
    if (st != UKC_ERR_INVALID_DATA)
        return st;
    char msg[256];
    snprintf(msg, sizeof msg, "%s", ukc_last_error()->message);
    return ukc__fail(UKC_ERR_INTERNAL, "the embedded %s is broken: %s", what, msg);
}
