/* Private: strict JSON parsing with the library's error reporting. */
#ifndef UKC_JSON_INTERNAL_H
#define UKC_JSON_INTERNAL_H

#include <jansson.h>

#include "ukcomplaints/error.h"

/* Largest JSON document the library reads. */
#define UKC_JSON_MAX_BYTES (16u * 1024u * 1024u)

/* Parse a JSON document: duplicate keys, invalid UTF-8, NUL bytes and
 * over-deep nesting are refused with the line, column and byte offset. */
ukc_status ukc__json_parse(const char *text, size_t len, json_t **out);

/* Read a whole file (at most UKC_JSON_MAX_BYTES) into a NUL-terminated buffer
 * from ukc__malloc. */
ukc_status ukc__read_file(const char *path, char **out, size_t *len);

#endif
