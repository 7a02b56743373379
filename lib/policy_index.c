/* A table keyed by strings, and the line and column of many JSON paths in one
 * forward pass (see policy_index.h). */
#include <stdio.h>
#include <string.h>

#include "alloc_internal.h"
#include "hash_internal.h"
#include "policy_index.h"

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

typedef struct walker {
    const char *s;
    size_t i, len;
    int32_t line, column;
    const ukc_ptab *want;
    char path[1024];
    size_t plen;
    bool overflow; /* the path did not fit: nothing below it is wanted */
} walker;

static void step(walker *w)
{
    unsigned char b = (unsigned char)w->s[w->i++];
    if (b == '\n') {
        w->line++;
        w->column = 1;
    } else if ((b & 0xC0) != 0x80) {
        w->column++;
    }
}

static void wspace(walker *w)
{
    while (w->i < w->len && strchr(" \t\r\n", w->s[w->i]) && w->s[w->i])
        step(w);
}

static void wstring(walker *w)
{
    step(w); /* opening quote */
    while (w->i < w->len && w->s[w->i] != '"') {
        if (w->s[w->i] == '\\' && w->i + 1 < w->len)
            step(w);
        step(w);
    }
    if (w->i < w->len)
        step(w);
}

static bool wpushed(walker *w, int n)
{
    if (n < 0 || (size_t)n >= sizeof w->path - w->plen) {
        w->path[w->plen] = '\0';
        return false;
    }
    w->plen += (size_t)n;
    return true;
}

static void wvalue(walker *w, unsigned depth)
{
    wspace(w);
    if (w->i >= w->len || depth > 4096)
        return;
    if (!w->overflow) {
        ukc_ptab_entry *e = ukc__ptab_find(w->want, UKC_PTAB_PATH, w->path, w->plen, "", 0);
        if (e && !e->line) {
            e->line = w->line;
            e->column = w->column;
        }
    }
    char ch = w->s[w->i];
    if (ch == '"') {
        wstring(w);
    } else if (ch == '{' || ch == '[') {
        char close = ch == '{' ? '}' : ']';
        step(w);
        for (size_t n = 0;; n++) {
            wspace(w);
            if (w->i >= w->len)
                return;
            if (w->s[w->i] == close) {
                step(w);
                return;
            }
            size_t plen = w->plen, start = w->i;
            bool overflow = w->overflow;
            if (ch == '{') {
                size_t k0 = w->i + 1;
                wstring(w);
                size_t k1 = w->i > k0 ? w->i - 1 : k0;
                wspace(w);
                if (w->i < w->len)
                    step(w); /* colon */
                int m = snprintf(w->path + w->plen, sizeof w->path - w->plen, ".%.*s",
                                 (int)(k1 - k0), w->s + k0);
                w->overflow = overflow || !wpushed(w, m);
            } else {
                int k = snprintf(w->path + w->plen, sizeof w->path - w->plen, "[%zu]", n);
                w->overflow = overflow || !wpushed(w, k);
            }
            wvalue(w, depth + 1);
            w->plen = plen;
            w->path[plen] = '\0';
            w->overflow = overflow;
            wspace(w);
            if (w->i < w->len && w->s[w->i] == ',')
                step(w);
            else if (w->i == start)
                return; /* a byte no value starts with: stop rather than spin */
        }
    } else {
        while (w->i < w->len && !strchr(",}] \t\r\n", w->s[w->i]) && w->s[w->i])
            step(w);
    }
}

void ukc__json_locate_paths(const char *text, size_t len, ukc_ptab *want)
{
    walker w = { text, 0, len, 1, 1, want, "$", 1, false };
    if (text)
        wvalue(&w, 0);
}
