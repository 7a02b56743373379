/* Private: setting the thread's last error. */
#ifndef UKC_ERROR_INTERNAL_H
#define UKC_ERROR_INTERNAL_H

#include "ukcomplaints/error.h"

#if defined(__GNUC__)
#define UKC_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define UKC_PRINTF(a, b)
#endif

#if defined(__GNUC__) && defined(__ELF__)
#define UKC_TLS_IE __attribute__((tls_model("initial-exec")))
#else
#define UKC_TLS_IE
#endif

/* True when this thread's error holds a failure (or a position, path or index)
 * that the next call must clear. Initial-exec TLS: reading it is one load from
 * the thread pointer, with no call to __tls_get_addr, even in the shared
 * library. One byte, so it fits the static TLS that the loader keeps for
 * libraries opened with dlopen (Python's ctypes). */
extern _Thread_local bool ukc__error_dirty UKC_TLS_IE;

/* Clear the thread's error: status OK, empty message, no position. */
void ukc__error_clear(void);

/* Start of every public call: status OK, empty message, no position. The
 * clearing happens only when there is something to clear, so a call after a
 * success costs one thread-local load. */
static inline void ukc__error_reset(void)
{
    if (__builtin_expect(ukc__error_dirty, 0))
        ukc__error_clear();
}

/* Record a failure and return its status, so callers can `return ukc__fail(...)`. */
ukc_status ukc__fail(ukc_status status, const char *fmt, ...) UKC_PRINTF(2, 3);

/* Attach a position to the error being reported (0 / -1 for unknown). */
void ukc__error_position(int32_t line, int32_t column, int64_t offset);
/* Attach a field path, e.g. "$.events[3].date". */
void ukc__error_path(const char *path);
/* Attach the index of the bad element of a batch. */
void ukc__error_index(int64_t index);

/* The current status of this thread's error (for code that wraps a failure). */
ukc_status ukc__error_status(void);

#endif
