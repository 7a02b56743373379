/* Private: a table keyed by one or two strings and a kind, and the line and
 * column of many JSON paths found in one forward pass over a document. The
 * policy checker uses them so that a document of many rules stays linear. */
#ifndef UKC_POLICY_INDEX_H
#define UKC_POLICY_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

/* One entry: the key (a, b, kind; the strings are not copied) and what the
 * user keeps with it. */
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

/* The kind of the keys that ukc__json_locate_paths() reads: a is a JSON path
 * ("$.a[2].b"), b is "". */
#define UKC_PTAB_PATH 127

/* Walk text (valid JSON) once and give each UKC_PTAB_PATH entry of want the
 * line and column (1-based, in characters) of the value at its path; entries
 * whose path the text lacks keep 0. */
void ukc__json_locate_paths(const char *text, size_t len, ukc_ptab *want);

#endif
