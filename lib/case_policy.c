/* What a case reads from its policy: the rules of its stages, kind and
 * actions, its time limits and bodies, and the due dates they give. The
 * policy is read only through its accessors. */
#include <string.h>

#include "case_internal.h"
#include "error_internal.h"
#include "policy_internal.h" /* ukc__deadline_due */
#include "route_fields_internal.h"

const ukc_stage *ukc__case_stage_at(const ukc_case *c, size_t i)
{
    return c->proc && i < c->proc->stage_count ? &c->proc->stages[i] : NULL;
}

/* Whether the case follows its feedback kind's own procedure (or has none). */
bool ukc__case_kind_route(const ukc_case *c)
{
    return !c->proc || strcmp(c->kind->procedure, c->proc->id) == 0;
}

const ukc_obligation *ukc__case_obligation_of(const ukc_case *c, size_t stage,
                                              ukc_obligation_kind kind)
{
    const ukc_stage *s = ukc__case_stage_at(c, stage);
    if (s)
        for (size_t i = 0; i < s->obligation_count; i++)
            if (s->obligations[i].kind == (int32_t)kind)
                return &s->obligations[i];
    if (stage == 0 && ukc__case_kind_route(c))
        for (size_t i = 0; i < c->kind->obligation_count; i++)
            if (c->kind->obligations[i].kind == (int32_t)kind)
                return &c->kind->obligations[i];
    return NULL;
}

const ukc_obligation *ukc__case_stage_obligation(const ukc_case *c, size_t stage,
                                                 ukc_obligation_kind kind)
{
    const ukc_stage *s = ukc__case_stage_at(c, stage);
    for (size_t i = 0; s && i < s->obligation_count; i++)
        if (s->obligations[i].kind == (int32_t)kind)
            return &s->obligations[i];
    return NULL;
}

const ukc_obligation *ukc__case_clock_obligation(const ukc_case *c, size_t stage,
                                                 ukc_clock_event from)
{
    const ukc_stage *s = ukc__case_stage_at(c, stage);
    for (size_t i = 0; s && i < s->obligation_count; i++)
        if (s->obligations[i].time->from == (int32_t)from)
            return &s->obligations[i];
    return NULL;
}

/* An action of the kind for the case: the procedure's own, else the general
 * one; either only when it covers the case's feedback kind. */
const ukc_case_action *ukc__case_action_of(const ukc_case *c, ukc_action_kind kind)
{
    const ukc_policy *p = c->policy;
    const ukc_case_action *general = NULL;
    for (size_t i = 0; i < ukc_policy_case_action_count(p); i++) {
        const ukc_case_action *a = ukc_policy_case_action_at(p, i);
        ukc__names kinds = ukc__action_feedback_kinds(p, a);
        if (a->kind != (int32_t)kind || (kinds.n && !ukc__names_has(kinds, c->kind->id)))
            continue;
        if (c->proc && strcmp(a->procedure, c->proc->id) == 0)
            return a;
        if (!*a->procedure && !general)
            general = a;
    }
    return general;
}

/* An action of the kind the policy has but not for this case's feedback kind. */
const ukc_case_action *ukc__case_action_for_other_kinds(const ukc_case *c, ukc_action_kind kind)
{
    const ukc_policy *p = c->policy;
    for (size_t i = 0; i < ukc_policy_case_action_count(p); i++) {
        const ukc_case_action *a = ukc_policy_case_action_at(p, i);
        if (a->kind == (int32_t)kind && ukc__action_feedback_kinds(p, a).n)
            return a;
    }
    return NULL;
}

/* Lookups by loop, not by the policy's finders: a finder that does not find
 * reports an error, and a case decision that looks is not a failure. */
const ukc_external_body *ukc__case_body(const ukc_case *c, const char *id)
{
    for (size_t i = 0; id && i < ukc_policy_external_body_count(c->policy); i++)
        if (strcmp(ukc_policy_external_body_at(c->policy, i)->id, id) == 0)
            return ukc_policy_external_body_at(c->policy, i);
    return NULL;
}

const char *ukc__case_council(const ukc_case *c)
{
    return ukc_policy_council(c->policy);
}

ukc_receipt ukc__case_receipt(const ukc_case *c)
{
    return ukc_policy_working_days(c->policy)->receipt;
}

const ukc_time_limit *ukc__case_request_limit(const ukc_case *c, size_t i)
{
    const ukc_stage *s = ukc__case_stage_at(c, i);
    for (size_t k = 0; s && *s->request_limit && k < ukc_policy_time_limit_count(c->policy); k++)
        if (strcmp(ukc_policy_time_limit_at(c->policy, k)->id, s->request_limit) == 0)
            return ukc_policy_time_limit_at(c->policy, k);
    return NULL;
}

/* ---- Dates ---------------------------------------------------------------- */

ukc_status ukc__case_due(const ukc_case *c, const ukc_timescale *t, int32_t n, ukc_date start,
                         ukc_receipt receipt, ukc_date *out)
{
    ukc__deadline d = { c->policy, t, n, start, receipt, NULL, false };
    if (strcmp(t->calendar, ukc_policy_working_days(c->policy)->calendar) == 0)
        d.cal = c->cal;
    return ukc__deadline_due(&d, out);
}

ukc_status ukc__case_deemed(const ukc_case *c, ukc_delivery method, ukc_date sent, ukc_date *out,
                            const ukc_deemed_receipt **rule)
{
    *rule = NULL;
    for (size_t i = 0; i < ukc_policy_deemed_receipt_count(c->policy); i++)
        if (ukc_policy_deemed_receipt_at(c->policy, i)->method == (int32_t)method)
            *rule = ukc_policy_deemed_receipt_at(c->policy, i);
    if (!*rule) {
        *out = sent;
        return UKC_OK;
    }
    /* As ukc_policy_explain_deemed_receipt(): counted from the day of posting. */
    return ukc__case_due(c, (*rule)->time, (*rule)->time->count, sent, UKC_RECEIPT_DAY_OF_RECEIPT,
                         out);
}

ukc_status ukc__case_window_end(const ukc_case *c, size_t i, bool other_reading, ukc_date *out)
{
    const ukc_time_limit *lim = ukc__case_request_limit(c, i);
    *out = 0;
    if (!lim || i == 0 || !c->stages[i - 1].responded)
        return UKC_OK;
    ukc_timescale t = *lim->time;
    if (other_reading) {
        /* "within 20 days": the reading the rule does not keep. */
        if (!t.unit_unclear ||
            (t.unit != UKC_UNIT_CALENDAR_DAYS && t.unit != UKC_UNIT_WORKING_DAYS))
            return UKC_OK;
        t.unit = t.unit == UKC_UNIT_CALENDAR_DAYS ? UKC_UNIT_WORKING_DAYS : UKC_UNIT_CALENDAR_DAYS;
    }
    const ukc_stage_rec *prev = &c->stages[i - 1];
    ukc_date start = t.from == UKC_CLOCK_RESPONSE_SENT ? prev->responded : prev->deemed;
    return ukc__case_due(c, &t, t.count, start, UKC_RECEIPT_DAY_OF_RECEIPT, out);
}
