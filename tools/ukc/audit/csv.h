/* An RFC 4180 CSV reader that streams records of any size with their line
 * numbers, and a writer that quotes cells and neutralises spreadsheet
 * formulas. Part of the ukc tool (ukc audit), not of the library. */
#ifndef UKC_CSV_H
#define UKC_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The largest record the reader accepts, and the most fields in one. A longer
 * record is reported as an error and skipped, so memory stays bounded. */
#define CSV_MAX_RECORD (1u << 20)
#define CSV_MAX_FIELDS 1024u

typedef struct csv_reader csv_reader;

/* One record. Fields are NUL-terminated and valid until the next csv_read(). */
typedef struct csv_record {
    size_t count;        /* number of fields (at least 1) */
    char **fields;       /* the fields, unquoted */
    size_t *lengths;     /* their lengths in bytes */
    long line;           /* the physical line the record starts on (1-based) */
    long last_line;      /* the line it ends on (differs with quoted line breaks) */
    const char *error;   /* for CSV_BAD: why the record was refused (static text) */
    long error_line;     /* for CSV_BAD: the line of the fault */
} csv_record;

enum { CSV_EOF = 0, CSV_RECORD = 1, CSV_BAD = 2, CSV_IO = 3 };

/* A reader over f (not closed by the reader). NULL when out of memory. */
csv_reader *csv_reader_new(FILE *f);
void csv_reader_free(csv_reader *r);

/* The next record: CSV_RECORD, CSV_BAD (a malformed record, skipped to the end
 * of its line; rec->error says why), CSV_EOF, or CSV_IO (a read error or no
 * memory). A UTF-8 byte order mark at the start is skipped. A blank line is
 * a record of one empty field. */
int csv_read(csv_reader *r, csv_record *rec);

/* Hand each record's field of column col (0-based; unquoted, not trimmed,
 * valid during the call) to each(), reading f from its position to the end,
 * and nothing else of the records: the cheap first pass of ukc audit.
 * Records are found as csv_read() finds them while the input is well-formed.
 * Returns CSV_EOF at the end, CSV_IO on a read error or no memory, or
 * CSV_BAD at the first malformed record (a quote inside an unquoted field,
 * text after a closing quote, a quoted field never closed, a record near the
 * limits), where csv_read() could find records elsewhere: read the input
 * with csv_read() instead. A record csv_read() refuses without changing
 * where records begin (invalid UTF-8, a NUL byte) is handed on. */
int csv_skim(FILE *f, size_t col, void (*each)(void *ctx, char *field), void *ctx);

/* A hint, for fetching ahead: the field of column col of the record that
 * starts ahead (1 or more) lines after the one csv_read() returned last, as
 * the input holds it (untrimmed, not NUL-terminated), when that record is
 * already in the reader's buffer and is plain up to the field (no quote);
 * else false. It reads nothing and changes nothing. */
bool csv_peek(const csv_reader *r, size_t col, unsigned ahead, const char **field, size_t *len);

/* Bytes consumed so far. */
unsigned long long csv_offset(const csv_reader *r);

/* Whether s[0..len) is valid UTF-8 without NUL bytes. */
bool csv_valid_utf8(const char *s, size_t len);

/* Drop, in place, every byte of a character cut short (text truncated in a
 * fixed buffer) so that the text is valid UTF-8 again. */
void csv_utf8_repair(char *s);

/* Write one cell: quoted when it holds a comma, quote, CR or LF; a cell that
 * begins with =, +, -, @, a tab, a carriage return or a line feed gets a leading apostrophe
 * so that spreadsheets show it as text instead of running it as a formula. */
void csv_write_cell(FILE *f, const char *s);

/* A line of output built in memory (NUL-terminated), to be written at once. */
typedef struct csv_line {
    char *s;
    size_t len, cap;
    bool failed; /* out of memory: the line is incomplete */
} csv_line;
/* Room for n more bytes and a NUL; false when out of memory (the line is
 * then failed). */
bool csv_line_room(csv_line *l, size_t n);
/* Append n bytes as they are; false when out of memory. */
bool csv_line_raw(csv_line *l, const char *s, size_t n);
/* Append one cell, quoted and neutralised as by csv_write_cell(). */
void csv_line_cell(csv_line *l, const char *s);

#endif
