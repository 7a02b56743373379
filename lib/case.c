/* Cases: opening, events, history and the names of the case enumerations. */
#include <string.h>

#include "alloc_internal.h"
#include "case_internal.h"
#include "classify_internal.h" /* ukc__utf8_valid */
#include "error_internal.h"
#include "policy_internal.h"

const char *const ukc__event_kind_names[] = {
    "acknowledge",     "respond",  "holding-reply",   "progress-update", "request-escalation",
    "accept-escalation", "refuse-escalation", "extend", "suspend",       "resume",
    "withdraw",        "reopen",   "contact-attempt", "discontinue",     "restrict",
    "refer",           "close",    "panel",           "report",          "notify",
    NULL
};
static const char *const status_names[] = { "open",      "requested",    "responded", "suspended",
                                            "withdrawn", "discontinued", "closed",    NULL };
static const char *const suspension_names[] = { "pause", "restart", NULL };
static const char *const state_names[] = { "pending",   "met",    "missed", "not-applicable",
                                           "suspended", "lapsed", NULL };
static const char *const party_names[] = { "council", "customer", NULL };

static const char *name_of(const char *const *table, int value)
{
    for (int i = 0; table[i]; i++)
        if (i == value)
            return table[i];
    return "";
}

static ukc_status from_name(const char *const *table, const char *what, const char *name,
                            int *out)
{
    *out = 0;
    if (!name)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "name is NULL");
    int i = ukc__name_index(table, name);
    if (i < 0)
        return ukc__fail(UKC_ERR_NOT_FOUND, "unknown %s '%s'", what, name);
    *out = i;
    return UKC_OK;
}

const char *ukc_event_kind_name(ukc_event_kind kind)
{
    ukc__error_reset();
    return name_of(ukc__event_kind_names, (int)kind);
}

ukc_status ukc_event_kind_from_name(const char *name, ukc_event_kind *out)
{
    int i = 0;
    ukc__error_reset();
    if (!out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "out is NULL");
    ukc_status st = from_name(ukc__event_kind_names, "event kind", name, &i);
    *out = (ukc_event_kind)i;
    return st;
}

const char *ukc_case_status_name(ukc_case_status status)
{
    ukc__error_reset();
    return name_of(status_names, (int)status);
}

const char *ukc_suspension_name(ukc_suspension mode)
{
    ukc__error_reset();
    return name_of(suspension_names, (int)mode);
}

ukc_status ukc_suspension_from_name(const char *name, ukc_suspension *out)
{
    int i = 0;
    ukc__error_reset();
    if (!out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "out is NULL");
    ukc_status st = from_name(suspension_names, "suspension option", name, &i);
    *out = (ukc_suspension)i;
    return st;
}

const char *ukc_obligation_state_name(ukc_obligation_state state)
{
    ukc__error_reset();
    return name_of(state_names, (int)state);
}

const char *ukc_party_name(ukc_party party)
{
    ukc__error_reset();
    return name_of(party_names, (int)party);
}

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
    for (size_t i = 0; i < p->nkinds; i++)
        if (strcmp(p->kinds[i].id, id) == 0)
            return &p->kinds[i];
    return NULL;
}

static const ukc_procedure *procedure_of(const ukc_policy *p, const char *id)
{
    for (size_t i = 0; i < p->nprocedures; i++)
        if (strcmp(p->procedures[i].id, id) == 0)
            return &p->procedures[i];
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
                         policy->council, kind);
    const ukc_procedure *proc = NULL;
    const char *pid = procedure && *procedure ? procedure : k->procedure;
    if (*pid) {
        if (!(proc = procedure_of(policy, pid)))
            return ukc__fail(UKC_ERR_NOT_FOUND, "%s's policy has no procedure '%s'",
                             policy->council, pid);
        if (proc->stage_count == 0)
            return ukc__fail(UKC_ERR_NOT_SET,
                             "the source of %s's policy does not give the stages of the "
                             "procedure '%s': %s",
                             policy->council, pid,
                             *proc->not_in_source ? proc->not_in_source : "no stages are stated");
    }
    const ukc_calendar *cal = o.calendar;
    if (!cal && (st = ukc_calendar_builtin(policy->working_days.calendar, &cal)))
        return st;
    if (received < UKC_CALENDAR_FIRST || received > UKC_CALENDAR_LAST)
        return ukc__fail(UKC_ERR_OUT_OF_RANGE,
                         "the date received is outside the calendar's range 1971..2199");

    ukc_case *c = ukc__calloc(1, sizeof *c);
    if (!c)
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory opening a case");
    c->policy = policy;
    c->proc = proc;
    c->kind = k;
    c->cal = cal;
    c->received = c->last = received;
    c->mode = o.suspension;
    c->status = c->resume_to = UKC_CASE_OPEN;
    c->nstages = proc ? proc->stage_count : 1;
    c->stages = ukc__calloc(c->nstages, sizeof *c->stages);
    c->channel = ukc__pool_strdup(&c->strings, channel ? channel : "");
    if (!c->stages || !c->channel) {
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
    ukc__free(c->stages);
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

static const ukc_decision empty_decision = { false, UKC_ID_NONE, "", "", { "", "", "", UKC_SOURCE_PRIMARY }, "" };

ukc_status ukc_case_apply(ukc_case *c, const ukc_case_event *event, ukc_decision *out)
{
    ukc_decision d = empty_decision;
    ukc__error_reset();
    if (out)
        *out = empty_decision;
    if (!c || !event)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", c ? "event" : "case");
    ukc_status st = check_event_text(event);
    if (!st)
        st = ukc__case_apply(c, event, &d);
    if (out && !st)
        *out = d;
    return st;
}

ukc_status ukc_case_check(const ukc_case *c, const ukc_case_event *event, ukc_decision *out)
{
    ukc_decision d = empty_decision;
    ukc__error_reset();
    if (out)
        *out = empty_decision;
    if (!c || !event || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL",
                         !c ? "case" : !event ? "event" : "out");
    ukc_status st = check_event_text(event);
    if (!st)
        st = ukc__case_decide(c, event, &d);
    if (!st)
        *out = d;
    return st;
}

ukc_status ukc_case_history(const ukc_case *c, const ukc_case_event **events, size_t *count)
{
    ukc__error_reset();
    if (events)
        *events = NULL;
    if (count)
        *count = 0;
    if (!c || !events || !count)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL",
                         !c ? "case" : !events ? "events" : "count");
    *events = c->nevents ? c->events : NULL;
    *count = c->nevents;
    return UKC_OK;
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
