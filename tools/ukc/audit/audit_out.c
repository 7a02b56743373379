/* ukc audit, layer 3: outputs. Each obligation, finding and rejected row is
 * written as it comes (CSV, JSON Lines, errors file, the HTML report's lists
 * on a temporary file) and counted into the summary's figures, whose size
 * depends on the number of procedures, stages and months, never on rows. */
#include "audit.h"
#include "../cli.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Groups of figures, found through a hash index of their keys (cleared when
 * the groups are sorted for the summary; a linear search then). */
#define STAT_SLOTS 4096u

typedef struct stats {
    audit_stat *v;
    size_t n, cap;
    uint32_t index[STAT_SLOTS]; /* 1 + the group's place, or 0 */
    bool unindexed;
} stats;

/* The rules behind the obligations written, each once (--rules): keyed by
 * procedure and obligation ID, in an open-addressing table. Rules are few
 * (a policy's), rows many. */
typedef struct rule_row {
    char *procedure, *obligation; /* copies: the key */
    const char *rule, *text;      /* the policy's */
    const ukc_citation *citation;
    uint32_t hash;
} rule_row;

typedef struct rules {
    rule_row *v;    /* slots; procedure == NULL: empty */
    size_t n, cap;  /* cap: a power of two, at least twice n */
} rules;

/* What the obligations of one explanation share, worked out once: thousands
 * of rows share each explanation the engine numbers, and with it the
 * procedure, the obligation and the due date. By its number, in a table of a
 * fixed size; the policy's strings the entry was made for are kept to check. */
#define EXPLAINED_SLOTS 1024u

typedef struct explained_memo {
    unsigned long explained;     /* 0: empty */
    const char *procedure, *stage, *kind;
    bool quoted;                 /* cells holds what --out's rows of it share */
    size_t head;                 /* cells: "procedure,...,due," (head bytes), ",ids,rest" */
    bool ruled;                  /* the rule is noted for --rules */
    csv_line cells;
    size_t cap;                  /* bytes at cells.s */
    size_t group, month;         /* 1 + the place of its figures, or 0 */
} explained_memo;

struct audit_out {
    audit_out_files files;
    audit_html *html;
    stats groups, months;
    unsigned long long obligations, findings, warnings, rejected, cases, rows;
    unsigned long long later, incomplete, skipped_lines;
    unsigned long long shown_rejects;
    bool errors_header;
    csv_line line;                 /* rows of --out not yet written (up to OUT_CHUNK) */
    bool oom;                      /* a row could not be built: the output is incomplete */
    rules rules;
    explained_memo *memo;          /* EXPLAINED_SLOTS, made with the first row */
    char dates[1024][UKC_DATE_BUFSIZE]; /* dates formatted lately, by day & 1023 */
    ukc_date dated[1024];
};

static void json_str(FILE *f, const char *s)
{
    putc('"', f);
    for (;;) {
        size_t n = 0;
        while (s[n] && s[n] != '"' && s[n] != '\\' && (unsigned char)s[n] >= 0x20 &&
               s[n] != 0x7f)
            n++;
        fwrite(s, 1, n, f);
        s += n;
        if (!*s)
            break;
        unsigned char c = (unsigned char)*s++;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else
            fprintf(f, "\\u%04x", c);
    }
    putc('"', f);
}

static void json_date(FILE *f, ukc_date d)
{
    char iso[UKC_DATE_BUFSIZE];
    if (!d || ukc_date_format(d, iso, sizeof iso) != UKC_OK) {
        fputs("null", f);
        return;
    }
    fprintf(f, "\"%s\"", iso);
}

/* Rows of --out are built one after another in memory and written in chunks
 * of this size. */
#define OUT_CHUNK (1u << 16)

static void flush_csv(audit_out *o)
{
    if (o->line.len && !o->line.failed)
        fwrite(o->line.s, 1, o->line.len, o->files.csv);
    o->line.len = 0;
}

static const char csv_header[] =
    "case_id,procedure,kind,stage,obligation,bound,start,due,done,status,working_days_late,"
    "explanation_ids,explanation,case_complete\n";
static const char rules_header[] =
    "procedure,obligation,rule,text,citation_document,citation_section,citation_quote\n";

audit_out *audit_out_new(const audit_out_files *files)
{
    audit_out *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->files = *files;
    if (files->html && !(o->html = audit_html_new(files->html))) {
        free(o);
        return NULL;
    }
    const char *bom = files->excel ? "\xEF\xBB\xBF" : "";
    if (files->csv)
        fprintf(files->csv, "%s%s", bom, csv_header);
    if (files->rules)
        fprintf(files->rules, "%s%s", bom, rules_header);
    if (files->findings)
        fputs(bom, files->findings);
    if (files->errors)
        fputs(bom, files->errors);
    if (files->findings)
        fputs("case_id,procedure,kind,line,event,date,reason,slug,message,citation_document,"
              "citation_section,citation_quote,allowed\n", files->findings);
    if (files->errors)
        fputs("line,case_id,error\n", files->errors);
    return o;
}

static void stats_free(stats *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].procedure);
        free(s->v[i].stage);
        free(s->v[i].obligation);
        free(s->v[i].late_hist);
    }
    free(s->v);
}

void audit_out_free(audit_out *o)
{
    if (!o)
        return;
    if (o->files.csv)
        flush_csv(o);
    audit_html_free(o->html);
    for (size_t i = 0; i < o->rules.cap; i++) {
        free(o->rules.v[i].procedure);
        free(o->rules.v[i].obligation);
    }
    free(o->rules.v);
    for (size_t i = 0; o->memo && i < EXPLAINED_SLOTS; i++)
        free(o->memo[i].cells.s);
    free(o->memo);
    free(o->line.s);
    stats_free(&o->groups);
    stats_free(&o->months);
    free(o);
}

static uint32_t key_hash(const char *a, const char *b, const char *c)
{
    uint32_t h = 2166136261u;
    for (const char *k[] = { a, b, c }, **p = k; p < k + 3; p++) {
        for (const char *q = *p; *q; q++)
            h = (h ^ (unsigned char)*q) * 16777619u;
        h = (h ^ 0xff) * 16777619u;
    }
    return h;
}

static bool same_key(const audit_stat *t, const char *a, const char *b, const char *c)
{
    return strcmp(t->procedure, a) == 0 && strcmp(t->stage, b) == 0 &&
           strcmp(t->obligation, c) == 0;
}

static audit_stat *stat_for(stats *s, const char *a, const char *b, const char *c)
{
    uint32_t h = key_hash(a, b, c), k = h & (STAT_SLOTS - 1);
    bool indexed = !s->unindexed && s->n < STAT_SLOTS / 2;
    if (indexed) {
        for (; s->index[k]; k = (k + 1) & (STAT_SLOTS - 1))
            if (same_key(&s->v[s->index[k] - 1], a, b, c))
                return &s->v[s->index[k] - 1];
    } else {
        for (size_t i = 0; i < s->n; i++)
            if (same_key(&s->v[i], a, b, c))
                return &s->v[i];
    }
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        audit_stat *v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return NULL;
        s->v = v;
        s->cap = cap;
    }
    audit_stat *t = &s->v[s->n];
    memset(t, 0, sizeof *t);
    t->procedure = strdup(a);
    t->stage = strdup(b);
    t->obligation = strdup(c);
    if (!t->procedure || !t->stage || !t->obligation) {
        free(t->procedure);
        free(t->stage);
        free(t->obligation);
        return NULL;
    }
    if (indexed)
        s->index[k] = (uint32_t)s->n + 1;
    return &s->v[s->n++];
}

static void count(audit_stat *t, const audit_obligation *ob)
{
    if (!t)
        return;
    t->total++;
    if (ob->state == UKC_STATE_MET) {
        t->met++;
        return;
    }
    if (!audit_decided(ob)) {
        t->open++;
        return;
    }
    t->missed++;
    int32_t d = ob->late < 0 ? 0 : ob->late;
    if ((size_t)d >= t->hist_size) {
        size_t n = (size_t)d + 1 > t->hist_size * 2 ? (size_t)d + 1 : t->hist_size * 2;
        uint32_t *h = realloc(t->late_hist, n * sizeof *h);
        if (!h)
            return;
        memset(h + t->hist_size, 0, (n - t->hist_size) * sizeof *h);
        t->late_hist = h;
        t->hist_size = n;
    }
    t->late_hist[d]++;
    if (d > t->worst)
        t->worst = d;
}

double audit_stat_median(const audit_stat *s)
{
    if (!s->missed)
        return -1;
    /* The middle value (or the mean of the two middle values) of the lateness. */
    unsigned long long lo = (s->missed - 1) / 2, hi = s->missed / 2, seen = 0;
    double a = -1, b = -1;
    for (size_t d = 0; d < s->hist_size; d++) {
        seen += s->late_hist[d];
        if (a < 0 && seen > lo)
            a = (double)d;
        if (b < 0 && seen > hi) {
            b = (double)d;
            break;
        }
    }
    return (a + b) / 2;
}

/* "stage-1.respond.maximum" -> "respond.maximum" when the stage is stage-1. */
static const char *short_name(const audit_obligation *ob)
{
    size_t n = strlen(ob->stage);
    if (n && strncmp(ob->obligation, ob->stage, n) == 0 && ob->obligation[n] == '.')
        return ob->obligation + n + 1;
    return ob->obligation;
}

/* A date as YYYY-MM-DD, or "" for 0; recent dates are kept formatted. */
static const char *date_text(audit_out *o, ukc_date d)
{
    if (!d)
        return "";
    size_t k = (size_t)d & 1023;
    if (o->dated[k] != d || !o->dates[k][0]) {
        int y, m, day;
        if (ukc_date_to_ymd(d, &y, &m, &day) != UKC_OK)
            return "";
        char *t = o->dates[k];
        t[0] = (char)('0' + y / 1000), t[1] = (char)('0' + y / 100 % 10);
        t[2] = (char)('0' + y / 10 % 10), t[3] = (char)('0' + y % 10), t[4] = '-';
        t[5] = (char)('0' + m / 10), t[6] = (char)('0' + m % 10), t[7] = '-';
        t[8] = (char)('0' + day / 10), t[9] = (char)('0' + day % 10), t[10] = '\0';
        o->dated[k] = d;
    }
    return o->dates[k];
}

/* ---- --rules: each rule once ----------------------------------------------- */

static uint32_t rule_hash(const char *procedure, const char *obligation)
{
    uint32_t h = 2166136261u;
    for (const char *q = procedure; *q; q++)
        h = (h ^ (unsigned char)*q) * 16777619u;
    h = (h ^ 0xff) * 16777619u;
    for (const char *q = obligation; *q; q++)
        h = (h ^ (unsigned char)*q) * 16777619u;
    return h;
}

static bool rules_grow(rules *r)
{
    size_t cap = r->cap ? r->cap * 2 : 64;
    rule_row *v = calloc(cap, sizeof *v);
    if (!v)
        return false;
    for (size_t i = 0; i < r->cap; i++) {
        if (!r->v[i].procedure)
            continue;
        size_t k = r->v[i].hash & (cap - 1);
        while (v[k].procedure)
            k = (k + 1) & (cap - 1);
        v[k] = r->v[i];
    }
    free(r->v);
    r->v = v;
    r->cap = cap;
    return true;
}

/* Note the rule of an obligation written to --out, once. */
static void note_rule(audit_out *o, const audit_obligation *ob)
{
    rules *r = &o->rules;
    uint32_t h = rule_hash(ob->procedure, ob->obligation);
    size_t k = r->cap ? h & (r->cap - 1) : 0;
    for (; r->cap && r->v[k].procedure; k = (k + 1) & (r->cap - 1))
        if (r->v[k].hash == h && strcmp(r->v[k].obligation, ob->obligation) == 0 &&
            strcmp(r->v[k].procedure, ob->procedure) == 0)
            return;
    if ((r->n + 1) * 2 > r->cap) {
        if (!rules_grow(r)) {
            o->oom = true;
            return;
        }
        for (k = h & (r->cap - 1); r->v[k].procedure; k = (k + 1) & (r->cap - 1))
            ;
    }
    rule_row row = { strdup(ob->procedure), strdup(ob->obligation),
                     ob->source && ob->source->rule ? ob->source->rule : "",
                     ob->source && ob->source->text ? ob->source->text : "", ob->citation, h };
    if (!row.procedure || !row.obligation) {
        free(row.procedure);
        free(row.obligation);
        o->oom = true;
        return;
    }
    r->v[k] = row;
    r->n++;
}

static int by_rule(const void *pa, const void *pb)
{
    const rule_row *a = pa, *b = pb;
    int c = strcmp(a->procedure, b->procedure);
    return c ? c : strcmp(a->obligation, b->obligation);
}

/* Write the rules noted, by procedure and obligation (the same file for the
 * same rows in any order). The table is packed to its front for sorting and
 * is not searched again. */
static void write_rules(audit_out *o)
{
    rules *r = &o->rules;
    FILE *f = o->files.rules;
    size_t n = 0;
    if (!f || !r->n)
        return;
    for (size_t i = 0; i < r->cap; i++)
        if (r->v[i].procedure) {
            rule_row w = r->v[i];
            r->v[i] = (rule_row){ 0 };
            r->v[n++] = w;
        }
    qsort(r->v, n, sizeof *r->v, by_rule);
    for (size_t i = 0; i < n; i++) {
        const rule_row *w = &r->v[i];
        const ukc_citation *c = w->citation;
        const char *cells[] = { w->procedure, w->obligation, w->rule, w->text,
                                c && c->document ? c->document : "",
                                c && c->section ? c->section : "", c && c->quote ? c->quote : "" };
        for (size_t j = 0; j < sizeof cells / sizeof cells[0]; j++) {
            if (j)
                putc(',', f);
            csv_write_cell(f, cells[j]);
        }
        putc('\n', f);
    }
    r->n = 0;
}

/* ---- --out: one row per obligation ------------------------------------------ */

/* Bytes that make a cell quoted. */
static const bool quote_byte[256] = { [','] = true, ['"'] = true, ['\r'] = true, ['\n'] = true };

/* A cell of n bytes at p, which has room for 2n + 3: as csv_line_cell()
 * writes it (quoted when it must be, with a leading apostrophe for a cell a
 * spreadsheet would run as a formula), without a call per piece. */
static char *put_cell(char *p, const char *s, size_t n)
{
    unsigned char c0 = (unsigned char)s[0];
    bool formula = c0 == '=' || c0 == '+' || c0 == '-' || c0 == '@' || c0 == '\t' ||
                   c0 == '\r' || c0 == '\n';
    size_t i = 0;
    while (i < n && !quote_byte[(unsigned char)s[i]])
        i++;
    if (i == n) {
        if (formula)
            *p++ = '\'';
        memcpy(p, s, n);
        return p + n;
    }
    *p++ = '"';
    if (formula)
        *p++ = '\'';
    memcpy(p, s, i);
    p += i;
    for (; i < n; i++) {
        if (s[i] == '"')
            *p++ = '"';
        *p++ = s[i];
    }
    *p++ = '"';
    return p;
}

/* A date cell: YYYY-MM-DD, or nothing for 0. */
static char *put_date(audit_out *o, char *p, ukc_date d)
{
    const char *t = date_text(o, d);
    if (*t) {
        memcpy(p, t, 10);
        p += 10;
    }
    return p;
}

/* The entry of an obligation's explanation, emptied when it was another's;
 * NULL when the explanation has no number (or no memory). */
static explained_memo *memo_of(audit_out *o, const audit_obligation *ob)
{
    if (!ob->explained || (!o->memo && !(o->memo = calloc(EXPLAINED_SLOTS, sizeof *o->memo))))
        return NULL;
    explained_memo *m = &o->memo[ob->explained & (EXPLAINED_SLOTS - 1)];
    if (m->explained != ob->explained || m->procedure != ob->procedure ||
        m->stage != ob->stage || m->kind != ob->kind) {
        m->explained = ob->explained;
        m->procedure = ob->procedure;
        m->stage = ob->stage;
        m->kind = ob->kind;
        m->quoted = m->ruled = false;
        m->group = m->month = 0;
    }
    return m;
}

/* The cells of --out that the rows of an explanation the engine numbered
 * share, quoted once: its number stands for the procedure, the obligation
 * (and with it the bound), the start and the due date, and the memo's entry
 * for the stage and the kind too. The cells from the procedure to the due
 * date (m->head bytes, ending in a comma), then ",ids,rest". NULL when it has
 * no number or memory ran out (the caller quotes them itself). */
static const csv_line *explained_cells(audit_out *o, explained_memo *m,
                                       const audit_obligation *ob)
{
    if (!m || m->quoted)
        return m ? &m->cells : NULL;
    const char *cells[] = { ob->procedure, ob->kind, ob->stage, ob->obligation, ob->bound };
    size_t lens[5], nids = strlen(ob->ids), nrest = strlen(ob->rest);
    size_t need = 2 * (nids + nrest) + 8 + 2 * 11;
    for (size_t i = 0; i < 5; i++) {
        lens[i] = strlen(cells[i]);
        need += 2 * lens[i] + 4;
    }
    m->cells.len = 0;
    if (need > m->cap) { /* exactly: a thousand entries stay small */
        char *t = realloc(m->cells.s, need);
        if (!t)
            return NULL;
        m->cells.s = t;
        m->cap = need;
    }
    char *p = m->cells.s;
    for (size_t i = 0; i < 5; i++) {
        p = put_cell(p, cells[i], lens[i]);
        *p++ = ',';
    }
    p = put_date(o, p, ob->start);
    *p++ = ',';
    p = put_date(o, p, ob->due);
    *p++ = ',';
    m->head = (size_t)(p - m->cells.s);
    *p++ = ',';
    p = put_cell(p, ob->ids, nids);
    *p++ = ',';
    p = put_cell(p, ob->rest, nrest);
    m->cells.len = (size_t)(p - m->cells.s);
    m->quoted = true;
    return &m->cells;
}

/* One row of --out, added to those waiting to be written: the row's size is
 * bounded first, then its cells are put in place. */
static void write_csv(audit_out *o, explained_memo *m, const audit_obligation *ob)
{
    csv_line *l = &o->line;
    const char *cells[] = { ob->case_id, ob->procedure, ob->kind, ob->stage, ob->obligation,
                            ob->bound };
    const csv_line *ex = explained_cells(o, m, ob);
    size_t ncells = ex ? 1 : 6; /* the case_id, or every cell */
    size_t lens[6], nids = ex ? 0 : strlen(ob->ids), nrest = ex ? 0 : strlen(ob->rest),
                    nstatus = strlen(ob->status);
    size_t need = (ex ? ex->len : 2 * (nids + nrest) + 6) + nstatus + 3 * 11 + 16 + 8;
    for (size_t i = 0; i < ncells; i++) {
        lens[i] = strlen(cells[i]);
        need += 2 * lens[i] + 4;
    }
    /* The first row makes room for a whole chunk of them. */
    if (!csv_line_room(l, l->cap ? need : OUT_CHUNK + need)) {
        o->oom = true; /* the output lacks rows: the audit fails */
        return;
    }
    char *p = l->s + l->len;
    for (size_t i = 0; i < ncells; i++) {
        p = put_cell(p, cells[i], lens[i]);
        *p++ = ',';
    }
    if (ex) {
        memcpy(p, ex->s, m->head);
        p += m->head;
    } else {
        p = put_date(o, p, ob->start);
        *p++ = ',';
        p = put_date(o, p, ob->due);
        *p++ = ',';
    }
    p = put_date(o, p, ob->done);
    *p++ = ',';
    memcpy(p, ob->status, nstatus);
    p += nstatus;
    *p++ = ',';
    char late[12], *q = late + sizeof late;
    for (uint32_t v = ob->late < 0 ? 0 : (uint32_t)ob->late;;) { /* without printf */
        *--q = (char)('0' + v % 10);
        if (!(v /= 10))
            break;
    }
    memcpy(p, q, (size_t)(late + sizeof late - q));
    p += late + sizeof late - q;
    if (ex) {
        memcpy(p, ex->s + m->head, ex->len - m->head);
        p += ex->len - m->head;
    } else {
        *p++ = ',';
        p = put_cell(p, ob->ids, nids);
        *p++ = ',';
        p = put_cell(p, ob->rest, nrest);
    }
    memcpy(p, ob->complete ? ",yes\n" : ",no\n", ob->complete ? 5 : 4);
    p += ob->complete ? 5 : 4;
    l->len = (size_t)(p - l->s);
    if (l->len >= OUT_CHUNK)
        flush_csv(o);
}

/* The members of an object the library wrote ("{...}"), after ours. */
static void json_members(FILE *f, char *json)
{
    if (json) {
        fputs(",", f);
        fputs(json + 1, f);
        ukc_free(json);
    } else {
        fputs("}", f);
    }
    putc('\n', f);
}

/* The library's obligation object, after what ties it to the export. */
static void write_jsonl(FILE *f, const audit_obligation *ob)
{
    char *json = NULL;
    fputs("{\"type\":\"obligation\",\"case_id\":", f);
    json_str(f, ob->case_id);
    fputs(",\"procedure\":", f);
    json_str(f, ob->procedure);
    fputs(",\"kind\":", f);
    json_str(f, ob->kind);
    fputs(ob->complete ? ",\"case_complete\":true" : ",\"case_complete\":false", f);
    if (ukc_obligation_to_json(ob->source, &json) != UKC_OK)
        fputs(",\"error\":\"out of memory\"", f);
    json_members(f, json);
}

void audit_out_obligation(void *ctx, const audit_obligation *ob)
{
    audit_out *o = ctx;
    explained_memo *m = memo_of(o, ob);
    o->obligations++;
    if (o->files.csv)
        write_csv(o, m, ob);
    if (o->files.rules && !(m && m->ruled)) {
        note_rule(o, ob);
        if (m)
            m->ruled = true;
    }
    if (o->files.jsonl)
        write_jsonl(o->files.jsonl, ob);
    if (o->html)
        audit_html_obligation(o->html, ob);
    if (m && m->group) {
        count(&o->groups.v[m->group - 1], ob);
    } else {
        audit_stat *g = stat_for(&o->groups, ob->procedure, ob->stage, short_name(ob));
        count(g, ob);
        if (m && g)
            m->group = (size_t)(g - o->groups.v) + 1;
    }
    if (ob->due && audit_decided(ob) && m && m->month) {
        count(&o->months.v[m->month - 1], ob);
    } else if (ob->due && audit_decided(ob)) {
        /* "procedure/stage" (or the kind for a kind's own obligations) by "YYYY-MM". */
        char month[8], stage[256];
        memcpy(month, date_text(o, ob->due), 7);
        month[7] = '\0';
        const char *second = *ob->stage ? ob->stage : ob->kind;
        size_t np = strlen(ob->procedure), ns = strlen(second);
        if (np + ns + 2 > sizeof stage)
            ns = np + 2 > sizeof stage ? 0 : sizeof stage - np - 2;
        if (np + 2 > sizeof stage)
            np = sizeof stage - 2;
        memcpy(stage, ob->procedure, np);
        stage[np] = '/';
        memcpy(stage + np + 1, second, ns);
        stage[np + 1 + ns] = '\0';
        audit_stat *g = stat_for(&o->months, stage, month, "");
        count(g, ob);
        if (m && g)
            m->month = (size_t)(g - o->months.v) + 1;
    }
}

void audit_out_finding(void *ctx, const audit_finding *fd)
{
    audit_out *o = ctx;
    char date[UKC_DATE_BUFSIZE] = "", line[24], message[1024];
    audit_finding copy = *fd;
    snprintf(message, sizeof message, "%s", fd->message);
    csv_utf8_repair(message);
    copy.message = message;
    fd = &copy;
    o->findings++;
    o->warnings += fd->allowed;
    ukc_date_format(fd->date, date, sizeof date);
    snprintf(line, sizeof line, "%ld", fd->line);
    if (o->files.findings) {
        FILE *f = o->files.findings;
        const char *cells[] = { fd->case_id, fd->procedure, fd->kind, line, fd->event, date,
                                fd->code, fd->slug, fd->message, fd->citation->document,
                                fd->citation->section, fd->citation->quote };
        for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
            if (i)
                putc(',', f);
            csv_write_cell(f, cells[i]);
        }
        fputs(fd->allowed ? ",yes\n" : ",no\n", f);
    }
    if (o->files.jsonl) {
        /* The library's decision object, after what ties it to the export. */
        FILE *f = o->files.jsonl;
        char *json = NULL;
        fputs("{\"type\":\"finding\",\"case_id\":", f);
        json_str(f, fd->case_id);
        fputs(",\"procedure\":", f);
        json_str(f, fd->procedure);
        fputs(",\"kind\":", f);
        json_str(f, fd->kind);
        fprintf(f, ",\"line\":%ld", fd->line);
        if (ukc_decision_to_json(fd->source, fd->decision, &json) != UKC_OK)
            fputs(",\"error\":\"out of memory\"", f);
        json_members(f, json);
    }
    if (o->html)
        audit_html_finding(o->html, fd);
}

/* The start of a JSON Lines object about one row: type, line, case_id and one
 * more string; the caller ends it. */
static void jsonl_row(FILE *f, const char *type, long line, const char *case_id,
                      const char *key, const char *value)
{
    fprintf(f, "{\"type\":\"%s\",\"line\":%ld,\"case_id\":", type, line);
    json_str(f, case_id);
    fprintf(f, ",\"%s\":", key);
    json_str(f, value);
}

void audit_out_reject(void *ctx, long line, const char *case_id, const char *text)
{
    audit_out *o = ctx;
    char why[1024];
    snprintf(why, sizeof why, "%s", text); /* cut on a character boundary below */
    csv_utf8_repair(why);
    o->rejected++;
    if (o->files.errors) {
        fprintf(o->files.errors, "%ld,", line);
        csv_write_cell(o->files.errors, case_id);
        putc(',', o->files.errors);
        csv_write_cell(o->files.errors, why);
        putc('\n', o->files.errors);
    }
    if (o->files.jsonl) {
        jsonl_row(o->files.jsonl, "rejected", line, case_id, "error", why);
        fputs("}\n", o->files.jsonl);
    }
    if (o->html)
        audit_html_reject(o->html, line, case_id, why);
    /* Without an errors file, the first rejections go to stderr with their lines. */
    if (!o->files.errors && o->shown_rejects < 20) {
        o->shown_rejects++;
        char id[256], safe[4096]; /* no control character of the input reaches a terminal */
        fprintf(stderr, "ukc audit: line %ld: %s%s%s\n", line, cli_safe(case_id, id, sizeof id),
                *case_id ? ": " : "", cli_safe(why, safe, sizeof safe));
    }
}

void audit_out_later(void *ctx, long line, const char *case_id, const char *event,
                     ukc_date date)
{
    audit_out *o = ctx;
    o->later++;
    if (o->files.jsonl) {
        jsonl_row(o->files.jsonl, "after-as-of", line, case_id, "event", event);
        fputs(",\"date\":", o->files.jsonl);
        json_date(o->files.jsonl, date);
        fputs("}\n", o->files.jsonl);
    }
}

void audit_out_incomplete(void *ctx, const char *case_id)
{
    audit_out *o = ctx;
    (void)case_id;
    o->incomplete++;
}

void audit_out_cases(audit_out *o, unsigned long long cases, unsigned long long rows,
                     unsigned long long skipped_lines)
{
    o->cases = cases;
    o->rows = rows;
    o->skipped_lines = skipped_lines;
}

bool audit_out_complete(const audit_out *o)
{
    return !o->oom;
}

unsigned long long audit_out_rejected(const audit_out *o)
{
    return o->rejected;
}

static int by_key(const void *pa, const void *pb)
{
    const audit_stat *a = pa, *b = pb;
    int c = strcmp(a->procedure, b->procedure);
    if (!c)
        c = strcmp(a->stage, b->stage);
    if (!c)
        c = strcmp(a->obligation, b->obligation);
    return c;
}

static void share(char *buf, size_t size, const audit_stat *s)
{
    if (s->met + s->missed == 0)
        snprintf(buf, size, "-");
    else
        snprintf(buf, size, "%.1f%%", 100.0 * (double)s->met / (double)(s->met + s->missed));
}

static void sort_groups(audit_out *o)
{
    if (o->groups.n > 1)
        qsort(o->groups.v, o->groups.n, sizeof *o->groups.v, by_key);
    if (o->months.n > 1)
        qsort(o->months.v, o->months.n, sizeof *o->months.v, by_key);
    o->groups.unindexed = o->months.unindexed = true;
}

static void finish_html(audit_out *o)
{
    if (o->html)
        audit_html_write(o->html, &o->files, o->groups.v, o->groups.n, o->months.v, o->months.n,
                         o->cases, o->rows, o->findings, o->rejected);
}

void audit_out_summary_json(audit_out *o, FILE *f)
{
    char iso[UKC_DATE_BUFSIZE];
    ukc_date_format(o->files.as_of, iso, sizeof iso);
    sort_groups(o);
    if (o->files.csv)
        flush_csv(o);
    fputs("{\"input\":", f);
    json_str(f, o->files.input);
    fputs(",\"council\":", f);
    json_str(f, o->files.council);
    fprintf(f, ",\"as_of\":\"%s\",\"rows\":%llu,\"cases\":%llu,\"obligations\":%llu,"
               "\"findings\":%llu,\"warnings\":%llu,\"rejected_rows\":%llu,\"groups\":[",
            iso, o->rows, o->cases, o->obligations, o->findings, o->warnings, o->rejected);
    for (size_t i = 0; i < o->groups.n; i++) {
        const audit_stat *s = &o->groups.v[i];
        fputs(i ? ",\n{\"procedure\":" : "\n{\"procedure\":", f);
        json_str(f, s->procedure);
        fputs(",\"stage\":", f);
        json_str(f, s->stage);
        fputs(",\"obligation\":", f);
        json_str(f, s->obligation);
        fprintf(f, ",\"total\":%llu,\"met\":%llu,\"missed\":%llu,\"open\":%llu", s->total,
                s->met, s->missed, s->open);
        if (s->missed)
            fprintf(f, ",\"median_days_late\":%.1f,\"worst_days_late\":%d}",
                    audit_stat_median(s), (int)s->worst);
        else
            fputs(",\"median_days_late\":null,\"worst_days_late\":null}", f);
    }
    fputs("]}\n", f);
    write_rules(o);
    finish_html(o);
}

void audit_out_summary(audit_out *o, FILE *f)
{
    char iso[UKC_DATE_BUFSIZE];
    ukc_date_format(o->files.as_of, iso, sizeof iso);
    sort_groups(o);
    if (o->files.csv)
        flush_csv(o);

    char in[1024], council[1024];
    fprintf(f, "audit of %s under %s, as of %s\n", cli_safe(o->files.input, in, sizeof in),
            cli_safe(o->files.council, council, sizeof council), iso);
    fprintf(f, "rows %llu, cases %llu (incomplete %llu), obligations %llu, findings %llu "
               "(warnings %llu), rejected rows %llu, events after as-of %llu\n\n",
            o->rows, o->cases, o->incomplete, o->obligations, o->findings, o->warnings,
            o->rejected, o->later);
    fprintf(f, "%-26s %-16s %-22s %7s %7s %7s %7s %8s %7s %6s\n", "procedure", "stage",
            "obligation", "total", "met", "missed", "open", "on time", "median", "worst");
    for (size_t i = 0; i < o->groups.n; i++) {
        const audit_stat *s = &o->groups.v[i];
        char pct[16], med[16] = "-", worst[16] = "-";
        share(pct, sizeof pct, s);
        if (s->missed) {
            snprintf(med, sizeof med, "%.1f", audit_stat_median(s));
            snprintf(worst, sizeof worst, "%d", (int)s->worst);
        }
        char p[256], st[256], ob[256]; /* a policy file's IDs, made safe for a terminal */
        fprintf(f, "%-26s %-16s %-22s %7llu %7llu %7llu %7llu %8s %7s %6s\n",
                cli_safe(s->procedure, p, sizeof p), *s->stage ? cli_safe(s->stage, st, sizeof st) : "-",
                cli_safe(s->obligation, ob, sizeof ob), s->total, s->met, s->missed, s->open, pct,
                med, worst);
    }
    fprintf(f, "\non time = met / (met + missed); open obligations are not yet decided.\n"
               "median and worst: working days late of the missed obligations.\n");
    if (o->rejected)
        fprintf(f, "%llu rows rejected%s\n", o->rejected,
                o->files.errors ? ": see the errors file" : " (the first are on stderr)");
    if (o->skipped_lines)
        fprintf(f, "%llu physical lines skipped in malformed CSV records (counted in the "
                   "rejected rows by record)\n", o->skipped_lines);
    if (o->incomplete)
        fprintf(f, "%llu cases incomplete: a row of each was rejected, so each is audited on "
                   "part of its rows; their obligations say case_complete = no\n",
                o->incomplete);
    if (o->warnings)
        fprintf(f, "%llu findings are warnings (e.g. UKC-R031 unit-unclear): events allowed "
                   "although the policy's text leaves them in doubt; see the findings\n",
                o->warnings);
    if (o->later)
        fprintf(f, "%llu events dated after the as-of date %s were not applied: the audit is "
                   "as of that date\n", o->later, iso);
    write_rules(o);
    finish_html(o);
}
