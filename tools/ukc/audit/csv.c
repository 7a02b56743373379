/* RFC 4180 CSV: a streaming reader and a formula-safe writer. */
#include "csv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CSV_BUFSIZE 65536

struct csv_reader {
    FILE *f;
    unsigned char in[CSV_BUFSIZE];
    size_t pos, len;
    bool eof, io_error, started, skip_lf;
    unsigned long long offset;
    long line; /* current physical line (1-based) */

    char *buf; /* the record's fields, each NUL-terminated */
    size_t used, cap;
    size_t *starts; /* offsets of the fields in buf */
    char **fields;
    size_t *lengths;
    size_t nfields, cap_fields;

    /* A quoted field that runs past a line end keeps the bytes after that line
     * end (grab), so that when it turns out to be a stray quote (never closed,
     * or too long) reading resumes on the line after the quote (replay). */
    unsigned char *grab, *replay;
    size_t ngrab, cap_grab, rpos, rlen;
    bool grabbing;
    bool grab_cr;  /* the grab began after a CR, so a LF may come first */
    bool quoted_cr; /* inside a quoted field, the last byte was a CR */
    long quote_line;
};

csv_reader *csv_reader_new(FILE *f)
{
    csv_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->f = f;
    r->line = 1;
    r->cap = 4096;
    r->cap_fields = 32;
    r->buf = malloc(r->cap);
    r->starts = malloc(r->cap_fields * sizeof *r->starts);
    r->fields = malloc(r->cap_fields * sizeof *r->fields);
    r->lengths = malloc(r->cap_fields * sizeof *r->lengths);
    if (!r->buf || !r->starts || !r->fields || !r->lengths) {
        csv_reader_free(r);
        return NULL;
    }
    return r;
}

void csv_reader_free(csv_reader *r)
{
    if (!r)
        return;
    free(r->buf);
    free(r->starts);
    free(r->fields);
    free(r->lengths);
    free(r->grab);
    free(r->replay);
    free(r);
}

bool csv_peek(const csv_reader *r, size_t col, unsigned ahead, const char **field, size_t *len)
{
    if (r->rpos < r->rlen || r->grabbing || ahead == 0)
        return false;
    const unsigned char *p = r->in + r->pos, *end = r->in + r->len;
    if (r->skip_lf && p < end && *p == '\n')
        p++;
    for (; ahead > 1; ahead--) {
        const unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return false;
        p = nl + 1;
    }
    for (size_t c = 0;; c++) {
        const unsigned char *s = p;
        while (p < end && *p != ',' && *p != '\n' && *p != '\r' && *p != '"')
            p++;
        if (p == end || *p == '"' || (c < col && *p != ','))
            return false;
        if (c == col) {
            *field = (const char *)s;
            *len = (size_t)(p - s);
            return true;
        }
        p++;
    }
}

unsigned long long csv_offset(const csv_reader *r)
{
    return r->offset;
}

/* The next byte, or -1 at the end of input (or on a read error). */
static inline int next_byte(csv_reader *r)
{
    if (r->rpos < r->rlen) {
        r->offset++;
        return r->replay[r->rpos++];
    }
    if (r->pos == r->len) {
        if (r->eof)
            return -1;
        r->len = fread(r->in, 1, sizeof r->in, r->f);
        r->pos = 0;
        if (r->len < sizeof r->in) {
            r->eof = true;
            if (ferror(r->f))
                r->io_error = true;
        }
        if (r->len == 0)
            return -1;
    }
    r->offset++;
    return r->in[r->pos++];
}

static inline int peek_byte(csv_reader *r)
{
    if (r->rpos < r->rlen)
        return r->replay[r->rpos];
    int c = next_byte(r);
    if (c >= 0) {
        r->pos--;
        r->offset--;
    }
    return c;
}

/* Append a byte; false when the record grew past CSV_MAX_RECORD or memory ran out. */
static inline bool put(csv_reader *r, int c)
{
    if (r->used == r->cap) {
        /* The fields' bytes and a NUL after each: at most CSV_MAX_RECORD of text. */
        if (r->cap >= CSV_MAX_RECORD + CSV_MAX_FIELDS)
            return false;
        size_t cap = r->cap * 2 < CSV_MAX_RECORD + CSV_MAX_FIELDS ? r->cap * 2
                                                                   : CSV_MAX_RECORD + CSV_MAX_FIELDS;
        char *b = realloc(r->buf, cap);
        if (!b)
            return false;
        r->buf = b;
        r->cap = cap;
    }
    r->buf[r->used++] = (char)c;
    return true;
}

static bool end_field(csv_reader *r)
{
    if (r->nfields == r->cap_fields) {
        if (r->cap_fields >= CSV_MAX_FIELDS)
            return false;
        size_t cap = r->cap_fields * 2;
        size_t *s = realloc(r->starts, cap * sizeof *s);
        if (s)
            r->starts = s;
        char **fl = realloc(r->fields, cap * sizeof *fl);
        if (fl)
            r->fields = fl;
        size_t *l = realloc(r->lengths, cap * sizeof *l);
        if (l)
            r->lengths = l;
        if (!s || !fl || !l)
            return false;
        r->cap_fields = cap;
    }
    size_t start = r->nfields ? r->starts[r->nfields - 1] + r->lengths[r->nfields - 1] + 1 : 0;
    r->starts[r->nfields] = start;
    r->lengths[r->nfields] = r->used - start;
    r->nfields++;
    return put(r, '\0');
}

bool csv_valid_utf8(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str, *e = s + len;
    while (s < e) {
        /* Eight ASCII bytes without NUL at a time: no byte has its top bit
         * set, and none is zero. */
        while (e - s >= 8) {
            uint64_t w;
            memcpy(&w, s, 8);
            if ((w & 0x8080808080808080ull) ||
                ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull))
                break;
            s += 8;
        }
        if (s == e)
            break;
        unsigned c = *s;
        if (c >= 0x20 && c < 0x80) {
            s++;
            continue;
        }
        if (c == 0)
            return false;
        if (c < 0x80) {
            s++;
            continue;
        }
        size_t n;
        unsigned min;
        if ((c & 0xE0) == 0xC0) {
            n = 1;
            min = 0x80;
            c &= 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            min = 0x800;
            c &= 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3;
            min = 0x10000;
            c &= 0x07;
        } else {
            return false;
        }
        if ((size_t)(e - s) <= n)
            return false;
        for (size_t i = 1; i <= n; i++) {
            if ((s[i] & 0xC0) != 0x80)
                return false;
            c = (c << 6) | (s[i] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return false;
        s += n + 1;
    }
    return true;
}

void csv_utf8_repair(char *s)
{
    unsigned char *r = (unsigned char *)s, *w = r;
    while (*r) {
        unsigned c = *r;
        size_t n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2
                 : (c & 0xF8) == 0xF0 ? 3 : 4;
        if (n == 4) { /* a continuation byte without its lead, or no UTF-8 lead */
            r++;
            continue;
        }
        size_t k = 1;
        while (k <= n && (r[k] & 0xC0) == 0x80)
            k++;
        if (k != n + 1) { /* a character cut short */
            r += k;
            continue;
        }
        memmove(w, r, n + 1);
        w += n + 1;
        r += n + 1;
    }
    *w = '\0';
}

/* Keep a byte read inside a quoted field after its first line end. */
static inline void grab(csv_reader *r, int c)
{
    if (!r->grabbing || c < 0)
        return;
    if (r->ngrab == r->cap_grab) {
        size_t cap = r->cap_grab ? r->cap_grab * 2 : 4096;
        unsigned char *g = cap <= 2 * (size_t)CSV_MAX_RECORD ? realloc(r->grab, cap) : NULL;
        if (!g) {
            r->grabbing = false; /* cannot happen within the record limit */
            return;
        }
        r->grab = g;
        r->cap_grab = cap;
    }
    r->grab[r->ngrab++] = (unsigned char)c;
}

/* A stray quote: read on from the line after it. The bytes kept since then
 * come first, then whatever was still to be replayed. Returns false when
 * nothing was kept (the quote's field never reached a line end). */
static bool resync(csv_reader *r, csv_record *rec)
{
    if (!r->grabbing)
        return false;
    size_t rest = r->rlen - r->rpos, n = r->ngrab + rest;
    unsigned char *b = malloc(n ? n : 1);
    if (!b)
        return false;
    memcpy(b, r->grab, r->ngrab);
    if (rest)
        memcpy(b + r->ngrab, r->replay + r->rpos, rest);
    free(r->replay);
    r->replay = b;
    r->rpos = 0;
    r->rlen = n;
    r->offset -= r->ngrab;
    r->line = r->quote_line + 1;
    rec->last_line = r->quote_line;
    r->grabbing = false;
    r->ngrab = 0;
    r->skip_lf = r->grab_cr; /* the LF of the quote line's CRLF is no new line */
    return true;
}

/* Skip to the end of the current physical line after a fault. A line ends
 * with LF, CR LF or a CR alone. */
static void skip_line(csv_reader *r)
{
    int c;
    while ((c = next_byte(r)) >= 0 && c != '\n' && c != '\r')
        ;
    if (c >= 0)
        r->line++;
    r->skip_lf = c == '\r';
}

static int bad(csv_reader *r, csv_record *rec, const char *why, long at, bool skip)
{
    if (skip) {
        skip_line(r);
        rec->last_line = r->line - 1 < rec->line ? rec->line : r->line - 1;
    } else if (rec->last_line < rec->line) {
        /* Stopped inside the record, at the end of the input: its last line is
         * the current one, or the one before when the input ended with a newline. */
        bool newline = r->pos > 0 && (r->in[r->pos - 1] == '\n' || r->in[r->pos - 1] == '\r');
        rec->last_line = newline && r->line > rec->line ? r->line - 1 : r->line;
    } /* otherwise the record was read to its end, which set last_line */
    rec->count = 0;
    rec->fields = NULL;
    rec->lengths = NULL;
    rec->error = why;
    rec->error_line = at;
    return r->io_error ? CSV_IO : CSV_BAD;
}

enum { START, UNQUOTED, QUOTED, QUOTE_SEEN };

/* Bytes that end or quote an unquoted field. */
static const bool plain_stop[256] = { [','] = true, ['"'] = true, ['\r'] = true, ['\n'] = true };

/* The fast path of an unquoted field: copy the bytes up to the next comma,
 * quote or line end in the input buffer at once. False when there are none,
 * or when the record would pass its limit (the byte loop then reports it). */
static bool copy_plain(csv_reader *r)
{
    const unsigned char *p = r->in + r->pos, *e = r->in + r->len, *q = p;
    while (q < e && !plain_stop[*q])
        q++;
    size_t n = (size_t)(q - p);
    if (!n)
        return false;
    if (n > r->cap - r->used) {
        size_t cap = r->cap;
        while (cap - r->used < n && cap < CSV_MAX_RECORD + CSV_MAX_FIELDS)
            cap = cap * 2 < CSV_MAX_RECORD + CSV_MAX_FIELDS ? cap * 2
                                                             : CSV_MAX_RECORD + CSV_MAX_FIELDS;
        char *b = cap - r->used >= n ? realloc(r->buf, cap) : NULL;
        if (!b)
            return false;
        r->buf = b;
        r->cap = cap;
    }
    memcpy(r->buf + r->used, p, n);
    r->used += n;
    r->pos += n;
    r->offset += n;
    return true;
}

/* Bytes a line read whole must not hold: a quote and a CR take the byte
 * loop; a comma ends a field. */
static const unsigned char line_byte[256] = { [','] = 1, ['"'] = 2, ['\r'] = 2 };

/* The fast path of a whole record: a line that ends with LF inside the input
 * buffer, holds no quote and no CR, is valid UTF-8 without NUL bytes and is
 * well within the limits is its fields split at each comma, which is what
 * the byte loop reads it as. False, with nothing changed, for any other
 * line: the byte loop reads it (and reports what is wrong with it). */
static bool read_line(csv_reader *r, csv_record *rec)
{
    if (r->rpos < r->rlen || r->pos >= r->len)
        return false;
    const unsigned char *p = r->in + r->pos, *e = r->in + r->len;
    const unsigned char *nl = memchr(p, '\n', (size_t)(e - p));
    if (!nl)
        return false;
    size_t n = (size_t)(nl - p), f = 0, start = 0;
    if (n >= r->cap || n > CSV_MAX_RECORD / 2)
        return false; /* the byte loop grows the buffer (or reports the limit) */
    /* One pass finds the fields; the field table is the byte loop's to
     * overwrite when the line is not for this path. */
    for (size_t i = 0; i < n; i++) {
        unsigned char k = line_byte[p[i]];
        if (k) {
            if (k == 2 || f + 1 == r->cap_fields)
                return false;
            r->starts[f] = start;
            r->lengths[f++] = i - start;
            start = i + 1;
        }
    }
    r->starts[f] = start;
    r->lengths[f++] = n - start;
    if (!csv_valid_utf8((const char *)p, n))
        return false;
    memcpy(r->buf, p, n);
    for (size_t i = 0; i < f; i++) {
        r->buf[r->starts[i] + r->lengths[i]] = '\0';
        r->fields[i] = r->buf + r->starts[i];
    }
    size_t fields = f;
    r->used = n + 1;
    r->nfields = fields;
    r->pos += n + 1;
    r->offset += n + 1;
    rec->last_line = r->line;
    r->line++;
    rec->count = fields;
    rec->fields = r->fields;
    rec->lengths = r->lengths;
    return true;
}

int csv_read(csv_reader *r, csv_record *rec)
{
    int state = START, c;
    bool overflow = false;
    long at = 0;

    memset(rec, 0, sizeof *rec);
    r->used = 0;
    r->nfields = 0;
    if (!r->started) {
        r->started = true;
        /* A byte order mark is exactly EF BB BF; other text that starts with
         * EF (such as U+FEFB) is ordinary UTF-8. The first read filled the
         * buffer, so all three bytes are in it when the input has them. */
        if (peek_byte(r) == 0xEF && r->len - r->pos >= 3 && r->in[r->pos + 1] == 0xBB &&
            r->in[r->pos + 2] == 0xBF) {
            r->pos += 3;
            r->offset += 3;
        }
    }
    if (r->skip_lf) {
        /* The LF of a CR LF whose CR ended the last line (and was counted). */
        r->skip_lf = false;
        if (peek_byte(r) == '\n')
            next_byte(r);
    }
    rec->line = r->line;
    if (peek_byte(r) < 0)
        return r->io_error ? CSV_IO : CSV_EOF;
    if (read_line(r, rec))
        return CSV_RECORD;

    for (;;) {
        if (state <= UNQUOTED && r->rpos >= r->rlen && r->pos < r->len && copy_plain(r))
            state = UNQUOTED;
        c = next_byte(r);
        if (state == QUOTED) {
            if (c < 0) {
                long quote = r->quote_line;
                if (resync(r, rec))
                    return bad(r, rec, "a quote opens a field that is not closed before the "
                                       "end of the input; reading resumes on the next line",
                               quote, false);
                return bad(r, rec, "a quoted field is not closed before the end of the input",
                           rec->line, false);
            }
            grab(r, c);
            if (c == '"') {
                state = QUOTE_SEEN;
                continue;
            }
            if (c == '\n' || c == '\r') {
                if (!r->grabbing && !r->ngrab) {
                    r->grabbing = true; /* keep what follows the quote's line */
                    r->grab_cr = c == '\r';
                }
                if (c == '\r' || !r->quoted_cr) /* LF, CR LF or CR: one line end */
                    r->line++;
            }
            r->quoted_cr = c == '\r';
            if (!overflow && !put(r, c)) {
                long quote = r->quote_line;
                if (resync(r, rec))
                    return bad(r, rec, "a quoted field longer than 1 MiB (a stray quote?); "
                                       "reading resumes on the line after it", quote, false);
                overflow = true, at = r->line;
            }
            continue;
        }
        if (state == QUOTE_SEEN) {
            if (c == '"') {
                grab(r, c);
                state = QUOTED;
                if (!overflow && !put(r, c))
                    overflow = true, at = r->line;
                continue;
            }
            if (c >= 0 && c != ',' && c != '\r' && c != '\n') {
                grab(r, c);
                long quote = r->quote_line;
                if (resync(r, rec))
                    return bad(r, rec, "a quote opens a field whose closing quote is followed "
                                       "by text on a later line; reading resumes on the line "
                                       "after the quote", quote, false);
                return bad(r, rec, "text after the closing quote of a field", r->line,
                           true);
            }
            r->grabbing = false;
            r->ngrab = 0;
            state = UNQUOTED; /* fall through to the separators below */
        }
        if (c < 0 || c == '\n' || c == '\r' || c == ',') {
            if (!overflow && !end_field(r))
                overflow = true, at = r->line;
            if (c == ',') {
                state = START;
                continue;
            }
            if (c == '\r')
                r->skip_lf = true;
            rec->last_line = r->line;
            if (c == '\n' || c == '\r')
                r->line++;
            break;
        }
        if (c == '"') {
            if (state == START) {
                state = QUOTED;
                r->quoted_cr = false;
                r->quote_line = r->line;
                r->grabbing = false;
                r->ngrab = 0;
                continue;
            }
            return bad(r, rec, "a quote inside an unquoted field (quote the whole field and "
                               "double the quote)", r->line, true);
        }
        state = UNQUOTED;
        if (!overflow && !put(r, c))
            overflow = true, at = r->line;
    }
    if (overflow)
        return bad(r, rec,
                   r->nfields >= CSV_MAX_FIELDS ? "more than 1024 fields in one record"
                                                 : "a record longer than 1 MiB",
                   at, false);
    for (size_t i = 0; i < r->nfields; i++)
        if (!csv_valid_utf8(r->buf + r->starts[i], r->lengths[i]))
            return bad(r, rec, "invalid UTF-8 or a NUL byte", rec->line, false);
    for (size_t i = 0; i < r->nfields; i++)
        r->fields[i] = r->buf + r->starts[i];
    rec->count = r->nfields;
    rec->fields = r->fields;
    rec->lengths = r->lengths;
    return CSV_RECORD;
}

bool csv_line_room(csv_line *l, size_t n)
{
    if (l->failed)
        return false;
    if (n < l->cap - l->len)
        return true;
    size_t cap = l->cap ? l->cap : 1024;
    while (n >= cap - l->len) {
        if (cap > SIZE_MAX / 2)
            return l->failed = true, false;
        cap *= 2;
    }
    char *t = realloc(l->s, cap);
    if (!t) {
        l->failed = true;
        return false;
    }
    l->s = t;
    l->cap = cap;
    return true;
}

bool csv_line_raw(csv_line *l, const char *s, size_t n)
{
    if (!csv_line_room(l, n))
        return false;
    memcpy(l->s + l->len, s, n);
    l->len += n;
    l->s[l->len] = '\0';
    return true;
}

void csv_line_cell(csv_line *l, const char *s)
{
    bool formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
                   s[0] == '\r' || s[0] == '\n';
    size_t n = strcspn(s, ",\"\r\n");
    bool quotes = s[n] != '\0';
    if (!quotes) {
        if (formula)
            csv_line_raw(l, "'", 1);
        csv_line_raw(l, s, n);
        return;
    }
    csv_line_raw(l, formula ? "\"'" : "\"", formula ? 2 : 1);
    for (const char *q; (q = strchr(s, '"')); s = q + 1) {
        csv_line_raw(l, s, (size_t)(q - s) + 1);
        csv_line_raw(l, "\"", 1);
    }
    csv_line_raw(l, s, strlen(s));
    csv_line_raw(l, "\"", 1);
}

void csv_write_cell(FILE *f, const char *s)
{
    csv_line l = { 0 };
    csv_line_cell(&l, s);
    if (l.len)
        fwrite(l.s, 1, l.len, f);
    free(l.s);
}

/* ---- Skimming one column ------------------------------------------------------
 * A byte loop that finds one field of each record and nothing else: no copy
 * of the record, no field table, no UTF-8 check. It reads records exactly as
 * csv_read() does while the input is well-formed; at the first thing it could
 * read differently (a quote inside an unquoted field, text after a closing
 * quote, a quoted field never closed, a record past the limits) it stops and
 * says so, and the caller reads the input with csv_read() instead. A record
 * that csv_read() refuses without changing where records begin (invalid
 * UTF-8, a NUL byte) is skimmed as a record. */

#define SKIM_BUFSIZE (1u << 18)

enum { SK_START, SK_PLAIN, SK_QUOTED, SK_QUOTE_SEEN };

/* Bytes that end or quote an unquoted field, or end a record. */
static const unsigned char skim_stop[256] = { [','] = 1, ['"'] = 2, ['\r'] = 3, ['\n'] = 3 };

typedef struct skim {
    char *id;            /* the field of the wanted column, unquoted */
    size_t len, cap;
    size_t field;        /* fields begun in this record (0: the record has not begun) */
    size_t bytes;        /* bytes of this record */
    bool skip_lf;        /* the last record ended with a CR */
    int state;
} skim;

static bool skim_put(skim *k, const unsigned char *s, size_t n)
{
    if (k->cap - k->len <= n) {
        size_t cap = k->cap ? k->cap : 256;
        while (cap - k->len <= n)
            cap *= 2;
        char *id = realloc(k->id, cap);
        if (!id)
            return false;
        k->id = id;
        k->cap = cap;
    }
    memcpy(k->id + k->len, s, n);
    k->len += n;
    return true;
}

/* The end of a record: hand on its field, if it had one (a blank line has
 * one empty field, as csv_read() reads it). */
static void skim_end(skim *k, size_t col, void (*each)(void *, char *), void *ctx)
{
    if (k->field > col) {
        k->id[k->len] = '\0';
        each(ctx, k->id);
    }
    k->len = k->field = k->bytes = 0;
    k->state = SK_START;
}

int csv_skim(FILE *f, size_t col, void (*each)(void *ctx, char *field), void *ctx)
{
    unsigned char *buf = malloc(SKIM_BUFSIZE);
    skim k = { 0 };
    int rc = CSV_EOF;
    size_t n;
    if (!buf || !skim_put(&k, (const unsigned char *)"", 0)) {
        free(buf);
        free(k.id);
        return CSV_IO;
    }
    while (rc == CSV_EOF && (n = fread(buf, 1, SKIM_BUFSIZE, f)) > 0) {
        const unsigned char *p = buf, *e = buf + n;
        while (p < e) {
            if (k.skip_lf) {
                k.skip_lf = false;
                if (*p == '\n') {
                    p++;
                    continue;
                }
            }
            if (!k.field)
                k.field = 1; /* a record begins with its first field */
            if ((k.state == SK_START || k.state == SK_PLAIN) && k.field > col + 1) {
                /* Past the wanted field: a rest of the line without a quote
                 * or a CR, too short to reach the limits, ends the record. */
                const unsigned char *nl = memchr(p, '\n', (size_t)(e - p));
                size_t span = nl ? (size_t)(nl - p) : 0;
                if (nl && k.field + span <= CSV_MAX_FIELDS && k.bytes + span <= CSV_MAX_RECORD / 2 &&
                    !memchr(p, '"', span) && !memchr(p, '\r', span)) {
                    p = nl + 1;
                    skim_end(&k, col, each, ctx);
                    continue;
                }
            }
            if (k.state == SK_START || k.state == SK_PLAIN) {
                const unsigned char *q = p;
                while (q < e && !skim_stop[*q])
                    q++;
                if (q > p) {
                    if (k.field == col + 1 && !skim_put(&k, p, (size_t)(q - p))) {
                        rc = CSV_IO;
                        break;
                    }
                    k.bytes += (size_t)(q - p);
                    k.state = SK_PLAIN;
                }
                if (q == e) {
                    p = q;
                    break;
                }
                p = q + 1;
                if (*q == '"') {
                    if (k.state == SK_PLAIN) {
                        rc = CSV_BAD; /* a quote inside an unquoted field */
                        break;
                    }
                    k.state = SK_QUOTED;
                } else if (*q == ',') {
                    k.field++;
                    k.state = SK_START;
                } else {
                    k.skip_lf = *q == '\r';
                    skim_end(&k, col, each, ctx);
                }
                continue;
            }
            if (k.state == SK_QUOTED) {
                const unsigned char *q = memchr(p, '"', (size_t)(e - p));
                const unsigned char *end = q ? q : e;
                if (k.field == col + 1 && !skim_put(&k, p, (size_t)(end - p))) {
                    rc = CSV_IO;
                    break;
                }
                k.bytes += (size_t)(end - p);
                p = end;
                if (q) {
                    p++;
                    k.state = SK_QUOTE_SEEN;
                }
            } else { /* SK_QUOTE_SEEN: a doubled quote, or the field's end */
                if (*p == '"') {
                    if (k.field == col + 1 && !skim_put(&k, p, 1)) {
                        rc = CSV_IO;
                        break;
                    }
                    k.bytes++;
                    p++;
                    k.state = SK_QUOTED;
                } else if (*p == ',' || *p == '\r' || *p == '\n') {
                    k.state = SK_PLAIN; /* the separator is read as after any field */
                } else {
                    rc = CSV_BAD; /* text after a closing quote */
                    break;
                }
            }
            if (k.bytes > CSV_MAX_RECORD / 2 || k.field > CSV_MAX_FIELDS) {
                rc = CSV_BAD; /* near the limits, where csv_read() may resume elsewhere */
                break;
            }
        }
        if (rc == CSV_EOF && n < SKIM_BUFSIZE)
            break;
    }
    if (rc == CSV_EOF && ferror(f))
        rc = CSV_IO;
    if (rc == CSV_EOF) {
        if (k.state == SK_QUOTED)
            rc = CSV_BAD; /* a quoted field never closed */
        else
            skim_end(&k, col, each, ctx);
    }
    free(buf);
    free(k.id);
    return rc;
}
