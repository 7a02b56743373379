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

/* A new empty object. Call this, never jansson's json_object(): a program
 * that loads the library may define a global symbol of that name
 * (PostgreSQL's SQL function json_object does), and the dynamic linker binds
 * the library's call to the program's symbol. json_pack() makes the object
 * inside libjansson, whose own calls are bound there. */
static inline json_t *ukc__json_object(void)
{
    return json_pack("{}");
}

#endif
