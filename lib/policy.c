/* Policies: built-ins, loading, queries and names of the enumerations. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_internal.h"
#include "error_internal.h"
#include "json_internal.h"
#include "once_internal.h"
#include "policy_internal.h"

/* ---- Names --------------------------------------------------------------- */

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
    "decision",    "issue-aware",     "issue-arising",      NULL
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

#define NAME_FUNCS(type, fn, table, what)                                                   \
    const char *fn##_name(type v)                                                            \
    {                                                                                        \
        ukc__error_reset();                                                                  \
        return name_of(table, (int)v);                                                       \
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
    return name_of(ukc__source_names, (int)source);
}

const char *ukc_answer_name(ukc_answer answer)
{
    ukc__error_reset();
    return name_of(ukc__answer_names, (int)answer);
}

/* ---- Built-in policies ---------------------------------------------------- */

#define POLICY_DATA(sym)                                                                    \
    extern const unsigned char ukc__policy_##sym[];                                         \
    extern const size_t ukc__policy_##sym##_len;
POLICY_DATA(kent)
POLICY_DATA(warwickshire)
POLICY_DATA(derby)
POLICY_DATA(unnamed_unitary_004)
POLICY_DATA(lgsco_2024)
POLICY_DATA(hos_2024)
POLICY_DATA(children_2006)
POLICY_DATA(adult_social_care_2009)
POLICY_DATA(spso_mchp)
POLICY_DATA(nipso_mchp)
POLICY_DATA(foia)
POLICY_DATA(foisa)
POLICY_DATA(eir)
POLICY_DATA(sar)
POLICY_DATA(wales_social_services_2014)
POLICY_DATA(psow_model)

#define MODEL(name, sym) { name, ukc__policy_##sym, &ukc__policy_##sym##_len, true }

static const struct builtin {
    const char *name;
    const unsigned char *text;
    const size_t *len;
    bool model; /* a model procedure, not a council's policy */
} builtin_table[] = {
    { "kent", ukc__policy_kent, &ukc__policy_kent_len, false },
    { "warwickshire", ukc__policy_warwickshire, &ukc__policy_warwickshire_len, false },
    { "derby", ukc__policy_derby, &ukc__policy_derby_len, false },
    { "unnamed-unitary-004", ukc__policy_unnamed_unitary_004,
      &ukc__policy_unnamed_unitary_004_len, false },
    MODEL("lgsco-2024", lgsco_2024),
    MODEL("hos-2024", hos_2024),
    MODEL("children-2006", children_2006),
    MODEL("adult-social-care-2009", adult_social_care_2009),
    MODEL("spso-mchp", spso_mchp),
    MODEL("nipso-mchp", nipso_mchp),
    MODEL("foia", foia),
    MODEL("foisa", foisa),
    MODEL("eir", eir),
    MODEL("sar", sar),
    MODEL("wales-social-services-2014", wales_social_services_2014),
    MODEL("psow-model", psow_model),
};
#define NBUILTIN (sizeof builtin_table / sizeof builtin_table[0])

static _Atomic(void *) builtins[NBUILTIN];
static pthread_mutex_t builtin_lock = PTHREAD_MUTEX_INITIALIZER;

static void builtin_text(size_t i, const char **text, size_t *len)
{
    *text = (const char *)builtin_table[i].text;
    *len = *builtin_table[i].len;
}

static size_t builtin_index(const char *name)
{
    size_t i = 0;
    while (i < NBUILTIN && strcmp(name, builtin_table[i].name) != 0)
        i++;
    return i;
}

bool ukc__policy_builtin_text(const char *name, const char **text, size_t *len)
{
    size_t i = builtin_index(name);
    if (i == NBUILTIN)
        return false;
    builtin_text(i, text, len);
    return true;
}

bool ukc_policy_builtin_is_model(const char *name)
{
    ukc__error_reset();
    size_t i = name ? builtin_index(name) : NBUILTIN;
    return i < NBUILTIN && builtin_table[i].model;
}

static ukc_status build_builtin(size_t i, void **out)
{
    const char *text;
    size_t len;
    ukc_policy *p = NULL;
    builtin_text(i, &text, &len);
    ukc_status st = ukc__policy_load(text, len, &p);
    if (!st)
        p->builtin = true;
    *out = p;
    return st;
}

ukc_status ukc_policy_builtin(const char *name, const ukc_policy **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!name || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", name ? "out" : "name");
    size_t i = builtin_index(name);
    if (i == NBUILTIN)
        return ukc__fail(UKC_ERR_NOT_FOUND,
                         "no built-in policy '%s' (`ukc policy list` lists them)", name);
    void *p;
    ukc_status st = ukc__build_once(&builtins[i], &builtin_lock, build_builtin, i, &p);
    if (st)
        return st;
    *out = p;
    return UKC_OK;
}

size_t ukc_policy_builtin_count(void)
{
    ukc__error_reset();
    return NBUILTIN;
}

const char *ukc_policy_builtin_name(size_t i)
{
    ukc__error_reset();
    return i < NBUILTIN ? builtin_table[i].name : NULL;
}

/* ---- Loading and checking ----------------------------------------------- */

ukc_status ukc_policy_load_json(const char *json, size_t len, ukc_policy **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!json || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", json ? "out" : "json");
    return ukc__policy_load(json, len, out);
}

ukc_status ukc_policy_load_file(const char *path, ukc_policy **out)
{
    char *text;
    size_t len;
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!path || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", path ? "out" : "path");
    ukc_status st = ukc__read_file(path, &text, &len);
    if (st)
        return st;
    st = ukc__policy_load(text, len, out);
    ukc__free(text);
    return st;
}

void ukc_policy_free(ukc_policy *policy)
{
    ukc__error_reset();
    if (policy && !policy->builtin)
        ukc__policy_destroy(policy);
}

ukc_status ukc_policy_check_json(const char *json, size_t len, ukc_policy_report **out)
{
    json_t *root;
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!json || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", json ? "out" : "json");
    ukc_policy_report_t *r = ukc__calloc(1, sizeof *r);
    if (!r)
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory checking a policy");
    json_t *base;
    ukc_status st = ukc__policy_check(json, len, r, &root, &base);
    if (st) {
        ukc__policy_report_clear(r);
        ukc__free(r);
        return st;
    }
    json_decref(root);
    json_decref(base);
    ukc__error_reset(); /* a parse failure is in the report, not the error */
    *out = r;
    return UKC_OK;
}

size_t ukc_policy_report_count(const ukc_policy_report *report)
{
    ukc__error_reset();
    return report ? report->n : 0;
}

const ukc_policy_problem *ukc_policy_report_problem(const ukc_policy_report *report, size_t i)
{
    ukc__error_reset();
    return report && i < report->n ? &report->items[i] : NULL;
}

void ukc_policy_report_free(ukc_policy_report *report)
{
    ukc__error_reset();
    if (report) {
        ukc__policy_report_clear(report);
        ukc__free(report);
    }
}

ukc_status ukc_policy_to_json(const ukc_policy *policy, char **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!policy || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", policy ? "out" : "policy");
    size_t n = strlen(policy->source);
    /* Released by ukc_free, which is the C library's free. */
    char *copy = malloc(n + 1);
    if (!copy)
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory writing a policy");
    memcpy(copy, policy->source, n + 1);
    *out = copy;
    return UKC_OK;
}

/* ---- About the policy ----------------------------------------------------- */

const char *ukc_policy_id(const ukc_policy *policy)
{
    ukc__error_reset();
    return policy ? policy->id : "";
}

const char *ukc_policy_council(const ukc_policy *policy)
{
    ukc__error_reset();
    return policy ? policy->council : "";
}

const char *ukc_policy_note(const ukc_policy *policy)
{
    ukc__error_reset();
    return policy ? policy->note : "";
}

const char *ukc_policy_based_on(const ukc_policy *policy)
{
    ukc__error_reset();
    return policy ? policy->based_on : "";
}

bool ukc_policy_cites_own(const ukc_policy *policy, const ukc_citation *citation)
{
    ukc__error_reset();
    if (!policy || !citation)
        return false;
    for (size_t i = 0; i < policy->ndocuments; i++)
        if (strcmp(policy->documents[i].title, citation->document) == 0)
            return !*policy->documents[i].based_on;
    return true;
}

size_t ukc_policy_document_count(const ukc_policy *policy)
{
    ukc__error_reset();
    return policy ? policy->ndocuments : 0;
}

const ukc_document *ukc_policy_document(const ukc_policy *policy, size_t i)
{
    ukc__error_reset();
    return policy && i < policy->ndocuments ? &policy->documents[i] : NULL;
}

const ukc_working_days *ukc_policy_working_days(const ukc_policy *policy)
{
    ukc__error_reset();
    return policy ? &policy->working_days : NULL;
}

ukc_status ukc_policy_calendar(const ukc_policy *policy, const ukc_calendar **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!policy || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", policy ? "out" : "policy");
    return ukc_calendar_builtin(policy->working_days.calendar, out);
}

/* ---- Lists and lookups ---------------------------------------------------- */

#define LIST_FUNCS(type, count_fn, at_fn, arr, n)                                            \
    size_t count_fn(const ukc_policy *policy)                                                \
    {                                                                                        \
        ukc__error_reset();                                                                  \
        return policy ? policy->n : 0;                                                       \
    }                                                                                        \
    const type *at_fn(const ukc_policy *policy, size_t i)                                    \
    {                                                                                        \
        ukc__error_reset();                                                                  \
        return policy && i < policy->n ? &policy->arr[i] : NULL;                             \
    }

LIST_FUNCS(ukc_procedure, ukc_policy_procedure_count, ukc_policy_procedure_at, procedures,
           nprocedures)
LIST_FUNCS(ukc_feedback_definition, ukc_policy_feedback_kind_count, ukc_policy_feedback_kind_at, kinds,
           nkinds)
LIST_FUNCS(ukc_exclusion, ukc_policy_exclusion_count, ukc_policy_exclusion_at, exclusions,
           nexclusions)
LIST_FUNCS(ukc_time_limit, ukc_policy_time_limit_count, ukc_policy_time_limit_at, limits, nlimits)
LIST_FUNCS(ukc_case_action, ukc_policy_case_action_count, ukc_policy_case_action_at, actions,
           nactions)
LIST_FUNCS(ukc_deemed_receipt, ukc_policy_deemed_receipt_count, ukc_policy_deemed_receipt_at,
           deemed, ndeemed)
LIST_FUNCS(ukc_external_body, ukc_policy_external_body_count, ukc_policy_external_body_at,
           bodies, nbodies)

static ukc_status args(const void *policy, const char *id, const void *out)
{
    if (!policy || !id || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL",
                         !policy ? "policy" : !id ? "id" : "out");
    return UKC_OK;
}

/* Find by id in an array of structs whose first member is the id. */
#define FIND(arr, n, key, result)                                                            \
    do {                                                                                     \
        result = NULL;                                                                       \
        for (size_t i_ = 0; i_ < (n); i_++)                                                  \
            if (strcmp((arr)[i_].id, key) == 0) {                                            \
                result = &(arr)[i_];                                                         \
                break;                                                                       \
            }                                                                                \
    } while (0)

static ukc_status find_procedure(const ukc_policy *p, const char *id, const ukc_procedure **out)
{
    FIND(p->procedures, p->nprocedures, id, *out);
    if (!*out)
        return ukc__fail(UKC_ERR_NOT_FOUND, "%s's policy has no procedure '%s'", p->council, id);
    return UKC_OK;
}

ukc_status ukc_policy_procedure(const ukc_policy *policy, const char *id,
                                const ukc_procedure **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    ukc_status st = args(policy, id, out);
    return st ? st : find_procedure(policy, id, out);
}

static ukc_status find_stage(const ukc_policy *p, const char *proc, const char *stage,
                             const ukc_stage **out)
{
    const ukc_procedure *pr;
    ukc_status st = find_procedure(p, proc, &pr);
    if (st)
        return st;
    if (pr->stage_count == 0 && *pr->not_in_source)
        return ukc__fail(UKC_ERR_NOT_SET,
                         "%s's policy does not give the stages of procedure '%s': %s",
                         p->council, proc, pr->not_in_source);
    FIND(pr->stages, pr->stage_count, stage, *out);
    if (!*out)
        return ukc__fail(UKC_ERR_NOT_FOUND, "procedure '%s' of %s's policy has no stage '%s'",
                         proc, p->council, stage);
    return UKC_OK;
}

ukc_status ukc_policy_stage(const ukc_policy *policy, const char *procedure, const char *stage,
                            const ukc_stage **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    ukc_status st = args(policy, procedure, out);
    if (!st && !stage)
        st = ukc__fail(UKC_ERR_INVALID_ARGUMENT, "stage is NULL");
    return st ? st : find_stage(policy, procedure, stage, out);
}

ukc_status ukc_policy_stage_obligation(const ukc_policy *policy, const char *procedure,
                                       const char *stage, const char *obligation,
                                       const ukc_obligation **out)
{
    const ukc_stage *s;
    ukc__error_reset();
    if (out)
        *out = NULL;
    ukc_status st = args(policy, procedure, out);
    if (!st && (!stage || !obligation))
        st = ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", stage ? "obligation" : "stage");
    if (st || (st = find_stage(policy, procedure, stage, &s)))
        return st;
    FIND(s->obligations, s->obligation_count, obligation, *out);
    if (!*out)
        return ukc__fail(UKC_ERR_NOT_SET,
                         "%s's policy sets no '%s' obligation for %s of procedure '%s': its "
                         "source states no such timescale",
                         policy->council, obligation, stage, procedure);
    return UKC_OK;
}

ukc_status ukc_policy_feedback_kind(const ukc_policy *policy, const char *id,
                                    const ukc_feedback_definition **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    ukc_status st = args(policy, id, out);
    if (st)
        return st;
    FIND(policy->kinds, policy->nkinds, id, *out);
    if (!*out)
        return ukc__fail(UKC_ERR_NOT_SET, "%s's policy does not define feedback kind '%s'",
                         policy->council, id);
    return UKC_OK;
}

ukc_status ukc_policy_feedback_obligation(const ukc_policy *policy, const char *kind,
                                          const char *obligation, const ukc_obligation **out)
{
    const ukc_feedback_definition *k;
    ukc__error_reset();
    if (out)
        *out = NULL;
    ukc_status st = args(policy, kind, out);
    if (!st && !obligation)
        st = ukc__fail(UKC_ERR_INVALID_ARGUMENT, "obligation is NULL");
    if (st)
        return st;
    FIND(policy->kinds, policy->nkinds, kind, k);
    if (!k)
        return ukc__fail(UKC_ERR_NOT_SET, "%s's policy does not define feedback kind '%s'",
                         policy->council, kind);
    FIND(k->obligations, k->obligation_count, obligation, *out);
    if (!*out)
        return ukc__fail(UKC_ERR_NOT_SET,
                         "%s's policy sets no '%s' obligation for a %s: its source states no "
                         "such timescale",
                         policy->council, obligation, kind);
    return UKC_OK;
}

#define LOOKUP(fn, type, arr, n, what)                                                       \
    ukc_status fn(const ukc_policy *policy, const char *id, const type **out)                \
    {                                                                                        \
        ukc__error_reset();                                                                  \
        if (out)                                                                             \
            *out = NULL;                                                                     \
        ukc_status st = args(policy, id, out);                                               \
        if (st)                                                                              \
            return st;                                                                       \
        FIND(policy->arr, policy->n, id, *out);                                              \
        if (!*out)                                                                           \
            return ukc__fail(UKC_ERR_NOT_SET, "%s's policy states no " what " '%s'",        \
                             policy->council, id);                                           \
        return UKC_OK;                                                                       \
    }

LOOKUP(ukc_policy_exclusion, ukc_exclusion, exclusions, nexclusions, "exclusion")
LOOKUP(ukc_policy_time_limit, ukc_time_limit, limits, nlimits, "time limit")
LOOKUP(ukc_policy_external_body, ukc_external_body, bodies, nbodies, "external body")

ukc_status ukc_policy_case_action(const ukc_policy *policy, ukc_action_kind kind,
                                  const char *procedure, const ukc_case_action **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!policy || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", policy ? "out" : "policy");
    if (!*name_of(ukc__action_names, (int)kind))
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "unknown case action %d", (int)kind);
    if (!procedure)
        procedure = "";
    const ukc_case_action *general = NULL;
    for (size_t i = 0; i < policy->nactions; i++) {
        const ukc_case_action *a = &policy->actions[i];
        if (a->kind != kind)
            continue;
        if (*procedure && strcmp(a->procedure, procedure) == 0) {
            *out = a;
            return UKC_OK;
        }
        if (!*a->procedure && !general)
            general = a;
    }
    if (!general)
        return ukc__fail(UKC_ERR_NOT_SET, "%s's policy states no rule to %s a complaint%s%s",
                         policy->council, name_of(ukc__action_names, (int)kind),
                         *procedure ? " in procedure " : "", procedure);
    *out = general;
    return UKC_OK;
}

ukc_status ukc_policy_deemed_receipt(const ukc_policy *policy, ukc_delivery method,
                                     const ukc_deemed_receipt **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!policy || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", policy ? "out" : "policy");
    if (!*name_of(ukc__delivery_names, (int)method))
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "unknown delivery method %d", (int)method);
    for (size_t i = 0; i < policy->ndeemed; i++)
        if (policy->deemed[i].method == method) {
            *out = &policy->deemed[i];
            return UKC_OK;
        }
    return ukc__fail(UKC_ERR_NOT_SET,
                     "%s's policy states no rule for when a response sent by %s is received",
                     policy->council, name_of(ukc__delivery_names, (int)method));
}
