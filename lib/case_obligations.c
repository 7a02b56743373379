/* The obligations of a case at a date: due dates moved by extensions and
 * suspensions, states, and explanations. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_internal.h"
#include "date_internal.h"
#include "error_internal.h"
#include "explain_internal.h"
#include "policy_internal.h"
#include "util.h"

typedef ukc_item_in item_in;
typedef ukc_computed computed;

/* The items' IDs are put one after another in blocks: the first inside the
 * list (most lists fit in it), more from the heap, freed with the list. A
 * list is made for every case an audit reads, so it costs few allocations. */
struct ukc_obligations {
    ukc_date as_of;
    const ukc_case *c; size_t nevents; /* made for this case when it had nevents */
    ukc_case_obligation *items; /* item_room: each owns its explanation */
    size_t n, cap;
    ukc_text_block *more;    /* blocks after the first, newest first */
    size_t first_len;
    char first[320];
    /* The items, in the list's own allocation: as many as the case can have
     * (most_items()), so a list costs one allocation. */
    ukc_case_obligation item_room[];
};

/* The n strings of parts one after another, kept by the list; NULL when out
 * of memory. */
static const char *list_concat(ukc_obligations *l, const char *const *parts, size_t n)
{
    size_t len[4], total = 1;
    for (size_t i = 0; i < n; i++)
        total += len[i] = strlen(parts[i]);
    char *w;
    if (sizeof l->first - l->first_len >= total) {
        w = l->first + l->first_len;
        l->first_len += total;
    } else if (!(w = ukc__text_room(&l->more, total, 1024))) {
        return NULL;
    }
    char *start = w;
    for (size_t i = 0; i < n; i++) {
        memcpy(w, parts[i], len[i]);
        w += len[i];
    }
    *w = '\0';
    return start;
}

#define EXPLAIN_FULL UKC_OBLIGATIONS_EXPLAIN_FULL
#define EXPLAIN_FLAGS (UKC_OBLIGATIONS_EXPLAIN | UKC_OBLIGATIONS_EXPLAIN_FULL)

typedef struct builder {
    const ukc_case *c;
    ukc_obligations *list;       /* NULL when only one item is explained */
    ukc_date as_of;
    unsigned flags;
    const ukc_case_obligation *only; /* explain this item alone ... */
    ukc_explanation *found;      /* ... into this */
} builder;

static ukc_status oom(void)
{
    return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory listing a case's obligations");
}

static int32_t count_wd(const ukc_case *c, ukc_date from, ukc_date to)
{
    int32_t n = 0;
    if (to <= from || ukc_calendar_count_working_days(c->cal, from, to, &n))
        return 0;
    return n;
}

static ukc_date clock_date(const ukc_case *c, size_t i, ukc_clock_event ev);

/* The day the stage's response target runs out (after an extension), or the
 * day of an earlier holding reply saying the answer will take longer: where
 * Kent's four-weekly updates on complex complaints start. 0 while unknown. */
static ukc_date response_due(const ukc_case *c, size_t i)
{
    const ukc_obligation *o = ukc__case_obligation_of(c, i, UKC_OBLIGATION_RESPOND);
    const ukc_stage_rec *r = &c->stages[i];
    ukc_date start, due = 0;
    if (!o || o->time->from == UKC_CLOCK_RESPONSE_DUE || !(start = clock_date(c, i, o->time->from)))
        return 0;
    if (ukc__case_due(c, o->time, r->extended_to ? r->extended_to : o->time->count, start,
                      ukc__case_receipt(c), &due))
        return 0;
    return r->holding && r->holding < due ? r->holding : due;
}

/* The date of the event that starts a stage obligation's clock, or 0. */
static ukc_date clock_date(const ukc_case *c, size_t i, ukc_clock_event ev)
{
    const ukc_stage_rec *r = &c->stages[i];
    switch (ev) {
    case UKC_CLOCK_RECEIPT:
        return i == 0 ? c->received : r->requested;
    case UKC_CLOCK_ACKNOWLEDGEMENT:
        return r->acknowledged;
    case UKC_CLOCK_ESCALATION_REQUEST:
        return r->requested;
    case UKC_CLOCK_REQUEST_ACCEPTED:
    case UKC_CLOCK_INVESTIGATION_START:
        return r->entered;
    case UKC_CLOCK_HEARING:
        return r->panel;
    case UKC_CLOCK_REPORT:
        return r->report;
    case UKC_CLOCK_RESPONSE_SENT:
        return r->responded;
    case UKC_CLOCK_RESPONSE_RECEIVED:
        return r->deemed;
    case UKC_CLOCK_RESPONSE_DUE:
        return response_due(c, i);
    default:
        return 0;
    }
}

/* ---- One item ------------------------------------------------------------------- */

static ukc_status compute(const ukc_case *c, const item_in *in, ukc_date as_of, computed *out)
{
    const ukc_timescale *t = in->time;
    ukc_receipt receipt = in->party == UKC_PARTY_CUSTOMER || in->deemed
                              ? UKC_RECEIPT_DAY_OF_RECEIPT
                              : ukc__case_receipt(c);
    ukc_status st;
    memset(out, 0, sizeof *out);
    out->start = in->start;
    out->n = in->bound == UKC_BOUND_MAXIMUM ? t->maximum : t->count;
    if (in->bound == UKC_BOUND_TARGET && in->extended_to)
        out->n = in->extended_to;
    if (in->recurring_from_update && in->last_update > out->start)
        out->start = in->last_update;
    if ((st = ukc__case_due(c, t, out->n, out->start, receipt, &out->due)))
        return st;
    if (in->party == UKC_PARTY_CUSTOMER)
        return UKC_OK;
    for (size_t i = 0; i < c->npauses; i++) {
        const ukc_pause *p = &c->pauses[i];
        ukc_date to = p->to ? p->to : as_of;
        if (p->from < out->start || p->from > out->due || (in->met && in->met <= p->from))
            continue;
        if (!p->to) {
            out->withdrawn = p->withdrawal;
            out->suspended = !p->withdrawal;
        }
        if (to <= p->from)
            continue;
        if (c->mode == UKC_SUSPENSION_RESTART) {
            out->start = out->restarted = to;
            out->added = 0;
            st = ukc__case_due(c, t, out->n, to, UKC_RECEIPT_DAY_OF_RECEIPT, &out->due);
        } else if (t->unit == UKC_UNIT_WORKING_DAYS) {
            int32_t k = count_wd(c, p->from, to);
            out->added += k;
            st = ukc__case_due(c, t, out->n + out->added, out->start, receipt, &out->due);
        } else {
            out->added += to - p->from;
            st = ukc_date_add_days(out->due, to - p->from, &out->due);
        }
        if (st)
            return st;
    }
    return UKC_OK;
}

/* Whether the item is the one looked for: its ID (as add() makes it), start and due date. */
static bool is_only(const builder *bd, const item_in *in, const computed *k)
{
    const ukc_case_obligation *o = bd->only;
    const char *rule = in->party == UKC_PARTY_CUSTOMER ? "request" : in->rule;
    size_t n = strlen(in->prefix), m = strlen(rule);
    return !bd->found && o->start == k->start && o->due == k->due &&
           o->bound == (int32_t)in->bound && strncmp(o->id, in->prefix, n) == 0 &&
           o->id[n] == '.' && strncmp(o->id + n + 1, rule, m) == 0 &&
           strcmp(o->id + n + 1 + m, in->bound == UKC_BOUND_MAXIMUM ? ".maximum" : "") == 0;
}

static ukc_status add(builder *bd, const item_in *in)
{
    const ukc_case *c = bd->c;
    ukc_obligations *l = bd->list;
    ukc_date as_of = bd->as_of;
    computed k;
    ukc_status st = compute(c, in, as_of, &k);
    if (st)
        return st;
    if (bd->only) /* explain the item looked for, skip every other */
        return !is_only(bd, in, &k) ? UKC_OK
                                    : ukc__obligation_explain(c, in, &k, bd->flags & EXPLAIN_FULL,
                                                              &bd->found);
    if (l->n == l->cap) /* most_items() counts every item add() can be given */
        return ukc__fail(UKC_ERR_INTERNAL, "a case has more obligations than counted");
    ukc_case_obligation o;
    memset(&o, 0, sizeof o);
    o.size = sizeof o;
    /* The ID is put together without a format: this runs for every item of
     * every list, and formatting was a third of a case's cost. */
    const char *parts[] = { in->prefix, ".",
                            in->party == UKC_PARTY_CUSTOMER ? "request" : in->rule,
                            in->bound == UKC_BOUND_MAXIMUM ? ".maximum" : "" };
    o.id = list_concat(l, parts, 4);
    if (!o.id)
        return oom();
    o.rule = in->rule;
    o.stage = in->stage;
    o.what = in->what;
    o.party = in->party;
    o.bound = in->bound;
    o.text = in->text;
    o.condition = in->condition ? in->condition : "";
    o.unit = in->time->unit;
    o.start = k.start;
    o.due = k.due;
    o.met = in->met;
    o.extended_to = in->bound == UKC_BOUND_TARGET ? in->extended_to : 0;
    o.suspended_days = k.added;
    o.citation = in->citation;
    if (in->not_applicable) {
        o.state = UKC_STATE_NOT_APPLICABLE;
    } else if (in->met) {
        o.state = in->met <= k.due ? UKC_STATE_MET : UKC_STATE_MISSED;
        o.late_by = count_wd(c, k.due, in->met);
    } else if (in->party == UKC_PARTY_CUSTOMER) {
        o.state = as_of > k.due ? UKC_STATE_LAPSED : UKC_STATE_PENDING;
    } else if (k.withdrawn) {
        o.state = UKC_STATE_NOT_APPLICABLE;
    } else if (k.suspended) {
        o.state = UKC_STATE_SUSPENDED;
    } else if (in->responded && in->responded <= k.due) {
        o.state = UKC_STATE_NOT_APPLICABLE; /* a holding reply or update no longer needed */
    } else if (in->responded) {
        o.state = UKC_STATE_MISSED;
        o.late_by = count_wd(c, k.due, in->responded);
    } else if (as_of > k.due) {
        o.state = UKC_STATE_MISSED;
        o.late_by = count_wd(c, k.due, as_of);
    } else {
        o.state = UKC_STATE_PENDING;
    }
    /* The compact form is built without the working days counted, never
     * built in full and then cut down. */
    ukc_explanation *e = NULL;
    if ((bd->flags & (UKC_OBLIGATIONS_EXPLAIN | UKC_OBLIGATIONS_EXPLAIN_FULL)) &&
        (st = ukc__obligation_explain(c, in, &k, (bd->flags & UKC_OBLIGATIONS_EXPLAIN_FULL) != 0,
                                      &e)))
        return st;
    o.explanation = e;
    l->items[l->n++] = o;
    return UKC_OK;
}

/* ---- Which obligations ----------------------------------------------------------- */

static bool kind_covered(const ukc_stage *s, ukc_obligation_kind kind)
{
    for (size_t i = 0; s && i < s->obligation_count; i++)
        if (s->obligations[i].kind == (int32_t)kind)
            return true;
    return false;
}

static void stage_item(const ukc_case *c, size_t i, const char *prefix, const char *stage,
                       const ukc_obligation *o, item_in *in)
{
    const ukc_stage_rec *r = &c->stages[i];
    memset(in, 0, sizeof *in);
    in->prefix = prefix;
    in->stage = stage;
    in->rule = o->id;
    in->what = ukc__obligation_kind_names[o->kind];
    in->text = o->text;
    in->condition = o->condition;
    in->party = UKC_PARTY_COUNCIL;
    in->time = o->time;
    in->citation = o->citation;
    in->start = clock_date(c, i, o->time->from);
    switch (o->kind) {
    case UKC_OBLIGATION_ACKNOWLEDGE:
    case UKC_OBLIGATION_CONTACT:
        in->met = r->acknowledged;
        break;
    case UKC_OBLIGATION_HOLDING_REPLY:
        in->met = r->holding;
        in->responded = r->responded;
        break;
    case UKC_OBLIGATION_PROGRESS_UPDATE:
        in->recurring_from_update = o->time->recurring;
        in->last_update = r->last_update;
        in->responded = r->responded;
        if (!o->time->recurring)
            in->met = r->last_update;
        break;
    case UKC_OBLIGATION_PANEL:
        in->met = r->panel;
        break;
    case UKC_OBLIGATION_REPORT:
        in->met = r->report;
        break;
    case UKC_OBLIGATION_EXPLAIN_REFUSAL:
        in->met = r->refused;
        in->not_applicable = r->entered != 0;
        break;
    default:
        in->met = r->responded;
        break;
    }
}

static ukc_status add_obligation(builder *bd, const item_in *in, const ukc_obligation *o,
                                 const ukc_stage_rec *r, const ukc_case_event *ext)
{
    ukc_status st;
    item_in x = *in;
    if (!x.start)
        return UKC_OK; /* its clock has not started */
    if (o->kind == UKC_OBLIGATION_RESPOND && r && r->extended_to) {
        const ukc_case_action *a = NULL;
        a = ukc__case_action_of(bd->c, UKC_ACTION_EXTEND);
        x.extended_to = r->extended_to;
        x.extended_on = r->extended_on;
        x.extend_reason = ext ? ext->reasons : NULL;
        x.extend_citation = o->time->maximum > 0 ? o->citation : a ? a->citation : NULL;
    }
    x.bound = UKC_BOUND_TARGET;
    if ((st = add(bd, &x)))
        return st;
    if (o->time->maximum > 0) {
        x.bound = UKC_BOUND_MAXIMUM;
        if ((st = add(bd, &x)))
            return st;
    }
    return UKC_OK;
}

static ukc_status add_stage(builder *bd, size_t i)
{
    const ukc_case *c = bd->c;
    const ukc_stage *s = c->proc ? &c->proc->stages[i] : NULL;
    const ukc_stage_rec *r = &c->stages[i];
    const ukc_case_event *ext = r->extended_to ? &c->events[r->extend_event] : NULL;
    item_in in;
    ukc_status st;
    bool entered = r->entered != 0;
    if (!r->requested)
        return UKC_OK;
    /* The kind's own obligations go with the kind's own route (the procedure
     * it names, or none); a case in another procedure follows that one. */
    if (i == 0 && (!c->proc || strcmp(c->kind->procedure, c->proc->id) == 0)) {
        static const ukc_obligation_kind kinds[] = {
            UKC_OBLIGATION_ACKNOWLEDGE, UKC_OBLIGATION_RESPOND, UKC_OBLIGATION_HOLDING_REPLY,
            UKC_OBLIGATION_PROGRESS_UPDATE, UKC_OBLIGATION_CONTACT
        };
        for (size_t j = 0; j < c->kind->obligation_count; j++) {
            const ukc_obligation *o = &c->kind->obligations[j];
            bool ok = false;
            for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
                ok = ok || o->kind == (int32_t)kinds[k];
            if (!ok || kind_covered(s, o->kind))
                continue;
            stage_item(c, 0, c->kind->id, "", o, &in);
            if ((st = add_obligation(bd, &in, o, r, ext)))
                return st;
        }
    }
    /* A progress update with a condition (Kent: "complex issues which cannot be
     * answered within 20 working days") is owed only when the stage was not
     * answered by its response target. */
    ukc_date respond_due = 0;
    for (size_t j = 0; s && entered && r->responded && j < s->obligation_count; j++) {
        const ukc_obligation *o = &s->obligations[j];
        computed k;
        if (o->kind != UKC_OBLIGATION_RESPOND)
            continue;
        stage_item(c, i, s->id, s->id, o, &in);
        in.bound = UKC_BOUND_TARGET;
        if (in.start && compute(c, &in, bd->as_of, &k) == UKC_OK)
            respond_due = k.due;
        break;
    }
    for (size_t j = 0; s && j < s->obligation_count; j++) {
        const ukc_obligation *o = &s->obligations[j];
        if (!entered && o->kind != UKC_OBLIGATION_EXPLAIN_REFUSAL)
            continue;
        if (o->kind == UKC_OBLIGATION_EXPLAIN_REFUSAL &&
            !(s->acceptance_required == UKC_ANSWER_YES || s->automatic == UKC_ANSWER_NO))
            continue;
        stage_item(c, i, s->id, s->id, o, &in);
        if (o->kind == UKC_OBLIGATION_PROGRESS_UPDATE && o->condition && *o->condition &&
            respond_due && r->responded <= respond_due)
            in.not_applicable = true;
        if ((st = add_obligation(bd, &in, o, r, ext)))
            return st;
    }
    return UKC_OK;
}

static ukc_status add_window(builder *bd, size_t i)
{
    const ukc_case *c = bd->c;
    const ukc_time_limit *lim = ukc__case_request_limit(c, i);
    const ukc_stage_rec *prev = &c->stages[i - 1];
    item_in in;
    ukc_status st;
    if (!lim || !prev->responded)
        return UKC_OK;
    memset(&in, 0, sizeof in);
    in.prefix = c->proc->stages[i].id;
    in.stage = c->proc->stages[i].id;
    in.rule = lim->id;
    in.what = "escalation-window";
    in.text = lim->text;
    in.condition = lim->exception;
    in.party = UKC_PARTY_CUSTOMER;
    in.bound = UKC_BOUND_TARGET;
    in.time = lim->time;
    in.citation = lim->citation;
    in.sent = prev->responded;
    in.delivery = prev->delivery;
    if (lim->time->from == UKC_CLOCK_RESPONSE_SENT) {
        in.start = prev->responded;
    } else {
        if ((st = ukc__case_deemed(c, prev->delivery, prev->responded, &in.start, &in.deemed)))
            return st;
    }
    in.met = c->stages[i].requested;
    return add(bd, &in);
}

static ukc_status add_actions(builder *bd)
{
    const ukc_case *c = bd->c;
    for (size_t i = 0; i < c->nactions; i++) {
        const ukc_action_rec *a = &c->actions[i];
        for (size_t j = 0; j < a->action->obligation_count; j++) {
            const ukc_obligation *o = &a->action->obligations[j];
            item_in in;
            memset(&in, 0, sizeof in);
            in.prefix = a->action->id;
            in.stage = "";
            in.rule = o->id;
            in.what = ukc__obligation_kind_names[o->kind];
            in.text = o->text;
            in.condition = o->condition;
            in.party = UKC_PARTY_COUNCIL;
            in.time = o->time;
            in.citation = o->citation;
            in.start = a->decided;
            in.met = a->notified;
            in.bound = UKC_BOUND_TARGET;
            ukc_status st = add(bd, &in);
            if (st)
                return st;
        }
    }
    return UKC_OK;
}

static int by_due(const void *a, const void *b)
{
    const ukc_case_obligation *x = a, *y = b;
    if (x->due != y->due)
        return x->due < y->due ? -1 : 1;
    return strcmp(x->id, y->id);
}

static void list_destroy(ukc_obligations *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        ukc__explanation_destroy((ukc_explanation *)l->items[i].explanation);
    ukc__text_free(l->more);
    ukc__free(l);
}

/* The most items add() can be given for the case: a target and a maximum
 * for each obligation of its stages (and, at stage 1, of its feedback kind),
 * the window to ask for each later stage, and each obligation of its
 * actions. */
static size_t most_items(const ukc_case *c)
{
    size_t n = 2 * c->kind->obligation_count;
    for (size_t i = 0; c->proc && i < c->nstages; i++)
        n += 2 * c->proc->stages[i].obligation_count + 1;
    for (size_t i = 0; i < c->nactions; i++)
        n += c->actions[i].action->obligation_count;
    return n;
}

/* Every item of the builder's case, in the order of its stages and actions. */
static ukc_status walk(builder *bd)
{
    ukc_status st = UKC_OK;
    for (size_t i = 0; i < bd->c->nstages && !st; i++) {
        st = add_stage(bd, i);
        if (!st && i > 0)
            st = add_window(bd, i);
    }
    return st ? st : add_actions(bd);
}

static ukc_status build(builder *bd)
{
    size_t most = most_items(bd->c);
    /* Items are written whole by add(): only the head is cleared. */
    ukc_obligations *l = ukc__malloc(sizeof *l + most * sizeof *l->item_room);
    if (!l)
        return oom();
    memset(l, 0, offsetof(ukc_obligations, first));
    l->items = l->item_room;
    l->cap = most;
    l->as_of = bd->as_of;
    bd->list = l;
    ukc_status st = walk(bd);
    if (st) {
        list_destroy(l);
        return st;
    }
    /* Each item carries its explanation, so they are sorted together: most
     * lists have a few items, mostly in order already, so by insertion. */
    if (l->n > 32)
        qsort(l->items, l->n, sizeof *l->items, by_due);
    for (size_t i = 1; l->n <= 32 && i < l->n; i++) {
        ukc_case_obligation x = l->items[i];
        size_t j = i;
        for (; j > 0 && by_due(&l->items[j - 1], &x) > 0; j--)
            l->items[j] = l->items[j - 1];
        l->items[j] = x;
    }
    return UKC_OK;
}

/* Build the list (or explain the one item) of the case as it stood at the date: the
 * case itself, or before its last event a copy with the events up to then replayed. */
static ukc_status at_date(builder *bd)
{
    const ukc_case *c = bd->c;
    if (bd->as_of >= c->last)
        return bd->only ? walk(bd) : build(bd);
    ukc_case_options o = { UKC_CASE_OPTIONS_VERSION, c->mode, c->cal };
    ukc_case *then;
    ukc_decision d;
    ukc_status st = ukc__case_open(c->policy, c->proc ? c->proc->id : "", c->kind->id,
                                   c->received, c->channel, &o, &then);
    for (size_t i = 0; !st && i < c->nevents && c->events[i].date <= bd->as_of; i++)
        st = ukc__case_apply(then, &c->events[i], &d);
    bd->c = then;
    if (!st)
        st = bd->only ? walk(bd) : build(bd);
    bd->c = c;
    ukc__case_destroy(then);
    return st;
}

ukc_status ukc_case_obligations(const ukc_case *c, ukc_date as_of, unsigned flags,
                                ukc_obligations **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!c || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", c ? "out" : "case");
    if (flags & ~EXPLAIN_FLAGS)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "unknown flags %#x", flags);
    if (as_of < UKC_CALENDAR_FIRST || as_of > UKC_CALENDAR_LAST)
        return ukc__fail(UKC_ERR_OUT_OF_RANGE, "the date is outside the calendar's range");
    builder bd = { .c = c, .as_of = as_of, .flags = flags };
    ukc_status st = at_date(&bd);
    if (st)
        return st;
    bd.list->c = c;
    bd.list->nevents = c->nevents;
    *out = bd.list;
    return UKC_OK;
}

ukc_status ukc_obligations_explain(ukc_obligations *list, const ukc_case *c, size_t i,
                                   unsigned flags)
{
    ukc__error_reset();
    if (!list || !c)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", c ? "list" : "case");
    if (i >= list->n)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "the list has no obligation %zu", i);
    if (!(flags & EXPLAIN_FLAGS) || (flags & ~EXPLAIN_FLAGS))
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "flags %#x ask for no explanation", flags);
    if (list->c != c || list->nevents != c->nevents)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT,
                         "the list was not made for the case as it stands");
    ukc_case_obligation *o = &list->items[i];
    if (o->explanation)
        return UKC_OK;
    builder bd = { .c = c, .as_of = list->as_of, .flags = flags, .only = o };
    ukc_status st = at_date(&bd);
    if (!st && !bd.found)
        st = ukc__fail(UKC_ERR_INTERNAL, "obligation %s is not the case's", o->id);
    if (st) {
        ukc__explanation_destroy(bd.found);
        return st;
    }
    o->explanation = bd.found;
    return UKC_OK;
}

size_t ukc_obligations_count(const ukc_obligations *list)
{
    ukc__error_reset();
    return list ? list->n : 0;
}

const ukc_case_obligation *ukc_obligations_at(const ukc_obligations *list, size_t i)
{
    ukc__error_reset();
    return list && i < list->n ? &list->items[i] : NULL;
}

ukc_date ukc_obligations_as_of(const ukc_obligations *list)
{
    ukc__error_reset();
    return list ? list->as_of : 0;
}

void ukc_obligations_free(ukc_obligations *list)
{
    ukc__error_reset();
    list_destroy(list);
}
