/* Policies: built-ins built once, loading, and queries. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error_internal.h"
#include "policy_internal.h"
#include "util.h"

/* ---- Built-in policies: built once, on first use ---------------------------- */

static _Atomic(void *) builtins[UKC__POLICY_NBUILTIN];
static pthread_mutex_t builtin_lock = PTHREAD_MUTEX_INITIALIZER;

static ukc_status build_builtin(size_t i, void **out)
{
    const char *text;
    size_t len;
    ukc_policy *p = NULL;
    ukc__policy_builtin_at(i, NULL, &text, &len);
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
    size_t i = ukc__policy_builtin_index(name);
    if (i == UKC__POLICY_NBUILTIN)
        return ukc__fail(UKC_ERR_NOT_FOUND,
                         "no built-in policy '%s' (`ukc policy list` lists them)", name);
    void *p;
    ukc_status st = ukc__build_once(&builtins[i], &builtin_lock, build_builtin, i, &p);
    if (st)
        return st;
    *out = p;
    return UKC_OK;
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
    char *copy = ukc__malloc(n + 1);
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
    if (!*ukc__name_of(ukc__action_names, (int)kind))
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
                         policy->council, ukc__name_of(ukc__action_names, (int)kind),
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
    if (!*ukc__name_of(ukc__delivery_names, (int)method))
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "unknown delivery method %d", (int)method);
    for (size_t i = 0; i < policy->ndeemed; i++)
        if (policy->deemed[i].method == method) {
            *out = &policy->deemed[i];
            return UKC_OK;
        }
    return ukc__fail(UKC_ERR_NOT_SET,
                     "%s's policy states no rule for when a response sent by %s is received",
                     policy->council, ukc__name_of(ukc__delivery_names, (int)method));
}
