/* The library's allocator: the C library's, with a per-thread failure hook for tests. */
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static _Thread_local size_t fail_at;
static _Thread_local size_t counter;

static int should_fail(void)
{
    counter++;
    return fail_at != 0 && counter >= fail_at;
}

void *ukc__malloc(size_t size)
{
    return should_fail() ? NULL : malloc(size ? size : 1);
}

void *ukc__calloc(size_t n, size_t size)
{
    return should_fail() ? NULL : calloc(n ? n : 1, size ? size : 1);
}

void *ukc__realloc(void *ptr, size_t size)
{
    return should_fail() ? NULL : realloc(ptr, size ? size : 1);
}

void ukc__free(void *ptr)
{
    free(ptr);
}

bool ukc__grow(void **items, size_t *cap, size_t need, size_t size, size_t first)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap > first ? *cap : (first ? first : 1);
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return false;
        ncap *= 2;
    }
    if (size && ncap > SIZE_MAX / size)
        return false;
    void *p = ukc__realloc(*items, ncap * size);
    if (!p)
        return false;
    *items = p;
    *cap = ncap;
    return true;
}

size_t ukc__alloc_fail_after(size_t n)
{
    size_t made = counter;
    counter = 0;
    fail_at = n;
    return made;
}

char *ukc__vformat(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int len = vsnprintf(NULL, 0, fmt, again);
    va_end(again);
    char *s = len >= 0 ? ukc__malloc((size_t)len + 1) : NULL;
    if (s)
        vsnprintf(s, (size_t)len + 1, fmt, ap);
    return s;
}
