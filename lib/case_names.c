/* The names of the case enumerations: event kinds, statuses, suspension
 * options, obligation states and parties. A leaf of the case module. */
#include "case_internal.h"
#include "error_internal.h"
#include "policy_internal.h"

const char *const ukc__event_kind_names[] = {
    "acknowledge",     "respond",  "holding-reply",   "progress-update", "request-escalation",
    "accept-escalation", "refuse-escalation", "extend", "suspend",       "resume",
    "withdraw",        "reopen",   "contact-attempt", "discontinue",     "restrict",
    "refer",           "close",    "panel",           "report",          "notify",
    "contact-methods", NULL
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

