/**
 * @file common.h
 * @brief Export macro, version information and the types every module shares.
 *
 * @since 0.1.0
 */
#ifndef UKCOMPLAINTS_COMMON_H
#define UKCOMPLAINTS_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @cond UKC_INTERNAL */
#if defined(UKC_BUILDING_LIBRARY) && defined(__GNUC__)
#define UKC_EXPORT __attribute__((visibility("default")))
#else
#define UKC_EXPORT
#endif
/** @endcond */

/** Major version of the headers. @since 0.1.0 */
#define UKC_VERSION_MAJOR 0
/** Minor version of the headers. @since 0.1.0 */
#define UKC_VERSION_MINOR 1
/** Patch version of the headers. @since 0.1.0 */
#define UKC_VERSION_PATCH 0
/**
 * The headers' version as one number, `major * 10000 + minor * 100 + patch`.
 * Compare it with ukc_version_number() to catch a header/library mismatch.
 * @since 0.1.0
 */
#define UKC_VERSION_NUMBER \
    (UKC_VERSION_MAJOR * 10000 + UKC_VERSION_MINOR * 100 + UKC_VERSION_PATCH)

/**
 * The library's version as one number, `major * 10000 + minor * 100 + patch`.
 *
 * Thread-safe; never fails.
 * @return the version of the library that is loaded, for example 100 for 0.1.0.
 * @since 0.1.0
 */
UKC_EXPORT int ukc_version_number(void);

/**
 * The library's version as text, for example `"0.1.0"`.
 *
 * Thread-safe; never fails.
 * @return a static string; the caller must not free it.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_version_string(void);

/**
 * Release memory that the library allocated and handed to the caller, such as
 * the text of ukc_explanation_render(). Accepts NULL.
 *
 * Callers must never pass such memory to their own `free()`: the library and
 * the caller may use different allocators (Python's ctypes relies on this).
 * @param[in] ptr memory returned by a `ukc_` function documented as released
 *                with ukc_free(), or NULL.
 * @since 0.1.0
 */
UKC_EXPORT void ukc_free(void *ptr);

#ifdef __cplusplus
}
#endif

#endif /* UKCOMPLAINTS_COMMON_H */
