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
#if defined(__linux__)
#include <sys/mman.h>
#endif

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

    struct open_case *slots;  /* the open cases, by open addressing */
    size_t nslots, open, peak;
    size_t nbuckets;          /* the chained table's size, for the order of finishing */
    unsigned long long opened; /* cases opened so far */
    unsigned long ahead;      /* audit_log_ahead(): the hash of the row after next ... */
    bool has_ahead;           /* ... when known */
    unsigned grows;           /* times the chained table grew */
    struct open_case *group;  /* the cases of a counter, being finished */
    size_t group_cap;
    char *spare;              /* finished cases' buffers, kept for the next */
    audit_event *scratch;     /* a finished case's events, unpacked */
    const char *names[255];   /* the event names of packed records */
    unsigned nnames;
    size_t scratch_cap;
    uint16_t *counts; /* rows per counter still to read; NULL: no first pass */
    size_t ncounters;
    size_t pending[8];      /* first pass: counters to add a row to, fetched ahead */
    unsigned long long pushed;
    unsigned long long skipped_lines; /* physical lines of malformed records */
    char (*map)[2][128]; /* --events: folded name -> event */
    size_t nmap;
    struct {
        char raw[40];    /* an event name as the export writes it */
        const char *ev;  /* what it stands for, or NULL */
    } names_seen[64];    /* exports repeat a few names: look each up once */
    int date_format;
    struct {
        char iso[10];    /* YYYY-MM-DD as a cell writes it (zeros: none yet) */
        ukc_date date;
    } dates[256];        /* dates parsed lately */
};

/* ---- Small helpers ------------------------------------------------------- */

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
static bool parse_date(audit_log *l, const char *s, ukc_date *out)
{
    size_t n = strlen(s);
    if (n >= 10 && s[4] == '-' && s[7] == '-') {
        if (n > 10 && !((s[10] == 'T' || s[10] == ' ') && time_of_day(s + 11, s[10] == 'T')))
            return false;
        if (l->date_format == DATE_MDY)
            return false;
        /* Rows of an export share few dates: each is parsed once in a while. */
        unsigned k = ((unsigned char)s[3] * 10u + (unsigned char)s[6] * 31u +
                      (unsigned char)s[8] * 7u + (unsigned char)s[9]) &
                     (sizeof l->dates / sizeof l->dates[0] - 1);
        if (memcmp(l->dates[k].iso, s, 10) == 0) {
            *out = l->dates[k].date;
            return true;
        }
        if (ukc_date_parse_n(s, 10, out) != UKC_OK)
            return false;
        memcpy(l->dates[k].iso, s, 10);
        l->dates[k].date = *out;
        return true;
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

/* ---- Open cases ------------------------------------------------------------
 * An open case is packed: a slot of an open-addressing table that holds its
 * hash and its buffer, and the buffer, which holds a small head (the order
 * the case was opened in and its rows lost), its case_id and then a record
 * per row in the order read (a fixed head, then the row's non-empty cells).
 * The receive row is a record too, with no event name. A row therefore costs
 * no allocation of its own and finds its case in the slot it fetched while
 * it was read, and a case costs a few hundred bytes, whatever its columns.
 * When the case is finished it is unpacked into an audit_group whose strings
 * point into the buffer, and its buffer is kept for the next case.
 *
 * Cases that share a counter are finished together, in the order a table of
 * chained buckets gave them before: the newest first, and the order turned
 * round each time that table doubled (it moved each chain onto new heads).
 * Each case keeps the parity of those doublings when it was opened, so the
 * order is put together again when they are finished (finish_counter()). */

typedef struct open_case {
    char *buf;            /* case_head, case_id, then the records; NULL: free slot */
    uint32_t hash;        /* the low bits of the case_id's hash */
    uint32_t len, cap;
    uint32_t count;       /* events but receive */
    uint32_t receive_at;  /* offset of the kept receive record, or 0 */
    /* A short case_id again, so that a row finds its case without reading
     * the buffer it then only writes to: KEY_LONG when it is longer. */
    uint8_t keylen;
    char key[11];
} open_case;
#define KEY_LONG 0xFFu

typedef struct case_head {
    unsigned long long order; /* opened as the n-th case: 2n, plus the parity of doublings */
    size_t lost;              /* rows rejected */
} case_head;
#define CASE_ID(c) ((c)->buf + sizeof(case_head))

static case_head *head_of(const open_case *c)
{
    return (case_head *)(void *)c->buf;
}

/* The head of a record, as it is packed in HEAD_SIZE bytes: the line (8
 * bytes), the date (4), the event as 1 + its place in the log's table of
 * event names, 0 for receive (1), and the mask of the cells that follow (1),
 * each ending in NUL. */
typedef struct record_head {
    long line;
    ukc_date date;
    const char *event;    /* static or the --events map's; NULL for receive */
    unsigned mask;        /* bit i: cell i follows */
} record_head;
#define HEAD_SIZE 14u
#define MAX_NAMES 255u

/* The cells of an event record, in this order. */
static const enum role event_cells[] = { R_METHOD, R_DELIVERY, R_REASONS, R_GROUND,
                                         R_BODY,   R_DAYS,     R_NOTE };
/* The cells of a receive record. */
static const enum role receive_cells[] = { R_PROC, R_KIND, R_CHANNEL };

static const char *cell_n(const audit_log *l, const csv_record *rec, enum role r, size_t *len);
static const char *cell(const audit_log *l, const csv_record *rec, enum role r);
static void reject(audit_log *l, long line, const char *case_id, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#define FREE_KEEP 4096u /* a case buffer larger than this is not kept for reuse */

/* A spare buffer starts with the next one and its size. */
typedef struct spare_buf {
    char *next;
    uint32_t cap;
} spare_buf;

static void case_release(audit_log *l, open_case *c)
{
    if (c->cap > FREE_KEEP || c->cap < sizeof(spare_buf)) {
        free(c->buf);
    } else {
        spare_buf s = { l->spare, c->cap };
        memcpy(c->buf, &s, sizeof s);
        l->spare = c->buf;
    }
    c->buf = NULL;
    c->cap = 0;
}

static bool reserve(open_case *c, size_t n)
{
    if (c->cap - c->len >= n)
        return true;
    /* Sizes that fill malloc's chunks (16k + 8 usable bytes): most cases fit
     * in the first, 136 bytes. */
    size_t cap = c->cap ? c->cap : 136;
    while (cap - c->len < n)
        cap = (cap + cap / 2) / 16 * 16 + 8;
    if (cap > UINT32_MAX)
        return false;
    char *b = realloc(c->buf, cap);
    if (!b)
        return false;
    c->buf = b;
    c->cap = cap;
    return true;
}

/* The event name's place in the table, plus one; 0 for NULL or when full. */
static unsigned name_index(audit_log *l, const char *event)
{
    if (!event)
        return 0;
    for (unsigned i = 0; i < l->nnames; i++)
        if (l->names[i] == event)
            return i + 1;
    if (l->nnames == MAX_NAMES)
        return 0;
    l->names[l->nnames++] = event;
    return l->nnames;
}

static void put_head(char *p, const record_head *h, unsigned name)
{
    int64_t line = h->line;
    int32_t date = h->date;
    memcpy(p, &line, 8);
    memcpy(p + 8, &date, 4);
    p[12] = (char)name;
    p[13] = (char)h->mask;
}

static const char *get_head(const audit_log *l, const char *p, record_head *h)
{
    int64_t line;
    int32_t date;
    memcpy(&line, p, 8);
    memcpy(&date, p + 8, 4);
    h->line = (long)line;
    h->date = date;
    unsigned name = (unsigned char)p[12];
    h->event = name ? l->names[name - 1] : NULL;
    h->mask = (unsigned char)p[13];
    return p + HEAD_SIZE;
}

/* Append a record of the row: its head and the cells of roles that are not
 * empty. Returns its offset, or 0 when out of memory. */
static size_t pack(audit_log *l, open_case *c, const csv_record *rec, const char *event,
                   ukc_date date, const enum role *roles, size_t n)
{
    const char *cells[8];
    size_t lens[8], need = HEAD_SIZE;
    record_head h = { rec->line, date, event, 0 };
    unsigned name = name_index(l, event);
    if (event && !name)
        return 0;
    for (size_t i = 0; i < n; i++) {
        cells[i] = cell_n(l, rec, roles[i], &lens[i]);
        lens[i] += lens[i] ? 1 : 0;
        h.mask |= lens[i] ? 1u << i : 0;
        need += lens[i];
    }
    if (!reserve(c, need))
        return 0;
    size_t at = c->len;
    put_head(c->buf + at, &h, name);
    c->len += HEAD_SIZE;
    for (size_t i = 0; i < n; i++) {
        memcpy(c->buf + c->len, cells[i], lens[i]);
        c->len += lens[i];
    }
    return at;
}

/* The record at p: its head, and its cells into out[0..n) (7 for an event, 3
 * for receive). Returns the next. */
static const char *unpack(const audit_log *l, const char *p, record_head *h, const char **out)
{
    p = get_head(l, p, h);
    for (size_t i = 0, n = h->event ? 7 : 3; i < n; i++) {
        out[i] = "";
        if (h->mask & (1u << i)) {
            out[i] = p;
            p += strlen(p) + 1;
        }
    }
    return p;
}

/* Double the table of slots (or make it). */
static bool grow_slots(audit_log *l)
{
    size_t n = l->nslots ? l->nslots * 2 : 1024;
    open_case *t = calloc(n, sizeof *t);
    if (!t)
        return false;
    for (size_t i = 0; i < l->nslots; i++) {
        if (!l->slots[i].buf)
            continue;
        size_t k = l->slots[i].hash & (n - 1);
        while (t[k].buf)
            k = (k + 1) & (n - 1);
        t[k] = l->slots[i];
    }
    free(l->slots);
    l->slots = t;
    l->nslots = n;
    return true;
}

/* Remove the case of slot i, moving back the cases after it that may move. */
static void remove_slot(audit_log *l, size_t i)
{
    size_t mask = l->nslots - 1;
    for (size_t j = (i + 1) & mask; l->slots[j].buf; j = (j + 1) & mask) {
        size_t home = l->slots[j].hash & mask;
        if (((j - home) & mask) >= ((j - i) & mask)) {
            l->slots[i] = l->slots[j];
            i = j;
        }
    }
    l->slots[i].buf = NULL;
}

/* The chained table the order of finishing follows: it doubled when a new
 * case made it more than half full, up to the number of counters. */
static void grow_chains(audit_log *l)
{
    size_t n = l->nbuckets ? l->nbuckets * 2 : 1024;
    if (n > MAX_COUNTERS || (l->counts && n > l->ncounters))
        return;
    l->nbuckets = n;
    l->grows++;
}

static bool same_case(const open_case *g, const char *case_id, size_t n, unsigned long h)
{
    if (g->hash != (uint32_t)h)
        return false;
    if (g->keylen == KEY_LONG)
        return strcmp(CASE_ID(g), case_id) == 0;
    return g->keylen == n && memcmp(g->key, case_id, n) == 0;
}

static open_case *find_or_add(audit_log *l, const char *case_id, unsigned long h)
{
    size_t n = strlen(case_id), k = 0;
    if (l->nslots) {
        for (k = h & (l->nslots - 1); l->slots[k].buf; k = (k + 1) & (l->nslots - 1))
            if (same_case(&l->slots[k], case_id, n, h))
                return &l->slots[k];
    }
    if (l->open + 1 > l->nbuckets / 2)
        grow_chains(l);
    if (l->open + 1 > l->nslots / 2) {
        if (!grow_slots(l))
            return NULL;
        for (k = h & (l->nslots - 1); l->slots[k].buf; k = (k + 1) & (l->nslots - 1))
            ;
    }
    open_case g = { .hash = (uint32_t)h };
    if (l->spare) {
        spare_buf s;
        memcpy(&s, l->spare, sizeof s);
        g.buf = l->spare;
        g.cap = s.cap;
        l->spare = s.next;
    }
    if (!reserve(&g, sizeof(case_head) + n + 1)) {
        free(g.buf);
        return NULL;
    }
    case_head head = { 2 * l->opened++ + (l->grows & 1u), 0 };
    memcpy(g.buf, &head, sizeof head);
    memcpy(CASE_ID(&g), case_id, n + 1);
    g.len = (uint32_t)(sizeof head + n + 1);
    g.keylen = n <= sizeof g.key ? (uint8_t)n : KEY_LONG;
    if (n <= sizeof g.key)
        memcpy(g.key, case_id, n);
    l->slots[k] = g;
    if (++l->open > l->peak)
        l->peak = l->open;
    return &l->slots[k];
}

/* Room for n events to unpack a case into. */
static bool scratch(audit_log *l, size_t n)
{
    if (n <= l->scratch_cap)
        return true;
    audit_event *e = realloc(l->scratch, n * sizeof *e);
    if (!e)
        return false;
    l->scratch = e;
    l->scratch_cap = n;
    return true;
}

/* Unpack a case taken out of the table, hand it on, and keep its memory for
 * the next. */
static void finish(audit_log *l, open_case *g)
{
    l->open--;
    audit_group a = { .case_id = CASE_ID(g), .procedure = "", .kind = "", .channel = "",
                      .lost = head_of(g)->lost };
    const char *cells[8];
    record_head h;
    if (g->receive_at) {
        unpack(l, g->buf + g->receive_at, &h, cells);
        a.has_receive = true;
        a.receive_line = h.line;
        a.received = h.date;
        a.procedure = cells[0];
        a.kind = cells[1];
        a.channel = cells[2];
    }
    const char *p = a.case_id + strlen(a.case_id) + 1, *end = g->buf + g->len;
    if (!scratch(l, g->count)) {
        /* The case cannot be handed on: each of its rows is lost. */
        while (p < end) {
            p = unpack(l, p, &h, cells);
            reject(l, h.line, a.case_id, "out of memory");
        }
        case_release(l, g);
        return;
    }
    size_t n = 0;
    while (p < end) {
        p = unpack(l, p, &h, cells);
        if (!h.event)
            continue; /* a receive row */
        l->scratch[n++] = (audit_event){ .line = h.line, .date = h.date, .event = h.event,
                                         .method = cells[0], .delivery = cells[1],
                                         .reasons = cells[2], .ground = cells[3],
                                         .body = cells[4], .days = cells[5], .note = cells[6] };
    }
    a.events = l->scratch;
    a.count = n;
    l->sink.finish(l->sink.ctx, &a);
    case_release(l, g);
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
    for (size_t i = 0; i < l->nslots; i++)
        free(l->slots[i].buf);
    while (l->spare) {
        spare_buf s;
        memcpy(&s, l->spare, sizeof s);
        free(l->spare);
        l->spare = s.next;
    }
    free(l->scratch);
    free(l->slots);
    free(l->group);
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

/* A field of a record trimmed of spaces in place, and its length, from the
 * length the reader gives: the spaces a trim before turned into NULs are
 * trimmed again (a field read holds no NUL of its own). */
static char *trim_field(const csv_record *rec, size_t i, size_t *len)
{
    char *s = rec->fields[i];
    size_t n = rec->lengths[i], k = 0;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\0'))
        s[--n] = '\0';
    while (k < n && s[k] == ' ')
        k++;
    *len = n - k;
    return s + k;
}

static const char *cell_n(const audit_log *l, const csv_record *rec, enum role r, size_t *len)
{
    *len = 0;
    return l->col[r] >= 0 ? trim_field(rec, (size_t)l->col[r], len) : "";
}

static const char *cell(const audit_log *l, const csv_record *rec, enum role r)
{
    size_t len;
    return cell_n(l, rec, r, &len);
}

static void reject(audit_log *l, long line, const char *case_id, const char *fmt, ...)
{
    char why[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    l->sink.reject(l->sink.ctx, line, case_id, why);
}

/* Whether a receive row comes before the case's receive in the order that
 * decides which of two is kept. */
static bool receive_before(const audit_log *l, const csv_record *rec, ukc_date d,
                           const open_case *g)
{
    record_head h;
    const char *kept[3];
    unpack(l, g->buf + g->receive_at, &h, kept);
    if (d != h.date)
        return d < h.date;
    int c = 0;
    for (size_t i = 0; !c && i < 3; i++)
        c = strcmp(cell(l, rec, receive_cells[i]), kept[i]);
    return c < 0;
}

/* A row of case id was rejected: the case is audited on part of its rows, and
 * each of its obligations says so. */
static void lose_row(audit_log *l, const char *id, unsigned long h)
{
    open_case *g = find_or_add(l, id, h);
    if (g)
        head_of(g)->lost++;
}

static void long_row(audit_log *l, const csv_record *rec, unsigned long h)
{
    const char *id = cell(l, rec, R_CASE), *name = cell(l, rec, R_EVENT);
    const char *when = cell(l, rec, R_DATE);
    char why[512];
    ukc_date date;

    why[0] = '\0'; /* not "" in the declaration: that clears 512 bytes a row */

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
    open_case *g = find_or_add(l, id, h);
    if (!g) {
        reject(l, rec->line, id, "out of memory");
        return;
    }
    if (receive) {
        if (g->receive_at) {
            /* Keep the same one whatever the order of the rows: the earlier
             * date, then the smaller procedure, kind and channel. */
            record_head kept;
            get_head(l, g->buf + g->receive_at, &kept);
            long dropped = rec->line;
            if (receive_before(l, rec, date, g)) {
                size_t at = pack(l, g, rec, NULL, date, receive_cells, 3);
                if (!at) {
                    reject(l, rec->line, id, "out of memory");
                    head_of(g)->lost++;
                    return;
                }
                dropped = kept.line;
                g->receive_at = at;
            }
            reject(l, dropped, id, "a second receive event for the case (the one kept is on "
                                   "line %ld)", dropped == rec->line ? kept.line : rec->line);
            head_of(g)->lost++;
            return;
        }
        if (!(g->receive_at = pack(l, g, rec, NULL, date, receive_cells, 3))) {
            reject(l, rec->line, id, "out of memory");
            head_of(g)->lost++;
        }
        return;
    }
    if (!pack(l, g, rec, name, date, event_cells, 7)) {
        reject(l, rec->line, id, "out of memory");
        head_of(g)->lost++;
        return;
    }
    g->count++;
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
    /* The row is the whole case: hand it on from the row's own cells. */
    if (!scratch(l, l->nevents)) {
        reject(l, rec->line, id, "out of memory");
        return;
    }
    audit_group g = { .case_id = id, .procedure = "", .kind = "", .channel = "",
                      .events = l->scratch };
    const char *f[7];
    for (size_t i = 0; i < 7; i++)
        f[i] = cell(l, rec, event_cells[i]);
    for (size_t i = 0; i < l->nevents; i++) {
        const char *v = trim(rec->fields[l->events[i].col]);
        ukc_date d;
        if (!*v || !parse_date(l, v, &d))
            continue;
        if (strcmp(l->events[i].event, "receive") == 0) {
            g.has_receive = true;
            g.receive_line = rec->line;
            g.received = d;
            g.procedure = cell(l, rec, R_PROC);
            g.kind = cell(l, rec, R_KIND);
            g.channel = cell(l, rec, R_CHANNEL);
            continue;
        }
        l->scratch[g.count++] = (audit_event){ .line = rec->line, .date = d,
                                               .event = l->events[i].event, .method = f[0],
                                               .delivery = f[1], .reasons = f[2], .ground = f[3],
                                               .body = f[4], .days = f[5], .note = f[6] };
    }
    if (++l->open > l->peak)
        l->peak = l->open;
    l->open--;
    l->sink.finish(l->sink.ctx, &g);
}

/* The case a record belongs to, for counting (both passes must agree): its
 * case_id cell, trimmed, when the record has one; else NULL. */
static const char *case_of(const audit_log *l, int kind, const csv_record *rec)
{
    if (kind != CSV_RECORD || l->wide || l->col[R_CASE] < 0 ||
        rec->count <= (size_t)l->col[R_CASE] || (rec->count == 1 && rec->lengths[0] == 0))
        return NULL;
    size_t len;
    const char *id = trim_field(rec, (size_t)l->col[R_CASE], &len);
    return len ? id : NULL;
}

void audit_log_expect(audit_log *l, unsigned long long bytes)
{
    if (l->counts)
        return;
    l->ncounters = MIN_COUNTERS;
    while (l->ncounters < MAX_COUNTERS && l->ncounters * 32ull < bytes)
        l->ncounters *= 2;
}

/* Fetch a counter before it is used: the table is larger than the caches, so
 * each row's counter is otherwise a wait on memory. */
static inline void fetch(const uint16_t *c)
{
#if defined(__GNUC__)
    __builtin_prefetch(c, 1);
#else
    (void)c;
#endif
}

static inline void fetch_case(const open_case *b)
{
#if defined(__GNUC__)
    __builtin_prefetch(b, 0);
#else
    (void)b;
#endif
}

static void bump(audit_log *l, size_t k)
{
    uint16_t *c = &l->counts[k];
    if (*c != UINT16_MAX)
        ++*c; /* a saturated counter never reaches zero: its cases end with the input */
}

/* The counters, cleared. Each row reads and writes one at random, twice, so
 * a table of megabytes is kept on huge pages where the system has them: a
 * row's counter then costs a wait on memory, but no walk of the page tables. */
static uint16_t *counters_new(size_t n)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    size_t huge = (size_t)2 << 20, bytes = n * sizeof(uint16_t);
    void *p;
    if (bytes >= huge && posix_memalign(&p, huge, bytes) == 0) {
        madvise(p, bytes, MADV_HUGEPAGE); /* advice: without it, ordinary pages */
        return memset(p, 0, bytes);
    }
#endif
    return calloc(n, sizeof(uint16_t));
}

/* Count a row of the case id (trimmed and not empty) in the first pass. The
 * row is added eight rows later, its counter fetched meanwhile (the order of
 * the additions changes nothing); count_flush() adds the last ones. */
static void count_row(audit_log *l, const char *id)
{
    if (!l->ncounters)
        l->ncounters = MAX_COUNTERS;
    if (!l->counts && !(l->counts = counters_new(l->ncounters)))
        return; /* without counters every case is finished at the end */
    size_t k = hash(id) & (l->ncounters - 1), slot = l->pushed++ & 7;
    fetch(&l->counts[k]);
    if (l->pushed > 8)
        bump(l, l->pending[slot]);
    l->pending[slot] = k;
}

static void count_flush(audit_log *l)
{
    for (unsigned long long i = l->pushed > 8 ? l->pushed - 8 : 0; i < l->pushed; i++)
        bump(l, l->pending[i & 7]);
    l->pushed = 0;
}

void audit_log_count(audit_log *l, int kind, const csv_record *rec)
{
    const char *id = case_of(l, kind, rec);
    if (id)
        count_row(l, id);
}

void audit_log_count_id(audit_log *l, char *field)
{
    const char *id = trim(field);
    if (*id && !l->wide)
        count_row(l, id);
}

void audit_log_count_reset(audit_log *l)
{
    l->pushed = 0;
    if (l->counts)
        memset(l->counts, 0, l->ncounters * sizeof *l->counts);
}

long audit_log_case_column(const audit_log *l)
{
    return l->wide ? -1 : l->col[R_CASE];
}

static int by_order(const void *pa, const void *pb)
{
    unsigned long long a = head_of(pa)->order >> 1, b = head_of(pb)->order >> 1;
    return a < b ? -1 : a > b;
}

static void reverse(open_case *g, size_t n)
{
    for (size_t a = 0, b = n; a + 1 < b; a++, b--) {
        open_case t = g[a];
        g[a] = g[b - 1];
        g[b - 1] = t;
    }
}

static unsigned parity(const open_case *g)
{
    return (unsigned)(head_of(g)->order & 1u);
}

/* The cases of one counter g[0..n), sorted by the order they were opened in,
 * put in the order the chained table held them: each opened at the head of
 * the chain, and the chain turned round at each doubling. A counter has few
 * cases, so the chain is simply built again, in the room after the group. */
static void chain_order(audit_log *l, open_case *g, size_t n)
{
    open_case *chain = l->group + l->group_cap - n;
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && parity(&g[i]) != parity(&g[i - 1]))
            reverse(chain, len);
        memmove(chain + 1, chain, len * sizeof *chain);
        chain[0] = g[i];
        len++;
    }
    if ((l->grows & 1u) != parity(&g[n - 1]))
        reverse(chain, len);
    memcpy(g, chain, n * sizeof *g);
}

/* Every row of the cases of counter k has been read: take them out of the
 * table and finish them. */
static void finish_counter(audit_log *l, size_t k)
{
    if (!l->nslots)
        return;
    size_t mask = l->nslots - 1, n = 0;
    /* A case of counter k is in the run of slots that starts at its home:
     * k, or with more slots than counters, k plus a multiple of them. */
    for (size_t home = k & mask; home < l->nslots; home += l->ncounters) {
        for (size_t i = home; l->slots[i].buf; i = (i + 1) & mask) {
            const open_case *g = &l->slots[i];
            if ((g->hash & mask) != home || (g->hash & (l->ncounters - 1)) != k)
                continue;
            if (2 * (n + 1) > l->group_cap) {
                size_t cap = l->group_cap ? 2 * l->group_cap : 16;
                open_case *t = realloc(l->group, cap * sizeof *t);
                if (!t)
                    break; /* the rest are finished at the end of the input */
                l->group = t;
                l->group_cap = cap;
            }
            l->group[n++] = *g;
        }
    }
    for (size_t j = 0; j < n; j++) {
        size_t i = l->group[j].hash & mask;
        while (l->slots[i].buf != l->group[j].buf)
            i = (i + 1) & mask;
        remove_slot(l, i);
    }
    if (n > 1) {
        qsort(l->group, n, sizeof *l->group, by_order);
        chain_order(l, l->group, n);
    }
    for (size_t j = 0; j < n; j++)
        finish(l, &l->group[j]);
}

void audit_log_record(audit_log *l, int kind, const csv_record *rec)
{
    const char *id = case_of(l, kind, rec);
    unsigned long h = id ? hash(id) : 0;
    if (l->pushed)
        count_flush(l); /* the first pass is over */
    if (id && l->counts)
        fetch(&l->counts[h & (l->ncounters - 1)]); /* while the row is read */
    if (id && l->nslots) { /* and its case is looked for (a slot may span two lines) */
        fetch_case(&l->slots[h & (l->nslots - 1)]);
        fetch_case((const open_case *)((const char *)&l->slots[h & (l->nslots - 1)] +
                                       sizeof(open_case) - 1));
    }
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

void audit_log_ahead(audit_log *l, const char *s, size_t n)
{
    unsigned long next = l->ahead; /* the row after the one just given */
    bool has_next = l->has_ahead;
    l->has_ahead = false;
    while (n && s[0] == ' ')
        s++, n--;
    while (n && s[n - 1] == ' ')
        n--;
    if (!l->nslots)
        return;
    size_t mask = l->nslots - 1;
    if (n) { /* two rows ahead: its counter and its slot */
        unsigned long h = 2166136261u; /* hash() of the trimmed case_id */
        for (size_t i = 0; i < n; i++)
            h = (h ^ (unsigned char)s[i]) * 16777619u;
        if (l->counts)
            fetch(&l->counts[h & (l->ncounters - 1)]);
        fetch_case(&l->slots[h & mask]);
        fetch_case((const open_case *)((const char *)&l->slots[h & mask] + sizeof(open_case) - 1));
        l->ahead = h;
        l->has_ahead = true;
    }
    if (!has_next)
        return;
    /* One row ahead: its slot was fetched a row ago; fetch the end of its
     * case's buffer, where the row will be written. */
    for (size_t k = next & mask, tries = 0; l->slots[k].buf && tries < 4;
         k = (k + 1) & mask, tries++)
        if (l->slots[k].hash == (uint32_t)next) {
#if defined(__GNUC__)
            __builtin_prefetch(l->slots[k].buf + l->slots[k].len, 1);
#endif
            break;
        }
}

void audit_log_end(audit_log *l)
{
    if (l->pushed)
        count_flush(l);
    /* The cases left, in the order they were opened. */
    size_t n = 0;
    for (size_t i = 0; i < l->nslots; i++)
        if (l->slots[i].buf)
            l->slots[n++] = l->slots[i];
    if (n) /* no open case: slots may never have been allocated */
        qsort(l->slots, n, sizeof *l->slots, by_order);
    for (size_t i = 0; i < n; i++) {
        open_case g = l->slots[i];
        l->slots[i].buf = NULL;
        finish(l, &g);
    }
    l->nslots = 0; /* no longer a table */
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
