/* A table keyed by one or two strings and a kind (see util.h). */
#include <string.h>

#include "util.h"

/* FNV-1a of the kind, a, a separator and b; never 0. Open addressing with
 * linear probing, grown at half full. */
static uint32_t hkey(int kind, const char *a, size_t na, const char *b, size_t nb)
{
    uint32_t h = ukc__fnv_byte(UKC__FNV_START, (unsigned char)kind);
    h = ukc__fnv_more(ukc__fnv_more(h, a, na), "\x1f", 1);
    return ukc__fnv_more(h, b, nb) | 1u;
}

ukc_ptab_entry *ukc__ptab_find(const ukc_ptab *t, int kind, const char *a, size_t na,
                               const char *b, size_t nb)
{
    if (!t->cap)
        return NULL;
    uint32_t h = hkey(kind, a, na, b, nb);
    for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        ukc_ptab_entry *e = &t->slots[i];
        if (!e->kind)
            return NULL;
        if (e->hash == h && e->kind == kind && e->na == na && e->nb == nb &&
            memcmp(e->a, a, na) == 0 && memcmp(e->b, b, nb) == 0)
            return e;
    }
}

/* The entry for the key, added when absent (*added says which); NULL when out
 * of memory. The strings are not copied. */
ukc_ptab_entry *ukc__ptab_add(ukc_ptab *t, int kind, const char *a, size_t na, const char *b,
                              size_t nb, bool *added)
{
    ukc_ptab_entry *e = ukc__ptab_find(t, kind, a, na, b, nb);
    *added = false;
    if (e)
        return e;
    if (2 * (t->n + 1) > t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 64;
        ukc_ptab_entry *slots = ukc__calloc(cap, sizeof *slots);
        if (!slots)
            return NULL;
        for (size_t i = 0; i < t->cap; i++) {
            if (!t->slots[i].kind)
                continue;
            size_t j = t->slots[i].hash & (cap - 1);
            while (slots[j].kind)
                j = (j + 1) & (cap - 1);
            slots[j] = t->slots[i];
        }
        ukc__free(t->slots);
        t->slots = slots;
        t->cap = cap;
    }
    uint32_t h = hkey(kind, a, na, b, nb);
    size_t i = h & (t->cap - 1);
    while (t->slots[i].kind)
        i = (i + 1) & (t->cap - 1);
    e = &t->slots[i];
    *e = (ukc_ptab_entry){ a, b, na, nb, h, kind, NULL, 0, 0, 0 };
    t->n++;
    *added = true;
    return e;
}

void ukc__ptab_free(ukc_ptab *t)
{
    ukc__free(t->slots);
    memset(t, 0, sizeof *t);
}
