/* Names of the policy format's enumerations, and the working-day definitions.
 * A leaf of the policy module: the checker, the builder and the queries use it. */
#include <string.h>

#include "error_internal.h"
#include "policy_internal.h"

const char *const ukc__unit_names[] = { "working-days", "calendar-days", "weeks", "months",
                                        "calendar-months", NULL };
const char *const ukc__source_names[] = { "primary", "secondary", "adopter", NULL };
/* Working-day definitions, each with the calendar it counts on. */
const char *const ukc__definition_names[] = { "england-and-wales-1971-act", "any-part-of-the-uk",
                                              "scotland-only", NULL };
static const char *const definition_calendars[] = { "england-and-wales", "united-kingdom",
                                                    "scotland" };

const char *ukc__definition_calendar(const char *definition)
{
    int i = ukc__name_index(ukc__definition_names, definition);
    return i < 0 ? NULL : definition_calendars[i];
}
const char *const ukc__event_names[] = {
    "receipt",     "acknowledgement", "escalation-request", "request-accepted",
    "investigation-start", "hearing", "report", "response-sent", "response-received",
    "decision",    "issue-aware",     "issue-arising",      "response-due",
    NULL
};
const char *const ukc__obligation_kind_names[] = {
    "acknowledge",     "respond", "holding-reply", "progress-update", "panel",
    "report", "explain-refusal", "notify", "decision", "contact", NULL
};
const char *const ukc__route_names[] = { "not-handled", "separate-procedure", "other-process",
                                         "other-body", "reclassified", NULL };
const char *const ukc__limit_kind_names[] = { "bring-complaint", "escalate", "incident-age",
                                              "external-wait", NULL };
const char *const ukc__action_names[] = { "extend", "suspend", "resume", "withdraw",
                                          "reopen", "discontinue", "restrict", NULL };
const char *const ukc__delivery_names[] = { "email", "first-class-post", "second-class-post",
                                            "hand", NULL };
const char *const ukc__answer_names[] = { "unstated", "yes", "no", NULL };
const char *const ukc__receipt_names[] = { "day-of-receipt", "next-working-day", NULL };

int ukc__name_index(const char *const *table, const char *name)
{
    for (int i = 0; table[i]; i++)
        if (strcmp(table[i], name) == 0)
            return i;
    return -1;
}

const char *ukc__name_of(const char *const *table, int value)
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

#define NAME_FUNCS(type, fn, table, what)                                                   \
    const char *fn##_name(type v)                                                            \
    {                                                                                        \
        ukc__error_reset();                                                                  \
        return ukc__name_of(table, (int)v);                                                       \
    }                                                                                        \
    ukc_status fn##_from_name(const char *name, type *out)                                   \
    {                                                                                        \
        int i = 0;                                                                           \
        ukc__error_reset();                                                                  \
        if (!out)                                                                            \
            return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "out is NULL");                       \
        ukc_status st = from_name(table, what, name, &i);                                    \
        *out = (type)i;                                                                      \
        return st;                                                                           \
    }

NAME_FUNCS(ukc_unit, ukc_unit, ukc__unit_names, "unit")
NAME_FUNCS(ukc_clock_event, ukc_clock_event, ukc__event_names, "clock event")
NAME_FUNCS(ukc_obligation_kind, ukc_obligation_kind, ukc__obligation_kind_names,
           "obligation kind")
NAME_FUNCS(ukc_route, ukc_route, ukc__route_names, "route")
NAME_FUNCS(ukc_limit_kind, ukc_limit_kind, ukc__limit_kind_names, "time limit kind")
NAME_FUNCS(ukc_action_kind, ukc_action_kind, ukc__action_names, "case action")
NAME_FUNCS(ukc_delivery, ukc_delivery, ukc__delivery_names, "delivery method")

const char *ukc_source_quality_name(ukc_source_quality source)
{
    ukc__error_reset();
    return ukc__name_of(ukc__source_names, (int)source);
}

const char *ukc_answer_name(ukc_answer answer)
{
    ukc__error_reset();
    return ukc__name_of(ukc__answer_names, (int)answer);
}

