/* ukc audit, layer 2: recompute one case with the case API. The case is opened
 * under the council's policy on the day received, its events are applied in
 * date order (refusals become findings), and its council obligations are read
 * at the --as-of date with their explanations. */
#include "audit.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct audit_sorted {
    const audit_event *event;
    int rank;
    int kind; /* its ukc_event_kind, or -1 for an unknown name */
} audit_sorted;

typedef struct strbuf {
    char *s;
    size_t len, cap;
} strbuf;

#define CACHE_SIZE 4096u
#define CACHE_BUCKETS 8192u

typedef struct cache_entry {
    struct cache_entry *next;
    unsigned long hash;
    ukc_date start, due;
    int32_t extended_to, suspended_days;
    unsigned long serial; /* its number, never reused */
    const char *proc, *id, *ids, *text, *rest; /* stored after the entry */
} cache_entry;

static void cache_clear(struct audit_engine *e);

struct audit_engine {
    const ukc_policy *policy;
    const ukc_calendar *calendar;
    ukc_date as_of;
    ukc_delivery delivery;
    bool explain; /* every obligation's source carries its explanation */
    audit_sink sink;
    audit_sorted *order;
    size_t cap;
    struct {
        const char *name; /* an event name as the log layer gives it (few pointers) */
        int rank, kind;
    } ranks[32];
    strbuf ids, text, rest; /* an explanation's step codes, short text and the rest */
    cache_entry *cache[CACHE_BUCKETS];
    size_t cached;
    unsigned long serials; /* entries made */
    unsigned long clears;  /* times the cache was emptied */
    struct looked {        /* a list's obligations as looked up in the cache */
        unsigned long hash;
        cache_entry *hit;
    } *looked;
    size_t cap_looked;
};

audit_engine *audit_engine_new(const ukc_policy *policy, const ukc_calendar *calendar,
                               ukc_date as_of, ukc_delivery delivery, bool explain,
                               const audit_sink *sink)
{
    audit_engine *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->policy = policy;
    e->calendar = calendar;
    e->as_of = as_of;
    e->delivery = delivery;
    e->explain = explain;
    e->sink = *sink;
    return e;
}

void audit_engine_free(audit_engine *e)
{
    if (!e)
        return;
    cache_clear(e);
    free(e->order);
    free(e->looked);
    free(e->ids.s);
    free(e->text.s);
    free(e->rest.s);
    free(e);
}

bool audit_known_event(const char *name)
{
    ukc_event_kind k;
    return ukc_event_kind_from_name(name, &k) == UKC_OK;
}

/* ---- The order of a case's events ------------------------------------------
 * Events are applied in date order. Events of one date are put in the order a
 * case lives them, so that the figures never depend on the order of the rows
 * in the export: the contact methods given, the acknowledgement, holding
 * replies and updates, contact attempts, extensions, suspension and
 * resumption, the response, the request for the next stage and the council's
 * decision on it, a panel and its report, a restriction and the notice of it,
 * withdrawal, discontinuation, re-opening, referral, and closure last. Rows
 * still tied (the same event on the same date) are ordered by their fields
 * (method, delivery, reasons, ground, body, days, note), so that only rows
 * that say the same thing keep the order read. docs/audit.md says the same. */

static const ukc_event_kind lived_order[] = {
    UKC_EVENT_CONTACT_METHODS,   UKC_EVENT_ACKNOWLEDGE,       UKC_EVENT_HOLDING_REPLY,
    UKC_EVENT_PROGRESS_UPDATE,   UKC_EVENT_CONTACT_ATTEMPT,   UKC_EVENT_EXTEND,
    UKC_EVENT_SUSPEND,           UKC_EVENT_RESUME,            UKC_EVENT_RESPOND,
    UKC_EVENT_REQUEST_ESCALATION, UKC_EVENT_ACCEPT_ESCALATION, UKC_EVENT_REFUSE_ESCALATION,
    UKC_EVENT_PANEL,             UKC_EVENT_REPORT,            UKC_EVENT_RESTRICT,
    UKC_EVENT_NOTIFY,            UKC_EVENT_WITHDRAW,          UKC_EVENT_DISCONTINUE,
    UKC_EVENT_REOPEN,            UKC_EVENT_REFER,             UKC_EVENT_CLOSE,
};

/* An event's place among those of its date; unknown names come last. */
static int rank_of(int kind)
{
    for (size_t i = 0; kind >= 0 && i < sizeof lived_order / sizeof lived_order[0]; i++)
        if ((int)lived_order[i] == kind)
            return (int)i;
    return (int)(sizeof lived_order / sizeof lived_order[0]);
}

/* An event name's kind, or -1. */
static int kind_of(const char *name)
{
    ukc_event_kind k;
    return ukc_event_kind_from_name(name, &k) == UKC_OK ? (int)k : -1;
}

static int by_lived_order(const void *pa, const void *pb)
{
    const audit_sorted *x = pa, *y = pb;
    const audit_event *a = x->event, *b = y->event;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    int c = strcmp(a->event, b->event);
    const char *const fa[] = { a->method, a->delivery, a->reasons, a->ground,
                               a->body,   a->days,     a->note };
    const char *const fb[] = { b->method, b->delivery, b->reasons, b->ground,
                               b->body,   b->days,     b->note };
    for (size_t i = 0; !c && i < sizeof fa / sizeof fa[0]; i++)
        c = strcmp(fa[i], fb[i]);
    if (c)
        return c;
    return a->line < b->line ? -1 : a->line > b->line;
}

static void reject_all(audit_engine *e, const audit_group *g, const char *why)
{
    for (size_t i = 0; i < g->count; i++)
        e->sink.reject(e->sink.ctx, g->events[i].line, g->case_id, why);
}

/* Fill a case event from a row of the given kind (-1: unknown); a message in
 * why when a field is unusable. */
static bool make_event(const audit_engine *e, const audit_event *ev, int kind,
                       ukc_case_event *out, char *why, size_t size)
{
    ukc_case_event_init(out, UKC_CASE_EVENT_VERSION);
    if (kind < 0) {
        snprintf(why, size, "unknown event '%s'", ev->event);
        return false;
    }
    out->kind = (ukc_event_kind)kind;
    out->date = ev->date;
    out->reasons = ev->reasons;
    out->ground = ev->ground;
    out->body = ev->body;
    out->note = ev->note;
    if (out->kind == UKC_EVENT_RESPOND) {
        const char *m = *ev->delivery ? ev->delivery : ev->method;
        out->has_delivery = true;
        ukc_delivery method = e->delivery;
        if (*m && ukc_delivery_from_name(m, &method) != UKC_OK) {
            snprintf(why, size,
                     "unknown delivery method '%s' (email, first-class-post, "
                     "second-class-post, hand)", m);
            return false;
        }
        out->delivery = method;
    } else {
        out->method = ev->method;
    }
    if (*ev->days) {
        /* The new total count, 1..10000; an empty cell leaves it to the policy's
         * maximum. 0 would read as that maximum, so it is refused, not guessed. */
        char *end;
        errno = 0;
        long n = strtol(ev->days, &end, 10);
        if (*end || errno || n < 1 || n > 10000) {
            snprintf(why, size, "days '%s': expected the new total count, a whole number "
                     "1..10000 (leave the cell empty for the policy's maximum)", ev->days);
            return false;
        }
        out->days = (int32_t)n;
    }
    return true;
}

static void put(strbuf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *t = realloc(b->s, cap);
        if (!t)
            return;
        b->s = t;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n + 1);
    b->len += n;
}

/* The explanation as step codes ("UKC-E001 UKC-E002 ...", each once), short
 * text (every step except the counted working days, the weekends and the rule
 * with its citation, which the obligation's citation gives) and the rest: the
 * short text without the start and the due date, which the obligation states
 * as dates. */
static void summarise(audit_engine *e, const ukc_explanation *x, const char **ids,
                      const char **text, const char **rest)
{
    size_t n = x ? ukc_explanation_step_count(x) : 0;
    e->ids.len = e->text.len = e->rest.len = 0;
    put(&e->ids, "");
    put(&e->text, "");
    put(&e->rest, "");
    for (size_t i = 0; i < n; i++) {
        const ukc_step *s = ukc_explanation_step(x, i);
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = ukc_explanation_step(x, j)->id == s->id;
        if (!seen) {
            if (e->ids.len)
                put(&e->ids, " ");
            put(&e->ids, s->code);
        }
        if (s->id == UKC_E004_WORKING_DAY_COUNTED || s->id == UKC_E005_WEEKEND_SKIPPED ||
            s->id == UKC_E009_RULE_CITED)
            continue; /* the rule and its citation have their own columns */
        if (e->text.len)
            put(&e->text, " | ");
        put(&e->text, s->text);
        if (s->id == UKC_E001_CLOCK_START || s->id == UKC_E007_DEADLINE_DUE)
            continue;
        if (e->rest.len)
            put(&e->rest, " | ");
        put(&e->rest, s->text);
    }
    *ids = e->ids.s ? e->ids.s : "";
    *text = e->text.s ? e->text.s : "";
    *rest = e->rest.s ? e->rest.s : "";
}

/* ---- A cache of explanations --------------------------------------------
 * An explanation depends only on the rule, the start, the count and the
 * calendar, so thousands of cases share each one. Building one formats a line
 * per day counted; the cache keeps the short form of each, keyed by the
 * procedure, the obligation's ID, its start and due dates and the days added
 * by extensions or suspensions. It holds at most CACHE_SIZE entries and is
 * emptied when full, so its memory does not grow with the input. */

static unsigned long cache_hash(const char *proc, const ukc_case_obligation *o)
{
    unsigned long h = 2166136261u;
    for (const char *p = proc; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    for (const char *p = o->id; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    int32_t v[] = { o->start, o->due, o->extended_to, o->suspended_days };
    for (size_t i = 0; i < 4; i++)
        h = (h ^ (unsigned long)(uint32_t)v[i]) * 16777619u;
    return h;
}

static cache_entry *cache_find(audit_engine *e, const char *proc, const ukc_case_obligation *o,
                               unsigned long h)
{
    for (cache_entry *c = e->cache[h & (CACHE_BUCKETS - 1)]; c; c = c->next)
        if (c->hash == h && c->start == o->start && c->due == o->due &&
            c->extended_to == o->extended_to && c->suspended_days == o->suspended_days &&
            strcmp(c->id, o->id) == 0 && strcmp(c->proc, proc) == 0)
            return c;
    return NULL;
}

static void cache_clear(audit_engine *e)
{
    for (size_t i = 0; i < CACHE_BUCKETS; i++)
        for (cache_entry *c = e->cache[i], *next; c; c = next) {
            next = c->next;
            free(c);
        }
    memset(e->cache, 0, sizeof e->cache);
    e->cached = 0;
    e->clears++;
}

static cache_entry *cache_add(audit_engine *e, const char *proc, const ukc_case_obligation *o,
                              unsigned long h, const char *ids, const char *text,
                              const char *rest)
{
    size_t np = strlen(proc) + 1, ni = strlen(o->id) + 1, na = strlen(ids) + 1,
           nt = strlen(text) + 1, nr = strlen(rest) + 1;
    if (e->cached >= CACHE_SIZE)
        cache_clear(e);
    cache_entry *c = malloc(sizeof *c + np + ni + na + nt + nr);
    if (!c)
        return NULL;
    char *p = (char *)(c + 1);
    c->proc = memcpy(p, proc, np);
    c->id = memcpy(p += np, o->id, ni);
    c->ids = memcpy(p += ni, ids, na);
    c->text = memcpy(p += na, text, nt);
    c->rest = memcpy(p += nt, rest, nr);
    c->serial = ++e->serials;
    c->hash = h;
    c->start = o->start;
    c->due = o->due;
    c->extended_to = o->extended_to;
    c->suspended_days = o->suspended_days;
    c->next = e->cache[h & (CACHE_BUCKETS - 1)];
    e->cache[h & (CACHE_BUCKETS - 1)] = c;
    e->cached++;
    return c;
}

static bool reported(const ukc_case_obligation *o)
{
    return o->party == UKC_PARTY_COUNCIL && o->state != UKC_STATE_NOT_APPLICABLE;
}

/* The case's obligations (or, list given, the explanation of its i-th):
 * false, with the case's receive row rejected, when they cannot be computed. */
static bool obligations(audit_engine *e, const audit_group *g, const ukc_case *c,
                        unsigned flags, ukc_obligations **list, size_t i)
{
    if (*list ? ukc_obligations_explain(*list, c, i, flags) == UKC_OK
              : ukc_case_obligations(c, e->as_of, flags, list) == UKC_OK)
        return true;
    char why[600];
    snprintf(why, sizeof why, "the obligations cannot be computed: %s",
             ukc_last_error()->message);
    e->sink.reject(e->sink.ctx, g->receive_line, g->case_id, why);
    return false;
}

static void report_obligations(audit_engine *e, const audit_group *g, const ukc_case *c,
                               bool complete)
{
    ukc_obligations *list = NULL, *explained = NULL;
    if (!obligations(e, g, c, 0, &list, 0))
        return;
    const ukc_procedure *proc = ukc_case_procedure(c);
    const char *pid = proc ? proc->id : "";
    const char *kind = ukc_case_kind(c)->id;
    size_t n = ukc_obligations_count(list);
    if (n > e->cap_looked) {
        struct looked *t = realloc(e->looked, n * sizeof *t);
        if (!t) {
            e->sink.reject(e->sink.ctx, g->receive_line, g->case_id,
                           "the obligations cannot be computed: out of memory");
            ukc_obligations_free(list);
            return;
        }
        e->looked = t;
        e->cap_looked = n;
    }

    /* Each obligation is looked up once, and only those whose explanation
     * is not cached yet are explained; --jsonl has the whole list explained. */
    unsigned long clears = e->clears;
    for (size_t i = 0; i < n; i++) {
        const ukc_case_obligation *o = ukc_obligations_at(list, i);
        if (!reported(o))
            continue;
        e->looked[i].hash = cache_hash(pid, o);
        e->looked[i].hit = cache_find(e, pid, o, e->looked[i].hash);
        if (!e->looked[i].hit && !e->explain &&
            !obligations(e, g, c, UKC_OBLIGATIONS_EXPLAIN, &list, i)) {
            ukc_obligations_free(list);
            return;
        }
    }
    if (e->explain && !obligations(e, g, c, UKC_OBLIGATIONS_EXPLAIN, &explained, 0)) {
        ukc_obligations_free(list);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const ukc_case_obligation *o = ukc_obligations_at(list, i);
        if (!reported(o))
            continue;
        audit_obligation a = {
            .case_id = g->case_id,
            .procedure = pid,
            .kind = kind,
            .stage = o->stage,
            .obligation = o->id,
            .what = o->what,
            .bound = o->bound == UKC_BOUND_MAXIMUM ? "maximum" : "target",
            .start = o->start,
            .due = o->due,
            .done = o->met,
            .state = o->state,
            .status = ukc_obligation_state_name(o->state),
            .late = o->state == UKC_STATE_MISSED ? o->late_by : 0,
            .extended_to = o->extended_to,
            .complete = complete,
            .citation = o->citation,
            .source = explained && i < ukc_obligations_count(explained)
                          ? ukc_obligations_at(explained, i)
                          : o,
        };
        unsigned long h = e->looked[i].hash;
        /* Found before, unless the cache was emptied since (to add another). */
        cache_entry *hit = e->clears == clears ? e->looked[i].hit : cache_find(e, pid, o, h);
        if (!hit && !a.source->explanation && !e->explain)
            (void)ukc_obligations_explain(list, c, i, UKC_OBLIGATIONS_EXPLAIN); /* emptied since */
        if (!hit && a.source->explanation) {
            summarise(e, a.source->explanation, &a.ids, &a.text, &a.rest);
            hit = cache_add(e, pid, o, h, a.ids, a.text, a.rest);
        }
        a.ids = hit ? hit->ids : "";
        a.text = hit ? hit->text : "";
        a.rest = hit ? hit->rest : "";
        a.explained = hit ? hit->serial : 0;
        e->sink.obligation(e->sink.ctx, &a);
    }
    ukc_obligations_free(explained);
    ukc_obligations_free(list);
}

void audit_engine_case(audit_engine *e, const audit_group *g)
{
    char why[700];
    if (!g->has_receive) {
        snprintf(why, sizeof why, "case %s has no receive event (the date the council received "
                 "the feedback), so its deadlines cannot be worked out", g->case_id);
        reject_all(e, g, why);
        return;
    }
    if (g->received > e->as_of) {
        /* Received after --as-of: nothing of it is audited as of then. */
        e->sink.later(e->sink.ctx, g->receive_line, g->case_id, "receive", g->received);
        for (size_t i = 0; i < g->count; i++)
            e->sink.later(e->sink.ctx, g->events[i].line, g->case_id, g->events[i].event,
                          g->events[i].date);
        return;
    }
    ukc_case *c;
    const char *kind = *g->kind ? g->kind : "complaint";
    ukc_case_options opts = UKC_CASE_OPTIONS_INIT;
    opts.calendar = e->calendar;
    if (ukc_case_open(e->policy, *g->procedure ? g->procedure : NULL, kind, g->received,
                      g->channel, &opts, &c) != UKC_OK) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", ukc_last_error()->message);
        snprintf(why, sizeof why, "the case cannot be opened under %s: %s",
                 ukc_policy_id(e->policy), msg);
        e->sink.reject(e->sink.ctx, g->receive_line, g->case_id, why);
        snprintf(why, sizeof why, "case %s could not be opened (see line %ld)", g->case_id,
                 g->receive_line);
        reject_all(e, g, why);
        return;
    }
    if (g->count > e->cap) {
        audit_sorted *o = realloc(e->order, g->count * sizeof *o);
        if (!o) {
            reject_all(e, g, "out of memory");
            ukc_case_free(c);
            return;
        }
        e->order = o;
        e->cap = g->count;
    }
    for (size_t i = 0; i < g->count; i++) {
        /* The log layer hands out a few name pointers over and over. */
        const char *name = g->events[i].event;
        size_t k = ((uintptr_t)name >> 3) & 31;
        if (e->ranks[k].name != name) {
            e->ranks[k].name = name;
            e->ranks[k].kind = kind_of(name);
            e->ranks[k].rank = rank_of(e->ranks[k].kind);
        }
        e->order[i] = (audit_sorted){ &g->events[i], e->ranks[k].rank, e->ranks[k].kind };
    }
    /* Most cases have a few events, mostly in order already: an insertion
     * sort, and qsort for many. The order is total (rows tied on every cell
     * differ in their line), so either gives the same one. */
    if (g->count > 16)
        qsort(e->order, g->count, sizeof *e->order, by_lived_order);
    for (size_t i = 1; g->count <= 16 && i < g->count; i++) {
        audit_sorted x = e->order[i];
        size_t j = i;
        for (; j > 0 && by_lived_order(&e->order[j - 1], &x) > 0; j--)
            e->order[j] = e->order[j - 1];
        e->order[j] = x;
    }

    size_t lost = g->lost;
    ukc_decision d = UKC_DECISION_INIT; /* filled by each ukc_case_apply() */
    for (size_t i = 0; i < g->count; i++) {
        const audit_event *ev = e->order[i].event;
        ukc_case_event ce;
        if (ev->date > e->as_of) {
            e->sink.later(e->sink.ctx, ev->line, g->case_id, ev->event, ev->date);
            continue;
        }
        if (!make_event(e, ev, e->order[i].kind, &ce, why, sizeof why)) {
            e->sink.reject(e->sink.ctx, ev->line, g->case_id, why);
            lost++;
            continue;
        }
        if (ukc_case_apply(c, &ce, &d) != UKC_OK) {
            snprintf(why, sizeof why, "%s", ukc_last_error()->message);
            e->sink.reject(e->sink.ctx, ev->line, g->case_id, why);
            lost++;
            continue;
        }
        /* A refusal, or an event allowed with a warning (UKC-R031: the policy
         * leaves a unit unclear and the event is in time only one way). */
        if (!d.allowed || *d.code) {
            audit_finding f = {
                .case_id = g->case_id,
                .procedure = ukc_case_procedure(c) ? ukc_case_procedure(c)->id : "",
                .kind = kind,
                .line = ev->line,
                .event = ev->event,
                .date = ev->date,
                .allowed = d.allowed,
                .code = d.code,
                .slug = d.slug,
                .message = d.message,
                .citation = d.citation,
                .source = &ce,
                .decision = &d,
            };
            e->sink.finding(e->sink.ctx, &f);
        }
    }
    if (lost)
        e->sink.incomplete(e->sink.ctx, g->case_id);
    report_obligations(e, g, c, lost == 0);
    ukc_case_free(c);
}
