/* Routing of feedback records under the built-in policies: every exclusion
 * reached, procedures by service area, time limits at their boundary days,
 * first deadlines against GOV.UK's lists, "not set" and "not decided"
 * answers, bad input, threads and allocation failures. */
#include <jansson.h>
#include <pthread.h>
#include <string.h>

#include "testutil.h"
#include "util.h"

static const ukc_policy *policy(const char *name)
{
    const ukc_policy *p;
    ck_assert_ok(ukc_policy_builtin(name, &p));
    return p;
}

static ukc_feedback_record record(const char *text)
{
    ukc_feedback_record r = UKC_FEEDBACK_RECORD_INIT;
    r.text = text;
    r.text_len = text ? strlen(text) : 0;
    return r;
}

static ukc_routing *route(const ukc_policy *p, const ukc_feedback_record *rec)
{
    ukc_routing *r;
    ck_assert_ok(ukc_route_feedback(p, rec, &r));
    ck_assert_ptr_nonnull(r);
    return r;
}

static void assert_citation(const ukc_citation *got, const ukc_citation *want)
{
    ck_assert_str_eq(got->document, want->document);
    ck_assert_str_eq(got->section, want->section);
    ck_assert_str_eq(got->quote, want->quote);
    ck_assert_str_ne(got->quote, "");
}

/* ---- Every exclusion of every built-in policy ----------------------------- */

enum { STAFF = 1, LEGAL = 2, INSURANCE = 4, ANONYMOUS = 8, SOCIAL = 16, LATE = 32 };

#define COMPLAINT "The service was appalling and nobody called me back. This is unacceptable."
#define FOI "Under the Freedom of Information Act please send me the number of potholes"
#define FOI_REVIEW                                                                         \
    "I am unhappy with your answer to my Freedom of Information request: you withheld "     \
    "most of it. I want an internal review."
#define SAR "I am making a subject access request for all the personal data you hold about me"
#define BREACH "You sent my personal data to the wrong person, a data breach"
#define COUNCILLOR \
    "I want to complain about the conduct of my local councillor, who breached the code of conduct"
#define SCHOOL "I want to complain about my son's head teacher at his primary school"
#define GRIEVANCE "I am raising a grievance as an employee of the council about my pay"
#define CLAIM "I want to claim compensation for damage to my car caused by a pothole"
#define APPEAL "I want to appeal the decision"
#define REQUEST "Please could you send me a new recycling box"
#define THANKS "Thank you so much, the staff were wonderful"
#define HATE "My neighbour shouted racist abuse at me, a hate crime"
#define DERBY_HOMES "I rent from Derby Homes and they have left my roof leaking for a month"
#define IN_COURT "I have started court proceedings against the council over the fence"

static const struct {
    const char *policy, *exclusion;
    const char *text, *area;
    int flags;
    const char *override; /* the record names the exclusion: nothing else identifies it */
    ukc_id want;
} reach[] = {
    /* Kent County Council */
    {"kent", "internal-compliments", THANKS, NULL, STAFF, NULL, UKC_C034_EXCLUDED_BY_RECORD_FIELD},
    {"kent", "staff-grievances", GRIEVANCE, NULL, 0, NULL, UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"kent", "adult-social-care", COMPLAINT, "adult-social-care", 0, NULL,
     UKC_C036_EXCLUDED_BY_SERVICE_AREA},
    {"kent", "childrens-social-services", COMPLAINT, "childrens-services", 0, NULL,
     UKC_C036_EXCLUDED_BY_SERVICE_AREA},
    {"kent", "governors", COMPLAINT, NULL, 0, "governors", UKC_C039_EXCLUDED_BY_RECORD},
    {"kent", "schools", SCHOOL, NULL, 0, NULL, UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"kent", "academies", COMPLAINT, NULL, 0, "academies", UKC_C039_EXCLUDED_BY_RECORD},
    {"kent", "admissions-appeals", APPEAL, "schools", 0, NULL, UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"kent", "transport-appeals", APPEAL, "transport", 0, NULL, UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"kent", "appeal-decisions", COMPLAINT, NULL, 0, "appeal-decisions",
     UKC_C039_EXCLUDED_BY_RECORD},
    {"kent", "councillor-conduct", COUNCILLOR, NULL, 0, NULL, UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"kent", "information-requests", FOI_REVIEW, NULL, 0, NULL, UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"kent", "fluency-duty-not-legitimate", COMPLAINT, NULL, 0, "fluency-duty-not-legitimate",
     UKC_C039_EXCLUDED_BY_RECORD},
    {"kent", "fluency-duty-private-providers", COMPLAINT, NULL, 0,
     "fluency-duty-private-providers", UKC_C039_EXCLUDED_BY_RECORD},
    /* Derby City Council */
    {"derby", "requests-for-information-or-service", REQUEST, NULL, 0, NULL,
     UKC_C037_EXCLUDED_BY_KIND},
    {"derby", "data-protection-requests", SAR, NULL, 0, NULL, UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"derby", "foi-requests", FOI, NULL, 0, NULL, UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"derby", "insurance", COMPLAINT, NULL, INSURANCE, NULL, UKC_C034_EXCLUDED_BY_RECORD_FIELD},
    {"derby", "legal-proceedings", COMPLAINT, NULL, LEGAL, NULL,
     UKC_C034_EXCLUDED_BY_RECORD_FIELD},
    {"derby", "council-policies", COMPLAINT, NULL, 0, "council-policies",
     UKC_C039_EXCLUDED_BY_RECORD},
    {"derby", "schools", SCHOOL, NULL, 0, NULL, UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"derby", "derby-homes", DERBY_HOMES, NULL, 0, NULL, UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"derby", "health", COMPLAINT, NULL, 0, "health", UKC_C039_EXCLUDED_BY_RECORD},
    {"derby", "reviews-and-tribunals", APPEAL, NULL, 0, NULL, UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"derby", "parking-fines", APPEAL, "parking", 0, NULL, UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"derby", "ehcp-and-special-educational-provision", APPEAL, "send", 0, NULL,
     UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"derby", "school-admissions", APPEAL, "schools", 0, NULL, UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"derby", "benefits-applications", APPEAL, "benefits", 0, NULL,
     UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"derby", "planning-applications", APPEAL, "planning", 0, NULL,
     UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"derby", "councillor-conduct", COUNCILLOR, NULL, 0, NULL, UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"derby", "social-media", COMPLAINT, NULL, SOCIAL, NULL, UKC_C034_EXCLUDED_BY_RECORD_FIELD},
    /* Warwickshire County Council */
    {"warwickshire", "requests-for-service", REQUEST, NULL, 0, NULL, UKC_C037_EXCLUDED_BY_KIND},
    {"warwickshire", "statutory-appeals", APPEAL, NULL, 0, NULL, UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"warwickshire", "parking-notices", APPEAL, "parking", 0, NULL,
     UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"warwickshire", "planning-decisions", APPEAL, "planning", 0, NULL,
     UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"warwickshire", "school-exclusions", COMPLAINT, NULL, 0, "school-exclusions",
     UKC_C039_EXCLUDED_BY_RECORD},
    {"warwickshire", "special-educational-provision", APPEAL, "send", 0, NULL,
     UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"warwickshire", "blue-badge-appeals", APPEAL, NULL, 0, "blue-badge-appeals",
     UKC_C039_EXCLUDED_BY_RECORD},
    {"warwickshire", "school-place-decisions", APPEAL, "schools", 0, NULL,
     UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"warwickshire", "academies", COMPLAINT, NULL, 0, "academies", UKC_C039_EXCLUDED_BY_RECORD},
    {"warwickshire", "disagreement-without-fault", COMPLAINT, NULL, 0,
     "disagreement-without-fault", UKC_C039_EXCLUDED_BY_RECORD},
    {"warwickshire", "councillors", COUNCILLOR, NULL, 0, NULL, UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"warwickshire", "late-complaints", COMPLAINT, NULL, LATE, NULL,
     UKC_C038_EXCLUDED_OUT_OF_TIME},
    {"warwickshire", "staff-personnel", COMPLAINT, NULL, STAFF, NULL,
     UKC_C034_EXCLUDED_BY_RECORD_FIELD},
    {"warwickshire", "fraud", COMPLAINT, NULL, 0, "fraud", UKC_C039_EXCLUDED_BY_RECORD},
    {"warwickshire", "data-protection", BREACH, NULL, 0, NULL, UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"warwickshire", "exhausted", COMPLAINT, NULL, 0, "exhausted", UKC_C039_EXCLUDED_BY_RECORD},
    {"warwickshire", "legal-proceedings", COMPLAINT, NULL, LEGAL, NULL,
     UKC_C034_EXCLUDED_BY_RECORD_FIELD},
    {"warwickshire", "compensation-claims", CLAIM, NULL, 0, NULL,
     UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"warwickshire", "council-policies", COMPLAINT, NULL, 0, "council-policies",
     UKC_C039_EXCLUDED_BY_RECORD},
    /* The unnamed unitary council (seed 004) */
    {"unnamed-unitary-004", "anonymous", COMPLAINT, NULL, ANONYMOUS, NULL,
     UKC_C034_EXCLUDED_BY_RECORD_FIELD},
    {"unnamed-unitary-004", "policies", COMPLAINT, NULL, 0, "policies",
     UKC_C039_EXCLUDED_BY_RECORD},
    {"unnamed-unitary-004", "hate-crime", HATE, NULL, 0, NULL, UKC_C035_EXCLUDED_BY_ROUTE_CUE},
    {"unnamed-unitary-004", "social-care", COMPLAINT, "adult-social-care", 0, NULL,
     UKC_C036_EXCLUDED_BY_SERVICE_AREA},
    {"unnamed-unitary-004", "legacy-complaints", COMPLAINT, NULL, 0, "legacy-complaints",
     UKC_C039_EXCLUDED_BY_RECORD},
    /* The model procedures */
    {"adult-social-care-2009", "oral-resolved-next-day", COMPLAINT, NULL, 0,
     "oral-resolved-next-day", UKC_C039_EXCLUDED_BY_RECORD},
};

START_TEST(every_exclusion_reached)
{
    size_t reached = 0;
    for (size_t b = 0; b < ukc_policy_builtin_count(); b++) {
        const char *name = ukc_policy_builtin_name(b);
        const ukc_policy *p = policy(name);
        for (size_t i = 0; i < ukc_policy_exclusion_count(p); i++) {
            const ukc_exclusion *x = ukc_policy_exclusion_at(p, i);
            size_t k = 0;
            while (k < sizeof reach / sizeof reach[0] &&
                   (strcmp(reach[k].policy, name) != 0 || strcmp(reach[k].exclusion, x->id) != 0))
                k++;
            ck_assert_msg(k < sizeof reach / sizeof reach[0], "%s: no record reaches %s", name,
                          x->id);
            ukc_feedback_record rec = record(reach[k].text);
            rec.service_area = reach[k].area;
            rec.exclusion = reach[k].override;
            rec.staff = reach[k].flags & STAFF;
            rec.legal_proceedings = reach[k].flags & LEGAL;
            rec.insurance_claim = reach[k].flags & INSURANCE;
            rec.anonymous = reach[k].flags & ANONYMOUS;
            rec.channel = reach[k].flags & SOCIAL ? UKC_CHANNEL_SOCIAL_MEDIA : UKC_CHANNEL_EMAIL;
            rec.received = D("2024-06-03");
            /* LATE: aware 2023-06-02; twelve months on is 2024-06-02, so 2024-06-03 is late. */
            rec.aware = reach[k].flags & LATE ? D("2023-06-02") : D("2024-05-20");
            ukc_routing *r = route(p, &rec);
            ck_assert_msg(ukc_routing_exclusion(r) == x, "%s: %s reached %s", name, x->id,
                          ukc_routing_exclusion(r) ? ukc_routing_exclusion(r)->id : "nothing");
            const ukc_routing_answer *a = ukc_routing_route_answer(r);
            ck_assert_int_eq(a->state, UKC_ROUTING_DECIDED);
            ck_assert_msg(a->id == (int32_t)reach[k].want, "%s %s: %s", name, x->id, a->code);
            assert_citation(a->citation, x->citation);
            /* Where the customer goes instead is part of the answer. */
            if (*x->destination)
                ck_assert_ptr_nonnull(strstr(a->text, x->destination));
            if (x->route == UKC_ROUTE_SEPARATE_PROCEDURE) {
                ck_assert_ptr_nonnull(ukc_routing_procedure(r));
                ck_assert_str_eq(ukc_routing_procedure(r)->id, x->procedure);
            }
            if (x->route == UKC_ROUTE_RECLASSIFIED) {
                ck_assert_int_eq(ukc_routing_kind_answer(r)->id, UKC_C032_KIND_RECLASSIFIED);
                ck_assert_str_eq(ukc_routing_kind_definition(r)->id, x->feedback_kind);
            }
            ukc_routing_free(r);
            reached++;
        }
    }
    ck_assert_uint_eq(reached, sizeof reach / sizeof reach[0]);
}
END_TEST

/* A policy a council wrote itself (tests/data/policy-user-routing.json): its
 * IDs are its own ("court-cases", "tickets", "young-people"), and nothing in
 * the library names them. Its cues alone route each matter. */
START_TEST(user_policy_routes_by_its_cues)
{
    ukc_policy *p;
    ck_assert_ok(ukc_policy_load_file(srcpath("tests/data/policy-user-routing.json"), &p));
    static const struct {
        const char *text, *area;
        bool legal;
        const char *aware, *exclusion, *procedure;
        ukc_id want;
    } cases[] = {
        /* "legal-proceedings" in the record -> court-cases (record cue). */
        { COMPLAINT, NULL, true, NULL, "court-cases", NULL, UKC_C034_EXCLUDED_BY_RECORD_FIELD },
        /* An appeal about parking -> tickets: the cue naming the area wins over the
         * general appeal cue listed after it... */
        { APPEAL, "parking", false, NULL, "tickets", NULL, UKC_C035_EXCLUDED_BY_ROUTE_CUE },
        /* ...and an appeal about anything else -> any-other-appeal. */
        { APPEAL, "planning", false, NULL, "any-other-appeal", NULL,
          UKC_C035_EXCLUDED_BY_ROUTE_CUE },
        /* A request for service -> asks-for-work (kinds cue), reclassified. */
        { REQUEST, NULL, false, NULL, "asks-for-work", NULL, UKC_C037_EXCLUDED_BY_KIND },
        /* Aware 2023-06-02; 12 months on is 2024-06-02; received 2024-06-03: too-old. */
        { COMPLAINT, NULL, false, "2023-06-02", "too-old", "everything-else",
          UKC_C038_EXCLUDED_OUT_OF_TIME },
        /* Children's services -> the procedure whose service_areas name it. */
        { COMPLAINT, "childrens-services", false, "2024-05-20", NULL, "young-people",
          UKC_C041_NO_EXCLUSION },
        { COMPLAINT, NULL, false, "2024-05-20", NULL, "everything-else", UKC_C041_NO_EXCLUSION },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ukc_feedback_record rec = record(cases[i].text);
        rec.service_area = cases[i].area;
        rec.legal_proceedings = cases[i].legal;
        rec.received = D("2024-06-03");
        rec.aware = cases[i].aware ? D(cases[i].aware) : UKC_NO_DATE;
        ukc_routing *r = route(p, &rec);
        const ukc_exclusion *x = ukc_routing_exclusion(r);
        ck_assert_msg(cases[i].exclusion ? x && strcmp(x->id, cases[i].exclusion) == 0 : !x,
                      "case %zu: reached %s", i, x ? x->id : "nothing");
        ck_assert_msg(ukc_routing_route_answer(r)->id == (int32_t)cases[i].want, "case %zu: %s", i,
                      ukc_routing_route_answer(r)->code);
        if (cases[i].procedure)
            ck_assert_str_eq(ukc_routing_procedure(r)->id, cases[i].procedure);
        if (x)
            assert_citation(ukc_routing_route_answer(r)->citation, x->citation);
        ukc_routing_free(r);
    }
    ukc_policy_free(p);
}
END_TEST

/* A route the classifier suggests that the policy does not name: not decided. */
START_TEST(route_not_decided)
{
    ukc_feedback_record rec = record(HATE);
    ukc_routing *r = route(policy("kent"), &rec);
    ck_assert_str_eq(ukc_routing_suggested_route(r), "hate-crime");
    ck_assert_ptr_null(ukc_routing_exclusion(r));
    ck_assert_int_eq(ukc_routing_route_answer(r)->state, UKC_ROUTING_NOT_DECIDED);
    ck_assert_int_eq(ukc_routing_route_answer(r)->id, UKC_C040_ROUTE_NOT_DECIDED);
    ck_assert_ptr_nonnull(strstr(ukc_routing_route_answer(r)->text, "not decided by this policy"));
    ck_assert_ptr_null(ukc_routing_procedure(r));
    ukc_routing_free(r);
}
END_TEST

/* Kent's and Warwickshire's information exclusions cover complaints about how a
 * request was answered ("To complain about our response to a request for
 * information", "Complaints about data protection"), not new requests. */
START_TEST(new_information_request_not_decided)
{
    static const struct {
        const char *policy, *text, *route, *exclusion;
    } cases[] = {
        {"kent", FOI, "foi", "information-requests"},
        {"kent", SAR, "subject-access", "information-requests"},
        {"warwickshire", SAR, "subject-access", "data-protection"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const ukc_policy *p = policy(cases[i].policy);
        ukc_feedback_record rec = record(cases[i].text);
        ukc_routing *r = route(p, &rec);
        ck_assert_str_eq(ukc_routing_suggested_route(r), cases[i].route);
        ck_assert_ptr_null(ukc_routing_exclusion(r));
        const ukc_routing_answer *a = ukc_routing_route_answer(r);
        ck_assert_int_eq(a->state, UKC_ROUTING_NOT_DECIDED);
        ck_assert_int_eq(a->id, UKC_C040_ROUTE_NOT_DECIDED);
        ck_assert_msg(strstr(a->text, "not decided by this policy") &&
                          strstr(a->text, cases[i].exclusion),
                      "%s: %s", cases[i].policy, a->text);
        /* The answer cites the exclusion it does not apply. */
        for (size_t k = 0; k < ukc_policy_exclusion_count(p); k++)
            if (strcmp(ukc_policy_exclusion_at(p, k)->id, cases[i].exclusion) == 0)
                assert_citation(a->citation, ukc_policy_exclusion_at(p, k)->citation);
        ck_assert_ptr_null(ukc_routing_procedure(r));
        ukc_routing_free(r);
    }
}
END_TEST

/* ---- Procedures by service area, with their first deadlines --------------- */

static const ukc_routing_obligation *obligation(const ukc_routing *r, ukc_obligation_kind k)
{
    for (size_t i = 0; i < ukc_routing_obligation_count(r); i++)
        if (ukc_routing_obligation_at(r, i)->kind == (int32_t)k)
            return ukc_routing_obligation_at(r, i);
    ck_abort_msg("no obligation %s", ukc_obligation_kind_name(k));
    return NULL;
}

START_TEST(kent_adult_social_care)
{
    ukc_feedback_record rec = record(COMPLAINT);
    rec.service_area = "adult-social-care";
    rec.received = D("2024-03-01"); /* a Friday */
    ukc_routing *r = route(policy("kent"), &rec);
    ck_assert_str_eq(ukc_routing_procedure(r)->id, "adult-social-care");
    ck_assert_int_eq(ukc_routing_procedure_answer(r)->id, UKC_C043_PROCEDURE_FROM_SERVICE_AREA);
    /* Initial contact: 3 working days: Mon 4, Tue 5, Wed 6 March 2024. */
    const ukc_routing_obligation *o = obligation(r, UKC_OBLIGATION_ACKNOWLEDGE);
    ck_assert_str_eq(S(o->due), "2024-03-06");
    ck_assert_str_eq(o->answer->citation->section, "Adult Social Care: Stage 1");
    /* Respond: 20 working days. GOV.UK lists Good Friday 2024-03-29 and Easter Monday
     * 2024-04-01. Mar 4-8 (5), 11-15 (10), 18-22 (15), 25-28 (19), [29 Good Friday],
     * [Apr 1 Easter Monday], Apr 2 (20). */
    o = obligation(r, UKC_OBLIGATION_RESPOND);
    ck_assert_int_eq(o->answer->id, UKC_C054_OBLIGATION_DUE);
    ck_assert_str_eq(S(o->due), "2024-04-02");
    ck_assert_ptr_nonnull(o->explanation);
    ck_assert_int_eq(ukc_explanation_due(o->explanation), o->due);
    ukc_routing_free(r);
}
END_TEST

START_TEST(kent_corporate_by_kind)
{
    ukc_feedback_record rec = record("The bin collection was missed again and I am fed up. "
                                     "This is unacceptable.");
    rec.received = D("2024-03-01");
    ukc_routing *r = route(policy("kent"), &rec);
    ck_assert_int_eq(ukc_routing_kind(r), UKC_KIND_COMPLAINT);
    ck_assert_str_eq(ukc_routing_procedure(r)->id, "corporate");
    ck_assert_int_eq(ukc_routing_procedure_answer(r)->id, UKC_C045_PROCEDURE_OF_KIND);
    ck_assert_int_eq(ukc_routing_route_answer(r)->id, UKC_C041_NO_EXCLUSION);
    /* Acknowledge within 3 working days: 2024-03-06 (as above); respond within 20: 2024-04-02. */
    ck_assert_str_eq(S(obligation(r, UKC_OBLIGATION_ACKNOWLEDGE)->due), "2024-03-06");
    ck_assert_str_eq(S(obligation(r, UKC_OBLIGATION_RESPOND)->due), "2024-04-02");
    /* Kent sets no general time limit for bringing a complaint. */
    ck_assert_int_eq(ukc_routing_time_limit(r)->answer->state, UKC_ROUTING_NOT_SET);
    ukc_routing_free(r);
}
END_TEST

START_TEST(warwickshire_childrens)
{
    ukc_feedback_record rec = record(COMPLAINT);
    rec.service_area = "childrens-services";
    rec.received = D("2025-05-02"); /* a Friday */
    rec.aware = D("2025-04-01");
    ukc_routing *r = route(policy("warwickshire"), &rec);
    ck_assert_str_eq(ukc_routing_procedure(r)->id, "childrens-services");
    /* No acknowledgement timescale in Warwickshire's policy. */
    ck_assert_int_eq(obligation(r, UKC_OBLIGATION_ACKNOWLEDGE)->answer->state,
                     UKC_ROUTING_NOT_SET);
    /* Stage one: 10 to 20 working days. GOV.UK: Early May bank holiday 2025-05-05 and
     * Spring bank holiday 2025-05-26. [5 May], 6-9 (4), 12-16 (9), 19 (10) -> 2025-05-19;
     * 20-23 (14), [26 May], 27-30 (18), Jun 2 (19), Jun 3 (20) -> 2025-06-03. */
    const ukc_routing_obligation *o = obligation(r, UKC_OBLIGATION_RESPOND);
    ck_assert_str_eq(S(o->due), "2025-05-19");
    ck_assert_str_eq(S(o->due_maximum), "2025-06-03");
    ck_assert_int_eq(ukc_routing_time_limit(r)->answer->id, UKC_C049_TIME_LIMIT_MET);
    ukc_routing_free(r);
}
END_TEST

START_TEST(derby_send)
{
    ukc_feedback_record rec = record(COMPLAINT);
    rec.service_area = "send";
    rec.received = D("2024-12-20"); /* a Friday */
    rec.events = D("2024-11-01");
    ukc_routing *r = route(policy("derby"), &rec);
    ck_assert_str_eq(ukc_routing_procedure(r)->id, "send");
    /* Acknowledge within 2 working days: Mon 23, Tue 24 December 2024. */
    ck_assert_str_eq(S(obligation(r, UKC_OBLIGATION_ACKNOWLEDGE)->due), "2024-12-24");
    /* Respond within 20 working days. GOV.UK: 2024-12-25, 2024-12-26, 2025-01-01.
     * Dec 23, 24 (2), [25, 26], 27 (3), 30, 31 (5), [Jan 1], Jan 2, 3 (7), 6-10 (12),
     * 13-17 (17), 20, 21, 22 (20) -> 2025-01-22. */
    const ukc_routing_obligation *o = obligation(r, UKC_OBLIGATION_RESPOND);
    ck_assert_str_eq(S(o->due), "2025-01-22");
    ck_assert_int_eq(o->obligation->time->count, 20);
    ukc_routing_free(r);
}
END_TEST

START_TEST(derby_childrens_from_text)
{
    ukc_feedback_record rec =
        record("My child's social worker has not returned my calls for weeks. "
               "This is unacceptable.");
    ukc_routing *r = route(policy("derby"), &rec);
    ck_assert_str_eq(ukc_routing_procedure(r)->id, "childrens-social-care");
    ck_assert_int_eq(ukc_routing_procedure_answer(r)->id, UKC_C044_PROCEDURE_FROM_TEXT_AREA);
    /* No date received: the deadlines need it. */
    ck_assert_int_eq(obligation(r, UKC_OBLIGATION_RESPOND)->answer->state,
                     UKC_ROUTING_NEEDS_INPUT);
    ck_assert_int_eq(obligation(r, UKC_OBLIGATION_RESPOND)->due, UKC_NO_DATE);
    ukc_routing_free(r);
}
END_TEST

/* Proceedings named in the text reach the legal-proceedings exclusion without the
 * record's flag: Derby does not handle "Anything that is currently in legal
 * proceedings", and Warwickshire leaves "Complaints already part of legal or
 * Court proceedings" to them. */
START_TEST(legal_proceedings_from_text)
{
    static const char *const names[] = { "derby", "warwickshire" };
    for (size_t i = 0; i < 2; i++) {
        ukc_feedback_record rec = record(IN_COURT);
        ukc_routing *r = route(policy(names[i]), &rec);
        ck_assert_str_eq(ukc_routing_suggested_route(r), "legal-proceedings");
        ck_assert_msg(ukc_routing_exclusion(r) &&
                          strcmp(ukc_routing_exclusion(r)->id, "legal-proceedings") == 0,
                      "%s: reached %s", names[i],
                      ukc_routing_exclusion(r) ? ukc_routing_exclusion(r)->id : "nothing");
        ck_assert_int_eq(ukc_routing_route_answer(r)->id, UKC_C035_EXCLUDED_BY_ROUTE_CUE);
        ukc_routing_free(r);
    }
    /* Kent names no such exclusion: the route is suggested, and not decided. */
    ukc_feedback_record rec = record(IN_COURT);
    ukc_routing *r = route(policy("kent"), &rec);
    ck_assert_str_eq(ukc_routing_suggested_route(r), "legal-proceedings");
    ck_assert_ptr_null(ukc_routing_exclusion(r));
    ck_assert_int_eq(ukc_routing_route_answer(r)->state, UKC_ROUTING_NOT_DECIDED);
    ukc_routing_free(r);
}
END_TEST

START_TEST(derby_comment)
{
    ukc_feedback_record rec = record(NULL);
    rec.kind = "comment";
    rec.received = D("2024-03-28"); /* a Thursday */
    ukc_routing *r = route(policy("derby"), &rec);
    ck_assert_int_eq(ukc_routing_kind_answer(r)->id, UKC_C031_KIND_FROM_RECORD);
    ck_assert_int_eq(ukc_routing_procedure_answer(r)->state, UKC_ROUTING_NOT_APPLICABLE);
    /* Acknowledge within 2 working days: [29 Good Friday], [Apr 1 Easter Monday],
     * Apr 2 (1), Apr 3 (2) -> 2024-04-03. Respond within 10: Apr 2-5 (4), 8-12 (9),
     * 15 (10) -> 2024-04-15. */
    ck_assert_str_eq(S(obligation(r, UKC_OBLIGATION_ACKNOWLEDGE)->due), "2024-04-03");
    ck_assert_str_eq(S(obligation(r, UKC_OBLIGATION_RESPOND)->due), "2024-04-15");
    ukc_routing_free(r);
}
END_TEST

/* Derby explains within 10 working days why a complaint is not taken. */
START_TEST(derby_explains_refusal)
{
    ukc_feedback_record rec = record(COMPLAINT);
    rec.legal_proceedings = true;
    rec.received = D("2024-05-01"); /* a Wednesday */
    ukc_routing *r = route(policy("derby"), &rec);
    ck_assert_uint_eq(ukc_routing_obligation_count(r), 1);
    /* May 2, 3 (2), [6 Early May], 7-10 (6), 13-16 (10) -> 2024-05-16. */
    const ukc_routing_obligation *o = obligation(r, UKC_OBLIGATION_EXPLAIN_REFUSAL);
    ck_assert_str_eq(S(o->due), "2024-05-16");
    ck_assert_int_eq(ukc_routing_time_limit(r)->answer->state, UKC_ROUTING_NOT_APPLICABLE);
    ukc_routing_free(r);
}
END_TEST

/* ---- The unnamed council: what the source lacks is not set ---------------- */

START_TEST(unnamed_not_set)
{
    ukc_feedback_record rec = record(COMPLAINT);
    rec.received = D("2024-03-01");
    ukc_routing *r = route(policy("unnamed-unitary-004"), &rec);
    ck_assert_int_eq(ukc_routing_kind(r), UKC_KIND_COMPLAINT);
    ck_assert_int_eq(ukc_routing_kind_answer(r)->state, UKC_ROUTING_DECIDED);
    ck_assert_str_eq(ukc_routing_kind_definition(r)->id, "complaint");
    ck_assert_str_eq(ukc_routing_procedure(r)->id, "corporate");
    ck_assert_str_ne(ukc_routing_procedure(r)->not_in_source, "");
    ck_assert_uint_eq(ukc_routing_obligation_count(r), 2);
    for (size_t i = 0; i < 2; i++) {
        const ukc_routing_obligation *o = ukc_routing_obligation_at(r, i);
        ck_assert_int_eq(o->answer->state, UKC_ROUTING_NOT_SET);
        ck_assert_int_eq(o->answer->id, UKC_C055_OBLIGATION_NOT_SET);
        ck_assert_ptr_null(o->obligation);
        ck_assert_int_eq(o->due, UKC_NO_DATE);
        ck_assert_ptr_nonnull(strstr(o->answer->text, "not in the source"));
    }
    ck_assert_int_eq(ukc_routing_time_limit(r)->answer->state, UKC_ROUTING_NOT_SET);
    ukc_routing_free(r);

    /* A compliment there is acknowledged within 5 working days: Mar 4-8 -> 2024-03-08. */
    ukc_feedback_record c = record(THANKS);
    c.received = D("2024-03-01");
    r = route(policy("unnamed-unitary-004"), &c);
    ck_assert_int_eq(ukc_routing_kind(r), UKC_KIND_COMPLIMENT);
    ck_assert_str_eq(S(obligation(r, UKC_OBLIGATION_ACKNOWLEDGE)->due), "2024-03-08");
    ck_assert_int_eq(obligation(r, UKC_OBLIGATION_RESPOND)->answer->state, UKC_ROUTING_NOT_SET);
    ukc_routing_free(r);
}
END_TEST

/* Warwickshire does not define compliments: not decided by this policy. */
START_TEST(kind_not_decided)
{
    ukc_feedback_record rec = record(THANKS);
    rec.received = D("2024-03-01");
    ukc_routing *r = route(policy("warwickshire"), &rec);
    ck_assert_int_eq(ukc_routing_kind(r), UKC_KIND_COMPLIMENT);
    ck_assert_int_eq(ukc_routing_kind_answer(r)->state, UKC_ROUTING_NOT_DECIDED);
    ck_assert_int_eq(ukc_routing_kind_answer(r)->id, UKC_C033_KIND_NOT_DECIDED);
    ck_assert_ptr_null(ukc_routing_kind_definition(r));
    ck_assert_int_eq(obligation(r, UKC_OBLIGATION_RESPOND)->answer->state,
                     UKC_ROUTING_NOT_DECIDED);
    ukc_routing_free(r);
}
END_TEST

/* ---- Time limits at their boundary days ----------------------------------- */

static const ukc_routing_limit *limit_of(const char *pol, ukc_feedback_record *rec,
                                         ukc_routing **r)
{
    *r = route(policy(pol), rec);
    return ukc_routing_time_limit(*r);
}

START_TEST(warwickshire_limit_boundary)
{
    /* 12 months from becoming aware. Aware 2024-02-29: twelve calendar months on is
     * 2025-02-29, which does not exist, so the month's end 2025-02-28 is the last day in
     * time and 2025-03-01 the first day out. */
    ukc_routing *r;
    ukc_feedback_record rec = record(COMPLAINT);
    rec.aware = D("2024-02-29");
    rec.received = D("2025-02-28");
    const ukc_routing_limit *l = limit_of("warwickshire", &rec, &r);
    ck_assert_str_eq(l->limit->id, "bring-complaint");
    ck_assert_str_eq(S(l->last_day), "2025-02-28");
    ck_assert(l->in_time);
    ck_assert_int_eq(l->answer->id, UKC_C049_TIME_LIMIT_MET);
    ck_assert_ptr_null(ukc_routing_exclusion(r));
    ukc_routing_free(r);

    rec.received = D("2025-03-01");
    l = limit_of("warwickshire", &rec, &r);
    ck_assert(!l->in_time);
    ck_assert_int_eq(l->answer->id, UKC_C050_TIME_LIMIT_PASSED);
    ck_assert_str_eq(l->exception, "unless there are exceptional circumstances");
    ck_assert_ptr_nonnull(strstr(l->answer->text, "exceptional circumstances"));
    ck_assert_str_eq(ukc_routing_exclusion(r)->id, "late-complaints");
    ukc_routing_free(r);

    /* Without the date of becoming aware the check cannot be made. */
    rec.aware = UKC_NO_DATE;
    l = limit_of("warwickshire", &rec, &r);
    ck_assert_int_eq(l->answer->state, UKC_ROUTING_NEEDS_INPUT);
    ukc_routing_free(r);
}
END_TEST

START_TEST(derby_limit_boundary)
{
    /* 12 months from the events: 2023-06-15 + 12 months = 2024-06-15, a Saturday (calendar
     * months do not move to a working day). In time on 2024-06-15, out on 2024-06-16. */
    ukc_routing *r;
    ukc_feedback_record rec = record(COMPLAINT);
    rec.events = D("2023-06-15");
    rec.received = D("2024-06-15");
    const ukc_routing_limit *l = limit_of("derby", &rec, &r);
    ck_assert_str_eq(S(l->last_day), "2024-06-15");
    ck_assert(l->in_time);
    ukc_routing_free(r);
    rec.received = D("2024-06-16");
    l = limit_of("derby", &rec, &r);
    ck_assert(!l->in_time);
    ck_assert_int_eq(l->answer->state, UKC_ROUTING_DECIDED);
    ck_assert_str_ne(l->exception, "");
    ck_assert_str_ne(l->exception_citation->quote, "");
    /* Derby lists no late-complaint exclusion: the complaint stays in its procedure. */
    ck_assert_ptr_null(ukc_routing_exclusion(r));
    ukc_routing_free(r);
}
END_TEST

START_TEST(kent_governors_boundary)
{
    /* Governors: incidents within 6 months. 2024-08-31 + 6 months = 2025-02-31, clamped to
     * 2025-02-28: in time on 2025-02-28, out on 2025-03-01. */
    ukc_routing *r;
    ukc_feedback_record rec = record(COMPLAINT);
    rec.procedure = "governors";
    rec.events = D("2024-08-31");
    rec.received = D("2025-02-28");
    const ukc_routing_limit *l = limit_of("kent", &rec, &r);
    ck_assert_str_eq(l->limit->id, "governor-incidents");
    ck_assert_str_eq(S(l->last_day), "2025-02-28");
    ck_assert(l->in_time);
    ck_assert_int_eq(ukc_routing_procedure_answer(r)->id, UKC_C042_PROCEDURE_FROM_RECORD);
    ukc_routing_free(r);
    rec.received = D("2025-03-01");
    l = limit_of("kent", &rec, &r);
    ck_assert(!l->in_time);
    ukc_routing_free(r);
}
END_TEST

/* ---- Bad input ------------------------------------------------------------ */

START_TEST(bad_input)
{
    const ukc_policy *p = policy("kent");
    ukc_routing *r = (ukc_routing *)1;
    ukc_feedback_record rec = record(NULL);
    rec.text = "caf\xc3 bad";
    rec.text_len = 8;
    ck_assert_status(ukc_route_feedback(p, &rec, &r), UKC_ERR_INVALID_UTF8);
    ck_assert_ptr_null(r);
    ck_assert_int_eq(ukc_last_error()->offset, 3);

    rec = record(COMPLAINT);
    rec.service_area = "\xff";
    ck_assert_status(ukc_route_feedback(p, &rec, &r), UKC_ERR_INVALID_UTF8);
    rec = record(COMPLAINT);
    rec.procedure = "no-such-procedure";
    ck_assert_status(ukc_route_feedback(p, &rec, &r), UKC_ERR_NOT_FOUND);
    rec = record(COMPLAINT);
    rec.exclusion = "no-such-exclusion";
    ck_assert_status(ukc_route_feedback(p, &rec, &r), UKC_ERR_NOT_FOUND);
    rec = record(COMPLAINT);
    rec.kind = "grumble";
    ck_assert_status(ukc_route_feedback(p, &rec, &r), UKC_ERR_NOT_FOUND);
    rec = record(COMPLAINT);
    rec.version = 99;
    ck_assert_status(ukc_route_feedback(p, &rec, &r), UKC_ERR_VERSION);
    rec = record(COMPLAINT);
    rec.received = UKC_DATE_MAX + 1;
    ck_assert_status(ukc_route_feedback(p, &rec, &r), UKC_ERR_INVALID_ARGUMENT);
    rec = record(NULL);
    rec.text_len = 3;
    ck_assert_status(ukc_route_feedback(p, &rec, &r), UKC_ERR_INVALID_ARGUMENT);
    ck_assert_status(ukc_route_feedback(NULL, &rec, &r), UKC_ERR_INVALID_ARGUMENT);
    ck_assert_status(ukc_feedback_record_init(&rec, 2), UKC_ERR_VERSION);
    ck_assert_ok(ukc_feedback_record_init(&rec, UKC_FEEDBACK_RECORD_VERSION));
    ck_assert_int_eq(rec.received, UKC_NO_DATE);
    ck_assert_ptr_null(r);
}
END_TEST

START_TEST(names_and_json)
{
    ukc_channel ch;
    ck_assert_ok(ukc_channel_from_name("social-media", &ch));
    ck_assert_int_eq(ch, UKC_CHANNEL_SOCIAL_MEDIA);
    ck_assert_status(ukc_channel_from_name("pigeon", &ch), UKC_ERR_NOT_FOUND);
    ck_assert_str_eq(ukc_channel_name(UKC_CHANNEL_WEB_FORM), "web-form");
    ck_assert_str_eq(ukc_routing_state_name(UKC_ROUTING_NOT_DECIDED), "not-decided");

    ukc_feedback_record rec = record(COMPLAINT);
    rec.service_area = "adult-social-care";
    rec.received = D("2024-03-01");
    ukc_routing *r = route(policy("kent"), &rec);
    char *json;
    ck_assert_ok(ukc_routing_to_json(r, &json));
    json_error_t err;
    json_t *root = json_loads(json, 0, &err);
    ck_assert_ptr_nonnull(root);
    ck_assert_str_eq(json_string_value(json_object_get(root, "policy")), "kent");
    json_t *proc = json_object_get(root, "procedure");
    ck_assert_str_eq(json_string_value(json_object_get(proc, "procedure")), "adult-social-care");
    ck_assert_str_eq(json_string_value(json_object_get(proc, "id")), "UKC-C043");
    json_t *obl = json_object_get(root, "obligations");
    ck_assert_uint_eq(json_array_size(obl), 2);
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(obl, 1), "due")),
                     "2024-04-02");
    json_decref(root);
    ukc_free(json);
    ukc_routing_free(r);
}
END_TEST

/* ---- Threads sharing one policy ------------------------------------------- */

static ukc_date thread_received, thread_due;

static void *worker(void *arg)
{
    const ukc_policy *p = arg;
    for (int i = 0; i < 50; i++) {
        ukc_feedback_record rec = record(i % 2 ? COMPLAINT : FOI_REVIEW);
        rec.service_area = i % 3 ? "adult-social-care" : NULL;
        rec.received = thread_received;
        ukc_routing *r;
        if (ukc_route_feedback(p, &rec, &r) != UKC_OK)
            return "route failed";
        const char *want = i % 2 == 0 ? "information-requests"
                           : i % 3  ? "adult-social-care"
                                    : "corporate";
        bool ok = ukc_routing_procedure(r) && strcmp(ukc_routing_procedure(r)->id, want) == 0;
        if (ok && i % 2)
            ok = ukc_routing_obligation_at(r, 1)->due == thread_due;
        ukc_routing_free(r);
        if (!ok)
            return "wrong answer";
    }
    return NULL;
}

START_TEST(threads_share_policy)
{
    pthread_t t[8];
    const ukc_policy *p = policy("kent");
    thread_received = D("2024-03-01");
    thread_due = D("2024-04-02"); /* worked out in kent_adult_social_care */
    for (int i = 0; i < 8; i++)
        ck_assert_int_eq(pthread_create(&t[i], NULL, worker, (void *)p), 0);
    for (int i = 0; i < 8; i++) {
        void *res;
        pthread_join(t[i], &res);
        ck_assert_msg(res == NULL, "thread %d: %s", i, (const char *)res);
    }
}
END_TEST

/* ---- Allocation failures -------------------------------------------------- */

START_TEST(allocation_failures)
{
    const ukc_policy *p = policy("kent");
    ukc_feedback_record rec = record(COMPLAINT);
    rec.service_area = "adult-social-care";
    rec.received = D("2024-03-01");
    ukc_routing *warm = route(p, &rec); /* the lexicon and calendars are built once */
    ukc_routing_free(warm);
    for (size_t n = 1;; n++) {
        ukc_routing *r = (ukc_routing *)1;
        ukc__alloc_fail_after(n);
        ukc_status st = ukc_route_feedback(p, &rec, &r);
        ukc__alloc_fail_after(0);
        if (st == UKC_OK) {
            ukc_routing_free(r);
            break;
        }
        ck_assert_msg(st == UKC_ERR_NO_MEMORY || st == UKC_ERR_INTERNAL, "n=%zu: %s", n,
                      ukc_status_name(st));
        ck_assert_ptr_null(r);
        ck_assert_int_eq(ukc_last_error()->status, st);
    }
}
END_TEST

/* Every getter of a routing resets the thread's last error, as every public
 * call does: a failure is made before each one, and the getter clears it. */
START_TEST(getters_reset_the_error)
{
    const ukc_policy *p = policy("kent");
    ukc_feedback_record rec = record("I want to complain: my bins were not collected.");
    ukc_routing *r = route(p, &rec);
    for (int i = 0; i < 14; i++) {
        ukc_date d;
        ck_assert_status(ukc_date_parse("2023-02-29", &d), UKC_ERR_PARSE);
        switch (i) {
        case 0: (void)ukc_routing_policy(r); break;
        case 1: (void)ukc_routing_classification(r); break;
        case 2: (void)ukc_routing_kind(r); break;
        case 3: (void)ukc_routing_kind_answer(r); break;
        case 4: (void)ukc_routing_kind_definition(r); break;
        case 5: (void)ukc_routing_route_answer(r); break;
        case 6: (void)ukc_routing_exclusion(r); break;
        case 7: (void)ukc_routing_suggested_route(r); break;
        case 8: (void)ukc_routing_procedure_answer(r); break;
        case 9: (void)ukc_routing_procedure(r); break;
        case 10: (void)ukc_routing_time_limit(r); break;
        case 11: (void)ukc_routing_obligation_count(r); break;
        case 12: (void)ukc_routing_obligation_at(r, 0); break;
        default: (void)ukc_routing_state_name(UKC_ROUTING_DECIDED); break;
        }
        ck_assert_msg(ukc_last_error()->status == UKC_OK, "getter %d left the error set", i);
        ck_assert_str_eq(ukc_last_error()->message, "");
    }
    ukc_routing_free(r);
}
END_TEST

static Suite *route_suite(void)
{
    Suite *s = suite_create("route");
    TCase *tc = tcase_create("route");
    tcase_add_test(tc, every_exclusion_reached);
    tcase_add_test(tc, user_policy_routes_by_its_cues);
    tcase_add_test(tc, route_not_decided);
    tcase_add_test(tc, new_information_request_not_decided);
    tcase_add_test(tc, kent_adult_social_care);
    tcase_add_test(tc, kent_corporate_by_kind);
    tcase_add_test(tc, warwickshire_childrens);
    tcase_add_test(tc, derby_send);
    tcase_add_test(tc, derby_childrens_from_text);
    tcase_add_test(tc, derby_comment);
    tcase_add_test(tc, legal_proceedings_from_text);
    tcase_add_test(tc, derby_explains_refusal);
    tcase_add_test(tc, unnamed_not_set);
    tcase_add_test(tc, kind_not_decided);
    tcase_add_test(tc, warwickshire_limit_boundary);
    tcase_add_test(tc, derby_limit_boundary);
    tcase_add_test(tc, kent_governors_boundary);
    tcase_add_test(tc, bad_input);
    tcase_add_test(tc, names_and_json);
    tcase_add_test(tc, threads_share_policy);
    tcase_add_test(tc, allocation_failures);
    tcase_add_test(tc, getters_reset_the_error);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(route_suite());
}
