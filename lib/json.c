/* Strict JSON parsing and file reading shared by the loaders. */
#include "json_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "alloc_internal.h"
#include "error_internal.h"

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
        for (const char *p = text; p < nul; p++) {
            col = *p == '\n' ? 1 : col + 1;
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
