/* Cases: the stage state machine of every built-in policy, hand-checked case
 * histories, obligations, save/restore and a property test.
 *
 * Bank holidays used below (GOV.UK, lib/data/govuk/govuk-bank-holidays-2019-2028.json,
 * england-and-wales): 2024-03-29 Good Friday, 2024-04-01 Easter Monday, 2024-05-06
 * Early May, 2024-05-27 Spring, 2024-12-25 Christmas Day, 2024-12-26 Boxing Day,
 * 2025-01-01 New Year's Day. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_internal.h"
#include "testutil.h"
#include "util.h"

static const ukc_policy *P(const char *name)
{
    const ukc_policy *p = NULL;
    ck_assert_ok(ukc_policy_builtin(name, &p));
    return p;
}

static ukc_case *open_case(const char *policy, const char *proc, const char *kind,
                           const char *received)
{
    ukc_case *c = NULL;
    ck_assert_ok(ukc_case_open(P(policy), proc, kind, D(received), "email", NULL, &c));
    return c;
}

static ukc_case_event ev(ukc_event_kind kind, const char *date)
{
    ukc_case_event e = UKC_CASE_EVENT_INIT;
    e.kind = kind;
    e.date = D(date);
    return e;
}

static ukc_case_event respond(const char *date, ukc_delivery how)
{
    ukc_case_event e = ev(UKC_EVENT_RESPOND, date);
    e.has_delivery = true;
    e.delivery = how;
    return e;
}

/* Apply and require the decision: want = UKC_ID_NONE for allowed. */
static ukc_decision apply_want(ukc_case *c, ukc_case_event e, ukc_id want, int line)
{
    ukc_decision d = UKC_DECISION_INIT;
    char *before = NULL, *after = NULL;
    ck_assert_ok(ukc_case_to_json(c, &before));
    ck_assert_ok(ukc_case_apply(c, &e, &d));
    ck_assert_msg(d.allowed == (want == UKC_ID_NONE) && d.reason == (int32_t)want,
                  "line %d: %s on %s: got %s %s (%s), want %s", line,
                  ukc_event_kind_name(e.kind), S(e.date), d.allowed ? "allowed" : "refused",
                  d.code, d.message, want ? ukc_id_code(want) : "allowed");
    ck_assert_str_eq(d.code, want ? ukc_id_code(want) : "");
    ck_assert_ok(ukc_case_to_json(c, &after));
    if (want != UKC_ID_NONE)
        ck_assert_str_eq(before, after); /* a refused event changes nothing */
    ukc_free(before);
    ukc_free(after);
    return d;
}
#define APPLY(c, e, want) apply_want((c), (e), (want), __LINE__)

/* Apply and require an allowed decision carrying the warning ID want. */
static ukc_decision apply_warn(ukc_case *c, ukc_case_event e, ukc_id want, int line)
{
    ukc_decision d = UKC_DECISION_INIT;
    ck_assert_ok(ukc_case_apply(c, &e, &d));
    ck_assert_msg(d.allowed && d.reason == (int32_t)want, "line %d: %s: got %s %s (%s), want allowed %s",
                  line, ukc_event_kind_name(e.kind), d.allowed ? "allowed" : "refused", d.code,
                  d.message, ukc_id_code(want));
    ck_assert_str_eq(d.code, ukc_id_code(want));
    return d;
}
#define APPLY_WARN(c, e, want) apply_warn((c), (e), (want), __LINE__)

static const ukc_case_obligation *find(const ukc_obligations *l, const char *id)
{
    for (size_t i = 0; i < ukc_obligations_count(l); i++)
        if (strcmp(ukc_obligations_at(l, i)->id, id) == 0)
            return ukc_obligations_at(l, i);
    ck_abort_msg("no obligation %s", id);
    return NULL;
}

static ukc_obligations *obligations(const ukc_case *c, const char *as_of)
{
    ukc_obligations *l = NULL;
    ck_assert_ok(ukc_case_obligations(c, D(as_of), UKC_OBLIGATIONS_EXPLAIN, &l));
    return l;
}

/* ---- Names and arguments ------------------------------------------------------- */

START_TEST(names)
{
    static const char *const kinds[] = {
        "acknowledge", "respond", "holding-reply", "progress-update", "request-escalation",
        "accept-escalation", "refuse-escalation", "extend", "suspend", "resume", "withdraw",
        "reopen", "contact-attempt", "discontinue", "restrict", "refer", "close", "panel",
        "report", "notify"
    };
    for (int i = 0; i < 20; i++) {
        ukc_event_kind k;
        ck_assert_str_eq(ukc_event_kind_name((ukc_event_kind)i), kinds[i]);
        ck_assert_ok(ukc_event_kind_from_name(kinds[i], &k));
        ck_assert_int_eq(k, i);
    }
    ukc_event_kind k;
    ck_assert_status(ukc_event_kind_from_name("escalate", &k), UKC_ERR_NOT_FOUND);
    ck_assert_str_eq(ukc_event_kind_name((ukc_event_kind)99), "");
    ck_assert_str_eq(ukc_case_status_name(UKC_CASE_REQUESTED), "requested");
    ck_assert_str_eq(ukc_obligation_state_name(UKC_STATE_LAPSED), "lapsed");
    ck_assert_str_eq(ukc_party_name(UKC_PARTY_CUSTOMER), "customer");
    ukc_suspension s;
    ck_assert_ok(ukc_suspension_from_name("restart", &s));
    ck_assert_int_eq(s, UKC_SUSPENSION_RESTART);
    ck_assert_str_eq(ukc_suspension_name(UKC_SUSPENSION_PAUSE), "pause");
}
END_TEST

START_TEST(bad_arguments)
{
    ukc_case *c = NULL;
    ukc_case_options o;
    ukc_case_event e;
    ck_assert_status(ukc_case_open(NULL, NULL, "complaint", D("2024-01-02"), NULL, NULL, &c),
                     UKC_ERR_INVALID_ARGUMENT);
    ck_assert_status(ukc_case_open(P("kent"), "nope", "complaint", D("2024-01-02"), NULL, NULL,
                                   &c),
                     UKC_ERR_NOT_FOUND);
    ck_assert_status(ukc_case_open(P("kent"), NULL, "grumble", D("2024-01-02"), NULL, NULL, &c),
                     UKC_ERR_NOT_SET);
    ck_assert_status(ukc_case_options_init(&o, 99), UKC_ERR_VERSION);
    ck_assert_ok(ukc_case_options_init(&o, UKC_CASE_OPTIONS_VERSION));
    o.version = 7;
    ck_assert_status(ukc_case_open(P("kent"), NULL, "complaint", D("2024-01-02"), NULL, &o, &c),
                     UKC_ERR_VERSION);
    ck_assert_ptr_null(c);
    /* 004's complaint stages are not in its source: nothing is invented. */
    ck_assert_status(ukc_case_open(P("unnamed-unitary-004"), NULL, "complaint",
                                   D("2024-01-02"), NULL, NULL, &c),
                     UKC_ERR_NOT_SET);
    ck_assert_ptr_null(c);
    c = open_case("kent", NULL, "complaint", "2024-01-02");
    ck_assert_ptr_eq(ukc_case_procedure(c), ukc_case_stage(c) ? ukc_case_procedure(c) : NULL);
    ck_assert_str_eq(ukc_case_procedure(c)->id, "corporate");
    ck_assert_str_eq(ukc_case_channel(c), "email");
    ck_assert_ok(ukc_case_event_init(&e, UKC_CASE_EVENT_VERSION));
    e.date = D("2024-01-03");
    e.version = 2;
    ck_assert_status(ukc_case_apply(c, &e, NULL), UKC_ERR_VERSION);
    e.version = UKC_CASE_EVENT_VERSION;
    e.kind = (ukc_event_kind)40;
    ck_assert_status(ukc_case_apply(c, &e, NULL), UKC_ERR_INVALID_ARGUMENT);
    ck_assert_status(ukc_case_check(c, NULL, NULL), UKC_ERR_INVALID_ARGUMENT);
    /* Text is saved as JSON: invalid UTF-8 is refused on entry, not when saving
     * (which failed with UKC_ERR_NO_MEMORY), and changes nothing. */
    size_t before = ukc_case_event_count(c);
    e.kind = UKC_EVENT_ACKNOWLEDGE;
    e.note = "caf\xe9"; /* Windows-1252 e-acute */
    ck_assert_status(ukc_case_apply(c, &e, NULL), UKC_ERR_INVALID_UTF8);
    ck_assert_int_eq(ukc_last_error()->offset, 3);
    e.note = NULL;
    e.reasons = "\xc3"; /* a character cut short */
    ck_assert_status(ukc_case_apply(c, &e, NULL), UKC_ERR_INVALID_UTF8);
    ck_assert_uint_eq(ukc_case_event_count(c), before);
    ukc_case_free(c);
    c = (ukc_case *)1;
    ck_assert_status(ukc_case_open(P("kent"), NULL, "complaint", D("2024-01-02"), "\xff", NULL, &c),
                     UKC_ERR_INVALID_UTF8);
    ck_assert_ptr_null(c);
    ukc_case_free(NULL);
}
END_TEST

/* ---- Every procedure of every built-in policy ----------------------------------- */

static bool has_action(const ukc_policy *p, ukc_action_kind k, const char *proc)
{
    const ukc_case_action *a;
    return ukc_policy_case_action(p, k, proc, &a) == UKC_OK;
}

/* The common rules, for every procedure with stages: dates, closed cases,
 * escalation before a response, responses without a delivery method, the
 * stages walked to the end and one further refused with no-further-stage. */
START_TEST(every_procedure)
{
    for (size_t pi = 0; pi < ukc_policy_builtin_count(); pi++) {
        const ukc_policy *p = P(ukc_policy_builtin_name(pi));
        for (size_t k = 0; k < ukc_policy_procedure_count(p); k++) {
            const ukc_procedure *proc = ukc_policy_procedure_at(p, k);
            ukc_case *c = NULL;
            const char *kind = "complaint"; /* or the kind the procedure handles */
            for (size_t j = 0; j < ukc_policy_feedback_kind_count(p); j++)
                if (strcmp(ukc_policy_feedback_kind_at(p, j)->procedure, proc->id) == 0)
                    kind = ukc_policy_feedback_kind_at(p, j)->id;
            ukc_status st = ukc_case_open(p, proc->id, kind, D("2024-01-08"), NULL, NULL, &c);
            if (proc->stage_count == 0) {
                ck_assert_status(st, UKC_ERR_NOT_SET);
                continue;
            }
            ck_assert_ok(st);
            APPLY(c, ev(UKC_EVENT_ACKNOWLEDGE, "2024-01-05"), UKC_R002_BEFORE_RECEIPT);
            APPLY(c, ev(UKC_EVENT_REQUEST_ESCALATION, "2024-01-09"),
                  proc->stage_count > 1 ? UKC_R008_RESPONSE_OUTSTANDING
                                        : UKC_R008_RESPONSE_OUTSTANDING);
            APPLY(c, ev(UKC_EVENT_RESPOND, "2024-01-09"), UKC_R022_MISSING_FIELD);
            APPLY(c, ev(UKC_EVENT_ACKNOWLEDGE, "2024-01-09"), UKC_ID_NONE);
            APPLY(c, ev(UKC_EVENT_ACKNOWLEDGE, "2024-01-09"), UKC_R009_ALREADY_ACKNOWLEDGED);
            APPLY(c, ev(UKC_EVENT_CLOSE, "2024-01-09"), UKC_R008_RESPONSE_OUTSTANDING);
            APPLY(c, ev(UKC_EVENT_ACCEPT_ESCALATION, "2024-01-09"), UKC_R011_NO_PENDING_REQUEST);
            APPLY(c, ev(UKC_EVENT_RESUME, "2024-01-09"),
                  has_action(p, UKC_ACTION_SUSPEND, proc->id) ? UKC_R016_NOT_SUSPENDED
                                                              : UKC_R004_NOT_PROVIDED_FOR);
            APPLY(c, ev(UKC_EVENT_REOPEN, "2024-01-09"),
                  has_action(p, UKC_ACTION_REOPEN, proc->id) ? UKC_R019_NOT_REOPENABLE
                                                             : UKC_R004_NOT_PROVIDED_FOR);
            APPLY(c, ev(UKC_EVENT_NOTIFY, "2024-01-09"), UKC_R029_NOTHING_TO_NOTIFY);
            /* Walk the council's stages, asking for each on the day of the response. */
            size_t council = proc->stage_count;
            while (council > 0 && *proc->stages[council - 1].external_body)
                council--;
            for (size_t s = 0; s < council; s++) {
                ck_assert_str_eq(ukc_case_stage(c)->id, proc->stages[s].id);
                APPLY(c, respond("2024-01-10", UKC_DELIVERY_EMAIL), UKC_ID_NONE);
                APPLY(c, respond("2024-01-10", UKC_DELIVERY_EMAIL), UKC_R010_ALREADY_RESPONDED);
                ukc_case_event req = ev(UKC_EVENT_REQUEST_ESCALATION, "2024-01-10");
                req.reasons = "The response did not answer my complaint.";
                if (s + 1 == council) {
                    ukc_decision d = APPLY(c, req, UKC_R006_NO_FURTHER_STAGE);
                    ck_assert_str_ne(d.citation->document, "");
                    break;
                }
                APPLY(c, req, UKC_ID_NONE);
                if (ukc_case_status_of(c) == UKC_CASE_REQUESTED)
                    APPLY(c, ev(UKC_EVENT_ACCEPT_ESCALATION, "2024-01-10"), UKC_ID_NONE);
            }
            APPLY(c, ev(UKC_EVENT_CLOSE, "2024-01-11"), UKC_ID_NONE);
            APPLY(c, ev(UKC_EVENT_ACKNOWLEDGE, "2024-01-12"), UKC_R001_CASE_CLOSED);
            APPLY(c, ev(UKC_EVENT_REFER, "2024-01-12"), UKC_R001_CASE_CLOSED);
            ukc_case_free(c);
        }
    }
}
END_TEST

/* Actions each policy provides for, from the seeds: Warwickshire sections 6-10
 * (suspend, discontinue, withdraw, re-open, restrict); Kent only its guidance
 * on unreasonably persistent complainants (restrict); Derby none of them; 004
 * suspension for alternative resolution. */
START_TEST(actions_provided)
{
    static const struct {
        const char *policy, *proc;
        bool suspend, withdraw, discontinue, restrict_;
    } rows[] = {
        { "warwickshire", "general", true, true, true, true },
        { "warwickshire", "childrens-services", true, true, true, true },
        { "kent", "corporate", false, false, false, true },
        { "derby", "corporate", false, false, false, false },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        ukc_case *c = open_case(rows[i].policy, rows[i].proc, "complaint", "2024-01-08");
        ukc_case_event s = ev(UKC_EVENT_SUSPEND, "2024-01-09");
        s.ground = "court-proceedings";
        ukc_decision d = UKC_DECISION_INIT;
        ck_assert_ok(ukc_case_check(c, &s, &d));
        ck_assert_int_eq(d.reason, rows[i].suspend ? UKC_ID_NONE : UKC_R004_NOT_PROVIDED_FOR);
        s.kind = UKC_EVENT_WITHDRAW;
        ck_assert_ok(ukc_case_check(c, &s, &d));
        ck_assert_int_eq(d.reason, rows[i].withdraw ? UKC_ID_NONE : UKC_R004_NOT_PROVIDED_FOR);
        s.kind = UKC_EVENT_DISCONTINUE;
        ck_assert_ok(ukc_case_check(c, &s, &d));
        ck_assert_int_eq(d.reason, rows[i].discontinue ? UKC_R020_TOO_FEW_CONTACT_ATTEMPTS
                                                       : UKC_R004_NOT_PROVIDED_FOR);
        s.kind = UKC_EVENT_RESTRICT;
        ck_assert_ok(ukc_case_check(c, &s, &d));
        ck_assert_int_eq(d.reason, rows[i].restrict_ ? UKC_ID_NONE : UKC_R004_NOT_PROVIDED_FOR);
        if (!rows[i].suspend)
            ck_assert_msg(strstr(d.message, "does not provide") || d.allowed, "%s", d.message);
        ukc_case_free(c);
    }
}
END_TEST

START_TEST(dates_and_refer)
{
    ukc_decision d0 = UKC_DECISION_INIT;
    ukc_case *c = open_case("warwickshire", "general", "complaint", "2024-01-08");
    APPLY(c, ev(UKC_EVENT_ACKNOWLEDGE, "2024-01-10"), UKC_ID_NONE);
    APPLY(c, ev(UKC_EVENT_HOLDING_REPLY, "2024-01-09"), UKC_R003_OUT_OF_ORDER);
    ukc_case_event e = ev(UKC_EVENT_ACKNOWLEDGE, "2024-01-10");
    e.date = 100; /* 1970 */
    APPLY(c, e, UKC_R026_DATE_OUT_OF_RANGE);
    APPLY(c, ev(UKC_EVENT_REFER, "2024-01-11"), UKC_R022_MISSING_FIELD);
    e = ev(UKC_EVENT_REFER, "2024-01-11");
    e.body = "secretary-of-state"; /* Warwickshire names the LGSCO and the ICO only */
    APPLY(c, e, UKC_R023_UNKNOWN_EXTERNAL_BODY);
    /* Exclusion ix names the Information Commissioner: "or the complaint has already
     * been referred to the Local Government and Social Care Ombudsman (LGSCO) or the
     * Information Commissioner (ICO)." It is one of the policy's bodies. */
    e.body = "ico";
    ck_assert_ok(ukc_case_check(c, &e, &d0));
    ck_assert(d0.allowed);
    ck_assert_ptr_nonnull(strstr(d0.citation->quote, "Information Commissioner (ICO)"));
    e.body = "lgsco";
    ukc_decision d = APPLY(c, e, UKC_ID_NONE);
    ck_assert_str_eq(d.citation->document, "Customer Complaints Policy");
    /* After a referral the case may close before any response. */
    APPLY(c, ev(UKC_EVENT_CLOSE, "2024-01-12"), UKC_ID_NONE);
    ck_assert_int_eq(ukc_case_status_of(c), UKC_CASE_CLOSED);
    ukc_case_free(c);
}
END_TEST

/* ---- Hand-checked histories ------------------------------------------------------- */

/* Kent, Children's Social Services, stage 2 ("within 25 working days of the
 * investigation starting ... extended to a maximum of 65 working days").
 * Stage 2 is asked for on Mon 2024-10-21; it starts at once (day 0).
 * 25 working days: Oct 22-25 (4), Oct 28-Nov 1 (9), Nov 4-8 (14), 11-15 (19),
 * 18-22 (24), Mon Nov 25 (25) -> 2024-11-25.
 * 65: Nov 26-29 (29), Dec 2-6 (34), 9-13 (39), 16-20 (44), 23-24 (46), Christmas
 * 25 and Boxing Day 26 skipped, 27 (47), 30-31 (49), New Year's Day skipped,
 * Jan 2-3 (51), 6-10 (56), 13-17 (61), 20-23 (65) -> Thu 2025-01-23. */
START_TEST(kent_childrens_extended_over_christmas)
{
    ukc_case *c = open_case("kent", "childrens-social-services", "complaint", "2024-10-01");
    APPLY(c, respond("2024-10-15", UKC_DELIVERY_EMAIL), UKC_ID_NONE);
    APPLY(c, ev(UKC_EVENT_REQUEST_ESCALATION, "2024-10-21"), UKC_ID_NONE);
    ukc_obligations *l = obligations(c, "2024-11-01");
    ck_assert_str_eq(S(find(l, "stage-2.respond")->due), "2024-11-25");
    ck_assert_str_eq(S(find(l, "stage-2.respond.maximum")->due), "2025-01-23");
    ukc_obligations_free(l);
    ukc_case_event x = ev(UKC_EVENT_EXTEND, "2024-11-20");
    APPLY(c, x, UKC_R013_EXTENSION_REASON_REQUIRED);
    x.reasons = "Three services involved";
    x.days = 66;
    ukc_decision d = APPLY(c, x, UKC_R014_EXTENSION_BEYOND_MAXIMUM);
    ck_assert_str_eq(d.citation->section, "Children's Social Services: Stage 2 - Investigation");
    x.days = 0; /* to the maximum */
    APPLY(c, x, UKC_ID_NONE);
    APPLY(c, x, UKC_R028_EXTENSION_NOT_LONGER);
    l = obligations(c, "2025-01-24");
    const ukc_case_obligation *o = find(l, "stage-2.respond");
    ck_assert_str_eq(S(o->due), "2025-01-23");
    ck_assert_int_eq(o->extended_to, 65);
    ck_assert_int_eq(o->state, UKC_STATE_MISSED);
    ck_assert_int_eq(o->late_by, 1); /* Fri 2025-01-24 */
    ck_assert_ptr_nonnull(strstr(ukc_explanation_text(o->explanation), "Boxing Day"));
    ck_assert_ptr_nonnull(strstr(ukc_explanation_text(o->explanation), "Extended on"));
    ukc_obligations_free(l);
    /* Stage 3 needs the council to accept the request (a panel within 30
     * working days of the request being accepted). */
    APPLY(c, respond("2025-01-22", UKC_DELIVERY_EMAIL), UKC_ID_NONE);
    APPLY(c, ev(UKC_EVENT_REQUEST_ESCALATION, "2025-01-27"), UKC_ID_NONE);
    ck_assert_int_eq(ukc_case_status_of(c), UKC_CASE_REQUESTED);
    APPLY(c, ev(UKC_EVENT_PANEL, "2025-01-28"), UKC_R024_REQUEST_PENDING);
    APPLY(c, ev(UKC_EVENT_ACCEPT_ESCALATION, "2025-01-28"), UKC_ID_NONE);
    /* 30 working days from Tue 2025-01-28: Jan 29-31 (3), Feb 3-7 (8), 10-14 (13),
     * 17-21 (18), 24-28 (23), Mar 3-7 (28), 10-11 (30) -> Tue 2025-03-11. */
    l = obligations(c, "2025-01-28");
    ck_assert_str_eq(S(find(l, "stage-3.panel")->due), "2025-03-11");
    ukc_obligations_free(l);
    APPLY(c, ev(UKC_EVENT_REPORT, "2025-02-01"), UKC_R004_NOT_PROVIDED_FOR);
    APPLY(c, ev(UKC_EVENT_PANEL, "2025-03-10"), UKC_ID_NONE);
    APPLY(c, ev(UKC_EVENT_PANEL, "2025-03-10"), UKC_R027_ALREADY_RECORDED);
    ukc_case_free(c);
}
END_TEST

/* The step IDs of an explanation that are id, and the working days it counts. */
static size_t steps_of(const ukc_explanation *x, ukc_id id, size_t *counted)
{
    size_t n = 0;
    *counted = 0;
    for (size_t i = 0; i < ukc_explanation_step_count(x); i++) {
        n += ukc_explanation_step(x, i)->id == (int32_t)id;
        *counted += ukc_explanation_step(x, i)->id == UKC_E004_WORKING_DAY_COUNTED;
    }
    return n;
}

static size_t index_of(const ukc_obligations *l, const char *id)
{
    for (size_t i = 0; i < ukc_obligations_count(l); i++)
        if (strcmp(ukc_obligations_at(l, i)->id, id) == 0)
            return i;
    ck_abort_msg("no obligation %s", id);
    return 0;
}

/* One obligation of a list made without explanations is explained alone.
 * Warwickshire's refusal of stage 2, asked for on Wed 2024-03-20, is due
 * Fri 2024-04-05 (worked below, at warwickshire_refused_at_stage_two): ten
 * working days, with Good Friday 29 March and Easter Monday 1 April
 * skipped. */
START_TEST(explain_one_obligation)
{
    ukc_case *c = open_case("warwickshire", "general", "complaint", "2024-03-01");
    APPLY(c, respond("2024-03-14", UKC_DELIVERY_EMAIL), UKC_ID_NONE);
    ukc_case_event req = ev(UKC_EVENT_REQUEST_ESCALATION, "2024-03-20");
    req.reasons = "The response ignored the missed collections.";
    APPLY(c, req, UKC_ID_NONE);
    ukc_obligations *l = NULL;
    ck_assert_ok(ukc_case_obligations(c, D("2024-03-21"), 0, &l));
    size_t i = index_of(l, "stage-2.explain-refusal"), n = ukc_obligations_count(l), days;
    for (size_t j = 0; j < n; j++)
        ck_assert_ptr_null(ukc_obligations_at(l, j)->explanation);
    ck_assert_ok(ukc_obligations_explain(l, c, i, UKC_OBLIGATIONS_EXPLAIN));
    const ukc_explanation *x = ukc_obligations_at(l, i)->explanation;
    ck_assert_ptr_nonnull(x);
    ck_assert_str_eq(S(ukc_explanation_start(x)), "2024-03-20");
    ck_assert_str_eq(S(ukc_explanation_due(x)), "2024-04-05");
    ck_assert_int_eq(ukc_explanation_days(x), 10);
    ck_assert_uint_eq(steps_of(x, UKC_E006_HOLIDAY_SKIPPED, &days), 2);
    ck_assert_uint_eq(days, 0); /* the compact form */
    ck_assert_ptr_nonnull(strstr(ukc_explanation_text(x), "Good Friday"));
    ck_assert_ptr_nonnull(strstr(ukc_explanation_text(x), "Easter Monday"));
    for (size_t j = 0; j < n; j++) /* the others are left as they were */
        ck_assert(j == i || !ukc_obligations_at(l, j)->explanation);
    /* Asked again, even in full: the explanation it has is kept. */
    ck_assert_ok(ukc_obligations_explain(l, c, i, UKC_OBLIGATIONS_EXPLAIN_FULL));
    ck_assert_ptr_eq(ukc_obligations_at(l, i)->explanation, x);
    ukc_obligations_free(l);

    /* In full, every working day counted: 10. */
    ck_assert_ok(ukc_case_obligations(c, D("2024-03-21"), 0, &l));
    ck_assert_ok(ukc_obligations_explain(l, c, i, UKC_OBLIGATIONS_EXPLAIN_FULL));
    ck_assert_uint_eq(steps_of(ukc_obligations_at(l, i)->explanation, UKC_E006_HOLIDAY_SKIPPED,
                               &days), 2);
    ck_assert_uint_eq(days, 10);

    /* Bad arguments, and a list of another case or of the case as it was. */
    ck_assert_status(ukc_obligations_explain(NULL, c, 0, UKC_OBLIGATIONS_EXPLAIN),
                     UKC_ERR_INVALID_ARGUMENT);
    ck_assert_status(ukc_obligations_explain(l, NULL, 0, UKC_OBLIGATIONS_EXPLAIN),
                     UKC_ERR_INVALID_ARGUMENT);
    ck_assert_status(ukc_obligations_explain(l, c, n, UKC_OBLIGATIONS_EXPLAIN),
                     UKC_ERR_INVALID_ARGUMENT);
    ck_assert_status(ukc_obligations_explain(l, c, 0, 0), UKC_ERR_INVALID_ARGUMENT);
    ck_assert_status(ukc_obligations_explain(l, c, 0, 64 | UKC_OBLIGATIONS_EXPLAIN),
                     UKC_ERR_INVALID_ARGUMENT);
    ukc_case *other = open_case("warwickshire", "general", "complaint", "2024-03-01");
    ck_assert_status(ukc_obligations_explain(l, other, 0, UKC_OBLIGATIONS_EXPLAIN),
                     UKC_ERR_INVALID_ARGUMENT);
    ukc_case_free(other);
    ukc_case_event no = ev(UKC_EVENT_REFUSE_ESCALATION, "2024-04-04");
    no.reasons = "Stage one answered every point.";
    APPLY(c, no, UKC_ID_NONE);
    ck_assert_status(ukc_obligations_explain(l, c, 0, UKC_OBLIGATIONS_EXPLAIN),
                     UKC_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(ukc_obligations_at(l, 0 == i ? 1 : 0)->explanation);
    ukc_obligations_free(l);

    /* A list of an earlier date than the case's last event: the case as it
     * stood then. On 2024-03-21 the refusal was owed, by 2024-04-05. */
    ck_assert_ok(ukc_case_obligations(c, D("2024-03-21"), 0, &l));
    i = index_of(l, "stage-2.explain-refusal");
    ck_assert_int_eq(ukc_obligations_at(l, i)->state, UKC_STATE_PENDING);
    ck_assert_ok(ukc_obligations_explain(l, c, i, UKC_OBLIGATIONS_EXPLAIN));
    ck_assert_str_eq(S(ukc_explanation_due(ukc_obligations_at(l, i)->explanation)),
                     "2024-04-05");
    ukc_obligations_free(l);
    ukc_case_free(c);
}
END_TEST

/* Warwickshire, general complaint: stage 2 has no automatic right, needs reasons
 * ("The customer must provide an explanation..."), and a refusal "will be
 * explained within ten working days". Request on Wed 2024-03-20:
 * Mar 21 (1), 22 (2), 25-28 (6), Good Friday 29 and Easter Monday Apr 1
 * skipped, Apr 2 (7), 3 (8), 4 (9), 5 (10) -> Fri 2024-04-05. */
START_TEST(warwickshire_refused_at_stage_two)
{
    ukc_case *c = open_case("warwickshire", "general", "complaint", "2024-03-01");
    APPLY(c, respond("2024-03-14", UKC_DELIVERY_EMAIL), UKC_ID_NONE);
    ukc_case_event req = ev(UKC_EVENT_REQUEST_ESCALATION, "2024-03-20");
    ukc_decision d = APPLY(c, req, UKC_R007_REASONS_REQUIRED);
    ck_assert_str_eq(d.citation->section, "3. Complaint handling");
    ck_assert_ptr_nonnull(strstr(d.citation->quote, "explanation of why and how"));
    req.reasons = "The response ignored the missed collections.";
    APPLY(c, req, UKC_ID_NONE);
    ck_assert_int_eq(ukc_case_status_of(c), UKC_CASE_REQUESTED);
    ukc_obligations *l = obligations(c, "2024-03-21");
    const ukc_case_obligation *o = find(l, "stage-2.explain-refusal");
    ck_assert_str_eq(S(o->due), "2024-04-05");
    ck_assert_int_eq(o->state, UKC_STATE_PENDING);
    ck_assert_ptr_nonnull(strstr(ukc_explanation_text(o->explanation), "Good Friday"));
    ukc_obligations_free(l);
    ukc_case_event no = ev(UKC_EVENT_REFUSE_ESCALATION, "2024-04-04");
    d = APPLY(c, no, UKC_R012_EXPLANATION_REQUIRED);
    ck_assert_ptr_nonnull(strstr(d.citation->quote, "ten working days"));
    no.reasons = "Stage one answered every point.";
    APPLY(c, no, UKC_ID_NONE);
    l = obligations(c, "2024-04-10");
    o = find(l, "stage-2.explain-refusal");
    ck_assert_int_eq(o->state, UKC_STATE_MET);
    ck_assert_str_eq(S(o->met), "2024-04-04");
    ukc_obligations_free(l);
    APPLY(c, req, UKC_R003_OUT_OF_ORDER);
    req.date = D("2024-04-05");
    APPLY(c, req, UKC_R030_ESCALATION_ALREADY_REFUSED);
    ukc_case_free(c);
}
END_TEST

/* Warwickshire Appendix 3: a response sent by second class post is received
 * "the third business day after posting"; stage two must be asked for
 * "within 20 days of the stage one response" (the source says days: kept as
 * calendar days). Posted Thu 2024-05-02: Fri 3 (1), Mon 6 May bank holiday
 * skipped, Tue 7 (2), Wed 8 (3) -> deemed received Wed 2024-05-08; plus 20
 * days -> Tue 2024-05-28. By email it would be received the day it is sent,
 * Thu 2024-05-02, and the window would close on Wed 2024-05-22. */
START_TEST(warwickshire_second_class_window)
{
    ukc_case *c = open_case("warwickshire", "general", "complaint", "2024-04-15");
    APPLY(c, respond("2024-05-02", UKC_DELIVERY_SECOND_CLASS_POST), UKC_ID_NONE);
    ukc_obligations *l = obligations(c, "2024-05-10");
    const ukc_case_obligation *w = find(l, "stage-2.request");
    ck_assert_int_eq(w->party, UKC_PARTY_CUSTOMER);
    ck_assert_str_eq(S(w->start), "2024-05-08");
    ck_assert_str_eq(S(w->due), "2024-05-28");
    ck_assert_int_eq(w->state, UKC_STATE_PENDING);
    ck_assert_ptr_nonnull(strstr(ukc_explanation_text(w->explanation), "deemed received"));
    ukc_obligations_free(l);
    l = obligations(c, "2024-05-29");
    ck_assert_int_eq(find(l, "stage-2.request")->state, UKC_STATE_LAPSED);
    ukc_obligations_free(l);
    /* Appendix 3: "To request an escalation to stage two (where appropriate) within 20
     * days of the stage one response" -- days of which kind, it does not say. Kept as
     * calendar days the window closed on Tue 28 May; counted in working days from Wed
     * 8 May: 9-10 (2), 13-17 (7), 20-24 (12), Mon 27 May bank holiday, 28-31 (16),
     * 3-6 Jun (20) -> Thu 6 June. A request on Fri 7 June is late either way: refused,
     * and the refusal names the doubt. */
    ukc_case_event req = ev(UKC_EVENT_REQUEST_ESCALATION, "2024-06-07");
    req.reasons = "Not answered.";
    ukc_decision d = APPLY(c, req, UKC_R005_ESCALATION_WINDOW_CLOSED);
    ck_assert_ptr_nonnull(strstr(d.message, "2024-05-28"));
    ck_assert_ptr_nonnull(strstr(d.message, "unit is unclear"));
    ck_assert_ptr_nonnull(strstr(d.message, "2024-06-06"));
    ck_assert_ptr_nonnull(strstr(d.citation->section, "Appendix 3"));
    ukc_case_free(c);

    /* On Wed 29 May, a day after the calendar-day reading but within the working-day
     * one: allowed, with the warning UKC-R031 naming the doubt and quoting the text. */
    c = open_case("warwickshire", "general", "complaint", "2024-04-15");
    APPLY(c, respond("2024-05-02", UKC_DELIVERY_SECOND_CLASS_POST), UKC_ID_NONE);
    req.date = D("2024-05-29");
    d = APPLY_WARN(c, req, UKC_R031_UNIT_UNCLEAR);
    ck_assert_str_eq(d.slug, "unit-unclear");
    ck_assert_ptr_nonnull(strstr(d.message, "within 20 days of the stage one response"));
    ck_assert_ptr_nonnull(strstr(d.message, "2024-05-28"));
    ck_assert_ptr_nonnull(strstr(d.message, "2024-06-06"));
    ck_assert_str_eq(d.citation->quote, "To request an escalation to stage two (where "
                                       "appropriate) within 20 days of the stage one response");
    ck_assert_int_eq(ukc_case_status_of(c), UKC_CASE_REQUESTED);
    ukc_case_free(c);

    /* On the last calendar day, no doubt arises: allowed without a warning. */
    c = open_case("warwickshire", "general", "complaint", "2024-04-15");
    APPLY(c, respond("2024-05-02", UKC_DELIVERY_SECOND_CLASS_POST), UKC_ID_NONE);
    req.date = D("2024-05-28");
    APPLY(c, req, UKC_ID_NONE);
    ukc_case_free(c);

    c = open_case("warwickshire", "general", "complaint", "2024-04-15");
    APPLY(c, respond("2024-05-02", UKC_DELIVERY_EMAIL), UKC_ID_NONE);
    l = obligations(c, "2024-05-02");
    ck_assert_str_eq(S(find(l, "stage-2.request")->due), "2024-05-22");
    ukc_obligations_free(l);
    ukc_case_free(c);
}
END_TEST

/* Derby, SEND: "acknowledged within two working days" and stage one "within 20
 * working days" for SEND. Received Mon 2024-04-22: acknowledge by Wed 04-24;
 * respond: Apr 23-26 (4), Apr 29-May 3 (9), Early May bank holiday 6 skipped,
 * 7-10 (13), 13-17 (18), 20-21 (20) -> Tue 2024-05-21. Derby's stage two must
 * be asked for "within 20 working days of your response": sent Tue 05-21,
 * May 22-24 (3), Spring bank holiday 27 skipped, 28-31 (7), Jun 3-7 (12),
 * 10-14 (17), 17-19 (20) -> Wed 2024-06-19. */
START_TEST(derby_send_stage_one)
{
    ukc_case *c = open_case("derby", "send", "complaint", "2024-04-22");
    ukc_obligations *l = obligations(c, "2024-04-22");
    ck_assert_str_eq(S(find(l, "stage-1.acknowledge")->due), "2024-04-24");
    ck_assert_str_eq(S(find(l, "stage-1.respond")->due), "2024-05-21");
    ukc_obligations_free(l);
    APPLY(c, ev(UKC_EVENT_ACKNOWLEDGE, "2024-04-25"), UKC_ID_NONE);
    /* Derby provides for an extension ("we may need longer") but states no
     * maximum, so the new count must be given. */
    ukc_case_event x = ev(UKC_EVENT_EXTEND, "2024-05-01");
    x.reasons = "Awaiting the school's records";
    APPLY(c, x, UKC_R022_MISSING_FIELD);
    APPLY(c, respond("2024-05-21", UKC_DELIVERY_EMAIL), UKC_ID_NONE);
    l = obligations(c, "2024-05-21");
    const ukc_case_obligation *a = find(l, "stage-1.acknowledge");
    ck_assert_int_eq(a->state, UKC_STATE_MISSED);
    ck_assert_int_eq(a->late_by, 1);
    ck_assert_int_eq(find(l, "stage-1.respond")->state, UKC_STATE_MET);
    ck_assert_str_eq(S(find(l, "stage-2.request")->due), "2024-06-19");
    ukc_obligations_free(l);
    ukc_case_event req = ev(UKC_EVENT_REQUEST_ESCALATION, "2024-06-20");
    req.reasons = "Not resolved";
    APPLY(c, req, UKC_R005_ESCALATION_WINDOW_CLOSED);
    ukc_case_free(c);
}
END_TEST

/* Warwickshire general, received Mon 2024-06-03: stage one 10-30 working days.
 * 10: Jun 4-7 (4), 10-14 (9), 17 (10) -> Mon 2024-06-17.
 * Suspended Fri 06-07 (court proceedings), resumed Fri 06-21: the working days
 * after 06-07 up to 06-21 are Jun 10-14 and 17-21, 10 days, added back under
 * the default (pause): 20 working days from 06-03 -> Jun 18-21 (14), 24-28
 * (19), Jul 1 (20) -> Mon 2024-07-01; the maximum 30 + 10 = 40 -> Jul 2-5
 * (24), 8-12 (29), 15-19 (34), 22-26 (39), 29 (40) -> Mon 2024-07-29.
 * Under 'restart' the clock starts again on Fri 06-21: Jun 24-28 (5),
 * Jul 1-5 (10) -> Fri 2024-07-05. */
START_TEST(suspend_and_resume)
{
    for (int mode = 0; mode < 2; mode++) {
        ukc_case_options o = UKC_CASE_OPTIONS_INIT;
        o.suspension = (ukc_suspension)mode;
        ukc_case *c = NULL;
        ck_assert_ok(ukc_case_open(P("warwickshire"), "general", "complaint", D("2024-06-03"),
                                   "phone", &o, &c));
        ukc_case_event s = ev(UKC_EVENT_SUSPEND, "2024-06-07");
        APPLY(c, s, UKC_R015_UNKNOWN_GROUND);
        s.ground = "holiday";
        APPLY(c, s, UKC_R015_UNKNOWN_GROUND);
        s.ground = "court-proceedings";
        ukc_decision d = APPLY(c, s, UKC_ID_NONE);
        ck_assert_str_eq(d.citation->section, "6. Suspending complaints");
        APPLY(c, s, UKC_R017_CASE_SUSPENDED);
        APPLY(c, respond("2024-06-10", UKC_DELIVERY_EMAIL), UKC_R017_CASE_SUSPENDED);
        ukc_obligations *l = obligations(c, "2024-06-14");
        ck_assert_int_eq(find(l, "stage-1.respond")->state, UKC_STATE_SUSPENDED);
        ukc_obligations_free(l);
        APPLY(c, ev(UKC_EVENT_RESUME, "2024-06-21"), UKC_ID_NONE);
        APPLY(c, ev(UKC_EVENT_RESUME, "2024-06-21"), UKC_R016_NOT_SUSPENDED);
        l = obligations(c, "2024-06-21");
        const ukc_case_obligation *r = find(l, "stage-1.respond");
        ck_assert_int_eq(r->state, UKC_STATE_PENDING);
        if (mode == UKC_SUSPENSION_PAUSE) {
            ck_assert_str_eq(S(r->due), "2024-07-01");
            ck_assert_int_eq(r->suspended_days, 10);
            ck_assert_str_eq(S(find(l, "stage-1.respond.maximum")->due), "2024-07-29");
            ck_assert_ptr_nonnull(strstr(ukc_explanation_text(r->explanation), "'pause'"));
        } else {
            ck_assert_str_eq(S(r->due), "2024-07-05");
        }
        ukc_obligations_free(l);
        /* Earlier dates replay the history as it stood: before the suspension
         * the due date was Mon 2024-06-17. */
        l = obligations(c, "2024-06-05");
        ck_assert_str_eq(S(find(l, "stage-1.respond")->due), "2024-06-17");
        ukc_obligations_free(l);
        ukc_case_free(c);
    }
}
END_TEST

/* Warwickshire section 7: discontinue only after "at least three different
 * times by different methods"; section 9: re-open if the customer explains a
 * non-response. Received Mon 2024-06-03; discontinued Tue 06-11, re-opened Thu
 * 06-20: the working days after 06-11 up to 06-20 are 12-14 and 17-20, 7 days,
 * added back: 17 working days from 06-03 -> Jun 17 (10), 18-21 (14), 24-26
 * (17) -> Wed 2024-06-26. */
START_TEST(discontinue_and_reopen)
{
    ukc_case *c = open_case("warwickshire", "general", "complaint", "2024-06-03");
    ukc_case_event a = ev(UKC_EVENT_CONTACT_ATTEMPT, "2024-06-05");
    APPLY(c, a, UKC_R022_MISSING_FIELD);
    a.method = "telephone";
    APPLY(c, a, UKC_ID_NONE);
    a.date = D("2024-06-06");
    APPLY(c, a, UKC_ID_NONE);
    ukc_decision d = APPLY(c, ev(UKC_EVENT_DISCONTINUE, "2024-06-06"),
                           UKC_R020_TOO_FEW_CONTACT_ATTEMPTS);
    ck_assert_str_eq(d.citation->section, "7. Discontinuing complaints");
    a.date = D("2024-06-07");
    a.method = "email";
    APPLY(c, a, UKC_ID_NONE);
    APPLY(c, ev(UKC_EVENT_DISCONTINUE, "2024-06-10"), UKC_R021_METHODS_NOT_DIFFERENT);
    a.date = D("2024-06-10");
    a.method = "letter";
    APPLY(c, a, UKC_ID_NONE);
    APPLY(c, ev(UKC_EVENT_DISCONTINUE, "2024-06-11"), UKC_ID_NONE);
    ck_assert_int_eq(ukc_case_status_of(c), UKC_CASE_DISCONTINUED);
    APPLY(c, respond("2024-06-12", UKC_DELIVERY_EMAIL), UKC_R018_CASE_INACTIVE);
    ukc_obligations *l = obligations(c, "2024-06-19");
    ck_assert_int_eq(find(l, "stage-1.respond")->state, UKC_STATE_NOT_APPLICABLE);
    ukc_obligations_free(l);
    ukc_case_event r = ev(UKC_EVENT_REOPEN, "2024-06-20");
    r.ground = "misunderstood";
    APPLY(c, r, UKC_R015_UNKNOWN_GROUND);
    r.ground = "discontinued-non-response";
    d = APPLY(c, r, UKC_ID_NONE);
    ck_assert_str_eq(d.citation->section, "9. Re-opening complaints");
    ck_assert_int_eq(ukc_case_status_of(c), UKC_CASE_OPEN);
    l = obligations(c, "2024-06-20");
    ck_assert_str_eq(S(find(l, "stage-1.respond")->due), "2024-06-26");
    ukc_obligations_free(l);
    /* The attempts count afresh after re-opening. */
    APPLY(c, ev(UKC_EVENT_DISCONTINUE, "2024-06-21"), UKC_R020_TOO_FEW_CONTACT_ATTEMPTS);
    APPLY(c, ev(UKC_EVENT_WITHDRAW, "2024-06-21"), UKC_ID_NONE);
    APPLY(c, ev(UKC_EVENT_WITHDRAW, "2024-06-21"), UKC_R018_CASE_INACTIVE);
    r.ground = "misunderstood-withdrawal";
    APPLY(c, r, UKC_R003_OUT_OF_ORDER);
    r.date = D("2024-06-24");
    APPLY(c, r, UKC_ID_NONE);
    ukc_case_free(c);
}
END_TEST

/* Warwickshire section 10: "notified of any restrictions applied to them in
 * writing within five working days of the decision". Decided Thu 2024-05-02:
 * Fri 3 (1), Early May bank holiday 6 skipped, 7-10 (5) -> Fri 2024-05-10. */
START_TEST(restrict_and_notify)
{
    ukc_case *c = open_case("warwickshire", "general", "complaint", "2024-04-15");
    APPLY(c, ev(UKC_EVENT_RESTRICT, "2024-05-02"), UKC_ID_NONE);
    ukc_obligations *l = obligations(c, "2024-05-02");
    ck_assert_str_eq(S(find(l, "restrict.notify")->due), "2024-05-10");
    ukc_obligations_free(l);
    APPLY(c, ev(UKC_EVENT_NOTIFY, "2024-05-13"), UKC_ID_NONE);
    APPLY(c, ev(UKC_EVENT_NOTIFY, "2024-05-13"), UKC_R029_NOTHING_TO_NOTIFY);
    l = obligations(c, "2024-05-13");
    const ukc_case_obligation *n = find(l, "restrict.notify");
    ck_assert_int_eq(n->state, UKC_STATE_MISSED);
    ck_assert_int_eq(n->late_by, 1);
    ukc_obligations_free(l);
    ukc_case_free(c);
}
END_TEST

/* Warwickshire children's stage 3: panel within 30 working days of the request,
 * report 5 working days after the hearing, reply 15 after the report. */
START_TEST(warwickshire_panel)
{
    ukc_case *c = open_case("warwickshire", "childrens-services", "complaint", "2024-01-08");
    APPLY(c, respond("2024-01-10", UKC_DELIVERY_EMAIL), UKC_ID_NONE);
    APPLY(c, ev(UKC_EVENT_REQUEST_ESCALATION, "2024-01-11"), UKC_ID_NONE);
    APPLY(c, respond("2024-02-01", UKC_DELIVERY_EMAIL), UKC_ID_NONE);
    APPLY(c, ev(UKC_EVENT_REQUEST_ESCALATION, "2024-02-05"), UKC_ID_NONE);
    APPLY(c, ev(UKC_EVENT_REPORT, "2024-02-06"), UKC_R025_PANEL_NOT_HELD);
    APPLY(c, ev(UKC_EVENT_PANEL, "2024-03-01"), UKC_ID_NONE);
    /* Report: Fri 2024-03-01 + 5 working days: Mar 4-8 -> Fri 2024-03-08. */
    ukc_obligations *l = obligations(c, "2024-03-01");
    ck_assert_str_eq(S(find(l, "stage-3.report")->due), "2024-03-08");
    ck_assert_int_eq(find(l, "stage-3.panel")->state, UKC_STATE_MET);
    ukc_obligations_free(l);
    APPLY(c, ev(UKC_EVENT_REPORT, "2024-03-07"), UKC_ID_NONE);
    /* Reply: Thu 2024-03-07 + 15: Mar 8 (1), 11-15 (6), 18-22 (11), 25-28 (15),
     * Good Friday 29 after it -> Thu 2024-03-28. */
    l = obligations(c, "2024-03-07");
    ck_assert_str_eq(S(find(l, "stage-3.respond")->due), "2024-03-28");
    ukc_obligations_free(l);
    ukc_case_event req = ev(UKC_EVENT_REQUEST_ESCALATION, "2024-03-08");
    APPLY(c, req, UKC_R008_RESPONSE_OUTSTANDING);
    APPLY(c, respond("2024-03-27", UKC_DELIVERY_HAND), UKC_ID_NONE);
    req.date = D("2024-03-27");
    ukc_decision d = APPLY(c, req, UKC_R006_NO_FURTHER_STAGE);
    ck_assert_ptr_nonnull(strstr(d.message, "lgsco"));
    ukc_case_free(c);
}
END_TEST

/* A kind without a procedure: 004's compliments, "acknowledged within 5
 * working days". Received Fri 2024-05-03: Early May bank holiday Mon 6
 * skipped, May 7-10 (4), 13 (5) -> Mon 2024-05-13. */
START_TEST(kind_without_stages)
{
    ukc_case *c = open_case("unnamed-unitary-004", NULL, "compliment", "2024-05-03");
    ck_assert_ptr_null(ukc_case_stage(c));
    ukc_obligations *l = obligations(c, "2024-05-03");
    ck_assert_uint_eq(ukc_obligations_count(l), 1);
    ck_assert_str_eq(S(find(l, "compliment.acknowledge")->due), "2024-05-13");
    ukc_obligations_free(l);
    ukc_case_event req = ev(UKC_EVENT_REQUEST_ESCALATION, "2024-05-07");
    APPLY(c, ev(UKC_EVENT_ACKNOWLEDGE, "2024-05-07"), UKC_ID_NONE);
    APPLY(c, respond("2024-05-08", UKC_DELIVERY_EMAIL), UKC_ID_NONE);
    APPLY(c, req, UKC_R003_OUT_OF_ORDER);
    req.date = D("2024-05-08");
    APPLY(c, req, UKC_R006_NO_FURTHER_STAGE);
    APPLY(c, ev(UKC_EVENT_CLOSE, "2024-05-08"), UKC_ID_NONE);
    ukc_case_free(c);
}
END_TEST

/* ---- Save and restore -------------------------------------------------------------- */

static ukc_case *sample(void)
{
    ukc_case *c = open_case("warwickshire", "general", "complaint", "2024-03-01");
    ukc_case_event a = ev(UKC_EVENT_CONTACT_ATTEMPT, "2024-03-04");
    a.method = "telephone";
    a.note = "left a message \"urgent\"";
    APPLY(c, a, UKC_ID_NONE);
    APPLY(c, respond("2024-03-14", UKC_DELIVERY_SECOND_CLASS_POST), UKC_ID_NONE);
    ukc_case_event req = ev(UKC_EVENT_REQUEST_ESCALATION, "2024-03-20");
    req.reasons = "Not answered";
    APPLY(c, req, UKC_ID_NONE);
    return c;
}

static char *replace(const char *s, const char *from, const char *to)
{
    const char *at = strstr(s, from);
    ck_assert_ptr_nonnull(at);
    char *out = malloc(strlen(s) + strlen(to) + 1);
    memcpy(out, s, (size_t)(at - s));
    strcpy(out + (at - s), to);
    strcat(out, at + strlen(from));
    return out;
}

START_TEST(save_restore)
{
    ukc_case *c = sample(), *back = NULL;
    char *json = NULL, *again = NULL;
    ck_assert_ok(ukc_case_to_json(c, &json));
    ck_assert_ok(ukc_case_from_json(P("warwickshire"), json, strlen(json), &back));
    ck_assert_ok(ukc_case_to_json(back, &again));
    ck_assert_str_eq(json, again);
    ck_assert_int_eq(ukc_case_status_of(back), UKC_CASE_REQUESTED);
    ck_assert_uint_eq(ukc_case_event_count(back), 3);
    ck_assert_str_eq(ukc_case_event_at(back, 0)->note, "left a message \"urgent\"");
    ck_assert_ptr_null(ukc_case_event_at(back, 3));
    ukc_free(again);
    ukc_case_free(back);

    /* Tampered files: each is refused with a path and a line. */
    static const struct {
        const char *from, *to, *path;
        ukc_status st;
    } cases[] = {
        { "\"date\": \"2024-03-14\"", "\"date\": \"2024-03-02\"", "$.events[1]",
          UKC_ERR_INVALID_DATA }, /* out of order */
        { "\"delivery\": \"second-class-post\"", "\"note\": \"x\"", "$.events[1]",
          UKC_ERR_INVALID_DATA },
        { "\"policy\": \"warwickshire\"", "\"policy\": \"kent\"", "$.policy",
          UKC_ERR_INVALID_DATA },
        { "\"reasons\": \"Not answered\"", "\"note\": \"x\"", "$.events[2]",
          UKC_ERR_INVALID_DATA }, /* reasons required */
        { "\"date\": \"2024-03-20\"", "\"date\": \"2024-05-20\"", "$.events[2]",
          UKC_ERR_INVALID_DATA }, /* window closed */
        { "\"date\": \"2024-03-04\"", "\"date\": \"2024-02-30\"", "$.events[0].date",
          UKC_ERR_INVALID_DATA },
        { "\"format\": 1", "\"format\": 2", "$.format", UKC_ERR_VERSION },
        { "\"channel\"", "\"chanel\"", "$.chanel", UKC_ERR_INVALID_DATA },
        { "\"event\": \"respond\"", "\"event\": \"reply\"", "$.events[1].event",
          UKC_ERR_INVALID_DATA },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *bad = replace(json, cases[i].from, cases[i].to);
        ukc_case *x = (ukc_case *)1;
        ck_assert_status(ukc_case_from_json(P("warwickshire"), bad, strlen(bad), &x),
                         cases[i].st);
        ck_assert_ptr_null(x);
        ck_assert_str_eq(ukc_last_error()->path, cases[i].path);
        ck_assert_int_gt(ukc_last_error()->line, 0);
        free(bad);
    }
    char *bad = replace(json, "\"date\": \"2024-03-20\"", "\"date\": \"2024-05-20\"");
    ukc_case *x;
    ck_assert_status(ukc_case_from_json(P("warwickshire"), bad, strlen(bad), &x),
                     UKC_ERR_INVALID_DATA);
    ck_assert_ptr_nonnull(strstr(ukc_last_error()->message, "UKC-R005"));
    free(bad);
    ck_assert_status(ukc_case_from_json(P("warwickshire"), "{", 1, &x), UKC_ERR_PARSE);
    ukc_free(json);
    ukc_case_free(c);
}
END_TEST

START_TEST(allocation_failures)
{
    for (size_t n = 1; n < 400; n++) {
        ukc_case *c = open_case("warwickshire", "general", "complaint", "2024-03-01");
        char *before = NULL, *after = NULL, *json = NULL;
        ck_assert_ok(ukc_case_to_json(c, &before));
        ukc_case_event a = ev(UKC_EVENT_CONTACT_ATTEMPT, "2024-03-04");
        a.method = "telephone";
        a.note = "n";
        ukc_decision d = UKC_DECISION_INIT;
        ukc__alloc_fail_after(n);
        ukc_status st = ukc_case_apply(c, &a, &d);
        ukc_obligations *l = NULL;
        ukc_status st2 = ukc_case_obligations(c, D("2024-03-05"), UKC_OBLIGATIONS_EXPLAIN, &l);
        ukc_status st3 = ukc_case_to_json(c, &json);
        ukc__alloc_fail_after(0);
        ck_assert_ok(ukc_case_to_json(c, &after));
        if (st)
            ck_assert_str_eq(before, after);
        if (st2)
            ck_assert_ptr_null(l);
        if (st3)
            ck_assert_ptr_null(json);
        ukc_obligations_free(l);
        ukc_free(json);
        ukc_free(before);
        ukc_free(after);
        ukc_case_free(c);
    }
}
END_TEST

/* ---- Property test ----------------------------------------------------------------- */

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

static const char *pick(const char *const *list, size_t n)
{
    return list[rnd((uint32_t)n)];
}

static ukc_case_event random_event(ukc_date *date)
{
    static const char *const texts[] = { NULL, "", "because", "Reasons given" };
    static const char *const grounds[] = { NULL, "court-proceedings", "misunderstood-withdrawal",
                                           "discontinued-non-response", "alternative-resolution",
                                           "nonsense" };
    static const char *const methods[] = { NULL, "telephone", "email", "letter", "visit" };
    static const char *const bodies[] = { NULL, "lgsco", "ico", "nowhere" };
    ukc_case_event e = UKC_CASE_EVENT_INIT;
    e.kind = (ukc_event_kind)rnd(20);
    *date += (ukc_date)rnd(12) - (rnd(10) == 0 ? 3 : 0);
    e.date = *date;
    e.has_delivery = rnd(5) != 0;
    e.delivery = (ukc_delivery)rnd(4);
    e.reasons = pick(texts, 4);
    e.ground = pick(grounds, 6);
    e.method = pick(methods, 5);
    e.body = pick(bodies, 4);
    e.days = rnd(3) ? 0 : (int32_t)rnd(80);
    return e;
}

START_TEST(property_random_sequences)
{
    size_t applied = 0, refused = 0;
    for (int iter = 0; iter < 3000; iter++) {
        const ukc_policy *p = P(ukc_policy_builtin_name(rnd(3)));
        const ukc_procedure *proc = ukc_policy_procedure_at(p, rnd((uint32_t)ukc_policy_procedure_count(p)));
        ukc_case_options o = UKC_CASE_OPTIONS_INIT;
        o.suspension = (ukc_suspension)rnd(2);
        ukc_case *c = NULL;
        ukc_date date = D("2023-01-02") + (ukc_date)rnd(900);
        if (ukc_case_open(p, proc->id, "complaint", date, NULL, &o, &c) != UKC_OK)
            continue;
        const ukc_calendar *cal;
        ck_assert_ok(ukc_policy_calendar(p, &cal));
        int n = 1 + (int)rnd(25);
        for (int i = 0; i < n; i++) {
            ukc_case_event e = random_event(&date);
            char *before, *after;
            ukc_decision d = UKC_DECISION_INIT, chk = UKC_DECISION_INIT;
            ck_assert_ok(ukc_case_to_json(c, &before));
            ck_assert_ok(ukc_case_check(c, &e, &chk));
            ck_assert_ok(ukc_case_apply(c, &e, &d));
            ck_assert_int_eq(chk.allowed, d.allowed);
            ck_assert_int_eq(chk.reason, d.reason);
            ck_assert_ok(ukc_case_to_json(c, &after));
            if (d.allowed)
                applied++;
            else {
                refused++;
                ck_assert_str_eq(before, after);
                ck_assert_str_ne(d.code, "");
            }
            ukc_free(before);
            ukc_free(after);
        }
        ukc_obligations *l;
        ck_assert_ok(ukc_case_obligations(c, date + (ukc_date)rnd(60), 0, &l));
        for (size_t i = 0; i < ukc_obligations_count(l); i++) {
            const ukc_case_obligation *ob = ukc_obligations_at(l, i);
            if (ob->unit == UKC_UNIT_WORKING_DAYS) {
                bool w;
                ck_assert_ok(ukc_calendar_is_working_day(cal, ob->due, &w));
                if (!w) {
                    char *js;
                    ukc_case_to_json(c, &js);
                    fprintf(stderr, "%s\n", js);
                }
                ck_assert_msg(w, "%s due %s is not a working day", ob->id, S(ob->due));
            }
            if (i)
                ck_assert_int_le(ukc_obligations_at(l, i - 1)->due, ob->due);
        }
        ukc_obligations_free(l);
        /* Save and restore to the same state. */
        char *json, *again;
        ukc_case *back;
        ck_assert_ok(ukc_case_to_json(c, &json));
        ck_assert_ok(ukc_case_from_json(p, json, strlen(json), &back));
        ck_assert_ok(ukc_case_to_json(back, &again));
        ck_assert_str_eq(json, again);
        ck_assert_int_eq(ukc_case_status_of(back), ukc_case_status_of(c));
        ck_assert_ptr_eq(ukc_case_stage(back), ukc_case_stage(c));
        ukc_free(json);
        ukc_free(again);
        ukc_case_free(back);
        ukc_case_free(c);
    }
    ck_assert_uint_gt(applied, 1000);
    ck_assert_uint_gt(refused, 1000);
}
END_TEST

START_TEST(kent_progress_updates_only_for_complex_complaints)
{
    /* Kent's leaflet: "If your complaint raises complex issues which cannot be
     * answered within 20 working days, we will keep you informed of progress at
     * four-weekly intervals until we are able to respond fully". So the first
     * interval starts when the 20 working days run out. Received Mon 14 Apr 2025;
     * the 20-working-day target: 15-17 Apr (3), Good Friday and Easter Monday,
     * 22-25 (7), 28 Apr-2 May (12), Mon 5 May holiday, 6-9 (16), 12-15 May (20) ->
     * Thu 15 May. First update: 15 May + 28 days = Thu 12 June. (Counted from
     * receipt it would have fallen on Mon 12 May, before the answer was due.) */
    ukc_case *c = open_case("kent", "corporate", "complaint", "2025-04-14");
    APPLY(c, respond("2025-05-15", UKC_DELIVERY_EMAIL), UKC_ID_NONE);
    ukc_obligations *l = obligations(c, "2025-05-20");
    /* Answered on the 20th working day: not complex, so no update was owed. */
    ck_assert_int_eq(find(l, "stage-1.progress-update")->state, UKC_STATE_NOT_APPLICABLE);
    ck_assert_str_eq(S(find(l, "stage-1.respond")->due), "2025-05-15");
    ukc_obligations_free(l);
    ukc_case_free(c);

    /* Not answered: the first update is due Thu 12 June; by Mon 16 June it was
     * missed by 13 and 16 June = 2 working days. The explanation keeps the note. */
    c = open_case("kent", "corporate", "complaint", "2025-04-14");
    l = obligations(c, "2025-06-16");
    const ukc_case_obligation *u = find(l, "stage-1.progress-update");
    ck_assert_str_eq(S(u->start), "2025-05-15");
    ck_assert_str_eq(S(u->due), "2025-06-12");
    ck_assert_int_eq(u->state, UKC_STATE_MISSED);
    ck_assert_int_eq(u->late_by, 2);
    ck_assert_ptr_nonnull(strstr(ukc_explanation_text(u->explanation), "response-due"));
    ukc_obligations_free(l);
    const ukc_obligation *rule;
    ck_assert_ok(ukc_policy_stage_obligation(P("kent"), "corporate", "stage-1", "progress-update",
                                             &rule));
    ck_assert_ptr_nonnull(strstr(rule->time->note, "20 working days run out"));
    /* An update sent on 12 June restarts the interval: next due Thu 10 July. */
    APPLY(c, ev(UKC_EVENT_PROGRESS_UPDATE, "2025-06-12"), UKC_ID_NONE);
    l = obligations(c, "2025-06-16");
    ck_assert_str_eq(S(find(l, "stage-1.progress-update")->due), "2025-07-10");
    ukc_obligations_free(l);
    ukc_case_free(c);

    /* The council says the case is complex earlier: a holding reply on Fri 9 May
     * ("customers will be informed ... before the completion of 20 working days")
     * starts the intervals then: 9 May + 28 days = Fri 6 June. */
    c = open_case("kent", "corporate", "complaint", "2025-04-14");
    APPLY(c, ev(UKC_EVENT_HOLDING_REPLY, "2025-05-09"), UKC_ID_NONE);
    l = obligations(c, "2025-05-12");
    ck_assert_str_eq(S(find(l, "stage-1.progress-update")->due), "2025-06-06");
    ck_assert_int_eq(find(l, "stage-1.holding-reply")->state, UKC_STATE_MET);
    ukc_obligations_free(l);
    ukc_case_free(c);
}
END_TEST

/* ---- Policy fidelity: one hand-worked case per finding -------------------- */

/* Kent, School Transport Appeals: "The decision will be sent to you in writing
 * within 5 working days of the appeal hearing." The hearing is the `panel`
 * event. Hearing Thu 19 Dec 2024: 20 (1), 23 (2), 24 (3), 25-26 Christmas, 27 (4),
 * 30 (5) -> Mon 30 Dec 2024. */
START_TEST(kent_transport_hearing)
{
    ukc_case *c = open_case("kent", "transport-appeals", "complaint", "2024-12-02");
    APPLY(c, ev(UKC_EVENT_REPORT, "2024-12-10"), UKC_R004_NOT_PROVIDED_FOR);
    ukc_decision d = APPLY(c, ev(UKC_EVENT_PANEL, "2024-12-19"), UKC_ID_NONE);
    ck_assert_str_eq(d.citation->quote,
                     "The decision will be sent to you in writing within 5 working days of the "
                     "appeal hearing.");
    ukc_obligations *l = obligations(c, "2024-12-19");
    const ukc_case_obligation *o = find(l, "appeal-hearing.decision");
    ck_assert_str_eq(S(o->start), "2024-12-19");
    ck_assert_str_eq(S(o->due), "2024-12-30");
    ck_assert_int_eq(o->state, UKC_STATE_PENDING);
    ukc_obligations_free(l);
    /* The decision is sent (in writing) on Fri 27 Dec: met. */
    APPLY(c, respond("2024-12-27", UKC_DELIVERY_FIRST_CLASS_POST), UKC_ID_NONE);
    l = obligations(c, "2024-12-31");
    ck_assert_int_eq(find(l, "appeal-hearing.decision")->state, UKC_STATE_MET);
    ukc_obligations_free(l);
    ukc_case_free(c);
}
END_TEST

/* Warwickshire section 7: "at least three different times by different methods
 * (where we have alternative contact methods, such as email addresses, telephone
 * numbers or postal addresses)". */
START_TEST(discontinue_with_the_methods_given)
{
    /* Only a postal address: three letters are enough. */
    ukc_case *c = open_case("warwickshire", "general", "complaint", "2024-06-03");
    ukc_case_event m = ev(UKC_EVENT_CONTACT_METHODS, "2024-06-03");
    APPLY(c, m, UKC_R022_MISSING_FIELD);
    m.method = "Postal address";
    ukc_decision d = APPLY(c, m, UKC_ID_NONE);
    ck_assert_ptr_nonnull(strstr(d.message, "1 method: post"));
    ukc_case_event a = ev(UKC_EVENT_CONTACT_ATTEMPT, "2024-06-04");
    a.method = "letter";
    APPLY(c, a, UKC_ID_NONE);
    a.date = D("2024-06-05");
    APPLY(c, a, UKC_ID_NONE);
    APPLY(c, ev(UKC_EVENT_DISCONTINUE, "2024-06-05"), UKC_R020_TOO_FEW_CONTACT_ATTEMPTS);
    a.date = D("2024-06-06");
    a.method = "post";
    APPLY(c, a, UKC_ID_NONE);
    d = APPLY(c, ev(UKC_EVENT_DISCONTINUE, "2024-06-07"), UKC_ID_NONE);
    ck_assert_str_eq(d.citation->section, "7. Discontinuing complaints");
    ukc_case_free(c);

    /* Without the methods known, three attempts need three methods; "email" and
     * "E-mail" are one method, not two. */
    c = open_case("warwickshire", "general", "complaint", "2024-06-03");
    a.date = D("2024-06-04");
    a.method = "email";
    APPLY(c, a, UKC_ID_NONE);
    a.method = "E-mail";
    APPLY(c, a, UKC_ID_NONE);
    a.method = "phone";
    APPLY(c, a, UKC_ID_NONE);
    d = APPLY(c, ev(UKC_EVENT_DISCONTINUE, "2024-06-05"), UKC_R021_METHODS_NOT_DIFFERENT);
    ck_assert_ptr_nonnull(strstr(d.message, "2 different methods used"));
    /* The customer gave an email address and a telephone number only: two methods
     * are all there are, so the three attempts by them suffice. */
    m.date = D("2024-06-05");
    m.method = "email, telephone";
    APPLY(c, m, UKC_ID_NONE);
    APPLY(c, ev(UKC_EVENT_DISCONTINUE, "2024-06-05"), UKC_ID_NONE);
    ukc_case_free(c);
}
END_TEST

/* Warwickshire section 9: a complaint may be re-opened if "We have misunderstood
 * their intention to withdraw their complaint" or "Their complaint was
 * discontinued due to their non-response, but the customer can explain why". Each
 * ground belongs to its own situation. */
START_TEST(reopen_ground_fits_the_situation)
{
    ukc_case *c = open_case("warwickshire", "general", "complaint", "2024-06-03");
    APPLY(c, ev(UKC_EVENT_WITHDRAW, "2024-06-04"), UKC_ID_NONE);
    ukc_case_event r = ev(UKC_EVENT_REOPEN, "2024-06-05");
    r.ground = "discontinued-non-response";
    ukc_decision d = APPLY(c, r, UKC_R032_GROUND_DOES_NOT_FIT);
    ck_assert_ptr_nonnull(strstr(d.message, "discontinued"));
    ck_assert_ptr_nonnull(strstr(d.citation->quote, "discontinued due to their non-response"));
    r.ground = "misunderstood-withdrawal";
    APPLY(c, r, UKC_ID_NONE);
    ukc_case_free(c);

    c = open_case("warwickshire", "general", "complaint", "2024-06-03");
    ukc_case_event a = ev(UKC_EVENT_CONTACT_ATTEMPT, "2024-06-04");
    const char *methods[] = { "email", "telephone", "post" };
    for (int i = 0; i < 3; i++) {
        a.method = methods[i];
        APPLY(c, a, UKC_ID_NONE);
    }
    APPLY(c, ev(UKC_EVENT_DISCONTINUE, "2024-06-05"), UKC_ID_NONE);
    r.ground = "misunderstood-withdrawal";
    APPLY(c, r, UKC_R032_GROUND_DOES_NOT_FIT);
    r.ground = "discontinued-non-response";
    APPLY(c, r, UKC_ID_NONE);
    ukc_case_free(c);
}
END_TEST

/* The unnamed council's 2.8: "an option to suspend the complaints process where
 * alternative methods to resolve complaints such as mediation or conciliation may
 * benefit the complainant". It speaks of complaints, whose stages the source does
 * not give; a comment or a compliment is not suspended, and its replies stay due. */
START_TEST(unnamed_suspension_only_for_complaints)
{
    ukc_case *c = open_case("unnamed-unitary-004", NULL, "comment", "2024-03-01");
    ukc_case_event e = ev(UKC_EVENT_SUSPEND, "2024-03-04");
    e.ground = "alternative-resolution";
    ukc_decision d = APPLY(c, e, UKC_R004_NOT_PROVIDED_FOR);
    ck_assert_ptr_nonnull(strstr(d.message, "suspending"));
    /* The comment's reply: 5 working days from Fri 1 Mar 2024 = 4-8 Mar -> Fri 8 Mar. */
    APPLY(c, respond("2024-03-07", UKC_DELIVERY_EMAIL), UKC_ID_NONE);
    ukc_obligations *l = obligations(c, "2024-03-08");
    ck_assert_str_eq(S(find(l, "comment.respond")->due), "2024-03-08");
    ck_assert_int_eq(find(l, "comment.respond")->state, UKC_STATE_MET);
    ukc_obligations_free(l);
    ukc_case_free(c);
    c = open_case("unnamed-unitary-004", NULL, "compliment", "2024-03-01");
    APPLY(c, e, UKC_R004_NOT_PROVIDED_FOR);
    ukc_case_free(c);
    /* Its complaints cannot be opened at all: their stages are not in the source. */
    ukc_case *none = NULL;
    ck_assert_status(ukc_case_open(P("unnamed-unitary-004"), NULL, "complaint", D("2024-03-01"),
                                   "email", NULL, &none),
                     UKC_ERR_NOT_SET);
}
END_TEST

/* "We may need longer": Derby's "Sometimes we may need longer to investigate" and
 * Kent Adult Social Care's "additional time is required to investigate more complex
 * complaints. We will keep you informed of any delays in the process." Neither states
 * a maximum, so both take an extension with its reason and the new count, each
 * citing its own words. */
START_TEST(we_may_need_longer_both_ways)
{
    static const struct {
        const char *policy, *procedure, *quote;
    } both[] = {
        { "derby", "corporate", "Sometimes we may need longer to investigate" },
        { "kent", "adult-social-care", "additional time is required to investigate more complex" },
    };
    for (size_t i = 0; i < 2; i++) {
        ukc_case *c = open_case(both[i].policy, both[i].procedure, "complaint", "2024-01-08");
        ukc_case_event x = ev(UKC_EVENT_EXTEND, "2024-01-15");
        APPLY(c, x, UKC_R013_EXTENSION_REASON_REQUIRED);
        x.reasons = "Records held by another team";
        ukc_decision d = APPLY(c, x, UKC_R022_MISSING_FIELD);
        ck_assert_ptr_nonnull(strstr(d.citation->quote, both[i].quote));
        x.days = 30;
        d = APPLY(c, x, UKC_ID_NONE);
        ck_assert_ptr_nonnull(strstr(d.citation->quote, both[i].quote));
        /* 30 working days from Mon 8 Jan 2024: six clear weeks -> Mon 19 Feb. */
        ukc_obligations *l = obligations(c, "2024-01-15");
        ck_assert_str_eq(S(find(l, "stage-1.respond")->due), "2024-02-19");
        ukc_obligations_free(l);
        ukc_case_free(c);
    }
}
END_TEST

/* Kent Children's Social Services: after the Review Panel the council states no
 * further response ("A Review Panel will be held within 30 working days of your
 * request being accepted."); the next step is the Local Government Ombudsman. */
START_TEST(kent_after_the_review_panel)
{
    ukc_case *c = open_case("kent", "childrens-social-services", "complaint", "2024-01-08");
    APPLY(c, respond("2024-01-19", UKC_DELIVERY_EMAIL), UKC_ID_NONE);
    APPLY(c, ev(UKC_EVENT_REQUEST_ESCALATION, "2024-01-22"), UKC_ID_NONE);
    APPLY(c, respond("2024-02-12", UKC_DELIVERY_EMAIL), UKC_ID_NONE);
    APPLY(c, ev(UKC_EVENT_REQUEST_ESCALATION, "2024-02-13"), UKC_ID_NONE);
    APPLY(c, ev(UKC_EVENT_ACCEPT_ESCALATION, "2024-02-14"), UKC_ID_NONE);
    APPLY(c, ev(UKC_EVENT_PANEL, "2024-03-13"), UKC_ID_NONE);
    ukc_decision d = APPLY(c, ev(UKC_EVENT_REQUEST_ESCALATION, "2024-03-14"),
                           UKC_R006_NO_FURTHER_STAGE);
    ck_assert_ptr_nonnull(strstr(d.message, "the council's process is complete"));
    ck_assert_ptr_nonnull(strstr(d.message, "Local Government and Social Care Ombudsman"));
    ck_assert_ptr_null(strstr(d.message, "has not yet had its response"));
    ukc_case_event r = ev(UKC_EVENT_REFER, "2024-03-14");
    r.body = "lgsco";
    APPLY(c, r, UKC_ID_NONE);
    APPLY(c, ev(UKC_EVENT_CLOSE, "2024-03-15"), UKC_ID_NONE);
    ukc_case_free(c);
}
END_TEST

/* The smaller points, in the data: each reading the source leaves open says so. */
START_TEST(smaller_points_in_the_data)
{
    const ukc_obligation *o;
    /* Kent children's stage 2: "within 25 working days of the investigation
     * starting": the start is read as the request, and a note says so. */
    ck_assert_ok(ukc_policy_stage_obligation(P("kent"), "childrens-social-services", "stage-2",
                                             "respond", &o));
    ck_assert_int_eq(o->time->from, UKC_CLOCK_INVESTIGATION_START);
    ck_assert_ptr_nonnull(strstr(o->time->note, "investigation is taken to start"));
    /* Warwickshire: "this will be explained within ten working days" has a note on
     * its start event. */
    ck_assert_ok(ukc_policy_stage_obligation(P("warwickshire"), "general", "stage-2",
                                             "explain-refusal", &o));
    ck_assert_int_eq(o->time->from, UKC_CLOCK_ESCALATION_REQUEST);
    ck_assert_ptr_nonnull(strstr(o->time->note, "request for stage two"));
    /* Derby never says its children's social care procedure is statutory. */
    const ukc_procedure *pr;
    ck_assert_ok(ukc_policy_procedure(P("derby"), "childrens-social-care", &pr));
    ck_assert_int_eq(pr->statutory, UKC_ANSWER_UNSTATED);
    /* Warwickshire's exclusion ix names the Information Commissioner. */
    const ukc_external_body *b;
    ck_assert_ok(ukc_policy_external_body(P("warwickshire"), "ico", &b));
    ck_assert_str_eq(b->citation->section, "Appendix 1: Exclusions from the Complaints Policy");
}
END_TEST

START_TEST(calendar_override)
{
    /* A newer (here: older) GOV.UK list given as the case's calendar replaces the
     * policy's. Kent acknowledges in 3 working days; received Wed 29 Apr 2020.
     * Built-in (Fri 8 May 2020 the holiday): Thu 30 Apr, Fri 1 May, Mon 4 May
     * -> 2020-05-04. The December 2018 list (Mon 4 May the holiday): Thu 30,
     * Fri 1, Tue 5 May -> 2020-05-05. */
    ukc_calendar *old = NULL;
    ck_assert_ok(ukc_calendar_from_govuk_file(
        srcpath("lib/data/govuk/govuk-bank-holidays-2012-2020.json"), "england-and-wales", &old));
    ukc_case_options opts = UKC_CASE_OPTIONS_INIT;
    opts.calendar = old;
    ukc_case *c = NULL, *plain = open_case("kent", "corporate", "complaint", "2020-04-29");
    ck_assert_ok(ukc_case_open(P("kent"), "corporate", "complaint", D("2020-04-29"), "email", &opts, &c));
    ukc_obligations *l = obligations(c, "2020-04-29"), *lp = obligations(plain, "2020-04-29");
    ck_assert_str_eq(S(find(l, "stage-1.acknowledge")->due), "2020-05-05");
    ck_assert_str_eq(S(find(lp, "stage-1.acknowledge")->due), "2020-05-04");
    ukc_obligations_free(l);
    ukc_obligations_free(lp);
    ukc_case_free(c);
    ukc_case_free(plain);
    ukc_calendar_free(old);
}
END_TEST

START_TEST(event_limit)
{
    /* UKC_CASE_MAX_EVENTS (10000): the 10000th event is applied, the next is
     * UKC_ERR_TOO_MANY and changes nothing; a saved case of 10000 events
     * restores. Kent's corporate procedure allows repeated progress updates. */
    ukc_case *c = open_case("kent", "corporate", "complaint", "2025-04-14");
    ukc_case_event e = ev(UKC_EVENT_PROGRESS_UPDATE, "2025-04-15");
    ukc_decision d = UKC_DECISION_INIT;
    for (int i = 0; i < UKC_CASE_MAX_EVENTS; i++) {
        ck_assert_ok(ukc_case_apply(c, &e, &d));
        ck_assert_msg(d.allowed, "event %d refused: %s", i, d.message);
    }
    char *before = NULL, *after = NULL;
    ck_assert_ok(ukc_case_to_json(c, &before));
    ck_assert_status(ukc_case_apply(c, &e, &d), UKC_ERR_TOO_MANY);
    ck_assert_ok(ukc_case_to_json(c, &after));
    ck_assert_str_eq(before, after);
    ukc_case *back = NULL;
    ck_assert_ok(ukc_case_from_json(P("kent"), before, strlen(before), &back));
    ukc_case_free(back);
    ukc_free(after);
    ukc_free(before);
    ukc_case_free(c);
}
END_TEST

/* ---- Obligations and decisions as JSON ------------------------------------------ */

static json_t *member(const json_t *array, const char *id)
{
    for (size_t i = 0; i < json_array_size(array); i++)
        if (strcmp(json_string_value(json_object_get(json_array_get(array, i), "id")), id) == 0)
            return json_array_get(array, i);
    ck_abort_msg("no obligation %s in the JSON", id);
    return NULL;
}

static const char *jstr(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    ck_assert_msg(json_is_string(v), "%s is not a string", key);
    return json_string_value(v);
}

START_TEST(obligations_and_decisions_as_json)
{
    /* Kent corporate, received Mon 2025-04-14. Acknowledge within 3 working
     * days: 15, 16, 17 Apr -> Thu 2025-04-17. Respond within 20: 15-17 (3),
     * Good Friday 18 Apr and Easter Monday 21 Apr skipped, 22-25 (7), 28 Apr-
     * 2 May (12), 5 May bank holiday skipped, 6-9 (16), 12-15 (20) -> Thu
     * 2025-05-15. */
    ukc_case *c = open_case("kent", "corporate", "complaint", "2025-04-14");
    char *text = NULL;
    ck_assert_ok(ukc_case_obligations_to_json(c, D("2025-04-14"), 0, &text));
    ck_assert_ptr_null(strchr(text, '\n')); /* one line */
    json_error_t err;
    json_t *doc = json_loads(text, 0, &err);
    ck_assert_msg(doc, "%s: %s", err.text, text);
    ck_assert_str_eq(jstr(doc, "as_of"), "2025-04-14");
    ck_assert_str_eq(jstr(doc, "stage"), "stage-1");
    json_t *resp = member(json_object_get(doc, "obligations"), "stage-1.respond");
    ck_assert_str_eq(jstr(resp, "state"), "pending");
    ck_assert_str_eq(jstr(resp, "due"), "2025-05-15");
    ck_assert(json_is_null(json_object_get(resp, "met")));
    ck_assert_ptr_null(json_object_get(resp, "explanation"));
    json_decref(doc);
    ukc_free(text);

    APPLY(c, ev(UKC_EVENT_ACKNOWLEDGE, "2025-04-15"), UKC_ID_NONE);
    APPLY(c, respond("2025-05-16", UKC_DELIVERY_EMAIL), UKC_ID_NONE);
    ck_assert_ok(ukc_case_obligations_to_json(c, D("2025-05-16"), UKC_OBLIGATIONS_EXPLAIN,
                                              &text));
    doc = json_loads(text, 0, &err);
    ck_assert_msg(doc, "%s: %s", err.text, text);
    ck_assert_str_eq(jstr(doc, "status"), "responded");
    json_t *list = json_object_get(doc, "obligations");
    json_t *ack = member(list, "stage-1.acknowledge");
    ck_assert_str_eq(jstr(ack, "state"), "met");
    ck_assert_str_eq(jstr(ack, "due"), "2025-04-17");
    ck_assert_str_eq(jstr(ack, "met"), "2025-04-15");
    ck_assert_str_eq(jstr(ack, "party"), "council");
    ck_assert_str_eq(jstr(ack, "bound"), "target");
    ck_assert_str_eq(jstr(ack, "unit"), "working-days");
    ck_assert(strstr(jstr(json_object_get(ack, "citation"), "quote"), "acknowledge"));
    /* Answered on Fri 16 May, one working day after Thu 15 May. */
    resp = member(list, "stage-1.respond");
    ck_assert_str_eq(jstr(resp, "state"), "missed");
    ck_assert_int_eq(json_integer_value(json_object_get(resp, "late_by")), 1);
    ck_assert(strstr(jstr(resp, "explanation"), "2025-04-18"));
    ck_assert_str_eq(json_string_value(json_array_get(json_object_get(resp, "explanation_ids"),
                                                      0)),
                     "UKC-E009");
    /* The same objects as ukc_obligation_to_json() of each listed obligation. */
    ukc_obligations *l = NULL;
    ck_assert_ok(ukc_case_obligations(c, D("2025-05-16"), UKC_OBLIGATIONS_EXPLAIN, &l));
    ck_assert_uint_eq(json_array_size(list), ukc_obligations_count(l));
    for (size_t i = 0; i < ukc_obligations_count(l); i++) {
        char *one = NULL;
        ck_assert_ok(ukc_obligation_to_json(ukc_obligations_at(l, i), &one));
        json_t *o = json_loads(one, 0, &err);
        ck_assert_msg(json_equal(o, json_array_get(list, i)), "%s", one);
        json_decref(o);
        ukc_free(one);
    }
    ukc_obligations_free(l);
    json_decref(doc);
    ukc_free(text);

    /* A refusal: the stage has had its response. */
    ukc_case_event e = ev(UKC_EVENT_ACKNOWLEDGE, "2025-05-20");
    ukc_decision d = APPLY(c, e, UKC_R010_ALREADY_RESPONDED);
    ck_assert_ok(ukc_decision_to_json(&e, &d, &text));
    doc = json_loads(text, 0, &err);
    ck_assert_msg(doc, "%s: %s", err.text, text);
    ck_assert_str_eq(jstr(doc, "event"), "acknowledge");
    ck_assert_str_eq(jstr(doc, "date"), "2025-05-20");
    ck_assert(json_is_false(json_object_get(doc, "allowed")));
    ck_assert_str_eq(jstr(doc, "reason"), "UKC-R010");
    ck_assert_str_eq(jstr(doc, "slug"), "already-responded");
    json_decref(doc);
    ukc_free(text);
    ck_assert_ok(ukc_decision_to_json(NULL, &d, &text));
    static const char head[] =
        "{\"allowed\":false,\"reason\":\"UKC-R010\",\"slug\":\"already-responded\",\"message\":\"";
    ck_assert_msg(strncmp(text, head, sizeof head - 1) == 0, "%s", text);
    ukc_free(text);

    /* Bad arguments: an error, and nothing handed out. */
    text = (char *)1;
    ck_assert_int_eq(ukc_case_obligations_to_json(NULL, D("2025-05-16"), 0, &text),
                     UKC_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(text);
    ck_assert_int_eq(ukc_case_obligations_to_json(c, D("2025-05-16"), 64, &text),
                     UKC_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(text);
    ck_assert_int_eq(ukc_obligation_to_json(NULL, &text), UKC_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(ukc_decision_to_json(&e, NULL, &text), UKC_ERR_INVALID_ARGUMENT);
    ck_assert_int_eq(ukc_decision_to_json(&e, &d, NULL), UKC_ERR_INVALID_ARGUMENT);

    /* Every allocation failure is reported, with nothing handed out. */
    ukc_status st = UKC_ERR_NO_MEMORY;
    for (size_t n = 1; st == UKC_ERR_NO_MEMORY && n < 10000; n++) {
        text = (char *)1;
        ukc__alloc_fail_after(n);
        st = ukc_case_obligations_to_json(c, D("2025-05-16"), UKC_OBLIGATIONS_EXPLAIN, &text);
        ukc__alloc_fail_after(0);
        ck_assert_msg(st == UKC_OK || (st == UKC_ERR_NO_MEMORY && !text), "n=%zu: %d", n, st);
        if (st == UKC_OK)
            ukc_free(text);
    }
    ck_assert_int_eq(st, UKC_OK);
    ukc_case_free(c);
}
END_TEST

START_TEST(obligation_json_escapes_text)
{
    /* Quotes, backslashes and control characters are escaped; a byte that is
     * not UTF-8 becomes U+FFFD; well-formed UTF-8 is kept as it is. */
    static const ukc_citation none = UKC_CITATION_INIT;
    ukc_case_obligation o;
    memset(&o, 0, sizeof o);
    o.size = sizeof o;
    o.id = "x";
    o.text = "a\"b\\c\n\x01\xff\xc3\xa9\xe2\x80\x99";
    o.citation = &none;
    o.due = D("2025-01-02");
    char *text = NULL;
    ck_assert_ok(ukc_obligation_to_json(&o, &text));
    ck_assert_msg(strstr(text, "\"text\":\"a\\\"b\\\\c\\n\\u0001\\ufffd\xc3\xa9\xe2\x80\x99\""),
                  "%s", text);
    ck_assert_msg(strstr(text, "\"due\":\"2025-01-02\",\"state\":\"pending\",\"met\":null"), "%s",
                  text);
    ck_assert_msg(strstr(text, "\"rule\":\"\""), "%s", text); /* NULL strings are "" */
    ukc_free(text);
}
END_TEST


static Suite *suite(void)
{
    Suite *s = suite_create("case");
    TCase *t = tcase_create("case");
    tcase_add_test(t, names);
    tcase_add_test(t, obligations_and_decisions_as_json);
    tcase_add_test(t, obligation_json_escapes_text);
    tcase_add_test(t, kent_progress_updates_only_for_complex_complaints);
    tcase_add_test(t, event_limit);
    tcase_add_test(t, calendar_override);
    tcase_add_test(t, kent_transport_hearing);
    tcase_add_test(t, discontinue_with_the_methods_given);
    tcase_add_test(t, reopen_ground_fits_the_situation);
    tcase_add_test(t, unnamed_suspension_only_for_complaints);
    tcase_add_test(t, we_may_need_longer_both_ways);
    tcase_add_test(t, kent_after_the_review_panel);
    tcase_add_test(t, smaller_points_in_the_data);
    tcase_add_test(t, bad_arguments);
    tcase_add_test(t, every_procedure);
    tcase_add_test(t, actions_provided);
    tcase_add_test(t, dates_and_refer);
    tcase_add_test(t, kent_childrens_extended_over_christmas);
    tcase_add_test(t, warwickshire_refused_at_stage_two);
    tcase_add_test(t, warwickshire_second_class_window);
    tcase_add_test(t, derby_send_stage_one);
    tcase_add_test(t, suspend_and_resume);
    tcase_add_test(t, discontinue_and_reopen);
    tcase_add_test(t, restrict_and_notify);
    tcase_add_test(t, warwickshire_panel);
    tcase_add_test(t, explain_one_obligation);
    tcase_add_test(t, kind_without_stages);
    tcase_add_test(t, save_restore);
    tcase_add_test(t, allocation_failures);
    tcase_add_test(t, property_random_sequences);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return run_suite(suite());
}
