/* ukc audit, layer 1: rows of an export -> events grouped by case.
 *
 * An event log has a row per event (case_id, procedure, kind, date, event and
 * optional field columns), with cases interleaved and in any order. The input
 * is read twice. The first pass counts the rows of each case into a fixed
 * table of counters indexed by a hash of the case_id (audit_log_count()). The
 * second groups the rows by case_id in a hash table and takes one off its
 * counter per row; when a counter reaches zero, every row of every case that
 * hashes to it has been read, so those cases are finished (handed on and
 * freed). A case is therefore always finished whole, whatever the order of
 * the rows, and memory is bounded by the table of counters (fixed) and the
 * cases open at once, not by the size of the file. Two cases that share a
 * counter only wait for each other.
 *
 * A wide export has one row per case and a column per event date, named by a
 * --columns map; each row is a whole case and is finished at once. */
#include "audit.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char EMPTY[] = "";

/* What a column holds. */
enum role {
    R_CASE, R_PROC, R_KIND, R_CHANNEL, R_DATE, R_EVENT,
    R_METHOD, R_DELIVERY, R_REASONS, R_GROUND, R_BODY, R_DAYS, R_NOTE,
    R_COUNT
};

static const struct {
    const char *name;
    enum role role;
} role_names[] = {
    { "case_id", R_CASE },   { "procedure", R_PROC }, { "kind", R_KIND },
    { "channel", R_CHANNEL }, { "date", R_DATE },      { "event", R_EVENT },
    { "method", R_METHOD },  { "delivery", R_DELIVERY }, { "reason", R_REASONS },
    { "reasons", R_REASONS }, { "ground", R_GROUND },  { "body", R_BODY },
    { "days", R_DAYS },      { "note", R_NOTE },
};

typedef struct event_column {
    char *event; /* "receive" or an event name */
    char *header;
    long col;
} event_column;

/* Counters of the first pass: a power of two, at least one per 32 bytes of
 * input (a case takes a few rows of 30 bytes or more, so several counters
 * per case), at most 2^22 of 16 bits (8 MiB). The case table never has more buckets,
 * so the cases of one counter share a bucket. */
#define MAX_COUNTERS (1u << 22)
#define MIN_COUNTERS (1u << 12)

struct audit_log {
    audit_log_sink sink;
    bool wide;
    char *columns_spec;
    long col[R_COUNT];        /* index of each role's column, or -1 */
    char *role_header[R_COUNT]; /* wide: the header named for a role */
    event_column *events;     /* wide: the event columns */
    size_t nevents;
    size_t ncols;
    long row;                 /* data rows read */

    audit_group **buckets;
    size_t nbuckets, open, peak;
    audit_group *first_open, *last_open;
    uint16_t *counts; /* rows per counter still to read; NULL: no first pass */
    size_t ncounters;
    unsigned long long skipped_lines; /* physical lines of malformed records */
    char (*map)[2][128]; /* --events: folded name -> event */
    size_t nmap;
    struct {
        char raw[40];    /* an event name as the export writes it */
        const char *ev;  /* what it stands for, or NULL */
    } names_seen[64];    /* exports repeat a few names: look each up once */
    int date_format;
};

/* ---- Small helpers ------------------------------------------------------- */

static char *own(const char *s)
{
    if (!s || !*s)
        return EMPTY;
    char *p = strdup(s);
    return p ? p : EMPTY;
}

static void disown(const char *s)
{
    if (s && s != EMPTY)
        free((char *)s);
}

/* Trim spaces in place (not tabs: a cell's text is kept as exported). */
static char *trim(char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        s[--n] = '\0';
    return s;
}

static unsigned long hash(const char *s)
{
    unsigned long h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Digits s[0..n) as a number, or -1. */
static int digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* A time of day after a date: HH:MM, HH:MM:SS, with fractions of a second and
 * a zone (Z or +HH:MM) after an ISO date. The date is the day as written. */
static bool time_of_day(const char *s, bool iso)
{
    if (strlen(s) < 5 || digits(s, 2) < 0 || digits(s, 2) > 23 || s[2] != ':' ||
        digits(s + 3, 2) < 0 || digits(s + 3, 2) > 59)
        return false;
    s += 5;
    if (*s == ':') {
        if (digits(s + 1, 2) < 0 || digits(s + 1, 2) > 60)
            return false;
        s += 3;
        if (*s == '.' && iso)
            for (s++; isdigit((unsigned char)*s); s++)
                ;
    }
    if (iso && *s == 'Z')
        s++;
    else if (iso && (*s == '+' || *s == '-') && digits(s + 1, 2) >= 0 && s[3] == ':' &&
             digits(s + 4, 2) >= 0)
        s += 6;
    return *s == '\0';
}

/* Dates as CRMs write them: YYYY-MM-DD, optionally with a time (T or a space);
 * D/M/YYYY or, with --date-format mdy, M/D/YYYY, optionally with " HH:MM". */
static bool parse_date(const audit_log *l, const char *s, ukc_date *out)
{
    size_t n = strlen(s);
    if (n >= 10 && s[4] == '-' && s[7] == '-') {
        if (n > 10 && !((s[10] == 'T' || s[10] == ' ') && time_of_day(s + 11, s[10] == 'T')))
            return false;
        return l->date_format != DATE_MDY && ukc_date_parse_n(s, 10, out) == UKC_OK;
    }
    if (l->date_format == DATE_ISO)
        return false;
    const char *a = s, *b = strchr(a, '/'), *c = b ? strchr(b + 1, '/') : NULL;
    if (!b || !c || b - a < 1 || b - a > 2 || c - b < 2 || c - b > 3)
        return false;
    int x = digits(a, (size_t)(b - a)), y = digits(b + 1, (size_t)(c - b - 1));
    int year = digits(c + 1, 4);
    const char *rest = c + 5;
    if (x < 0 || y < 0 || year < 0 || strlen(c + 1) < 4 ||
        (*rest && !(*rest == ' ' && time_of_day(rest + 1, false))))
        return false;
    int day = l->date_format == DATE_MDY ? y : x, month = l->date_format == DATE_MDY ? x : y;
    return ukc_date_from_ymd(year, month, day, out) == UKC_OK;
}

/* ---- Event names ------------------------------------------------------------
 * Names are matched without regard to case, with spaces and underscores read
 * as hyphens, through the --events map and then the aliases below (CRMs write
 * events in the past tense or as a status). docs/audit.md lists them. */

static const char *const aliases[][2] = {
    { "received", "receive" },
    { "acknowledged", "acknowledge" },
    { "acknowledgement-sent", "acknowledge" },
    { "responded", "respond" },
    { "response", "respond" },
    { "response-sent", "respond" },
    { "replied", "respond" },
    { "holding-reply-sent", "holding-reply" },
    { "progress-update-sent", "progress-update" },
    { "escalated", "request-escalation" },
    { "escalation-requested", "request-escalation" },
    { "escalation-accepted", "accept-escalation" },
    { "escalation-refused", "refuse-escalation" },
    { "extended", "extend" },
    { "suspended", "suspend" },
    { "resumed", "resume" },
    { "withdrawn", "withdraw" },
    { "reopened", "reopen" },
    { "discontinued", "discontinue" },
    { "restricted", "restrict" },
    { "referred", "refer" },
    { "closed", "close" },
    { "notified", "notify" },
};

/* Lower case, spaces and underscores as hyphens, into buf. */
static void fold_name(const char *name, char *buf, size_t size)
{
    size_t i = 0;
    for (; name[i] && i + 1 < size; i++) {
        unsigned char c = (unsigned char)name[i];
        buf[i] = c == ' ' || c == '_' ? '-' : (char)tolower(c);
    }
    buf[i] = '\0';
}

/* The event a name stands for ("receive" or a case event), or NULL. */
static const char *event_name(const audit_log *l, const char *name)
{
    char key[128];
    fold_name(name, key, sizeof key);
    for (size_t i = 0; i < l->nmap; i++)
        if (strcmp(l->map[i][0], key) == 0)
            return l->map[i][1];
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcmp(aliases[i][0], key) == 0)
            return aliases[i][1];
    if (strcmp(key, "receive") == 0)
        return "receive";
    ukc_event_kind k;
    return ukc_event_kind_from_name(key, &k) == UKC_OK ? ukc_event_kind_name(k) : NULL;
}

/* event_name() through a small cache of the names seen, by a hash of the name. */
static const char *row_event(audit_log *l, const char *name)
{
    size_t n = strlen(name);
    if (n >= sizeof l->names_seen[0].raw)
        return event_name(l, name);
    unsigned h = 0;
    for (size_t i = 0; i < n; i++)
        h = h * 31 + (unsigned char)name[i];
    h &= sizeof l->names_seen / sizeof l->names_seen[0] - 1;
    if (strcmp(l->names_seen[h].raw, name) == 0 && l->names_seen[h].raw[0])
        return l->names_seen[h].ev;
    const char *ev = event_name(l, name);
    memcpy(l->names_seen[h].raw, name, n + 1);
    l->names_seen[h].ev = ev;
    return ev;
}

int audit_log_events(audit_log *l, const char *spec, char *err, size_t size)
{
    char *copy = strdup(spec), *save = NULL;
    if (!copy) {
        snprintf(err, size, "out of memory");
        return -1;
    }
    for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '=');
        if (!eq) {
            snprintf(err, size, "--events: '%s' is not NAME=EVENT", item);
            free(copy);
            return -1;
        }
        *eq = '\0';
        const char *to = event_name(l, trim(eq + 1));
        char (*m)[2][128] = realloc(l->map, (l->nmap + 1) * sizeof *m);
        if (!to || !m) {
            snprintf(err, size, m ? "--events: unknown event '%s'" : "out of memory",
                     trim(eq + 1));
            l->map = m ? m : l->map;
            free(copy);
            return -1;
        }
        l->map = m;
        fold_name(trim(item), m[l->nmap][0], sizeof m[l->nmap][0]);
        snprintf(m[l->nmap][1], sizeof m[l->nmap][1], "%s", to);
        l->nmap++;
        memset(l->names_seen, 0, sizeof l->names_seen);
    }
    free(copy);
    return 0;
}

void audit_log_date_format(audit_log *l, int format)
{
    l->date_format = format;
}

/* ---- Groups -------------------------------------------------------------- */

static void group_free(audit_group *g)
{
    for (size_t i = 0; i < g->count; i++) {
        audit_event *e = &g->events[i];
        disown(e->method);
        disown(e->delivery);
        disown(e->reasons);
        disown(e->ground);
        disown(e->body);
        disown(e->days);
        disown(e->note);
    }
    free(g->events);
    disown(g->case_id);
    disown(g->procedure);
    disown(g->kind);
    disown(g->channel);
    free(g);
}

static audit_group *group_new(const char *case_id)
{
    audit_group *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->case_id = own(case_id);
    g->procedure = g->kind = g->channel = EMPTY;
    return g;
}

static bool grow_table(audit_log *l)
{
    size_t n = l->nbuckets ? l->nbuckets * 2 : 1024;
    if (n > MAX_COUNTERS || (l->counts && n > l->ncounters))
        return true; /* longer chains instead */
    audit_group **b = calloc(n, sizeof *b);
    if (!b)
        return false;
    for (size_t i = 0; i < l->nbuckets; i++)
        for (audit_group *g = l->buckets[i], *next; g; g = next) {
            next = g->next_hash;
            size_t k = g->hash & (n - 1);
            g->next_hash = b[k];
            b[k] = g;
        }
    free(l->buckets);
    l->buckets = b;
    l->nbuckets = n;
    return true;
}

static audit_group *find_or_add(audit_log *l, const char *case_id, unsigned long h)
{
    if (l->nbuckets) {
        for (audit_group *g = l->buckets[h & (l->nbuckets - 1)]; g; g = g->next_hash)
            if (g->hash == h && strcmp(g->case_id, case_id) == 0)
                return g;
    }
    if (l->open + 1 > l->nbuckets / 2 && !grow_table(l))
        return NULL;
    audit_group *g = group_new(case_id);
    if (!g)
        return NULL;
    g->hash = h;
    size_t k = h & (l->nbuckets - 1);
    g->next_hash = l->buckets[k];
    l->buckets[k] = g;
    g->prev_open = l->last_open;
    if (l->last_open)
        l->last_open->next_open = g;
    else
        l->first_open = g;
    l->last_open = g;
    if (++l->open > l->peak)
        l->peak = l->open;
    return g;
}

/* Hand a case on and free it. */
static void finish(audit_log *l, audit_group *g)
{
    size_t k = g->hash & (l->nbuckets - 1);
    for (audit_group **p = &l->buckets[k]; *p; p = &(*p)->next_hash)
        if (*p == g) {
            *p = g->next_hash;
            break;
        }
    if (g->prev_open)
        g->prev_open->next_open = g->next_open;
    else
        l->first_open = g->next_open;
    if (g->next_open)
        g->next_open->prev_open = g->prev_open;
    else
        l->last_open = g->prev_open;
    l->open--;
    l->sink.finish(l->sink.ctx, g);
    group_free(g);
}

static audit_event *add_event(audit_group *g)
{
    if (g->count == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 8;
        audit_event *e = realloc(g->events, cap * sizeof *e);
        if (!e)
            return NULL;
        g->events = e;
        g->cap = cap;
    }
    audit_event *e = &g->events[g->count++];
    memset(e, 0, sizeof *e);
    return e;
}

/* ---- Setup --------------------------------------------------------------- */

audit_log *audit_log_new(const char *columns, const audit_log_sink *sink)
{
    audit_log *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->sink = *sink;
    for (int i = 0; i < R_COUNT; i++)
        l->col[i] = -1;
    if (columns) {
        l->wide = true;
        l->columns_spec = strdup(columns);
        if (!l->columns_spec) {
            free(l);
            return NULL;
        }
    }
    return l;
}

void audit_log_free(audit_log *l)
{
    if (!l)
        return;
    while (l->first_open) {
        audit_group *g = l->first_open;
        l->first_open = g->next_open;
        group_free(g);
    }
    free(l->buckets);
    free(l->counts);
    free(l->map);
    free(l->events);
    free(l->columns_spec);
    free(l);
}

static int find_role(const char *name)
{
    for (size_t i = 0; i < sizeof role_names / sizeof role_names[0]; i++)
        if (strcasecmp(role_names[i].name, name) == 0)
            return (int)role_names[i].role;
    return -1;
}

static long find_header(const csv_record *rec, const char *name)
{
    for (size_t i = 0; i < rec->count; i++) {
        char buf[256];
        snprintf(buf, sizeof buf, "%s", rec->fields[i]);
        if (strcasecmp(trim(buf), name) == 0)
            return (long)i;
    }
    return -1;
}

/* --columns received=Date Received,acknowledge=Ack Sent,respond=Response Date */
static int wide_header(audit_log *l, const csv_record *rec, char *err, size_t size)
{
    char *save = NULL;
    for (char *item = strtok_r(l->columns_spec, ",", &save); item;
         item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '=');
        if (!eq) {
            snprintf(err, size, "--columns: '%s' is not KEY=COLUMN", item);
            return -1;
        }
        *eq = '\0';
        char *key = trim(item), *header = trim(eq + 1);
        long col = find_header(rec, header);
        if (col < 0) {
            snprintf(err, size, "--columns: the header has no column '%s'", header);
            return -1;
        }
        int role = find_role(key);
        if (role >= 0 && role != R_DATE && role != R_EVENT) {
            l->col[role] = col;
            continue;
        }
        const char *ev = event_name(l, key);
        if (!ev) {
            snprintf(err, size, "--columns: unknown event '%s'", key);
            return -1;
        }
        key = (char *)ev;
        event_column *e = realloc(l->events, (l->nevents + 1) * sizeof *e);
        if (!e) {
            snprintf(err, size, "out of memory");
            return -1;
        }
        l->events = e;
        e[l->nevents].event = key;
        e[l->nevents].header = header;
        e[l->nevents++].col = col;
    }
    const event_column *received = NULL;
    for (size_t i = 0; i < l->nevents; i++) {
        if (strcmp(l->events[i].event, "receive") != 0)
            continue;
        if (received) {
            /* Two dates received: which one counts is not for the audit to guess. */
            snprintf(err, size, "--columns names the date received twice ('%s' and '%s'): "
                     "name one column received=COLUMN", received->header, l->events[i].header);
            return -1;
        }
        received = &l->events[i];
    }
    if (!received) {
        snprintf(err, size, "--columns must name the date received: received=COLUMN");
        return -1;
    }
    if (l->col[R_CASE] < 0 && (l->col[R_CASE] = find_header(rec, "case_id")) < 0) {
        snprintf(err, size, "--columns must name the case reference: case_id=COLUMN");
        return -1;
    }
    if (l->col[R_PROC] < 0)
        l->col[R_PROC] = find_header(rec, "procedure");
    if (l->col[R_KIND] < 0)
        l->col[R_KIND] = find_header(rec, "kind");
    return 0;
}

int audit_log_header(audit_log *l, const csv_record *rec, char *err, size_t size)
{
    l->ncols = rec->count;
    if (l->wide)
        return wide_header(l, rec, err, size);
    for (size_t i = 0; i < rec->count; i++) {
        char buf[256];
        snprintf(buf, sizeof buf, "%s", rec->fields[i]);
        int role = find_role(trim(buf));
        if (role >= 0 && l->col[role] < 0)
            l->col[role] = (long)i;
    }
    static const enum role required[] = { R_CASE, R_DATE, R_EVENT };
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (l->col[required[i]] < 0) {
            snprintf(err, size,
                     "the header has no '%s' column (an event log needs case_id, procedure, "
                     "kind, date, event; a wide export needs --columns)",
                     role_names[required[i]].name);
            return -1;
        }
    return 0;
}

/* ---- Rows ---------------------------------------------------------------- */

static const char *cell(const audit_log *l, const csv_record *rec, enum role r)
{
    return l->col[r] >= 0 ? trim(rec->fields[l->col[r]]) : "";
}

static void reject(audit_log *l, long line, const char *case_id, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static void reject(audit_log *l, long line, const char *case_id, const char *fmt, ...)
{
    char why[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    l->sink.reject(l->sink.ctx, line, case_id, why);
}

static bool fill_event(audit_log *l, audit_event *e, const csv_record *rec, const char *name,
                       ukc_date date)
{
    e->line = rec->line;
    e->date = date;
    e->event = name; /* static, or the --events map's: both outlive the groups */
    e->method = own(cell(l, rec, R_METHOD));
    e->delivery = own(cell(l, rec, R_DELIVERY));
    e->reasons = own(cell(l, rec, R_REASONS));
    e->ground = own(cell(l, rec, R_GROUND));
    e->body = own(cell(l, rec, R_BODY));
    e->days = own(cell(l, rec, R_DAYS));
    e->note = own(cell(l, rec, R_NOTE));
    return true;
}

static void set_receive(audit_group *g, const audit_log *l, const csv_record *rec, ukc_date d)
{
    g->has_receive = true;
    g->receive_line = rec->line;
    g->received = d;
    g->procedure = own(cell(l, rec, R_PROC));
    g->kind = own(cell(l, rec, R_KIND));
    g->channel = own(cell(l, rec, R_CHANNEL));
}

/* Whether a receive row comes before the case's receive in the order that
 * decides which of two is kept. */
static bool receive_before(const audit_log *l, const csv_record *rec, ukc_date d,
                           const audit_group *g)
{
    if (d != g->received)
        return d < g->received;
    int c = strcmp(cell(l, rec, R_PROC), g->procedure);
    if (!c)
        c = strcmp(cell(l, rec, R_KIND), g->kind);
    if (!c)
        c = strcmp(cell(l, rec, R_CHANNEL), g->channel);
    return c < 0;
}

/* A row of case id was rejected: the case is audited on part of its rows, and
 * each of its obligations says so. */
static void lose_row(audit_log *l, const char *id, unsigned long h)
{
    audit_group *g = find_or_add(l, id, h);
    if (g)
        g->lost++;
}

static void long_row(audit_log *l, const csv_record *rec, unsigned long h)
{
    const char *id = cell(l, rec, R_CASE), *name = cell(l, rec, R_EVENT);
    const char *when = cell(l, rec, R_DATE);
    char why[512] = "";
    ukc_date date;

    if (!*id) {
        reject(l, rec->line, "", "the case_id is empty");
        return;
    }
    bool receive = false;
    const char *event = *name ? row_event(l, name) : NULL;
    if (!*name)
        snprintf(why, sizeof why, "the event is empty");
    else if (!event)
        snprintf(why, sizeof why, "unknown event '%s' (name it with --events '%s=EVENT')", name,
                 name);
    else if (!*when)
        snprintf(why, sizeof why, "the date is empty");
    else if (!parse_date(l, when, &date))
        snprintf(why, sizeof why, "impossible date '%s' (expected YYYY-MM-DD, DD/MM/YYYY or "
                                  "either with a time; see --date-format)", when);
    receive = event && strcmp(event, "receive") == 0;
    name = event ? event : name;
    if (*why) {
        reject(l, rec->line, id, "%s", why);
        lose_row(l, id, h);
        return;
    }
    audit_group *g = find_or_add(l, id, h);
    if (!g) {
        reject(l, rec->line, id, "out of memory");
        return;
    }
    if (receive) {
        if (g->has_receive) {
            /* Keep the same one whatever the order of the rows: the earlier
             * date, then the smaller procedure, kind and channel. */
            long dropped = rec->line, kept = g->receive_line;
            if (receive_before(l, rec, date, g)) {
                dropped = g->receive_line;
                kept = rec->line;
                disown(g->procedure);
                disown(g->kind);
                disown(g->channel);
                set_receive(g, l, rec, date);
            }
            reject(l, dropped, id, "a second receive event for the case (the one kept is on "
                                   "line %ld)", kept);
            g->lost++;
            return;
        }
        set_receive(g, l, rec, date);
        return;
    }
    audit_event *e = add_event(g);
    if (!e || !fill_event(l, e, rec, name, date)) {
        reject(l, rec->line, id, "out of memory");
        g->lost++;
    }
}

static void wide_row(audit_log *l, const csv_record *rec)
{
    const char *id = cell(l, rec, R_CASE);
    if (!*id) {
        reject(l, rec->line, "", "the case reference is empty");
        return;
    }
    /* Check every cell first: a row with an impossible date is rejected whole,
     * so that no case is audited on part of its dates. */
    for (size_t i = 0; i < l->nevents; i++) {
        const char *v = trim(rec->fields[l->events[i].col]);
        ukc_date d;
        if (*v && !parse_date(l, v, &d)) {
            char what[320];
            snprintf(what, sizeof what, "column '%s': impossible date '%s'", l->events[i].header,
                     v);
            reject(l, rec->line, id, "%s", what);
            return;
        }
        if (!*v && strcmp(l->events[i].event, "receive") == 0) {
            reject(l, rec->line, id, "column '%s' (the date received) is empty",
                   l->events[i].header);
            return;
        }
    }
    audit_group *g = group_new(id);
    if (!g) {
        reject(l, rec->line, id, "out of memory");
        return;
    }
    for (size_t i = 0; i < l->nevents; i++) {
        const char *v = trim(rec->fields[l->events[i].col]);
        ukc_date d;
        if (!*v || !parse_date(l, v, &d))
            continue;
        if (strcmp(l->events[i].event, "receive") == 0) {
            set_receive(g, l, rec, d);
            continue;
        }
        audit_event *e = add_event(g);
        if (!e || !fill_event(l, e, rec, l->events[i].event, d)) {
            reject(l, rec->line, id, "out of memory");
            group_free(g);
            return;
        }
    }
    if (++l->open > l->peak)
        l->peak = l->open;
    l->open--;
    l->sink.finish(l->sink.ctx, g);
    group_free(g);
}

/* The case a record belongs to, for counting (both passes must agree): its
 * case_id cell, trimmed, when the record has one; else NULL. */
static const char *case_of(const audit_log *l, int kind, const csv_record *rec)
{
    if (kind != CSV_RECORD || l->wide || l->col[R_CASE] < 0 ||
        rec->count <= (size_t)l->col[R_CASE] || (rec->count == 1 && rec->lengths[0] == 0))
        return NULL;
    const char *id = trim(rec->fields[l->col[R_CASE]]);
    return *id ? id : NULL;
}

void audit_log_expect(audit_log *l, unsigned long long bytes)
{
    if (l->counts)
        return;
    l->ncounters = MIN_COUNTERS;
    while (l->ncounters < MAX_COUNTERS && l->ncounters * 32ull < bytes)
        l->ncounters *= 2;
}

void audit_log_count(audit_log *l, int kind, const csv_record *rec)
{
    const char *id = case_of(l, kind, rec);
    if (!id)
        return;
    if (!l->ncounters)
        l->ncounters = MAX_COUNTERS;
    if (!l->counts && !(l->counts = calloc(l->ncounters, sizeof *l->counts)))
        return; /* without counters every case is finished at the end */
    uint16_t *c = &l->counts[hash(id) & (l->ncounters - 1)];
    if (*c != UINT16_MAX)
        ++*c; /* a saturated counter never reaches zero: its cases end with the input */
}

/* Every row of the cases of counter k has been read: finish them. */
static void finish_counter(audit_log *l, size_t k)
{
    if (!l->nbuckets)
        return;
    for (audit_group *g = l->buckets[k & (l->nbuckets - 1)], *next; g; g = next) {
        next = g->next_hash;
        if ((g->hash & (l->ncounters - 1)) == k)
            finish(l, g);
    }
}

void audit_log_record(audit_log *l, int kind, const csv_record *rec)
{
    const char *id = case_of(l, kind, rec);
    unsigned long h = id ? hash(id) : 0;
    l->row++;
    if (kind == CSV_BAD) {
        char where[96] = "";
        if (rec->last_line > rec->line)
            snprintf(where, sizeof where, " (lines %ld to %ld are skipped)", rec->line,
                     rec->last_line);
        else if (rec->error_line != rec->line)
            snprintf(where, sizeof where, " (at line %ld)", rec->error_line);
        l->skipped_lines += (unsigned long long)(rec->last_line - rec->line + 1);
        reject(l, rec->line, "", "malformed CSV: %s%s", rec->error, where);
    } else if (rec->count == 1 && rec->lengths[0] == 0) {
        /* A blank line: nothing to audit, nothing lost. */
    } else if (rec->count != l->ncols) {
        char msg[96];
        snprintf(msg, sizeof msg, "expected %zu fields as in the header, found %zu", l->ncols,
                 rec->count);
        reject(l, rec->line, id ? id : "", "%s", msg);
        if (id)
            lose_row(l, id, h);
    } else if (l->wide) {
        wide_row(l, rec);
    } else {
        long_row(l, rec, h);
    }
    if (id && l->counts) {
        uint16_t *c = &l->counts[h & (l->ncounters - 1)];
        if (*c != UINT16_MAX && *c > 0 && --*c == 0)
            finish_counter(l, h & (l->ncounters - 1));
    }
}

void audit_log_end(audit_log *l)
{
    while (l->first_open)
        finish(l, l->first_open);
}

unsigned long long audit_log_skipped_lines(const audit_log *l)
{
    return l->skipped_lines;
}

size_t audit_log_open_cases(const audit_log *l)
{
    return l->open;
}

size_t audit_log_peak_cases(const audit_log *l)
{
    return l->peak;
}
