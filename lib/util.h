/* Private: helpers every module shares, one header for the lib/util_*.c files:
 * the allocator, objects built once, string pools, FNV-1a hashing, a table
 * keyed by strings, strict JSON reading and locating, UTF-8 checking, and
 * size-prefixed public structs. */
#ifndef UKC_UTIL_H
#define UKC_UTIL_H

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <jansson.h>

#include "ukcomplaints/error.h"

/* ---- The allocator (util_alloc.c) ------------------------------------------ */

/* The library's allocator, with a hook that tests use to make the N-th
 * allocation fail (see tests/test-alloc.c). Every block the library hands to a
 * caller comes from here and goes back through ukc__free(). */
void *ukc__malloc(size_t size);
void *ukc__calloc(size_t n, size_t size);
void *ukc__realloc(void *ptr, size_t size);
void ukc__free(void *ptr);

/* Make room for at least need items of size bytes in the array *items of
 * capacity *cap, doubling from first (or from *cap when it is larger). The
 * array is unchanged when it already has room, or when the doubling would
 * overflow or the allocation fails; returns false in those two cases. */
bool ukc__grow(void **items, size_t *cap, size_t need, size_t size, size_t first);

/* The text fmt makes of ap, in a block from ukc__malloc; NULL when out of
 * memory or for a bad format. */
char *ukc__vformat(const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 0)))
#endif
    ;

/* vsnprintf and snprintf, writing the same bytes, faster for the formats
 * messages use most (only %s, %d, %u and %zu, without flags or widths). */
int ukc__vsnformat(char *buf, size_t size, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 0)))
#endif
    ;
int ukc__snformat(char *buf, size_t size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Tests only: fail the n-th allocation from now on this thread (1-based); 0 turns it off.
 * Returns how many allocations were made since the last call. */
size_t ukc__alloc_fail_after(size_t n);

/* ---- Objects built once (util_once.c) -------------------------------------- */

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

/* ---- String pools (util_strpool.c) ----------------------------------------- */

/* Strings a calendar or explanation owns: one allocation each, freed together. */
typedef struct ukc_strpool {
    char **items;
    size_t n, cap;
    uint32_t *slots; /* open-addressing hash of items: index + 1, or 0 when empty */
    size_t nslots;   /* a power of two, at least twice n; 0 before the first string */
} ukc_strpool;

const char *ukc__pool_strdup(ukc_strpool *p, const char *s);
/* The pool's copy of the n strings of parts (at most 8) one after another;
 * NULL when out of memory. */
const char *ukc__pool_concat(ukc_strpool *p, const char *const *parts, size_t n);
/* The pool's copy of s, made once: equal strings share one copy. */
const char *ukc__pool_intern(ukc_strpool *p, const char *s);
const char *ukc__pool_printf(ukc_strpool *p, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* As ukc__pool_printf, interned. */
const char *ukc__pool_internf(ukc_strpool *p, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void ukc__pool_free(ukc_strpool *p);

/* ---- FNV-1a hashing -------------------------------------------------------- */

/* The hash of the library's open-addressing tables (the lexicon's word index,
 * the model's words, string pools, repeated cues, ukc_ptab). A key's hash can
 * be built a byte or a run of bytes at a time: a word's prefixes in one pass,
 * a pair of words continued from its first word's hash. Tables built with it
 * and looked up with it must agree, so both sides use these. */
#define UKC__FNV_START 2166136261u

static inline uint32_t ukc__fnv_byte(uint32_t h, unsigned char c)
{
    return (h ^ c) * 16777619u;
}

static inline uint32_t ukc__fnv_more(uint32_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = ukc__fnv_byte(h, (unsigned char)s[i]);
    return h;
}

static inline uint32_t ukc__fnv(const char *s, size_t n)
{
    return ukc__fnv_more(UKC__FNV_START, s, n);
}

/* ---- A table keyed by strings (util_table.c) ------------------------------- */

/* A table keyed by one or two strings and a kind. The policy checker uses it
 * (with ukc__json_locate_paths()) so that a document of many rules stays
 * linear. One entry: the key (a, b, kind; the strings are not copied) and
 * what the user keeps with it. */
typedef struct ukc_ptab_entry {
    const char *a, *b;
    size_t na, nb;
    uint32_t hash;
    int kind; /* 0: an empty slot */
    const json_t *value;
    size_t index;
    int32_t line, column;
} ukc_ptab_entry;

typedef struct ukc_ptab {
    ukc_ptab_entry *slots;
    size_t cap, n;
} ukc_ptab;

/* The entry of a key, or NULL. */
ukc_ptab_entry *ukc__ptab_find(const ukc_ptab *t, int kind, const char *a, size_t na,
                               const char *b, size_t nb);

/* The entry of a key, added when absent (*added says which); NULL when out of
 * memory. */
ukc_ptab_entry *ukc__ptab_add(ukc_ptab *t, int kind, const char *a, size_t na, const char *b,
                              size_t nb, bool *added);

void ukc__ptab_free(ukc_ptab *t);

/* ---- Strict JSON (util_json.c) --------------------------------------------- */

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

/* root written as JSON text (json_dumpb's flags) followed by tail (NULL for
 * none), in a block from ukc__malloc: what the library hands out is released
 * by ukc_free() whatever allocator a host gave jansson. NULL when out of
 * memory (or root is NULL). */
char *ukc__json_dump(const json_t *root, size_t flags, const char *tail);

/* Find the line and column of the value at a JSON path ("$.a[2].b") in text;
 * 0/0 when it cannot be found. */
void ukc__json_locate(const char *text, size_t len, const char *path, int32_t *line,
                      int32_t *column);

/* The kind of the ukc_ptab keys that ukc__json_locate_paths() reads: a is a
 * JSON path ("$.a[2].b"), b is "". */
#define UKC_PTAB_PATH 127

/* Walk text (valid JSON) once and give each UKC_PTAB_PATH entry of want the
 * line and column (1-based, in characters) of the value at its path; entries
 * whose path the text lacks keep 0. */
void ukc__json_locate_paths(const char *text, size_t len, ukc_ptab *want);

/* ---- UTF-8 (util_utf8.c) --------------------------------------------------- */

/* True when the len bytes at text are well-formed UTF-8 without NUL bytes;
 * otherwise *bad is the offset of the first byte that is not. */
bool ukc__utf8_valid(const char *text, size_t len, size_t *bad);

/* True for a byte that starts a character (not a continuation byte): what a
 * column counts. */
static inline bool ukc__utf8_starts(unsigned char b)
{
    return (b & 0xC0) != 0x80;
}

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
