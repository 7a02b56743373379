/* Private: setting the thread's last error. */
#ifndef UKC_ERROR_INTERNAL_H
#define UKC_ERROR_INTERNAL_H

#include "ukcomplaints/error.h"

#if defined(__GNUC__)
#define UKC_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define UKC_PRINTF(a, b)
#endif

/* Start of every public call: status OK, empty message, no position. */
void ukc__error_reset(void);

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
