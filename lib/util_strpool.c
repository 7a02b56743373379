/* Owned strings of a calendar or explanation. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static uint32_t hash(const char *s)
{
    return ukc__fnv(s, strlen(s));
}

static void slot_put(uint32_t *slots, size_t nslots, const char *s, uint32_t value)
{
    size_t i = hash(s) & (nslots - 1);
    while (slots[i])
        i = (i + 1) & (nslots - 1);
    slots[i] = value;
}

/* Room for one more string in the hash, keeping it at most half full. */
static bool reserve_slot(ukc_strpool *p)
{
    if ((p->n + 1) * 2 <= p->nslots)
        return true;
    size_t nslots = p->nslots ? p->nslots * 2 : 64;
    uint32_t *slots = ukc__calloc(nslots, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < p->n; i++)
        slot_put(slots, nslots, p->items[i], (uint32_t)i + 1);
    ukc__free(p->slots);
    p->slots = slots;
    p->nslots = nslots;
    return true;
}

static const char *keep(ukc_strpool *p, char *s)
{
    if (!s)
        return NULL;
    if (!reserve_slot(p)) {
        ukc__free(s);
        return NULL;
    }
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        char **items = ukc__realloc(p->items, cap * sizeof *items);
        if (!items) {
            ukc__free(s);
            return NULL;
        }
        p->items = items;
        p->cap = cap;
    }
    p->items[p->n++] = s;
    slot_put(p->slots, p->nslots, s, (uint32_t)p->n);
    return s;
}

const char *ukc__pool_strdup(ukc_strpool *p, const char *s)
{
    size_t len = strlen(s);
    char *copy = ukc__malloc(len + 1);
    if (!copy)
        return NULL;
    memcpy(copy, s, len + 1);
    return keep(p, copy);
}

const char *ukc__pool_concat(ukc_strpool *p, const char *const *parts, size_t n)
{
    size_t len[8], total = 0;
    if (n > sizeof len / sizeof len[0])
        return NULL;
    for (size_t i = 0; i < n; i++)
        total += len[i] = strlen(parts[i]);
    char *copy = ukc__malloc(total + 1), *w = copy;
    if (!copy)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        memcpy(w, parts[i], len[i]);
        w += len[i];
    }
    *w = '\0';
    return keep(p, copy);
}

const char *ukc__pool_intern(ukc_strpool *p, const char *s)
{
    if (p->nslots) {
        for (size_t i = hash(s) & (p->nslots - 1); p->slots[i]; i = (i + 1) & (p->nslots - 1)) {
            const char *item = p->items[p->slots[i] - 1];
            if (item == s || strcmp(item, s) == 0)
                return item;
        }
    }
    return ukc__pool_strdup(p, s);
}

const char *ukc__pool_internf(ukc_strpool *p, const char *fmt, ...)
{
    char buf[1024];
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int len = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    const char *s = NULL;
    if (len >= 0 && (size_t)len < sizeof buf) {
        s = ukc__pool_intern(p, buf);
    } else if (len >= 0) {
        char *big = ukc__vformat(fmt, again);
        s = big ? ukc__pool_intern(p, big) : NULL;
        ukc__free(big);
    }
    va_end(again);
    return s;
}

const char *ukc__pool_printf(ukc_strpool *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = ukc__vformat(fmt, ap);
    va_end(ap);
    return s ? keep(p, s) : NULL;
}

void ukc__pool_free(ukc_strpool *p)
{
    for (size_t i = 0; i < p->n; i++)
        ukc__free(p->items[i]);
    ukc__free(p->items);
    ukc__free(p->slots);
    p->items = NULL;
    p->slots = NULL;
    p->n = p->cap = p->nslots = 0;
}
