/* ukc audit, layer 2: recompute one case with the case API. The case is opened
 * under the council's policy on the day received, its events are applied in
 * date order (refusals become findings), and its council obligations are read
 * at the --as-of date with their explanations. */
#include "audit.h"

#include <stdlib.h>
#include <string.h>

typedef struct strbuf {
    char *s;
    size_t len, cap;
} strbuf;

struct audit_engine {
    const ukc_policy *policy;
    ukc_date as_of;
    ukc_delivery delivery;
    audit_sink sink;
    size_t *order;
    size_t cap;
    strbuf ids, text; /* an explanation's step codes and short text */
};

audit_engine *audit_engine_new(const ukc_policy *policy, ukc_date as_of, ukc_delivery delivery,
                               const audit_sink *sink)
{
    audit_engine *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->policy = policy;
    e->as_of = as_of;
    e->delivery = delivery;
    e->sink = *sink;
    return e;
}

void audit_engine_free(audit_engine *e)
{
    if (!e)
        return;
    free(e->order);
    free(e->ids.s);
    free(e->text.s);
    free(e);
}

bool audit_known_event(const char *name)
{
    ukc_event_kind k;
    return ukc_event_kind_from_name(name, &k) == UKC_OK;
}

static const audit_event *sort_base;

static int by_date(const void *pa, const void *pb)
{
    const audit_event *a = &sort_base[*(const size_t *)pa], *b = &sort_base[*(const size_t *)pb];
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return *(const size_t *)pa < *(const size_t *)pb ? -1 : 1;
}

static void reject_all(audit_engine *e, const audit_group *g, const char *why)
{
    for (size_t i = 0; i < g->count; i++)
        e->sink.reject(e->sink.ctx, g->events[i].line, g->case_id, why);
}

/* Fill a case event from a row; a message in why when a field is unusable. */
static bool make_event(const audit_engine *e, const audit_event *ev, ukc_case_event *out,
                       char *why, size_t size)
{
    ukc_case_event_init(out, UKC_CASE_EVENT_VERSION);
    if (ukc_event_kind_from_name(ev->event, &out->kind) != UKC_OK) {
        snprintf(why, size, "unknown event '%s'", ev->event);
        return false;
    }
    out->date = ev->date;
    out->reasons = ev->reasons;
    out->ground = ev->ground;
    out->body = ev->body;
    out->note = ev->note;
    if (out->kind == UKC_EVENT_RESPOND) {
        const char *m = *ev->delivery ? ev->delivery : ev->method;
        out->has_delivery = true;
        out->delivery = e->delivery;
        if (*m && ukc_delivery_from_name(m, &out->delivery) != UKC_OK) {
            snprintf(why, size,
                     "unknown delivery method '%s' (email, first-class-post, "
                     "second-class-post, hand)", m);
            return false;
        }
    } else {
        out->method = ev->method;
    }
    if (*ev->days) {
        char *end;
        long n = strtol(ev->days, &end, 10);
        if (*end || n < 0 || n > 10000) {
            snprintf(why, size, "days '%s': expected a whole number 0..10000", ev->days);
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

/* The explanation as step codes ("UKC-E001 UKC-E002 ...", each once) and short
 * text: every step except the counted working days and weekends. */
static void summarise(audit_engine *e, const ukc_explanation *x, const char **ids,
                      const char **text)
{
    size_t n = x ? ukc_explanation_step_count(x) : 0;
    e->ids.len = e->text.len = 0;
    put(&e->ids, "");
    put(&e->text, "");
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
        if (s->id == UKC_E004_WORKING_DAY_COUNTED || s->id == UKC_E005_WEEKEND_SKIPPED)
            continue;
        if (e->text.len)
            put(&e->text, " | ");
        put(&e->text, s->text);
    }
    *ids = e->ids.s ? e->ids.s : "";
    *text = e->text.s ? e->text.s : "";
}

static const char *status_of(const ukc_case_obligation *o)
{
    switch (o->state) {
    case UKC_STATE_MET:
        return "met";
    case UKC_STATE_MISSED:
        return "missed";
    default:
        return "open";
    }
}

static void report_obligations(audit_engine *e, const audit_group *g, const ukc_case *c)
{
    ukc_obligations *list;
    if (ukc_case_obligations(c, e->as_of, UKC_OBLIGATIONS_EXPLAIN, &list) != UKC_OK) {
        char why[600];
        snprintf(why, sizeof why, "the obligations cannot be computed: %s",
                 ukc_last_error()->message);
        e->sink.reject(e->sink.ctx, g->receive_line, g->case_id, why);
        return;
    }
    const ukc_procedure *proc = ukc_case_procedure(c);
    for (size_t i = 0; i < ukc_obligations_count(list); i++) {
        const ukc_case_obligation *o = ukc_obligations_at(list, i);
        if (o->party != UKC_PARTY_COUNCIL || o->state == UKC_STATE_NOT_APPLICABLE)
            continue;
        audit_obligation a = {
            .case_id = g->case_id,
            .procedure = proc ? proc->id : "",
            .kind = ukc_case_kind(c)->id,
            .stage = o->stage,
            .obligation = o->id,
            .what = o->what,
            .bound = o->bound == UKC_BOUND_MAXIMUM ? "maximum" : "target",
            .start = o->start,
            .due = o->due,
            .done = o->met,
            .status = status_of(o),
            .late = o->state == UKC_STATE_MISSED ? o->late_by : 0,
            .citation = &o->citation,
        };
        summarise(e, o->explanation, &a.ids, &a.text);
        e->sink.obligation(e->sink.ctx, &a);
    }
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
    ukc_case *c;
    const char *kind = *g->kind ? g->kind : "complaint";
    if (ukc_case_open(e->policy, *g->procedure ? g->procedure : NULL, kind, g->received,
                      g->channel, NULL, &c) != UKC_OK) {
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
        size_t *o = realloc(e->order, g->count * sizeof *o);
        if (!o) {
            reject_all(e, g, "out of memory");
            ukc_case_free(c);
            return;
        }
        e->order = o;
        e->cap = g->count;
    }
    for (size_t i = 0; i < g->count; i++)
        e->order[i] = i;
    sort_base = g->events;
    qsort(e->order, g->count, sizeof *e->order, by_date);

    for (size_t i = 0; i < g->count; i++) {
        const audit_event *ev = &g->events[e->order[i]];
        ukc_case_event ce;
        ukc_decision d;
        if (!make_event(e, ev, &ce, why, sizeof why)) {
            e->sink.reject(e->sink.ctx, ev->line, g->case_id, why);
            continue;
        }
        if (ukc_case_apply(c, &ce, &d) != UKC_OK) {
            snprintf(why, sizeof why, "%s", ukc_last_error()->message);
            e->sink.reject(e->sink.ctx, ev->line, g->case_id, why);
            continue;
        }
        if (!d.allowed) {
            audit_finding f = {
                .case_id = g->case_id,
                .procedure = ukc_case_procedure(c) ? ukc_case_procedure(c)->id : "",
                .kind = kind,
                .line = ev->line,
                .event = ev->event,
                .date = ev->date,
                .code = d.code,
                .slug = d.slug,
                .message = d.message,
                .citation = &d.citation,
            };
            e->sink.finding(e->sink.ctx, &f);
        }
    }
    report_obligations(e, g, c);
    ukc_case_free(c);
}
