/* Fuzz the RFC 4180 reader of ukc audit (tools/ukc/audit/csv.c): arbitrary bytes
 * never crash, every record stays within the documented limits, line numbers
 * only grow, every cell written back and read again is the same cell (apart
 * from the leading apostrophe that neutralises a formula), and the skimmer of
 * one column (csv_skim()), when it reads the input to its end, finds every
 * record csv_read() finds, in the same order. */
#include <stdlib.h>
#include <string.h>

#include "../../tools/ukc/audit/csv.h"
#include "fuzz.h"

static void round_trip(const char *cell, size_t len)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    FUZZ_ASSERT(f != NULL);
    /* As in ukc audit's output, a cell never opens the file: a header comes
     * first (so a cell starting with U+FEFF is not taken for a byte order mark). */
    fputs("h,", f);
    csv_write_cell(f, cell);
    fputc('\n', f);
    fclose(f);
    FILE *in = fmemopen(buf, size, "rb");
    csv_reader *r = csv_reader_new(in);
    csv_record rec;
    FUZZ_ASSERT(r && csv_read(r, &rec) == CSV_RECORD && rec.count == 2);
    const char *got = rec.fields[1];
    size_t n = rec.lengths[1];
    if (len && strchr("=+-@\t\r\n", cell[0])) {
        FUZZ_ASSERT(n == len + 1 && got[0] == '\'');
        got++;
        n--;
    }
    FUZZ_ASSERT(n == len && memcmp(got, cell, len) == 0);
    csv_reader_free(r);
    fclose(in);
    free(buf);
}

typedef struct cells {
    char **v;
    size_t n, cap;
} cells;

static void keep_cell(void *ctx, char *field)
{
    cells *c = ctx;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        char **v = realloc(c->v, cap * sizeof *v);
        FUZZ_ASSERT(v != NULL);
        c->v = v;
        c->cap = cap;
    }
    c->v[c->n] = strdup(field);
    FUZZ_ASSERT(c->v[c->n] != NULL);
    c->n++;
}

/* As ukc audit's first pass: the header read by csv_read(), the rest skimmed
 * for column col. When the skim reaches the end, the column's cell of each
 * record csv_read() reads after the header is among the cells skimmed, in
 * order (the skim may also hand on a record csv_read() refuses in place). */
static void skim_agrees(const uint8_t *data, size_t size, size_t col)
{
    FILE *f = fmemopen((void *)data, size, "rb");
    FUZZ_ASSERT(f != NULL);
    csv_reader *r = csv_reader_new(f);
    csv_record rec;
    cells skimmed = { 0 };
    FUZZ_ASSERT(r != NULL);
    if (csv_read(r, &rec) != CSV_RECORD) {
        csv_reader_free(r);
        fclose(f);
        return;
    }
    FILE *g = fmemopen((void *)data, size, "rb");
    FUZZ_ASSERT(g != NULL && fseek(g, (long)csv_offset(r), SEEK_SET) == 0);
    int st = csv_skim(g, col, keep_cell, &skimmed);
    fclose(g);
    size_t at = 0;
    int k;
    while (st == CSV_EOF && ((k = csv_read(r, &rec)) == CSV_RECORD || k == CSV_BAD)) {
        if (k != CSV_RECORD || rec.count <= col)
            continue;
        while (at < skimmed.n && strcmp(skimmed.v[at], rec.fields[col]) != 0)
            at++;
        FUZZ_ASSERT(at < skimmed.n);
        at++;
    }
    for (size_t i = 0; i < skimmed.n; i++)
        free(skimmed.v[i]);
    free(skimmed.v);
    csv_reader_free(r);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f = fmemopen((void *)data, size ? size : 1, "rb");
    if (!f)
        return 0;
    if (size == 0) {
        fclose(f);
        return 0;
    }
    csv_reader *r = csv_reader_new(f);
    FUZZ_ASSERT(r != NULL);
    csv_record rec;
    long last = 0;
    int st, records = 0;
    while ((st = csv_read(r, &rec)) == CSV_RECORD || st == CSV_BAD) {
        FUZZ_ASSERT(rec.line >= last && rec.last_line >= rec.line);
        last = rec.last_line;
        if (st == CSV_BAD) {
            FUZZ_ASSERT(rec.error && rec.error[0]);
            continue;
        }
        FUZZ_ASSERT(rec.count >= 1 && rec.count <= CSV_MAX_FIELDS);
        size_t total = 0;
        for (size_t i = 0; i < rec.count; i++) {
            FUZZ_ASSERT(strlen(rec.fields[i]) <= rec.lengths[i]);
            total += rec.lengths[i];
            /* Cells without NUL bytes survive writing and reading back. */
            if (records < 4 && i < 4 && strlen(rec.fields[i]) == rec.lengths[i])
                round_trip(rec.fields[i], rec.lengths[i]);
        }
        FUZZ_ASSERT(total <= CSV_MAX_RECORD);
        records++;
    }
    FUZZ_ASSERT(st == CSV_EOF || st == CSV_IO);
    FUZZ_ASSERT(csv_offset(r) <= size);
    csv_reader_free(r);
    fclose(f);
    skim_agrees(data, size, 0);
    skim_agrees(data, size, 1);
    return 0;
}
