/* Strict JSON parsing and file reading shared by the loaders, and the line
 * and column of JSON paths in a document's text. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error_internal.h"
#include "util.h"

ukc_status ukc__json_parse(const char *text, size_t len, json_t **out)
{
    json_error_t err;

    *out = NULL;
    if (len > UKC_JSON_MAX_BYTES)
        return ukc__fail(UKC_ERR_TOO_LONG, "JSON document of %zu bytes; the limit is %u", len,
                         UKC_JSON_MAX_BYTES);
    /* What docs/limits.md promises for every text: a NUL byte is invalid text,
     * wherever it is; and JSON text never starts with a byte order mark
     * (RFC 8259, section 8.1), which a parser would report as a stray '{'. */
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        int32_t line = 1, col = 1;
        for (const char *p = text; p < nul; p++) { /* columns in characters, as jansson's */
            col = *p == '\n' ? 1 : col + ukc__utf8_starts((unsigned char)*p);
            line += *p == '\n';
        }
        ukc__fail(UKC_ERR_INVALID_UTF8, "JSON error at line %d, column %d: a NUL byte at "
                  "byte %td", (int)line, (int)col, nul - text);
        ukc__error_position(line, col, (int64_t)(nul - text));
        return UKC_ERR_INVALID_UTF8;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        ukc__fail(UKC_ERR_PARSE, "JSON error at line 1, column 1: the text starts with a "
                  "byte order mark, which JSON does not allow (RFC 8259, section 8.1); save "
                  "the file as UTF-8 without one");
        ukc__error_position(1, 1, 0);
        return UKC_ERR_PARSE;
    }
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
    if (!root) {
        ukc_status st = UKC_ERR_PARSE;
        switch (json_error_code(&err)) {
        case json_error_invalid_utf8:
        case json_error_null_character:
        case json_error_null_byte_in_key:
            st = UKC_ERR_INVALID_UTF8;
            break;
        case json_error_out_of_memory:
            st = UKC_ERR_NO_MEMORY;
            break;
        case json_error_stack_overflow:
            st = UKC_ERR_TOO_DEEP;
            break;
        default:
            break;
        }
        ukc__fail(st, "JSON error at line %d, column %d: %s", err.line, err.column, err.text);
        ukc__error_position(err.line, err.column, err.position);
        return st;
    }
    *out = root;
    return UKC_OK;
}

ukc_status ukc__read_file(const char *path, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return ukc__fail(UKC_ERR_IO, "cannot open '%s': %s", path, strerror(errno));
    size_t cap = 65536, n = 0;
    char *buf = ukc__malloc(cap + 1);
    if (!buf) {
        fclose(f);
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory reading '%s'", path);
    }
    for (;;) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        if (cap > UKC_JSON_MAX_BYTES) {
            ukc__free(buf);
            fclose(f);
            return ukc__fail(UKC_ERR_TOO_LONG, "'%s' is larger than %u bytes", path,
                             UKC_JSON_MAX_BYTES);
        }
        char *bigger = ukc__realloc(buf, cap * 2 + 1);
        if (!bigger) {
            ukc__free(buf);
            fclose(f);
            return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory reading '%s'", path);
        }
        buf = bigger;
        cap *= 2;
    }
    if (ferror(f)) {
        ukc__free(buf);
        fclose(f);
        return ukc__fail(UKC_ERR_IO, "cannot read '%s'", path);
    }
    fclose(f);
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return UKC_OK;
}

/* ---- Line and column of a JSON path --------------------------------------- */

typedef struct scan {
    const char *s;
    size_t i, len;
} scan;

static void ws(scan *sc)
{
    while (sc->i < sc->len && strchr(" \t\r\n", sc->s[sc->i]))
        sc->i++;
}

static void skip_string(scan *sc)
{
    sc->i++; /* opening quote */
    while (sc->i < sc->len && sc->s[sc->i] != '"')
        sc->i += sc->s[sc->i] == '\\' ? 2 : 1;
    sc->i++;
}

static void skip_value(scan *sc)
{
    ws(sc);
    if (sc->i >= sc->len)
        return;
    char ch = sc->s[sc->i];
    if (ch == '"') {
        skip_string(sc);
    } else if (ch == '{' || ch == '[') {
        int depth = 0;
        while (sc->i < sc->len) {
            ch = sc->s[sc->i];
            if (ch == '"') {
                skip_string(sc);
                continue;
            }
            if (ch == '{' || ch == '[')
                depth++;
            else if (ch == '}' || ch == ']')
                depth--;
            sc->i++;
            if (depth == 0)
                return;
        }
    } else {
        while (sc->i < sc->len && !strchr(",}] \t\r\n", sc->s[sc->i]))
            sc->i++;
    }
}

/* Move into the value of key (in an object at sc->i); false when absent. */
static bool enter_key(scan *sc, const char *key, size_t klen)
{
    ws(sc);
    if (sc->i >= sc->len || sc->s[sc->i] != '{')
        return false;
    sc->i++;
    for (;;) {
        ws(sc);
        if (sc->i >= sc->len || sc->s[sc->i] != '"')
            return false;
        size_t k0 = sc->i + 1;
        skip_string(sc);
        size_t k1 = sc->i - 1;
        ws(sc);
        sc->i++; /* colon */
        ws(sc);
        if (k1 - k0 == klen && memcmp(sc->s + k0, key, klen) == 0)
            return true;
        skip_value(sc);
        ws(sc);
        if (sc->i >= sc->len || sc->s[sc->i] != ',')
            return false;
        sc->i++;
    }
}

static bool enter_index(scan *sc, size_t index)
{
    ws(sc);
    if (sc->i >= sc->len || sc->s[sc->i] != '[')
        return false;
    sc->i++;
    for (size_t n = 0;; n++) {
        ws(sc);
        if (n == index)
            return sc->i < sc->len && sc->s[sc->i] != ']';
        skip_value(sc);
        ws(sc);
        if (sc->i >= sc->len || sc->s[sc->i] != ',')
            return false;
        sc->i++;
    }
}

void ukc__json_locate(const char *text, size_t len, const char *path, int32_t *line,
                      int32_t *column)
{
    scan sc = { text, 0, len };
    const char *p = path;
    *line = *column = 0;
    if (!text || *p != '$')
        return;
    p++;
    while (*p) {
        if (*p == '.') {
            size_t n = strcspn(p + 1, ".[");
            if (!enter_key(&sc, p + 1, n))
                break;
            p += 1 + n;
        } else if (*p == '[') {
            char *end;
            unsigned long idx = strtoul(p + 1, &end, 10);
            if (*end != ']' || !enter_index(&sc, idx))
                break;
            p = end + 1;
        } else {
            break;
        }
    }
    ws(&sc);
    if (sc.i > len)
        sc.i = len;
    int32_t l = 1, c = 1;
    for (size_t i = 0; i < sc.i; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else if (ukc__utf8_starts((unsigned char)text[i])) {
            c++;
        }
    }
    *line = l;
    *column = c;
}

/* ---- Line and column of many JSON paths in one pass ----------------------- */

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
    } else if (ukc__utf8_starts(b)) {
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

/* ---- Writing ---------------------------------------------------------------- */

char *ukc__json_dump(const json_t *root, size_t flags, const char *tail)
{
    size_t n = root ? json_dumpb(root, NULL, 0, flags) : 0;
    size_t t = tail ? strlen(tail) : 0;
    char *text = n ? ukc__malloc(n + t + 1) : NULL;
    if (!text)
        return NULL;
    if (json_dumpb(root, text, n, flags) != n) {
        ukc__free(text);
        return NULL;
    }
    if (t)
        memcpy(text + n, tail, t);
    text[n + t] = '\0';
    return text;
}
