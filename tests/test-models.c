/* The model procedures: hand-worked due dates of the Ombudsman codes, the
 * statutory procedures and the information-rights clocks, chained clocks,
 * calendar months, source quality in explanations, and a council's policy
 * based on a model. Every expected date is worked by hand from GOV.UK's lists
 * (tests/data and shared/data), never computed by the library. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static const ukc_policy *P(const char *name)
{
    const ukc_policy *p = NULL;
    ck_assert_ok(ukc_policy_builtin(name, &p));
    return p;
}

static const ukc_obligation *stage_obligation(const ukc_policy *p, const char *proc,
                                              const char *stage, const char *id)
{
    const ukc_obligation *o = NULL;
    ck_assert_ok(ukc_policy_stage_obligation(p, proc, stage, id, &o));
    return o;
}

/* Due date and explanation of an obligation from a start date. */
static char *due_text(const ukc_policy *p, const ukc_obligation *o, ukc_bound which,
                      const char *start, const char *want)
{
    ukc_explanation *e = NULL;
    ck_assert_ok(ukc_policy_explain_obligation(p, o, which, D(start), &e));
    ck_assert_str_eq(S(ukc_explanation_due(e)), want);
    ukc_date due;
    ck_assert_ok(ukc_policy_due(p, o->time, which, D(start), &due));
    ck_assert_str_eq(S(due), want);
    char *text = strdup(ukc_explanation_text(e));
    ukc_explanation_free(e);
    return text;
}

static bool has_step(const ukc_explanation *e, ukc_id id)
{
    for (size_t i = 0; i < ukc_explanation_step_count(e); i++)
        if (ukc_explanation_step(e, i)->id == (int32_t)id)
            return true;
    return false;
}

static ukc_case_event ev(ukc_event_kind kind, const char *date)
{
    ukc_case_event e = UKC_CASE_EVENT_INIT;
    e.kind = kind;
    e.date = D(date);
    return e;
}

static void apply_ok(ukc_case *c, ukc_case_event e)
{
    ukc_decision d = UKC_DECISION_INIT;
    ck_assert_ok(ukc_case_apply(c, &e, &d));
    ck_assert_msg(d.allowed, "%s refused: %s", ukc_event_kind_name(e.kind), d.message);
}

static const ukc_case_obligation *find(const ukc_obligations *l, const char *id)
{
    for (size_t i = 0; i < ukc_obligations_count(l); i++)
        if (strcmp(ukc_obligations_at(l, i)->id, id) == 0)
            return ukc_obligations_at(l, i);
    ck_abort_msg("no obligation %s", id);
    return NULL;
}

/* ---- FOIA and FOISA: a request received on a Saturday in July -------------- */

/* Received Sat 2022-07-09, day 0 under both Acts.
 * FOIA, united-kingdom calendar (a bank holiday in any part of the UK): Mon 11 (1),
 * Tue 12 skipped (Battle of the Boyne, Northern Ireland), Wed 13 (2), 14 (3), 15 (4),
 * 18-22 (5-9), 25-29 (10-14), Mon 1 Aug skipped (Summer bank holiday, Scotland),
 * 2-5 (15-18), Mon 8 (19), Tue 9 Aug (20) -> Tue 2022-08-09.
 * FOISA, scotland calendar: Mon 11 (1), 12-15 (2-5), 18-22 (6-10), 25-29 (11-15),
 * Mon 1 Aug skipped, 2-5 (16-19), Mon 8 Aug (20) -> Mon 2022-08-08. */
START_TEST(foi_saturday_in_july)
{
    const ukc_policy *foia = P("foia"), *foisa = P("foisa");
    char *t = due_text(foia, stage_obligation(foia, "request", "response", "respond"),
                       UKC_BOUND_TARGET, "2022-07-09", "2022-08-09");
    ck_assert_ptr_nonnull(strstr(t, "Battle of the Boyne"));
    ck_assert_ptr_nonnull(strstr(t, "any-part-of-the-uk"));
    free(t);
    t = due_text(foisa, stage_obligation(foisa, "request", "response", "respond"),
                 UKC_BOUND_TARGET, "2022-07-09", "2022-08-08");
    ck_assert_ptr_null(strstr(t, "Battle of the Boyne"));
    ck_assert_ptr_nonnull(strstr(t, "scotland-only"));
    free(t);
    ck_assert_str_eq(ukc_policy_working_days(foia)->calendar, "united-kingdom");
    ck_assert_str_eq(ukc_policy_working_days(foisa)->calendar, "scotland");
    /* FOISA review: 20 working days after receipt of the requirement, Fri 2022-09-09:
     * Mon 12 - Fri 16 (1-5), Mon 19 skipped (State Funeral), 20-23 (6-9),
     * 26-30 (10-14), Oct 3-7 (15-19), Mon 10 Oct (20) -> Mon 2022-10-10. */
    t = due_text(foisa, stage_obligation(foisa, "request", "review", "respond"),
                 UKC_BOUND_TARGET, "2022-09-09", "2022-10-10");
    ck_assert_ptr_nonnull(strstr(t, "State Funeral"));
    free(t);
}
END_TEST

/* ---- SAR: calendar months, the ICO's way --------------------------------------- */

START_TEST(sar_calendar_months)
{
    const ukc_policy *p = P("sar");
    const ukc_obligation *o = stage_obligation(p, "request", "response", "respond");
    ck_assert_int_eq(o->time->unit, UKC_UNIT_CALENDAR_MONTHS);
    /* The ICO's own example: received 3 September -> 3 October (2024: a Thursday). */
    free(due_text(p, o, UKC_BOUND_TARGET, "2024-09-03", "2024-10-03"));
    /* Received Tue 2023-01-31: February 2023 has no 31st, so its last day,
     * Tue 2023-02-28, a working day. */
    free(due_text(p, o, UKC_BOUND_TARGET, "2023-01-31", "2023-02-28"));
    /* Received Wed 2022-08-31: September has no 31st -> Fri 2022-09-30. */
    free(due_text(p, o, UKC_BOUND_TARGET, "2022-08-31", "2022-09-30"));
    /* Received Fri 2022-11-25: the corresponding date is Christmas Day, Sun
     * 2022-12-25; Mon 26 is Boxing Day and Tue 27 the Christmas Day substitute
     * (GOV.UK, England and Wales), so the next working day is Wed 2022-12-28. */
    ukc_explanation *e = NULL;
    ck_assert_ok(ukc_policy_explain_obligation(p, o, UKC_BOUND_TARGET, D("2022-11-25"), &e));
    ck_assert_str_eq(S(ukc_explanation_due(e)), "2022-12-28");
    ck_assert(has_step(e, UKC_E011_DATE_MOVED));
    ck_assert_ptr_nonnull(strstr(ukc_explanation_text(e), "Boxing Day"));
    ukc_explanation_free(e);
    /* Extended: three months from the original start. Received Wed 2022-08-31:
     * November has no 31st -> Wed 2022-11-30, a working day in England. */
    free(due_text(p, o, UKC_BOUND_MAXIMUM, "2022-08-31", "2022-11-30"));
    /* Received Sat 2022-10-01 (the day of receipt counts even at a weekend):
     * Tue 2022-11-01 is a working day. */
    free(due_text(p, o, UKC_BOUND_TARGET, "2022-10-01", "2022-11-01"));
}
END_TEST

/* ---- EIR: the extension to 40 working days rests on secondary text ---------- */

/* Received Fri 2022-12-02 (day 0), england-and-wales calendar: Dec 5-9 (1-5),
 * 12-16 (6-10), 19-23 (11-15), Mon 26 Boxing Day and Tue 27 Christmas Day
 * (substitute) skipped, 28-30 (16-18), Mon 2 Jan New Year's Day (substitute)
 * skipped, Tue 3 (19), Wed 4 Jan (20) -> Wed 2023-01-04.
 * Extended to 40: Jan 5-6 (21-22), 9-13 (23-27), 16-20 (28-32), 23-27 (33-37),
 * 30-31 (38-39), Wed 1 Feb (40) -> Wed 2023-02-01. */
START_TEST(eir_extension)
{
    ukc_case *c = NULL;
    ck_assert_ok(ukc_case_open(P("eir"), "request", "request", D("2022-12-02"), "email", NULL,
                               &c));
    ukc_obligations *l = NULL;
    ck_assert_ok(ukc_case_obligations(c, D("2022-12-05"), UKC_OBLIGATIONS_EXPLAIN, &l));
    ck_assert_str_eq(S(find(l, "response.respond")->due), "2023-01-04");
    ukc_obligations_free(l);
    ukc_case_event x = ev(UKC_EVENT_EXTEND, "2022-12-05");
    x.reasons = "Complex and voluminous: twelve years of monitoring data";
    x.days = 40;
    apply_ok(c, x);
    ck_assert_ok(ukc_case_obligations(c, D("2022-12-05"), UKC_OBLIGATIONS_EXPLAIN, &l));
    const ukc_case_obligation *o = find(l, "response.respond");
    ck_assert_str_eq(S(o->due), "2023-02-01");
    ck_assert_int_eq(o->extended_to, 40);
    const char *text = ukc_explanation_text(o->explanation);
    ck_assert_ptr_nonnull(strstr(text, "Policy on Access to Information"));
    ck_assert_ptr_nonnull(strstr(text, "(secondary)"));
    ck_assert(has_step(o->explanation, UKC_E010_SOURCE_NOT_PRIMARY));
    ukc_obligations_free(l);
    ukc_case_free(c);
}
END_TEST

/* ---- LGSCO: stage 1 over Christmas, with an extension --------------------------- */

/* Received Wed 2023-12-20 (day 0), england-and-wales calendar (2023: 25 and 26
 * Dec; 2024: Mon 1 Jan). Acknowledge within 5: Thu 21 (1), Fri 22 (2), 25-26
 * skipped, Wed 27 (3), Thu 28 (4), Fri 29 (5) -> Fri 2023-12-29.
 * Acknowledged Thu 2023-12-28; respond within 10 of it: Fri 29 (1), Mon 1 Jan
 * skipped, Jan 2-5 (2-5), 8-12 (6-10) -> Fri 2024-01-12. Extended to 20:
 * 15-19 (11-15), 22-26 (16-20) -> Fri 2024-01-26.
 * Chained from receipt, before any acknowledgement: from Fri 2023-12-29,
 * Mon 1 Jan skipped, Jan 2-5 (1-4), 8-12 (5-9), Mon 15 (10) -> Mon 2024-01-15. */
START_TEST(lgsco_stage1_christmas_extension)
{
    const ukc_policy *p = P("lgsco-2024");
    const ukc_obligation *respond = stage_obligation(p, "complaints", "stage-1", "respond");
    ukc_explanation *e = NULL;
    ck_assert_ok(ukc_policy_explain_from_receipt(p, respond, UKC_BOUND_TARGET, D("2023-12-20"),
                                                 &e));
    ck_assert_str_eq(S(ukc_explanation_due(e)), "2024-01-15");
    ck_assert(has_step(e, UKC_E012_CLOCK_CHAINED));
    ck_assert_ptr_nonnull(strstr(ukc_explanation_text(e), "2023-12-29"));
    ukc_explanation_free(e);

    ukc_case *c = NULL;
    ck_assert_ok(ukc_case_open(p, "complaints", "complaint", D("2023-12-20"), "email", NULL, &c));
    ukc_obligations *l = NULL;
    ck_assert_ok(ukc_case_obligations(c, D("2023-12-20"), UKC_OBLIGATIONS_EXPLAIN, &l));
    ck_assert_str_eq(S(find(l, "stage-1.acknowledge")->due), "2023-12-29");
    ukc_obligations_free(l);
    apply_ok(c, ev(UKC_EVENT_ACKNOWLEDGE, "2023-12-28"));
    ck_assert_ok(ukc_case_obligations(c, D("2023-12-28"), UKC_OBLIGATIONS_EXPLAIN, &l));
    ck_assert_str_eq(S(find(l, "stage-1.respond")->due), "2024-01-12");
    ck_assert_str_eq(S(find(l, "stage-1.respond.maximum")->due), "2024-01-26");
    ukc_obligations_free(l);
    ukc_case_event x = ev(UKC_EVENT_EXTEND, "2024-01-10");
    x.reasons = "Three services involved";
    x.days = 21;
    ukc_decision d = UKC_DECISION_INIT;
    ck_assert_ok(ukc_case_apply(c, &x, &d));
    ck_assert(!d.allowed); /* beyond the cap of 10 more */
    x.days = 20;
    apply_ok(c, x);
    ck_assert_ok(ukc_case_obligations(c, D("2024-01-10"), UKC_OBLIGATIONS_EXPLAIN, &l));
    const ukc_case_obligation *o = find(l, "stage-1.respond");
    ck_assert_str_eq(S(o->due), "2024-01-26");
    ck_assert_ptr_nonnull(strstr(ukc_explanation_text(o->explanation), "New Year"));
    ck_assert_ptr_nonnull(strstr(ukc_explanation_text(o->explanation), "relevant Ombudsman"));
    ukc_obligations_free(l);
    /* Stage 2 rests on secondary text and sets no extension. */
    ukc_case_event r = ev(UKC_EVENT_RESPOND, "2024-01-25");
    r.has_delivery = true;
    r.delivery = UKC_DELIVERY_EMAIL;
    apply_ok(c, r);
    apply_ok(c, ev(UKC_EVENT_REQUEST_ESCALATION, "2024-02-01"));
    x = ev(UKC_EVENT_EXTEND, "2024-02-02");
    x.reasons = "More time";
    x.days = 30;
    ck_assert_ok(ukc_case_apply(c, &x, &d));
    ck_assert(!d.allowed);
    ck_assert_int_eq(d.reason, UKC_R004_NOT_PROVIDED_FOR);
    /* Escalation asked Thu 2024-02-01, acknowledged Mon 2024-02-05: 20 working
     * days from it: Feb 6-9 (1-4), 12-16 (5-9), 19-23 (10-14), 26-29 (15-18),
     * Fri 1 Mar (19), Mon 4 Mar (20) -> Mon 2024-03-04. */
    apply_ok(c, ev(UKC_EVENT_ACKNOWLEDGE, "2024-02-05"));
    ck_assert_ok(ukc_case_obligations(c, D("2024-02-05"), UKC_OBLIGATIONS_EXPLAIN, &l));
    o = find(l, "stage-2.respond");
    ck_assert_str_eq(S(o->due), "2024-03-04");
    ck_assert(has_step(o->explanation, UKC_E010_SOURCE_NOT_PRIMARY));
    ck_assert_ptr_nonnull(strstr(ukc_explanation_text(o->explanation), "restatement"));
    ukc_obligations_free(l);
    ukc_case_free(c);
}
END_TEST

/* ---- based_on: a council's policy on the LGSCO code, shortening stage 1 -------- */

/* Derby's own acknowledgement, 2 working days from receipt, replaces the
 * Code's 5. Received Wed 2023-12-20: Thu 21 (1), Fri 22 (2) -> Fri 2023-12-22.
 * The response is still the Code's: 10 working days from the acknowledgement. */
START_TEST(based_on_lgsco)
{
    ukc_policy *p = NULL;
    ck_assert_ok(ukc_policy_load_file(srcpath("tests/data/policy-based-on.json"), &p));
    ck_assert_str_eq(ukc_policy_based_on(p), "lgsco-2024");
    const ukc_obligation *ack = stage_obligation(p, "complaints", "stage-1", "acknowledge");
    const ukc_obligation *resp = stage_obligation(p, "complaints", "stage-1", "respond");
    ck_assert_int_eq(ack->time->count, 2);
    ck_assert(ukc_policy_cites_own(p, ack->citation));
    ck_assert_int_eq(resp->time->count, 10);
    ck_assert(!ukc_policy_cites_own(p, resp->citation));
    free(due_text(p, ack, UKC_BOUND_TARGET, "2023-12-20", "2023-12-22"));
    /* Chained: from Fri 2023-12-22: 25-26 skipped, Wed 27 (1), 28 (2), 29 (3),
     * Mon 1 Jan skipped, Jan 2-5 (4-7), 8-10 (8-10) -> Wed 2024-01-10. */
    ukc_explanation *e = NULL;
    ck_assert_ok(ukc_policy_explain_from_receipt(p, resp, UKC_BOUND_TARGET, D("2023-12-20"), &e));
    ck_assert_str_eq(S(ukc_explanation_due(e)), "2024-01-10");
    ukc_explanation_free(e);
    /* The model's other rules are there, and its documents are marked as the model's. */
    const ukc_time_limit *lim = NULL;
    ck_assert_ok(ukc_policy_time_limit(p, "bring-complaint", &lim));
    ck_assert(!ukc_policy_cites_own(p, lim->citation));
    size_t own = 0;
    for (size_t i = 0; i < ukc_policy_document_count(p); i++)
        own += !*ukc_policy_document(p, i)->based_on;
    ck_assert_int_eq(own, 1);
    ukc_policy_free(p);
    /* An unknown model is refused with its path. */
    const char *bad = "{\"format\": 1, \"id\": \"x\", \"council\": \"X\", \"based_on\": \"nope\", "
                      "\"documents\": [{\"title\": \"T\"}]}";
    ck_assert_status(ukc_policy_load_json(bad, strlen(bad), &p), UKC_ERR_INVALID_DATA);
    ck_assert_str_eq(ukc_last_error()->path, "$.based_on");
}
END_TEST

/* ---- Source quality, and what the sources lack ---------------------------------- */

START_TEST(source_quality_and_gaps)
{
    const ukc_policy *p = P("lgsco-2024");
    const ukc_obligation *o = stage_obligation(p, "complaints", "stage-2", "respond");
    ck_assert_int_eq(o->citation->source, UKC_SOURCE_SECONDARY);
    ck_assert_int_eq(stage_obligation(p, "complaints", "stage-1", "respond")->citation->source,
                     UKC_SOURCE_PRIMARY);
    ck_assert_str_eq(ukc_source_quality_name(UKC_SOURCE_ADOPTER), "adopter");
    /* No source states a stage 2 extension: no maximum. */
    ukc_date due;
    ck_assert_status(ukc_policy_due(p, o->time, UKC_BOUND_MAXIMUM, D("2024-02-05"), &due),
                     UKC_ERR_NOT_SET);
    ck_assert(ukc_policy_builtin_is_model("foia"));
    ck_assert(!ukc_policy_builtin_is_model("kent"));
    ck_assert(!ukc_policy_builtin_is_model("nowhere"));
}
END_TEST

/* ---- Housing Ombudsman: stage 2 -------------------------------------------------- */

static ukc_case_event sent(const char *date)
{
    ukc_case_event r = ev(UKC_EVENT_RESPOND, date);
    r.has_delivery = true;
    r.delivery = UKC_DELIVERY_EMAIL;
    return r;
}

/* Escalation asked Mon 2024-12-16: acknowledge within 5 working days: Dec 17-20
 * (1-4), Mon 23 (5) -> Mon 2024-12-23. Acknowledged Fri 2024-12-20; respond within
 * 20 working days of it (england-and-wales: 25 and 26 Dec 2024, 1 Jan 2025):
 * Dec 23-24 (1-2), 27 (3), 30-31 (4-5), Jan 2-3 (6-7), 6-10 (8-12), 13-17 (13-17),
 * 20-22 (18-20) -> Wed 2025-01-22. The +20 extension: Jan 23-24 (21-22),
 * 27-31 (23-27), Feb 3-7 (28-32), 10-14 (33-37), 17-19 (38-40) -> Wed 2025-02-19. */
START_TEST(hos_stage2)
{
    const ukc_policy *p = P("hos-2024");
    ck_assert_int_eq(ukc_policy_procedure_at(p, 0)->stage_count, 2);
    ukc_case *c = NULL;
    ck_assert_ok(ukc_case_open(p, "complaints", "complaint", D("2024-11-25"), "email", NULL, &c));
    apply_ok(c, ev(UKC_EVENT_ACKNOWLEDGE, "2024-11-26"));
    apply_ok(c, sent("2024-12-05"));
    apply_ok(c, ev(UKC_EVENT_REQUEST_ESCALATION, "2024-12-16"));
    ukc_obligations *l = NULL;
    ck_assert_ok(ukc_case_obligations(c, D("2024-12-16"), UKC_OBLIGATIONS_EXPLAIN, &l));
    ck_assert_str_eq(S(find(l, "stage-2.acknowledge")->due), "2024-12-23");
    ukc_obligations_free(l);
    apply_ok(c, ev(UKC_EVENT_ACKNOWLEDGE, "2024-12-20"));
    ck_assert_ok(ukc_case_obligations(c, D("2024-12-20"), UKC_OBLIGATIONS_EXPLAIN, &l));
    const ukc_case_obligation *o = find(l, "stage-2.respond");
    ck_assert_str_eq(S(o->due), "2025-01-22");
    ck_assert_str_eq(S(find(l, "stage-2.respond.maximum")->due), "2025-02-19");
    ck_assert_ptr_nonnull(strstr(ukc_explanation_text(o->explanation), "Help if you are waiting"));
    ukc_obligations_free(l);
    ukc_case_event x = ev(UKC_EVENT_EXTEND, "2025-01-20");
    x.reasons = "Surveyor's report awaited";
    x.days = 40;
    apply_ok(c, x);
    ck_assert_ok(ukc_case_obligations(c, D("2025-01-20"), UKC_OBLIGATIONS_EXPLAIN, &l));
    ck_assert_str_eq(S(find(l, "stage-2.respond")->due), "2025-02-19");
    ukc_obligations_free(l);
    /* No third stage. */
    apply_ok(c, sent("2025-02-10"));
    ukc_decision d = UKC_DECISION_INIT;
    ukc_case_event esc = ev(UKC_EVENT_REQUEST_ESCALATION, "2025-02-11");
    ck_assert_ok(ukc_case_apply(c, &esc, &d));
    ck_assert(!d.allowed);
    ukc_case_free(c);
}
END_TEST

/* ---- Children Act 1989: stage 2 extended to 65 -------------------------------- */

/* The restatement says "25 to 65 days", kept as calendar days and flagged.
 * Stage 2 asked Mon 2024-10-14: +25 days -> Fri 2024-11-08; +65 days: Oct 14 + 17
 * = Oct 31, + 30 = Nov 30, + 18 -> Wed 2024-12-18. Stage 3 asked Mon 2025-01-06:
 * the panel meets within 30 working days (regulation 19(4)): Jan 7-10 (1-4),
 * 13-17 (5-9), 20-24 (10-14), 27-31 (15-19), Feb 3-7 (20-24), 10-14 (25-29),
 * Mon 17 (30) -> Mon 2025-02-17. The report within 5 working days of a panel on
 * Mon 2025-02-10: Feb 11-14 (1-4), Mon 17 (5) -> Mon 2025-02-17. */
START_TEST(children_stage2_extended_to_65)
{
    const ukc_policy *p = P("children-2006");
    ck_assert_str_eq(ukc_policy_working_days(p)->definition, "england-and-wales-1971-act");
    ukc_case *c = NULL;
    ck_assert_ok(ukc_case_open(p, "childrens-social-care", "complaint", D("2024-10-01"), "email",
                               NULL, &c));
    apply_ok(c, sent("2024-10-10"));
    apply_ok(c, ev(UKC_EVENT_REQUEST_ESCALATION, "2024-10-14"));
    ukc_obligations *l = NULL;
    ck_assert_ok(ukc_case_obligations(c, D("2024-10-14"), UKC_OBLIGATIONS_EXPLAIN, &l));
    ck_assert_str_eq(S(find(l, "stage-2.respond")->due), "2024-11-08");
    ck_assert_str_eq(S(find(l, "stage-2.respond.maximum")->due), "2024-12-18");
    ukc_obligations_free(l);
    ukc_case_event x = ev(UKC_EVENT_EXTEND, "2024-11-01");
    x.reasons = "Independent person's report delayed";
    x.days = 65;
    apply_ok(c, x);
    ck_assert_ok(ukc_case_obligations(c, D("2024-11-01"), UKC_OBLIGATIONS_EXPLAIN, &l));
    const ukc_case_obligation *o = find(l, "stage-2.respond");
    ck_assert_str_eq(S(o->due), "2024-12-18");
    ck_assert_int_eq(o->extended_to, 65);
    const char *t = ukc_explanation_text(o->explanation);
    ck_assert_ptr_nonnull(strstr(t, "unit unclear"));
    ck_assert_ptr_nonnull(strstr(t, "Family Rights Group"));
    ck_assert(has_step(o->explanation, UKC_E010_SOURCE_NOT_PRIMARY));
    ukc_obligations_free(l);
    apply_ok(c, sent("2024-12-16"));
    apply_ok(c, ev(UKC_EVENT_REQUEST_ESCALATION, "2025-01-06"));
    ck_assert_ok(ukc_case_obligations(c, D("2025-01-06"), UKC_OBLIGATIONS_EXPLAIN, &l));
    o = find(l, "stage-3.panel");
    ck_assert_str_eq(S(o->due), "2025-02-17");
    ck_assert(!has_step(o->explanation, UKC_E010_SOURCE_NOT_PRIMARY)); /* regulation 19 itself */
    ukc_obligations_free(l);
    apply_ok(c, ev(UKC_EVENT_PANEL, "2025-02-10"));
    ck_assert_ok(ukc_case_obligations(c, D("2025-02-10"), UKC_OBLIGATIONS_EXPLAIN, &l));
    ck_assert_str_eq(S(find(l, "stage-3.report")->due), "2025-02-17");
    ukc_obligations_free(l);
    ukc_case_free(c);
    /* Regulation 18's time for asking for a panel is in no source. */
    const ukc_procedure *proc = NULL;
    ck_assert_ok(ukc_policy_procedure(p, "childrens-social-care", &proc));
    ck_assert_str_eq(proc->stages[2].request_limit, "");
}
END_TEST

/* ---- What the sources lack stays unset ----------------------------------------- */

START_TEST(unsupported_rules_not_set)
{
    const ukc_obligation *o = NULL;
    /* SI 2009/309: no response period in any source. */
    ck_assert_status(ukc_policy_stage_obligation(P("adult-social-care-2009"), "adult-social-care",
                                                 "response", "respond", &o),
                     UKC_ERR_NOT_SET);
    /* SPSO: no stage 1 extension; the PSOW model: no stage 1 timescale. */
    o = stage_obligation(P("spso-mchp"), "complaints", "stage-1", "respond");
    ck_assert_int_eq(o->time->maximum, 0);
    ck_assert_status(ukc_policy_stage_obligation(P("psow-model"), "complaints", "stage-1",
                                                 "respond", &o),
                     UKC_ERR_NOT_SET);
    /* Wales: regulation 16(5) is truncated before its clock's event. */
    ck_assert_status(ukc_policy_stage_obligation(P("wales-social-services-2014"), "social-services",
                                                 "stage-1", "terms", &o),
                     UKC_ERR_NOT_SET);
    /* Wales: acknowledge not later than 2 working days after the day of receipt.
     * Received Thu 2024-12-19: Fri 20 (1), Mon 23 (2) -> Mon 2024-12-23; the
     * discussion within 10 working days of an acknowledgement on Mon 2024-12-23:
     * Dec 24 (1), 25-26 skipped, 27 (2), 30-31 (3-4), Jan 1 skipped, Jan 2-3
     * (5-6), 6-9 (7-10) -> Thu 2025-01-09. */
    const ukc_policy *w = P("wales-social-services-2014");
    free(due_text(w, stage_obligation(w, "social-services", "stage-1", "acknowledge"),
                  UKC_BOUND_TARGET, "2024-12-19", "2024-12-23"));
    free(due_text(w, stage_obligation(w, "social-services", "stage-1", "discussion"),
                  UKC_BOUND_TARGET, "2024-12-23", "2025-01-09"));
    /* NIPSO counts on Northern Ireland's calendar: stage 1 within 5 working days
     * of receipt on Fri 2024-07-05: Mon 8 (1), 9 (2), 10 (3), 11 (4), Fri 12
     * Battle of the Boyne skipped, Mon 15 (5) -> Mon 2024-07-15; SPSO on
     * Scotland's from Fri 2024-07-05 -> Fri 2024-07-12. */
    const ukc_policy *ni = P("nipso-mchp"), *sc = P("spso-mchp");
    free(due_text(ni, stage_obligation(ni, "complaints", "stage-1", "respond"), UKC_BOUND_TARGET,
                  "2024-07-05", "2024-07-15"));
    free(due_text(sc, stage_obligation(sc, "complaints", "stage-1", "respond"), UKC_BOUND_TARGET,
                  "2024-07-05", "2024-07-12"));
}
END_TEST

/* ---- One deadline path: the policy and the case explain alike ------------------ */

/* Kent's four-weekly progress updates, received Mon 2025-04-14. They are for
 * "complex issues which cannot be answered within 20 working days", so the
 * first interval starts when the 20 working days run out: 15-17 Apr (3), 18
 * and 21 Apr bank holidays, 22-25 (7), 28 Apr-2 May (12), 5 May bank holiday,
 * 6-9 (16), 12-15 (20) -> Thu 2025-05-15; + 28 days -> Thu 2025-06-12. The
 * rule's note (saying so) is in the policy's explanation and in the case's,
 * with the same rule step. */
START_TEST(kent_note_in_case_explanation)
{
    const ukc_policy *p = P("kent");
    const ukc_obligation *o = stage_obligation(p, "corporate", "stage-1", "progress-update");
    char *text = due_text(p, o, UKC_BOUND_TARGET, "2025-05-15", "2025-06-12");
    ck_assert_ptr_nonnull(strstr(text, o->time->note));
    ukc_case *c = NULL;
    ck_assert_ok(ukc_case_open(p, "corporate", "complaint", D("2025-04-14"), "email", NULL, &c));
    ukc_obligations *l = NULL;
    ck_assert_ok(ukc_case_obligations(c, D("2025-04-20"), UKC_OBLIGATIONS_EXPLAIN, &l));
    const ukc_case_obligation *u = find(l, "stage-1.progress-update");
    ck_assert_str_eq(S(u->start), "2025-05-15");
    ck_assert_str_eq(S(u->due), "2025-06-12");
    const char *ct = ukc_explanation_text(u->explanation);
    ck_assert_ptr_nonnull(strstr(ct, o->time->note));
    /* The first lines agree: the rule and its source, then the start and the due date. */
    const ukc_step *a = ukc_explanation_step(u->explanation, 0);
    ck_assert_int_eq(a->id, UKC_E009_RULE_CITED);
    ck_assert_ptr_nonnull(strstr(text, a->source));
    ukc_obligations_free(l);
    ukc_case_free(c);
    free(text);
}
END_TEST

/* ---- Routing: first deadlines under a model, chained ----------------------------- */

/* A complaint received Wed 2023-12-20 under the LGSCO code: acknowledge by Fri
 * 2023-12-29 (as above); the response, chained on that day, by Mon 2024-01-15;
 * its maximum (20): Jan 16-19 (11-14), 22-26 (15-19), Mon 29 (20) -> 2024-01-29. */
START_TEST(route_chained_under_lgsco)
{
    static const char text[] =
        "I reported the broken street light outside number 14 three times in November and "
        "nothing has been done. It is not acceptable: my mother fell in the dark last week.";
    ukc_feedback_record rec = UKC_FEEDBACK_RECORD_INIT;
    rec.text = text;
    rec.text_len = strlen(text);
    rec.channel = UKC_CHANNEL_EMAIL;
    rec.received = D("2023-12-20");
    ukc_routing *r = NULL;
    ck_assert_ok(ukc_route_feedback(P("lgsco-2024"), &rec, &r));
    bool ack = false, resp = false;
    for (size_t i = 0; i < ukc_routing_obligation_count(r); i++) {
        const ukc_routing_obligation *o = ukc_routing_obligation_at(r, i);
        if (o->kind == UKC_OBLIGATION_ACKNOWLEDGE) {
            ck_assert_str_eq(S(o->due), "2023-12-29");
            ack = true;
        } else if (o->kind == UKC_OBLIGATION_RESPOND) {
            ck_assert_str_eq(S(o->due), "2024-01-15");
            ck_assert_str_eq(S(o->due_maximum), "2024-01-29");
            ck_assert(has_step(o->explanation, UKC_E012_CLOCK_CHAINED));
            resp = true;
        }
    }
    ck_assert(ack && resp);
    ukc_routing_free(r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("models");
    TCase *tc = tcase_create("models");
    tcase_add_test(tc, foi_saturday_in_july);
    tcase_add_test(tc, sar_calendar_months);
    tcase_add_test(tc, eir_extension);
    tcase_add_test(tc, lgsco_stage1_christmas_extension);
    tcase_add_test(tc, based_on_lgsco);
    tcase_add_test(tc, source_quality_and_gaps);
    tcase_add_test(tc, hos_stage2);
    tcase_add_test(tc, children_stage2_extended_to_65);
    tcase_add_test(tc, unsupported_rules_not_set);
    tcase_add_test(tc, kent_note_in_case_explanation);
    tcase_add_test(tc, route_chained_under_lgsco);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
