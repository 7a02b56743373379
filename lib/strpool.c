/* Owned strings of a calendar or explanation. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar_internal.h"
#include "alloc_internal.h"

static const char *keep(ukc_strpool *p, char *s)
{
    if (!s)
        return NULL;
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

const char *ukc__pool_intern(ukc_strpool *p, const char *s)
{
    for (size_t i = p->n; i-- > 0;)
        if (p->items[i] == s || strcmp(p->items[i], s) == 0)
            return p->items[i];
    return ukc__pool_strdup(p, s);
}

const char *ukc__pool_internf(ukc_strpool *p, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (len < 0)
        return NULL;
    if ((size_t)len < sizeof buf)
        return ukc__pool_intern(p, buf);
    char *big = ukc__malloc((size_t)len + 1);
    if (!big)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(big, (size_t)len + 1, fmt, ap);
    va_end(ap);
    const char *s = ukc__pool_intern(p, big);
    ukc__free(big);
    return s;
}

const char *ukc__pool_printf(ukc_strpool *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0)
        return NULL;
    char *s = ukc__malloc((size_t)len + 1);
    if (!s)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)len + 1, fmt, ap);
    va_end(ap);
    return keep(p, s);
}

void ukc__pool_free(ukc_strpool *p)
{
    for (size_t i = 0; i < p->n; i++)
        ukc__free(p->items[i]);
    ukc__free(p->items);
    p->items = NULL;
    p->n = p->cap = 0;
}
