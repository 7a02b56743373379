/**
 * @file error.h
 * @brief Status codes and the detail of the last error on this thread.
 *
 * Every fallible public function returns a ::ukc_status. ::UKC_OK is 0; every
 * other value keeps its number and meaning for ever. The detail of the most
 * recent failure on the calling thread (a message and, where it applies, the
 * line, column, byte offset, field path and batch index of the bad input) is
 * read with ukc_last_error(). Every public call resets it, except the three
 * that report it: ukc_last_error(), ukc_status_str() and ukc_status_name().
 *
 * @since 0.1.0
 */
#ifndef UKCOMPLAINTS_ERROR_H
#define UKCOMPLAINTS_ERROR_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Result of a library call. The numbers are fixed and never reused.
 * @since 0.1.0
 */
typedef enum ukc_status {
    UKC_OK = 0,                   /**< Success. */
    UKC_ERR_INVALID_ARGUMENT = 1, /**< A NULL pointer, an unknown enum value or a bad option. */
    UKC_ERR_PARSE = 2,            /**< Malformed input text: a date, JSON, CSV. */
    UKC_ERR_OUT_OF_RANGE = 3,     /**< A date or number outside the supported range. */
    UKC_ERR_NO_MEMORY = 4,        /**< An allocation failed; nothing was changed. */
    UKC_ERR_NOT_FOUND = 5,        /**< An unknown name: calendar, policy, procedure, stage. */
    UKC_ERR_NOT_SET = 6,          /**< The policy's source sets no such rule or timescale. */
    UKC_ERR_IO = 7,               /**< A file could not be opened or read. */
    UKC_ERR_INVALID_UTF8 = 8,     /**< Text that is not valid UTF-8, or holds a NUL byte. */
    UKC_ERR_TOO_LONG = 9,         /**< Input longer than a documented maximum. */
    UKC_ERR_TOO_DEEP = 10,        /**< Input nested deeper than a documented maximum. */
    UKC_ERR_INVALID_DATA = 11,    /**< Well-formed input that breaks the format's rules. */
    UKC_ERR_BUFFER_TOO_SMALL = 12,/**< An output buffer is too small; the size needed is reported. */
    UKC_ERR_VERSION = 13,         /**< An options struct or file format of an unknown version. */
    UKC_ERR_STATE = 14,           /**< The call is not allowed in the object's present state. */
    UKC_ERR_TOO_MANY = 15,        /**< More items than a documented maximum. */
    UKC_ERR_INTERNAL = 16         /**< A bug in the library; please report it. */
} ukc_status;

/**
 * Detail of the last failure on the calling thread.
 *
 * Fields that do not apply are 0 (line, column), -1 (offset, index) or the
 * empty string (path). The library owns it; `size` is `sizeof` the library's
 * own struct, so a field appended in a later release is there only when
 * `size` reaches past it (see docs/abi.md).
 * @since 0.1.0
 */
typedef struct ukc_error {
    size_t size;         /**< The size of this struct as the library filled it. */
    int32_t status;      /**< The ::ukc_status the failing call returned, or ::UKC_OK. */
    int32_t line;        /**< 1-based line in the input, or 0. */
    int32_t column;      /**< 1-based column in the input, or 0. */
    const char *message; /**< Readable detail; the empty string after success. */
    int64_t offset;      /**< 0-based byte offset in the input, or -1. */
    const char *path;    /**< Field path such as `$.procedures[1].stages[0]`, or "". */
    int64_t index;       /**< Index of the bad element of a batch call, or -1. */
} ukc_error;

/**
 * Static text describing a status, for example `"date out of range"`.
 *
 * Thread-safe; never fails.
 * @param[in] status any value; an unknown one gives `"unknown status"`.
 * @return a static string; the caller must not free it.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_status_str(ukc_status status);

/**
 * The stable short name of a status, for example `"UKC_ERR_OUT_OF_RANGE"`.
 *
 * Thread-safe; never fails.
 * @param[in] status any value; an unknown one gives `"UKC_ERR_UNKNOWN"`.
 * @return a static string; the caller must not free it.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_status_name(ukc_status status);

/**
 * The detail of the last failure on the calling thread.
 *
 * Every other public call except ukc_status_str() and ukc_status_name()
 * resets it (status ::UKC_OK, empty message) before it does its work, so read
 * it straight after the call that failed.
 * @return a pointer to thread-local storage, never NULL. It stays valid until
 *         the next library call on this thread; the caller must not free it.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_error *ukc_last_error(void);

#ifdef __cplusplus
}
#endif

#endif /* UKCOMPLAINTS_ERROR_H */
