/* ukc audit, in four layers that know nothing of each other's insides:
 *   audit_log.c   rows of a CSV export -> events grouped by case (streaming)
 *   audit_case.c  a finished case -> obligations and findings (the case API)
 *   audit_out.c   obligations, findings and rejected rows -> CSV, JSON Lines,
 *                 the errors file and the summary figures
 *   audit_html.c  the summary, charts and lists -> one self-contained HTML page
 * audit.c parses the command line and connects them. */
#ifndef UKC_AUDIT_H
#define UKC_AUDIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <ukcomplaints.h>

#include "csv.h"

/* ---- Events grouped by case (audit_log.c) -------------------------------- */

/* One event of a case as the export gives it. Strings are never NULL ("" when
 * absent) and belong to the group. */
typedef struct audit_event {
    long line;           /* the CSV line it came from */
    ukc_date date;
    const char *event;   /* its name, e.g. "respond" */
    const char *method;  /* method column: respond's delivery or a contact method */
    const char *delivery;/* delivery column, when the export has one */
    const char *reasons;
    const char *ground;
    const char *body;
    const char *days;
    const char *note;
} audit_event;

/* A case: its receive row and its other events, in the order read. The log
 * layer keeps an open case packed and hands it on in this form, valid during
 * the finish call only. */
typedef struct audit_group {
    const char *case_id;
    const char *procedure; /* from the receive row ("" = the kind's procedure) */
    const char *kind;      /* from the receive row ("" = "complaint") */
    const char *channel;
    bool has_receive;
    long receive_line;
    ukc_date received;
    const audit_event *events; /* every event but receive */
    size_t count;
    size_t lost;           /* rows of the case rejected while reading */
} audit_group;

/* What the log layer tells its user. */
typedef struct audit_log_sink {
    void *ctx;
    /* A row (or, in a wide export, a cell) refused; case_id may be "". */
    void (*reject)(void *ctx, long line, const char *case_id, const char *why);
    /* A case is complete: recompute it. The group and its strings are valid
     * during the call only. */
    void (*finish)(void *ctx, const audit_group *g);
    /* Whether an event name is known (besides "receive"). */
    bool (*known_event)(const char *name);
} audit_log_sink;

typedef struct audit_log audit_log;

/* A reader of an event log (columns == NULL) or of a wide export with a
 * --columns map. */
audit_log *audit_log_new(const char *columns, const audit_log_sink *sink);
void audit_log_free(audit_log *l);
/* Read the header. Returns 0, or -1 with a message in err (a usage error). */
int audit_log_header(audit_log *l, const csv_record *rec, char *err, size_t size);
/* First pass over an event log: count one record after the header, so that the
 * second pass finishes each case as soon as its last row is read. */
void audit_log_count(audit_log *l, int kind, const csv_record *rec);
/* The same from the case_id cell of a record alone (as csv_skim() finds it;
 * trimmed in place). A row csv_read() would refuse may be counted too: a
 * counter that counts more rows than it is given keeps its cases open to the
 * end of the input, never less. */
void audit_log_count_id(audit_log *l, char *case_id);
/* Forget the counts, to count again from the start. */
void audit_log_count_reset(audit_log *l);
/* The column of case_id in an event log, or -1 (a wide export). */
long audit_log_case_column(const audit_log *l);
/* Before the first pass: the input's size in bytes, to size the counters. */
void audit_log_expect(audit_log *l, unsigned long long bytes);
/* One record after the header (CSV_RECORD or CSV_BAD). */
void audit_log_record(audit_log *l, int kind, const csv_record *rec);
/* A hint, after each record: the case_id (s[0..n), untrimmed; n = 0 when
 * unknown) of the record two after the one just given, so that what the
 * rows ahead need is fetched while the rows before them are read: its
 * counter and its slot now, and a row later (it is then the next) the end
 * of its case's buffer. Changes nothing. */
void audit_log_ahead(audit_log *l, const char *s, size_t n);
/* End of input: finish every case still open, in order of first appearance. */
void audit_log_end(audit_log *l);
/* --events NAME=EVENT,...: more names for events (before the header). Returns
 * 0, or -1 with a message in err. */
int audit_log_events(audit_log *l, const char *spec, char *err, size_t size);
/* --date-format: how D/M/YYYY-style dates are read. */
enum { DATE_DMY = 0, DATE_MDY = 1, DATE_ISO = 2 };
void audit_log_date_format(audit_log *l, int format);
/* Physical lines in the malformed records skipped so far. */
unsigned long long audit_log_skipped_lines(const audit_log *l);
size_t audit_log_open_cases(const audit_log *l);
size_t audit_log_peak_cases(const audit_log *l);

/* ---- Recomputation (audit_case.c) ---------------------------------------- */

/* One obligation of one case, as audited. */
typedef struct audit_obligation {
    const char *case_id, *procedure, *kind;
    const char *stage;      /* e.g. "stage-1", or "" for a kind's obligation */
    const char *obligation; /* e.g. "stage-1.respond" */
    const char *what;       /* e.g. "respond" */
    const char *bound;      /* "target" or "maximum" */
    ukc_date start, due, done; /* done = 0 when not met */
    ukc_obligation_state state; /* met, missed, pending or suspended */
    const char *status;     /* its name, ukc_obligation_state_name() */
    int32_t late;           /* working days late (missed), else 0 */
    int32_t extended_to;    /* the count after an extension, or 0 (none) */
    bool complete;          /* false when a row of the case was rejected */
    const char *ids;        /* explanation step codes, space-separated */
    const char *text;       /* the explanation's short text */
    const char *rest;       /* the short text without the start and the due date (--out) */
    unsigned long explained; /* names ids, text and rest: the same number for the same
                              * strings, never for others; 0 for none */
    const ukc_citation *citation;
    /* The library's obligation, with its explanation when the engine was
     * asked for them: --jsonl writes it with ukc_obligation_to_json(). */
    const ukc_case_obligation *source;
} audit_obligation;

/* A refused event, or one allowed with a warning: the decision's reason and
 * the rule behind it. */
typedef struct audit_finding {
    const char *case_id, *procedure, *kind;
    long line;
    const char *event;
    ukc_date date;
    bool allowed;           /* allowed with a warning (e.g. UKC-R031) */
    const char *code, *slug, *message;
    const ukc_citation *citation;
    const ukc_case_event *source;     /* the event refused ... */
    const ukc_decision *decision;     /* ... and why: ukc_decision_to_json() */
} audit_finding;

typedef struct audit_sink {
    void *ctx;
    void (*obligation)(void *ctx, const audit_obligation *o);
    void (*finding)(void *ctx, const audit_finding *f);
    void (*reject)(void *ctx, long line, const char *case_id, const char *why);
    /* An event dated after --as-of: not applied, since the audit is as of then. */
    void (*later)(void *ctx, long line, const char *case_id, const char *event, ukc_date date);
    /* A case audited on part of its rows (called once per such case). */
    void (*incomplete)(void *ctx, const char *case_id);
} audit_sink;

typedef struct audit_engine audit_engine;

/* Recompute cases under a policy; as_of decides what is still open; calendar,
 * when not NULL, replaces the policy's (a newer GOV.UK feed). explain: give
 * every obligation's source its explanation (for --jsonl). */
audit_engine *audit_engine_new(const ukc_policy *policy, const ukc_calendar *calendar,
                               ukc_date as_of, ukc_delivery delivery, bool explain,
                               const audit_sink *sink);
void audit_engine_free(audit_engine *e);
void audit_engine_case(audit_engine *e, const audit_group *g);
bool audit_known_event(const char *name);

/* ---- Outputs (audit_out.c) ----------------------------------------------- */

typedef struct audit_out audit_out;

typedef struct audit_out_files {
    FILE *csv, *jsonl, *errors, *findings, *html, *rules; /* any may be NULL */
    const char *council;  /* shown in the summary and the report */
    const char *input;    /* the input's name */
    const char *calendar; /* the calendar deadlines were worked out on, for the report */
    ukc_date as_of;
    bool excel;           /* CSV outputs start with a UTF-8 byte order mark */
} audit_out_files;

audit_out *audit_out_new(const audit_out_files *files);
void audit_out_free(audit_out *o);
void audit_out_obligation(void *o, const audit_obligation *ob);
void audit_out_finding(void *o, const audit_finding *f);
void audit_out_reject(void *o, long line, const char *case_id, const char *why);
void audit_out_later(void *o, long line, const char *case_id, const char *event, ukc_date date);
void audit_out_incomplete(void *o, const char *case_id);
void audit_out_cases(audit_out *o, unsigned long long cases, unsigned long long rows,
                     unsigned long long skipped_lines);
/* Print the summary to f and finish the HTML report. */
void audit_out_summary(audit_out *o, FILE *f);
/* The same summary as one JSON object (ukc audit --json). */
void audit_out_summary_json(audit_out *o, FILE *f);
unsigned long long audit_out_rejected(const audit_out *o);
/* False when memory ran out while a row was built, so an output lacks it. */
bool audit_out_complete(const audit_out *o);

/* Whether an obligation is decided (met or missed) rather than still open. */
static inline bool audit_decided(const audit_obligation *o)
{
    return o->state == UKC_STATE_MET || o->state == UKC_STATE_MISSED;
}

/* The figures of one group (procedure, stage, obligation, or a month). */
typedef struct audit_stat {
    char *procedure, *stage, *obligation; /* or month in stage for the monthly figures */
    unsigned long long total, met, missed, open;
    uint32_t *late_hist;  /* late_hist[d] = missed obligations d working days late */
    size_t hist_size;
    int32_t worst;
} audit_stat;

/* Median working days late of the missed obligations, or -1 when none. */
double audit_stat_median(const audit_stat *s);

/* ---- HTML (audit_html.c) ------------------------------------------------- */

typedef struct audit_html audit_html;
audit_html *audit_html_new(FILE *out);
void audit_html_free(audit_html *h);
/* Count one obligation in the report's figures; a missed one is also listed. */
void audit_html_obligation(audit_html *h, const audit_obligation *o);
/* Buffer one missed obligation / finding / rejected row (kept on disk, not in memory). */
void audit_html_missed(audit_html *h, const audit_obligation *o);
void audit_html_finding(audit_html *h, const audit_finding *f);
void audit_html_reject(audit_html *h, long line, const char *case_id, const char *why);
/* Write the page: title, summary table, charts, then the buffered lists. */
void audit_html_write(audit_html *h, const audit_out_files *files, const audit_stat *stats,
                      size_t nstats, const audit_stat *months, size_t nmonths,
                      unsigned long long cases, unsigned long long rows,
                      unsigned long long findings, unsigned long long rejected);

/* Escape text for HTML. */
void audit_html_text(FILE *f, const char *s);

#endif
