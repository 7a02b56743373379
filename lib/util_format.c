/* Formatting the library's messages. Most messages use only %s, %d, %u and
 * %zu; those are written here without the C library's general machinery,
 * byte for byte as vsnprintf writes them, and any other format goes to
 * vsnprintf. */
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

/* Whether fmt uses only the conversions written here. */
static bool simple(const char *fmt)
{
    for (const char *p = fmt; (p = strchr(p, '%')) != NULL; p++) {
        p++;
        if (*p == 'z')
            p++;
        if (*p != 's' && *p != 'd' && *p != 'u' && (*p != '%' || p[-1] == 'z'))
            return false;
        if (p[-1] == 'z' && *p != 'u')
            return false;
    }
    return true;
}

typedef struct out {
    char *buf;
    size_t size, n; /* n counts every byte, written or not */
} out;

static void put(out *o, const char *s, size_t len)
{
    if (o->n + 1 < o->size) {
        size_t room = o->size - 1 - o->n;
        memcpy(o->buf + o->n, s, len < room ? len : room);
    }
    o->n += len;
}

static void put_unsigned(out *o, unsigned long long v, bool negative)
{
    char digits[24], *d = digits + sizeof digits;
    do
        *--d = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    if (negative)
        *--d = '-';
    put(o, d, (size_t)(digits + sizeof digits - d));
}

int ukc__vsnformat(char *buf, size_t size, const char *fmt, va_list ap)
{
    if (!simple(fmt))
        return vsnprintf(buf, size, fmt, ap);
    out o = { buf, size, 0 };
    for (const char *p = fmt; *p;) {
        const char *pc = strchr(p, '%');
        if (!pc) {
            put(&o, p, strlen(p));
            break;
        }
        put(&o, p, (size_t)(pc - p));
        p = pc + 1;
        if (*p == 's') {
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
            put(&o, s, strlen(s));
        } else if (*p == 'd') {
            int v = va_arg(ap, int);
            put_unsigned(&o, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v, v < 0);
        } else if (*p == 'u') {
            put_unsigned(&o, va_arg(ap, unsigned int), false);
        } else if (*p == 'z') {
            put_unsigned(&o, va_arg(ap, size_t), false);
            p++;
        } else {
            put(&o, "%", 1);
        }
        p++;
    }
    if (size)
        buf[o.n < size ? o.n : size - 1] = '\0';
    return o.n > (size_t)INT32_MAX ? -1 : (int)o.n;
}

int ukc__snformat(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = ukc__vsnformat(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
