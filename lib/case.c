/* Cases: opening, applying events, history and what the case is. */
#include <stdio.h>
#include <string.h>

#include "case_internal.h"
#include "error_internal.h"
#include "policy_internal.h"
#include "util.h"

/* ---- Options and events ----------------------------------------------------- */

ukc_status ukc_case_options_init(ukc_case_options *opts, unsigned int version)
{
    ukc__error_reset();
    if (!opts)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "opts is NULL");
    if (version == 0 || version > UKC_CASE_OPTIONS_VERSION)
        return ukc__fail(UKC_ERR_VERSION, "unknown case options version %u", version);
    /* Only the fields of the caller's version: an older struct is shorter. */
    opts->version = version;
    opts->suspension = UKC_SUSPENSION_PAUSE;
    if (version >= 2)
        opts->calendar = NULL;
    return UKC_OK;
}

ukc_status ukc_case_event_init(ukc_case_event *event, unsigned int version)
{
    ukc__error_reset();
    if (!event)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "event is NULL");
    if (version == 0 || version > UKC_CASE_EVENT_VERSION)
        return ukc__fail(UKC_ERR_VERSION, "unknown case event version %u", version);
    ukc_case_event init = UKC_CASE_EVENT_INIT;
    *event = init;
    return UKC_OK;
}

/* ---- Opening ------------------------------------------------------------------ */

static const ukc_feedback_definition *kind_of(const ukc_policy *p, const char *id)
{
    for (size_t i = 0; i < ukc_policy_feedback_kind_count(p); i++)
        if (strcmp(ukc_policy_feedback_kind_at(p, i)->id, id) == 0)
            return ukc_policy_feedback_kind_at(p, i);
    return NULL;
}

static const ukc_procedure *procedure_of(const ukc_policy *p, const char *id)
{
    for (size_t i = 0; i < ukc_policy_procedure_count(p); i++)
        if (strcmp(ukc_policy_procedure_at(p, i)->id, id) == 0)
            return ukc_policy_procedure_at(p, i);
    return NULL;
}

ukc_status ukc__case_open(const ukc_policy *policy, const char *procedure, const char *kind,
                          ukc_date received, const char *channel, const ukc_case_options *opts,
                          ukc_case **out)
{
    ukc_status st;
    ukc_case_options o = UKC_CASE_OPTIONS_INIT;
    *out = NULL;
    if (opts) {
        if (opts->version == 0 || opts->version > UKC_CASE_OPTIONS_VERSION)
            return ukc__fail(UKC_ERR_VERSION, "unknown case options version %u", opts->version);
        if (opts->suspension < 0 || opts->suspension > UKC_SUSPENSION_RESTART)
            return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "unknown suspension option %d",
                             (int)opts->suspension);
        /* Read only the fields of the caller's version: an older struct is shorter. */
        o.suspension = opts->suspension;
        if (opts->version >= 2)
            o.calendar = opts->calendar;
    }
    const ukc_feedback_definition *k = kind_of(policy, kind);
    if (!k)
        return ukc__fail(UKC_ERR_NOT_SET, "%s's policy defines no feedback kind '%s'",
                         ukc_policy_council(policy), kind);
    const ukc_procedure *proc = NULL;
    const char *pid = procedure && *procedure ? procedure : k->procedure;
    if (*pid) {
        if (!(proc = procedure_of(policy, pid)))
            return ukc__fail(UKC_ERR_NOT_FOUND, "%s's policy has no procedure '%s'",
                             ukc_policy_council(policy), pid);
        if (proc->stage_count == 0)
            return ukc__fail(UKC_ERR_NOT_SET,
                             "the source of %s's policy does not give the stages of the "
                             "procedure '%s': %s",
                             ukc_policy_council(policy), pid,
                             *proc->not_in_source ? proc->not_in_source : "no stages are stated");
    }
    const ukc_calendar *cal = o.calendar;
    if (!cal && (st = ukc_calendar_builtin(ukc_policy_working_days(policy)->calendar, &cal)))
        return st;
    if (received < UKC_CALENDAR_FIRST || received > UKC_CALENDAR_LAST)
        return ukc__fail(UKC_ERR_OUT_OF_RANGE,
                         "the date received is outside the calendar's range 1971..2199");

    size_t nstages = proc ? proc->stage_count : 1;
    ukc_case *c = ukc__calloc(1, sizeof *c + nstages * sizeof *c->stage_recs);
    if (!c)
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory opening a case");
    c->policy = policy;
    c->proc = proc;
    c->kind = k;
    c->cal = cal;
    c->received = c->last = received;
    c->mode = o.suspension;
    c->status = c->resume_to = UKC_CASE_OPEN;
    c->nstages = nstages;
    c->stages = c->stage_recs;
    /* Most cases name no channel: "" costs no pool (a string and its index). */
    c->channel = channel && *channel ? ukc__pool_strdup(&c->strings, channel) : "";
    if (!c->channel) {
        ukc__case_destroy(c);
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory opening a case");
    }
    c->stages[0].requested = c->stages[0].entered = received;
    *out = c;
    return UKC_OK;
}

/* Text kept by a case is saved as JSON, so it must be UTF-8: refused on entry
 * with the byte offset of the first bad byte. */
static ukc_status check_text(const char *what, const char *s)
{
    size_t bad;
    if (!s || ukc__utf8_valid(s, strlen(s), &bad))
        return UKC_OK;
    ukc__fail(UKC_ERR_INVALID_UTF8, "the %s is not valid UTF-8 (at byte %zu)", what, bad);
    ukc__error_position(0, 0, (int64_t)bad);
    return UKC_ERR_INVALID_UTF8;
}

static ukc_status check_event_text(const ukc_case_event *e)
{
    ukc_status st;
    if ((st = check_text("event's reasons", e->reasons)) ||
        (st = check_text("event's ground", e->ground)) ||
        (st = check_text("event's method", e->method)) ||
        (st = check_text("event's body", e->body)) || (st = check_text("event's note", e->note)))
        return st;
    return UKC_OK;
}

ukc_status ukc_case_open(const ukc_policy *policy, const char *procedure, const char *kind,
                         ukc_date received, const char *channel, const ukc_case_options *opts,
                         ukc_case **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!policy || !kind || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL",
                         !policy ? "policy" : !kind ? "kind" : "out");
    ukc_status st;
    if ((st = check_text("channel", channel)))
        return st;
    return ukc__case_open(policy, procedure, kind, received, channel, opts, out);
}

void ukc__case_destroy(ukc_case *c)
{
    if (!c)
        return;
    ukc__free(c->pauses);
    ukc__free(c->actions);
    ukc__free(c->events);
    ukc__pool_free(&c->strings);
    ukc__free(c);
}

void ukc_case_free(ukc_case *c)
{
    ukc__error_reset();
    ukc__case_destroy(c);
}

/* ---- Events ---------------------------------------------------------------------- */

static const ukc_decision empty_decision = { sizeof(ukc_decision), false, UKC_ID_NONE, "", "",
                                             &ukc__empty_citation, "" };

/* The caller's decision, when given: its size must reach at least the first
 * release's last field. Only the bytes both sides know are written. */
static ukc_status decision_size(const ukc_decision *out, size_t *size)
{
    *size = 0;
    if (!out)
        return UKC_OK;
    ukc_status st = ukc__check_size(out->size, UKC_SIZE_THROUGH(ukc_decision, message),
                                    "ukc_decision");
    if (!st)
        *size = out->size;
    return st;
}

ukc_status ukc_case_apply(ukc_case *c, const ukc_case_event *event, ukc_decision *out)
{
    ukc_decision d = empty_decision;
    size_t size;
    ukc__error_reset();
    ukc_status st = decision_size(out, &size);
    if (st)
        return st;
    if (out)
        ukc__struct_out(out, size, &empty_decision, sizeof empty_decision);
    if (!c || !event)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", c ? "event" : "case");
    st = check_event_text(event);
    if (!st)
        st = ukc__case_apply(c, event, &d);
    if (out && !st)
        ukc__struct_out(out, size, &d, sizeof d);
    return st;
}

ukc_status ukc_case_check(const ukc_case *c, const ukc_case_event *event, ukc_decision *out)
{
    ukc_decision d = empty_decision;
    size_t size;
    ukc__error_reset();
    if (!out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "out is NULL");
    ukc_status st = decision_size(out, &size);
    if (st)
        return st;
    ukc__struct_out(out, size, &empty_decision, sizeof empty_decision);
    if (!c || !event)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", !c ? "case" : "event");
    st = check_event_text(event);
    if (!st)
        st = ukc__case_decide(c, event, &d);
    if (!st)
        ukc__struct_out(out, size, &d, sizeof d);
    return st;
}

size_t ukc_case_event_count(const ukc_case *c)
{
    ukc__error_reset();
    return c ? c->nevents : 0;
}

const ukc_case_event *ukc_case_event_at(const ukc_case *c, size_t i)
{
    ukc__error_reset();
    return c && i < c->nevents ? &c->events[i] : NULL;
}

/* ---- About the case ---------------------------------------------------------------- */

const ukc_policy *ukc_case_policy(const ukc_case *c)
{
    ukc__error_reset();
    return c ? c->policy : NULL;
}

const ukc_procedure *ukc_case_procedure(const ukc_case *c)
{
    ukc__error_reset();
    return c ? c->proc : NULL;
}

const ukc_feedback_definition *ukc_case_kind(const ukc_case *c)
{
    ukc__error_reset();
    return c ? c->kind : NULL;
}

ukc_date ukc_case_received(const ukc_case *c)
{
    ukc__error_reset();
    return c ? c->received : 0;
}

const char *ukc_case_channel(const ukc_case *c)
{
    ukc__error_reset();
    return c ? c->channel : "";
}

const ukc_stage *ukc_case_stage(const ukc_case *c)
{
    ukc__error_reset();
    return c && c->proc ? &c->proc->stages[c->stage] : NULL;
}

ukc_case_status ukc_case_status_of(const ukc_case *c)
{
    ukc__error_reset();
    return c ? c->status : UKC_CASE_OPEN;
}

ukc_suspension ukc_case_suspension(const ukc_case *c)
{
    ukc__error_reset();
    return c ? c->mode : UKC_SUSPENSION_PAUSE;
}

/* ---- Applying ---------------------------------------------------------------- */

static ukc_status grow(void **items, size_t *cap, size_t n, size_t size)
{
    if (!ukc__grow(items, cap, n + 1, size, 8))
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory applying a case event");
    return UKC_OK;
}

static ukc_status copy_str(ukc_case *c, const char *s, const char **out)
{
    *out = NULL;
    if (!s || !*s)
        return UKC_OK;
    if (!(*out = ukc__pool_strdup(&c->strings, s)))
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory applying a case event");
    return UKC_OK;
}

static void open_pause(ukc_case *c, ukc_date from, bool withdrawal)
{
    ukc_pause p = { from, 0, withdrawal };
    c->pauses[c->npauses++] = p;
}

static void close_pause(ukc_case *c, ukc_date to)
{
    if (c->npauses && !c->pauses[c->npauses - 1].to)
        c->pauses[c->npauses - 1].to = to;
}

/* Change the state; nothing here can fail (memory was reserved first). */
static void commit(ukc_case *c, const ukc_case_event *ev)
{
    ukc_stage_rec *r = &c->stages[c->stage];
    const ukc_stage *next = ukc__case_stage_at(c, c->stage + 1);
    const ukc_deemed_receipt *rule;
    switch (ev->kind) {
    case UKC_EVENT_ACKNOWLEDGE:
        r->acknowledged = ev->date;
        break;
    case UKC_EVENT_RESPOND:
        r->responded = ev->date;
        r->delivery = ev->delivery;
        if (ukc__case_deemed(c, ev->delivery, ev->date, &r->deemed, &rule))
            r->deemed = ev->date; /* outside the calendar: the day sent */
        c->status = UKC_CASE_RESPONDED;
        break;
    case UKC_EVENT_HOLDING_REPLY:
        if (!r->holding)
            r->holding = ev->date;
        break;
    case UKC_EVENT_PROGRESS_UPDATE:
        r->last_update = ev->date;
        break;
    case UKC_EVENT_REQUEST_ESCALATION:
        c->stages[c->stage + 1].requested = ev->date;
        if (next->acceptance_required == UKC_ANSWER_YES || next->automatic == UKC_ANSWER_NO) {
            c->status = UKC_CASE_REQUESTED;
        } else {
            c->stage++;
            c->stages[c->stage].entered = ev->date;
            c->status = UKC_CASE_OPEN;
        }
        break;
    case UKC_EVENT_ACCEPT_ESCALATION:
        c->stage++;
        c->stages[c->stage].entered = ev->date;
        c->status = UKC_CASE_OPEN;
        break;
    case UKC_EVENT_REFUSE_ESCALATION:
        c->stages[c->stage + 1].refused = ev->date;
        c->status = UKC_CASE_RESPONDED;
        break;
    case UKC_EVENT_EXTEND: {
        const ukc_obligation *o = ukc__case_obligation_of(c, c->stage, UKC_OBLIGATION_RESPOND);
        r->extended_to = ev->days ? ev->days : o->time->maximum;
        r->extended_on = ev->date;
        r->extend_event = c->nevents - 1;
        break;
    }
    case UKC_EVENT_SUSPEND:
        c->resume_to = c->status;
        c->status = UKC_CASE_SUSPENDED;
        open_pause(c, ev->date, false);
        break;
    case UKC_EVENT_RESUME:
        c->status = c->resume_to;
        close_pause(c, ev->date);
        break;
    case UKC_EVENT_WITHDRAW:
    case UKC_EVENT_DISCONTINUE:
        if (c->status == UKC_CASE_SUSPENDED)
            close_pause(c, ev->date);
        else
            c->resume_to = c->status;
        c->status = ev->kind == UKC_EVENT_WITHDRAW ? UKC_CASE_WITHDRAWN : UKC_CASE_DISCONTINUED;
        open_pause(c, ev->date, true);
        break;
    case UKC_EVENT_REOPEN:
        c->status = c->resume_to;
        close_pause(c, ev->date);
        c->contact_from = c->nevents;
        break;
    case UKC_EVENT_RESTRICT: {
        const ukc_case_action *a = ukc__case_action_of(c, UKC_ACTION_RESTRICT);
        if (a->obligation_count) {
            ukc_action_rec rec = { a, ev->date, 0 };
            c->actions[c->nactions++] = rec;
        }
        break;
    }
    case UKC_EVENT_NOTIFY:
        for (size_t i = 0; i < c->nactions; i++)
            if (!c->actions[i].notified) {
                c->actions[i].notified = ev->date;
                break;
            }
        break;
    case UKC_EVENT_PANEL:
        r->panel = ev->date;
        /* A stage whose rules state no council response after the panel (Kent's
         * Review Panel) is done when the panel has met. */
        if (!ukc__case_obligation_of(c, c->stage, UKC_OBLIGATION_RESPOND) &&
            !ukc__case_obligation_of(c, c->stage, UKC_OBLIGATION_DECISION))
            c->status = UKC_CASE_RESPONDED;
        break;
    case UKC_EVENT_REPORT:
        r->report = ev->date;
        break;
    case UKC_EVENT_CLOSE:
        close_pause(c, ev->date);
        c->status = UKC_CASE_CLOSED;
        break;
    case UKC_EVENT_CONTACT_ATTEMPT:
    case UKC_EVENT_CONTACT_METHODS:
    case UKC_EVENT_REFER:
        break;
    }
    if (ev->date > c->last)
        c->last = ev->date;
}

ukc_status ukc__case_apply(ukc_case *c, const ukc_case_event *ev, ukc_decision *d)
{
    ukc_status st = ukc__case_decide(c, ev, d);
    if (st || !d->allowed)
        return st;
    if (c->nevents >= UKC_CASE_MAX_EVENTS) {
        *d = (ukc_decision){ 0 };
        return ukc__fail(UKC_ERR_TOO_MANY, "a case holds at most %d events", UKC_CASE_MAX_EVENTS);
    }
    /* Reserve everything first, so that a failure changes nothing visible: a
     * pause only for the events that open one, an action only for a
     * restriction (most cases have neither, and cost no allocation for them). */
    ukc_case_event copy = *ev;
    bool pause = ev->kind == UKC_EVENT_SUSPEND || ev->kind == UKC_EVENT_WITHDRAW ||
                 ev->kind == UKC_EVENT_DISCONTINUE;
    if ((st = grow((void **)&c->events, &c->cap_events, c->nevents, sizeof *c->events)) ||
        (pause &&
         (st = grow((void **)&c->pauses, &c->cap_pauses, c->npauses, sizeof *c->pauses))) ||
        (ev->kind == UKC_EVENT_RESTRICT &&
         (st = grow((void **)&c->actions, &c->cap_actions, c->nactions, sizeof *c->actions))) ||
        (st = copy_str(c, ev->reasons, &copy.reasons)) ||
        (st = copy_str(c, ev->ground, &copy.ground)) ||
        (st = copy_str(c, ev->method, &copy.method)) || (st = copy_str(c, ev->body, &copy.body)) ||
        (st = copy_str(c, ev->note, &copy.note)))
        return st;
    if (ev->kind != UKC_EVENT_RESPOND) {
        copy.has_delivery = false;
        copy.delivery = UKC_DELIVERY_EMAIL;
    }
    if (ev->kind != UKC_EVENT_EXTEND)
        copy.days = 0;
    c->events[c->nevents++] = copy;
    commit(c, &copy);
    return UKC_OK;
}
