/* The policy module: built-in policies, citations found in the seed
 * documents, hand-checked due dates, golden bad files, threads. */
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* ---- Citations: every quote is in its document ---------------------------- */

/* Fold for comparison: drop markup (`*`, `<u>`, `</u>`) and collapse white
 * space to one space; dashes and quotes stay as they are (tests/test-fidelity.c
 * holds the exact test). */
static char *fold(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(n + 1), *o = out;
    bool space = true;
    while (*s) {
        char c = 0;
        size_t skip = 1;
        if (strncmp(s, "<u>", 3) == 0)
            c = 1, skip = 3;
        else if (strncmp(s, "</u>", 4) == 0)
            c = 1, skip = 4;
        else if (*s == '*')
            c = 1;
        else if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            c = ' ';
        else
            c = *s;
        s += skip;
        if (c == 1)
            continue;
        if (c == ' ') {
            if (!space)
                *o++ = ' ';
            space = true;
        } else {
            *o++ = c;
            space = false;
        }
    }
    while (o > out && o[-1] == ' ')
        o--;
    *o = '\0';
    return out;
}

/* The model procedures' documents: the source file that holds their excerpts
 * and the quality sources/README.md gives them (primary: the issuing body's
 * own text, the ICO's and the Commissioners' included; secondary: someone
 * else's restatement; adopter: a public body's copy of a model procedure). */
static const struct {
    const char *title, *file;
    ukc_source_quality quality;
} sources[] = {
    { "Complaint Handling Code", "01-lgsco-complaint-handling-code.txt", UKC_SOURCE_PRIMARY },
    { "Guide for complaint managers: Designing and delivering effective complaint systems",
      "01-lgsco-complaint-handling-code.txt", UKC_SOURCE_PRIMARY },
    { "Upcoming changes to our Corporate Complaints Process – effective 1 April 2026",
      "01-lgsco-complaint-handling-code.txt", UKC_SOURCE_SECONDARY },
    { "The LGSCO release the Complaint Handling Code", "01-lgsco-complaint-handling-code.txt",
      UKC_SOURCE_SECONDARY },
    { "Freedom of Information Act 2000", "07-information-rights-foia-foisa-eir-ukgdpr.txt",
      UKC_SOURCE_PRIMARY },
    { "Freedom of Information Act 2000 Explanatory Notes",
      "07-information-rights-foia-foisa-eir-ukgdpr.txt", UKC_SOURCE_PRIMARY },
    { "Line to take LTT47", "07-information-rights-foia-foisa-eir-ukgdpr.txt",
      UKC_SOURCE_PRIMARY },
    { "Freedom of Information (Scotland) Act 2002",
      "07-information-rights-foia-foisa-eir-ukgdpr.txt", UKC_SOURCE_PRIMARY },
    { "Freedom of Information (Scotland) Act 2002 Explanatory Notes",
      "07-information-rights-foia-foisa-eir-ukgdpr.txt", UKC_SOURCE_PRIMARY },
    { "How long will I have to wait?", "07-information-rights-foia-foisa-eir-ukgdpr.txt",
      UKC_SOURCE_PRIMARY },
    { "Time limits for compliance under the Environmental Information Regulations 2004 (EIR)",
      "07-information-rights-foia-foisa-eir-ukgdpr.txt", UKC_SOURCE_PRIMARY },
    { "Policy on Access to Information", "07-information-rights-foia-foisa-eir-ukgdpr.txt",
      UKC_SOURCE_SECONDARY },
    { "Right of access: How long do we have to comply?",
      "07-information-rights-foia-foisa-eir-ukgdpr.txt", UKC_SOURCE_PRIMARY },
    { "SAR checklist for SMEs", "07-information-rights-foia-foisa-eir-ukgdpr.txt",
      UKC_SOURCE_PRIMARY },
    { "UK GDPR Article 12", "07-information-rights-foia-foisa-eir-ukgdpr.txt",
      UKC_SOURCE_PRIMARY },
    { "The Complaint Handling Code", "02-housing-ombudsman-complaint-handling-code-2024.txt",
      UKC_SOURCE_PRIMARY },
    { "Help if you are waiting for a final response",
      "02-housing-ombudsman-complaint-handling-code-2024.txt", UKC_SOURCE_PRIMARY },
    { "Complaint Handling Code 2024 FAQs", "02-housing-ombudsman-complaint-handling-code-2024.txt",
      UKC_SOURCE_PRIMARY },
    { "Housing complaint handling code self-assessment 2024",
      "02-housing-ombudsman-complaint-handling-code-2024.txt", UKC_SOURCE_SECONDARY },
    { "Complaint stages", "02-housing-ombudsman-complaint-handling-code-2024.txt",
      UKC_SOURCE_SECONDARY },
    { "Section 6b: Complaints Stages - Stage 2",
      "02-housing-ombudsman-complaint-handling-code-2024.txt", UKC_SOURCE_SECONDARY },
    { "Changes to the complaint handling code",
      "02-housing-ombudsman-complaint-handling-code-2024.txt", UKC_SOURCE_SECONDARY },
    { "The Children Act 1989 Representations Procedure (England) Regulations 2006",
      "03-children-act-1989-representations-procedure-england-regs-2006.txt", UKC_SOURCE_PRIMARY },
    { "Children Act 1989 Representations - recommendations Duty",
      "03-children-act-1989-representations-procedure-england-regs-2006.txt",
      UKC_SOURCE_SECONDARY },
    { "Family Rights Group advice on complaints about children's services",
      "03-children-act-1989-representations-procedure-england-regs-2006.txt",
      UKC_SOURCE_SECONDARY },
    { "The Local Authority Social Services and National Health Service Complaints (England) "
      "Regulations 2009",
      "04-lass-nhs-complaints-england-regs-2009.txt", UKC_SOURCE_PRIMARY },
    { "Complaints and representations procedure, adult social work",
      "04-lass-nhs-complaints-england-regs-2009.txt", UKC_SOURCE_SECONDARY },
    { "What to expect", "04-lass-nhs-complaints-england-regs-2009.txt", UKC_SOURCE_SECONDARY },
    { "Public Sector Complaints Handling Procedures (CHPs)",
      "05-spso-model-complaints-handling-procedure.txt", UKC_SOURCE_PRIMARY },
    { "Complaints Handling Procedure: Customer Facing Complaints Handling Procedure",
      "05-spso-model-complaints-handling-procedure.txt", UKC_SOURCE_ADOPTER },
    { "Is there a time limit for sending a complaint to you?",
      "05-spso-model-complaints-handling-procedure.txt", UKC_SOURCE_PRIMARY },
    { "New standards for dealing with complaints in local government",
      "06-nipso-model-complaints-handling-procedure.txt", UKC_SOURCE_PRIMARY },
    { "Frequently asked questions", "06-nipso-model-complaints-handling-procedure.txt",
      UKC_SOURCE_PRIMARY },
    { "What Happens When I Complain?", "06-nipso-model-complaints-handling-procedure.txt",
      UKC_SOURCE_ADOPTER },
    { "A quick guide to our Complaints Procedure",
      "06-nipso-model-complaints-handling-procedure.txt", UKC_SOURCE_ADOPTER },
    { "The Social Services Complaints Procedure (Wales) Regulations 2014",
      "08-wales-psow-model-policy-and-social-services-complaints-regs-2014.txt",
      UKC_SOURCE_PRIMARY },
    { "Timescales to resolve your complaint",
      "08-wales-psow-model-policy-and-social-services-complaints-regs-2014.txt",
      UKC_SOURCE_SECONDARY },
    { "Public Services Ombudsman (Wales) Act 2019",
      "08-wales-psow-model-policy-and-social-services-complaints-regs-2014.txt",
      UKC_SOURCE_PRIMARY },
    { "Stage 2 Complaint: Formal Investigation",
      "08-wales-psow-model-policy-and-social-services-complaints-regs-2014.txt",
      UKC_SOURCE_ADOPTER },
    { "Dealing with your complaint (Stage 2)",
      "08-wales-psow-model-policy-and-social-services-complaints-regs-2014.txt",
      UKC_SOURCE_ADOPTER },
    { "PSOW news: complaints handled by public bodies",
      "08-wales-psow-model-policy-and-social-services-complaints-regs-2014.txt",
      UKC_SOURCE_PRIMARY },
};
#define NSOURCES (sizeof sources / sizeof sources[0])

/* Fold white space only: the sources' quotes keep their dashes and curly quotes. */
static char *fold_space(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    bool space = true;
    for (; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
            if (!space)
                *o++ = ' ';
            space = true;
        } else {
            *o++ = *s;
            space = false;
        }
    }
    while (o > out && o[-1] == ' ')
        o--;
    *o = '\0';
    return out;
}

static char *source_texts[NSOURCES];

/* The folded text of a model document's source file, or NULL. */
static const char *source_for(const char *title, ukc_source_quality *quality)
{
    for (size_t i = 0; i < NSOURCES; i++)
        if (strcmp(sources[i].title, title) == 0) {
            if (!source_texts[i]) {
                char path[256];
                snprintf(path, sizeof path, "tests/data/sources/%s", sources[i].file);
                char *raw = slurp(srcpath(path), NULL);
                source_texts[i] = fold_space(raw);
                free(raw);
            }
            *quality = sources[i].quality;
            return source_texts[i];
        }
    return NULL;
}

static int ncitations, nsourced;

static void check_cite(const char *policy, const char *what, const ukc_citation *c, bool optional)
{
    if (optional && !*c->document)
        return;
    ukc_source_quality quality;
    const char *model = source_for(c->document, &quality);
    if (model) {
        char *q = fold_space(c->quote);
        ck_assert_msg(*c->section, "%s %s: empty section", policy, what);
        ck_assert_msg(*q && strstr(model, q) != NULL, "%s %s: quote not verbatim in '%s': %s",
                      policy, what, c->document, c->quote);
        ck_assert_msg(c->source == quality, "%s %s: '%s' is %s text, the citation says %s",
                      policy, what, c->document, ukc_source_quality_name(quality),
                      ukc_source_quality_name(c->source));
        free(q);
        ncitations++;
        nsourced++;
        return;
    }
    const char *text = seed_text(c->document, fold);
    ck_assert_msg(text != NULL, "%s %s: unknown document '%s'", policy, what, c->document);
    ck_assert_msg(c->source == UKC_SOURCE_PRIMARY, "%s %s: a council's own text is primary",
                  policy, what);
    ck_assert_msg(*c->section, "%s %s: empty section", policy, what);
    char *q = fold(c->quote);
    ck_assert_msg(*q && strstr(text, q) != NULL, "%s %s: quote not in '%s': %s", policy, what,
                  c->document, c->quote);
    free(q);
    ncitations++;
}

static void check_obls(const char *pol, const char *what, const ukc_obligation *o, size_t n)
{
    for (size_t i = 0; i < n; i++)
        check_cite(pol, what, &o[i].citation, false);
}

START_TEST(test_citations_in_seeds)
{
    ncitations = nsourced = 0;
    for (size_t b = 0; b < ukc_policy_builtin_count(); b++) {
        const char *name = ukc_policy_builtin_name(b);
        const ukc_policy *p;
        ck_assert_ok(ukc_policy_builtin(name, &p));
        check_cite(name, "working_days", &ukc_policy_working_days(p)->citation, true);
        for (size_t i = 0; i < ukc_policy_feedback_kind_count(p); i++) {
            const ukc_feedback_definition *k = ukc_policy_feedback_kind_at(p, i);
            check_cite(name, k->id, &k->citation, false);
            check_obls(name, k->id, k->obligations, k->obligation_count);
        }
        for (size_t i = 0; i < ukc_policy_procedure_count(p); i++) {
            const ukc_procedure *pr = ukc_policy_procedure_at(p, i);
            check_cite(name, pr->id, &pr->citation, false);
            for (size_t s = 0; s < pr->stage_count; s++) {
                check_cite(name, pr->stages[s].id, &pr->stages[s].citation, false);
                check_obls(name, pr->stages[s].id, pr->stages[s].obligations,
                           pr->stages[s].obligation_count);
            }
        }
        for (size_t i = 0; i < ukc_policy_exclusion_count(p); i++)
            check_cite(name, ukc_policy_exclusion_at(p, i)->id,
                       &ukc_policy_exclusion_at(p, i)->citation, false);
        for (size_t i = 0; i < ukc_policy_time_limit_count(p); i++) {
            const ukc_time_limit *l = ukc_policy_time_limit_at(p, i);
            check_cite(name, l->id, &l->citation, false);
            check_cite(name, l->id, &l->exception_citation, true);
        }
        for (size_t i = 0; i < ukc_policy_case_action_count(p); i++) {
            const ukc_case_action *a = ukc_policy_case_action_at(p, i);
            check_cite(name, a->id, &a->citation, false);
            for (size_t g = 0; g < a->ground_count; g++)
                check_cite(name, a->grounds[g].id, &a->grounds[g].citation, false);
            check_obls(name, a->id, a->obligations, a->obligation_count);
        }
        for (size_t i = 0; i < ukc_policy_deemed_receipt_count(p); i++)
            check_cite(name, "deemed", &ukc_policy_deemed_receipt_at(p, i)->citation, false);
        for (size_t i = 0; i < ukc_policy_external_body_count(p); i++)
            check_cite(name, ukc_policy_external_body_at(p, i)->id,
                       &ukc_policy_external_body_at(p, i)->citation, false);
    }
    ck_assert_int_gt(ncitations, 190);
    ck_assert_int_gt(nsourced, 100);
}
END_TEST

/* ---- Due dates, worked by hand from GOV.UK's England and Wales lists -------
 * 2024: 1 Jan, 29 Mar (Good Friday), 1 Apr (Easter Monday), 6 May, 27 May,
 *       26 Aug, 25 Dec, 26 Dec.  2025: 1 Jan, 18 Apr, 21 Apr, 5 May, 26 May,
 *       25 Aug, 25 Dec, 26 Dec.  The start is day 0. */

typedef struct due_case {
    const char *policy, *procedure, *stage, *kind, *obligation;
    ukc_bound bound;
    const char *start, *due;
} due_case;

static const due_case due_cases[] = {
    /* Kent stage 2, 20 wd from Mon 16 Dec 2024: 17-20 Dec (4), 23-24 (6), skip 25-26,
     * 27 (7), 30-31 (9), skip 1 Jan, 2-3 (11), 6-10 (16), 13-16 (20) = Thu 16 Jan. */
    { "kent", "corporate", "stage-2", NULL, "respond", UKC_BOUND_TARGET, "2024-12-16", "2025-01-16" },
    /* ...maximum 65: 17 Jan (21), then 5 a week: 24 Jan 26, 31 Jan 31, 7 Feb 36, 14 Feb 41,
     * 21 Feb 46, 28 Feb 51, 7 Mar 56, 14 Mar 61, 17-20 Mar (65) = Thu 20 Mar 2025. */
    { "kent", "corporate", "stage-2", NULL, "respond", UKC_BOUND_MAXIMUM, "2024-12-16", "2025-03-20" },
    /* Kent stage 1 acknowledge 3 wd from Thu 28 Mar 2024: skip Good Friday, weekend,
     * Easter Monday; 2, 3, 4 Apr = Thu 4 Apr. */
    { "kent", "corporate", "stage-1", NULL, "acknowledge", UKC_BOUND_TARGET, "2024-03-28", "2024-04-04" },
    /* Kent stage 1 respond 20 wd from Mon 8 Jan 2024: four clear weeks = Mon 5 Feb. */
    { "kent", "corporate", "stage-1", NULL, "respond", UKC_BOUND_TARGET, "2024-01-08", "2024-02-05" },
    { "kent", "corporate", "stage-1", NULL, "holding-reply", UKC_BOUND_TARGET, "2024-01-08", "2024-02-05" },
    /* Four-weekly progress update: 28 calendar days after 28 Mar 2024 = 25 Apr. */
    { "kent", "corporate", "stage-1", NULL, "progress-update", UKC_BOUND_TARGET, "2024-03-28", "2024-04-25" },
    /* Kent complaint standard: 3 wd from Fri 20 Dec 2024: 23, 24, 27 Dec = Fri 27 Dec. */
    { "kent", NULL, NULL, "complaint", "acknowledge", UKC_BOUND_TARGET, "2024-12-20", "2024-12-27" },
    { "kent", NULL, NULL, "complaint", "respond", UKC_BOUND_TARGET, "2024-01-08", "2024-02-05" },
    { "kent", NULL, NULL, "complaint", "holding-reply", UKC_BOUND_TARGET, "2024-01-08", "2024-02-05" },
    /* Kent ASC stage 1: 3 wd from Thu 28 Mar 2024 = 4 Apr; 20 wd from 8 Jan = 5 Feb. */
    { "kent", "adult-social-care", "stage-1", NULL, "acknowledge", UKC_BOUND_TARGET, "2024-03-28", "2024-04-04" },
    { "kent", "adult-social-care", "stage-1", NULL, "respond", UKC_BOUND_TARGET, "2024-01-08", "2024-02-05" },
    /* Kent children's stage 1, 10-20 wd from Mon 20 May 2024 (27 May a holiday):
     * 21-24 (4), 28-31 (8), 3-4 Jun (10) = Tue 4 Jun; 5-7 (13), 10-14 (18), 17-18 (20) = 18 Jun. */
    { "kent", "childrens-social-services", "stage-1", NULL, "respond", UKC_BOUND_TARGET, "2024-05-20", "2024-06-04" },
    { "kent", "childrens-social-services", "stage-1", NULL, "respond", UKC_BOUND_MAXIMUM, "2024-05-20", "2024-06-18" },
    /* Kent children's stage 2: 25 wd from Mon 8 Jan 2024 = five weeks = Mon 12 Feb;
     * 65 wd = 13 weeks (8 Apr) plus Good Friday and Easter Monday = Wed 10 Apr. */
    { "kent", "childrens-social-services", "stage-2", NULL, "respond", UKC_BOUND_TARGET, "2024-01-08", "2024-02-12" },
    { "kent", "childrens-social-services", "stage-2", NULL, "respond", UKC_BOUND_MAXIMUM, "2024-01-08", "2024-04-10" },
    /* Review Panel 30 wd from Mon 19 Aug 2024 (26 Aug a holiday): 20-23 (4), 27-30 (8),
     * Sep weeks 13, 18, 23, 28, then 30 Sep, 1 Oct (30) = Tue 1 Oct. */
    { "kent", "childrens-social-services", "stage-3", NULL, "panel", UKC_BOUND_TARGET, "2024-08-19", "2024-10-01" },
    /* Transport appeal decision, 5 wd from a hearing on Thu 19 Dec 2024: 20, 23, 24, 27, 30. */
    { "kent", "transport-appeals", "appeal-hearing", NULL, "decision", UKC_BOUND_TARGET, "2024-12-19", "2024-12-30" },
    /* Warwickshire general stage 1, 10-30 wd from Mon 8 Jan 2024: 22 Jan and 19 Feb. */
    { "warwickshire", "general", "stage-1", NULL, "respond", UKC_BOUND_TARGET, "2024-01-08", "2024-01-22" },
    { "warwickshire", "general", "stage-1", NULL, "respond", UKC_BOUND_MAXIMUM, "2024-01-08", "2024-02-19" },
    /* Refusal of stage two explained within 10 wd of Fri 3 May 2024 (6 May a holiday):
     * 7-10 (4), 13-17 (9), 20 (10) = Mon 20 May. */
    { "warwickshire", "general", "stage-2", NULL, "explain-refusal", UKC_BOUND_TARGET, "2024-05-03", "2024-05-20" },
    /* Stage two 30 wd from Mon 8 Jan 2024 = six weeks = Mon 19 Feb. */
    { "warwickshire", "general", "stage-2", NULL, "respond", UKC_BOUND_TARGET, "2024-01-08", "2024-02-19" },
    { "warwickshire", "adult-social-care", "stage-1", NULL, "respond", UKC_BOUND_TARGET, "2024-01-08", "2024-01-22" },
    { "warwickshire", "adult-social-care", "stage-1", NULL, "respond", UKC_BOUND_MAXIMUM, "2024-01-08", "2024-02-19" },
    /* Children's: 10-20 wd from 8 Jan = 22 Jan, 5 Feb; 25-65 from 8 Jan = 12 Feb, 10 Apr. */
    { "warwickshire", "childrens-services", "stage-1", NULL, "respond", UKC_BOUND_TARGET, "2024-01-08", "2024-01-22" },
    { "warwickshire", "childrens-services", "stage-1", NULL, "respond", UKC_BOUND_MAXIMUM, "2024-01-08", "2024-02-05" },
    { "warwickshire", "childrens-services", "stage-2", NULL, "respond", UKC_BOUND_TARGET, "2024-01-08", "2024-02-12" },
    { "warwickshire", "childrens-services", "stage-2", NULL, "respond", UKC_BOUND_MAXIMUM, "2024-01-08", "2024-04-10" },
    /* 30+5+15: panel 30 wd from 8 Jan = Mon 19 Feb; report 5 wd after a panel on
     * 19 Feb = Mon 26 Feb; response 15 wd after the report on 26 Feb = Mon 18 Mar. */
    { "warwickshire", "childrens-services", "stage-3", NULL, "panel", UKC_BOUND_TARGET, "2024-01-08", "2024-02-19" },
    { "warwickshire", "childrens-services", "stage-3", NULL, "report", UKC_BOUND_TARGET, "2024-02-19", "2024-02-26" },
    { "warwickshire", "childrens-services", "stage-3", NULL, "respond", UKC_BOUND_TARGET, "2024-02-26", "2024-03-18" },
    /* Derby: all feedback acknowledged in 2 wd; from Tue 24 Dec 2024: 27, 30 Dec. */
    { "derby", NULL, NULL, "complaint", "acknowledge", UKC_BOUND_TARGET, "2024-12-24", "2024-12-30" },
    { "derby", NULL, NULL, "compliment", "acknowledge", UKC_BOUND_TARGET, "2024-12-24", "2024-12-30" },
    { "derby", NULL, NULL, "comment", "acknowledge", UKC_BOUND_TARGET, "2024-12-24", "2024-12-30" },
    /* Comment answered within 10 wd of Fri 24 May 2024 (27 May a holiday):
     * 28-31 (4), 3-7 Jun (9), 10 Jun (10). */
    { "derby", NULL, NULL, "comment", "respond", UKC_BOUND_TARGET, "2024-05-24", "2024-06-10" },
    { "derby", NULL, NULL, "complaint", "explain-refusal", UKC_BOUND_TARGET, "2024-05-24", "2024-06-10" },
    /* Stage one 10 wd from Mon 16 Dec 2024: 17-20 (4), 23-24 (6), 27 (7), 30-31 (9), 2 Jan (10). */
    { "derby", "corporate", "stage-1", NULL, "respond", UKC_BOUND_TARGET, "2024-12-16", "2025-01-02" },
    { "derby", "corporate", "stage-1", NULL, "acknowledge", UKC_BOUND_TARGET, "2024-12-24", "2024-12-30" },
    /* 20 wd for social care and SEND, from 16 Dec 2024 = 16 Jan 2025 (as Kent above). */
    { "derby", "adult-social-care", "stage-1", NULL, "respond", UKC_BOUND_TARGET, "2024-12-16", "2025-01-16" },
    { "derby", "childrens-social-care", "stage-1", NULL, "respond", UKC_BOUND_TARGET, "2024-12-16", "2025-01-16" },
    { "derby", "send", "stage-1", NULL, "respond", UKC_BOUND_TARGET, "2024-12-16", "2025-01-16" },
    /* Stage two 20 wd from Mon 8 Jan 2024 = 5 Feb. */
    { "derby", "corporate", "stage-2", NULL, "respond", UKC_BOUND_TARGET, "2024-01-08", "2024-02-05" },
    { "derby", "childrens-social-care", "stage-2", NULL, "respond", UKC_BOUND_TARGET, "2024-01-08", "2024-02-05" },
    { "derby", "send", "stage-2", NULL, "respond", UKC_BOUND_TARGET, "2024-01-08", "2024-02-05" },
    { "derby", "childrens-social-care", "review-panel", NULL, "panel", UKC_BOUND_TARGET, "2024-08-19", "2024-10-01" },
    /* Unnamed council: 5 wd from Thu 28 Mar 2024: 2, 3, 4, 5, 8 Apr. */
    { "unnamed-unitary-004", NULL, NULL, "compliment", "acknowledge", UKC_BOUND_TARGET, "2024-03-28", "2024-04-08" },
    { "unnamed-unitary-004", NULL, NULL, "comment", "respond", UKC_BOUND_TARGET, "2024-03-28", "2024-04-08" },
    { "unnamed-unitary-004", NULL, NULL, "comment", "holding-reply", UKC_BOUND_TARGET, "2024-03-28", "2024-04-08" },
};

START_TEST(test_due_dates)
{
    const due_case *c = &due_cases[_i];
    const ukc_policy *p;
    const ukc_obligation *o;
    ukc_explanation *e;
    ukc_date due;
    ck_assert_ok(ukc_policy_builtin(c->policy, &p));
    if (c->procedure)
        ck_assert_ok(ukc_policy_stage_obligation(p, c->procedure, c->stage, c->obligation, &o));
    else
        ck_assert_ok(ukc_policy_feedback_obligation(p, c->kind, c->obligation, &o));
    ck_assert_ok(ukc_policy_due(p, &o->time, c->bound, D(c->start), &due));
    ck_assert_str_eq(S(due), c->due);
    ck_assert_ok(ukc_policy_explain_obligation(p, o, c->bound, D(c->start), &e));
    ck_assert_str_eq(S(ukc_explanation_due(e)), c->due);
    const ukc_step *first = ukc_explanation_step(e, 0);
    ck_assert_int_eq(first->id, UKC_E009_RULE_CITED);
    ck_assert_ptr_nonnull(strstr(first->source, o->citation.quote));
    ukc_explanation_free(e);
}
END_TEST

/* Every obligation of every built-in policy computes (both bounds where set). */
START_TEST(test_every_obligation_computes)
{
    for (size_t b = 0; b < ukc_policy_builtin_count(); b++) {
        const ukc_policy *p;
        ck_assert_ok(ukc_policy_builtin(ukc_policy_builtin_name(b), &p));
        for (size_t i = 0; i < ukc_policy_procedure_count(p); i++) {
            const ukc_procedure *pr = ukc_policy_procedure_at(p, i);
            for (size_t s = 0; s < pr->stage_count; s++)
                for (size_t k = 0; k < pr->stages[s].obligation_count; k++) {
                    const ukc_obligation *o = &pr->stages[s].obligations[k];
                    ukc_explanation *e;
                    ck_assert_ok(ukc_policy_explain_obligation(p, o, UKC_BOUND_TARGET,
                                                               D("2024-06-03"), &e));
                    ukc_explanation_free(e);
                    if (o->time.maximum) {
                        ck_assert_ok(ukc_policy_explain_obligation(p, o, UKC_BOUND_MAXIMUM,
                                                                   D("2024-06-03"), &e));
                        ukc_explanation_free(e);
                    } else {
                        ck_assert_status(ukc_policy_explain_obligation(
                                             p, o, UKC_BOUND_MAXIMUM, D("2024-06-03"), &e),
                                         UKC_ERR_NOT_SET);
                        ck_assert_ptr_null(e);
                    }
                }
        }
    }
}
END_TEST

static const ukc_time_limit *limit(const char *policy, const char *id)
{
    const ukc_policy *p;
    const ukc_time_limit *l;
    ck_assert_ok(ukc_policy_builtin(policy, &p));
    ck_assert_ok(ukc_policy_time_limit(p, id, &l));
    return l;
}

static const char *limit_due(const char *policy, const char *id, const char *start)
{
    const ukc_policy *p;
    ukc_explanation *e;
    ck_assert_ok(ukc_policy_builtin(policy, &p));
    ck_assert_ok(ukc_policy_explain_time_limit(p, limit(policy, id), D(start), &e));
    const char *due = S(ukc_explanation_due(e));
    ukc_explanation_free(e);
    return due;
}

START_TEST(test_time_limits)
{
    /* Twelve months from 29 Feb 2024 ends on 28 Feb 2025 (no 29th). */
    ck_assert_str_eq(limit_due("warwickshire", "bring-complaint", "2024-02-29"), "2025-02-28");
    ck_assert_str_eq(limit_due("derby", "bring-complaint", "2024-01-31"), "2025-01-31");
    /* "20 days" kept as calendar days: 24 Dec 2024 + 20 = 13 Jan 2025. */
    ck_assert_str_eq(limit_due("warwickshire", "escalate-stage-2", "2024-12-24"), "2025-01-13");
    ck_assert_str_eq(limit_due("warwickshire", "escalate-stage-3", "2024-12-24"), "2025-01-13");
    ck_assert(limit("warwickshire", "escalate-stage-2")->time.unit_unclear);
    ck_assert_int_eq(limit("warwickshire", "escalate-stage-2")->time.unit, UKC_UNIT_CALENDAR_DAYS);
    ck_assert_ptr_nonnull(strstr(limit("warwickshire", "escalate-stage-2")->time.note, "20 days"));
    /* Derby: 20 working days from Mon 8 Jan 2024 = 5 Feb; 12 weeks = 1 Apr. */
    ck_assert_str_eq(limit_due("derby", "escalate-stage-2", "2024-01-08"), "2024-02-05");
    ck_assert_str_eq(limit_due("derby", "ombudsman-insufficient-progress", "2024-01-08"),
                     "2024-04-01");
    /* Kent governors: six calendar months from 31 Aug 2024 = 28 Feb 2025. */
    ck_assert_str_eq(limit_due("kent", "governor-incidents", "2024-08-31"), "2025-02-28");
    ck_assert_str_ne(limit("warwickshire", "bring-complaint")->exception, "");
}
END_TEST

START_TEST(test_deemed_receipt)
{
    const ukc_policy *p;
    ukc_explanation *e;
    ck_assert_ok(ukc_policy_builtin("warwickshire", &p));
    /* Sent Tue 24 Dec 2024: email the same day; first class the day after (25 Dec,
     * a calendar day); second class the third business day: 27, 30, 31 Dec. */
    ck_assert_ok(ukc_policy_explain_deemed_receipt(p, UKC_DELIVERY_EMAIL, D("2024-12-24"), &e));
    ck_assert_str_eq(S(ukc_explanation_due(e)), "2024-12-24");
    ukc_explanation_free(e);
    ck_assert_ok(ukc_policy_explain_deemed_receipt(p, UKC_DELIVERY_FIRST_CLASS_POST,
                                                   D("2024-12-24"), &e));
    ck_assert_str_eq(S(ukc_explanation_due(e)), "2024-12-25");
    ukc_explanation_free(e);
    ck_assert_ok(ukc_policy_explain_deemed_receipt(p, UKC_DELIVERY_SECOND_CLASS_POST,
                                                   D("2024-12-24"), &e));
    ck_assert_str_eq(S(ukc_explanation_due(e)), "2024-12-31");
    ukc_explanation_free(e);
    ck_assert_status(ukc_policy_explain_deemed_receipt(p, UKC_DELIVERY_HAND, D("2024-12-24"), &e),
                     UKC_ERR_NOT_SET);
    ck_assert_ok(ukc_policy_builtin("kent", &p));
    ck_assert_status(ukc_policy_explain_deemed_receipt(p, UKC_DELIVERY_EMAIL, D("2024-12-24"), &e),
                     UKC_ERR_NOT_SET);
}
END_TEST

/* ---- Rules the documents state ----------------------------------------------- */

START_TEST(test_rules)
{
    const ukc_policy *p;
    const ukc_stage *s;
    const ukc_case_action *a;
    const ukc_exclusion *x;
    const ukc_procedure *pr;

    ck_assert_ok(ukc_policy_builtin("warwickshire", &p));
    ck_assert_ok(ukc_policy_stage(p, "general", "stage-2", &s));
    ck_assert_int_eq(s->automatic, UKC_ANSWER_NO);
    ck_assert_int_eq(s->reasons_required, UKC_ANSWER_YES);
    ck_assert_ok(ukc_policy_procedure(p, "adult-social-care", &pr));
    ck_assert_uint_eq(pr->stage_count, 1);
    ck_assert_ok(ukc_policy_procedure(p, "childrens-services", &pr));
    ck_assert_uint_eq(pr->stage_count, 3);
    ck_assert_ok(ukc_policy_case_action(p, UKC_ACTION_DISCONTINUE, "general", &a));
    ck_assert_int_eq(a->min_attempts, 3);
    ck_assert(a->different_methods);
    ck_assert_ok(ukc_policy_case_action(p, UKC_ACTION_SUSPEND, NULL, &a));
    ck_assert_uint_eq(a->ground_count, 6);
    ck_assert_ok(ukc_policy_case_action(p, UKC_ACTION_REOPEN, NULL, &a));
    ck_assert_uint_eq(a->ground_count, 2);
    ck_assert_ok(ukc_policy_case_action(p, UKC_ACTION_RESTRICT, NULL, &a));
    ck_assert_int_eq(a->appeal_to_council, UKC_ANSWER_NO);
    ck_assert_int_eq(a->obligations[0].time.count, 5);
    ck_assert_ok(ukc_policy_exclusion(p, "blue-badge-appeals", &x));
    ck_assert_int_eq(x->route, UKC_ROUTE_OTHER_PROCESS);
    ck_assert_status(ukc_policy_case_action(p, UKC_ACTION_EXTEND, NULL, &a), UKC_ERR_NOT_SET);

    ck_assert_ok(ukc_policy_builtin("derby", &p));
    ck_assert_ok(ukc_policy_exclusion(p, "council-policies", &x));
    ck_assert_int_eq(x->route, UKC_ROUTE_RECLASSIFIED);
    ck_assert_str_eq(x->feedback_kind, "comment");
    ck_assert_ok(ukc_policy_exclusion(p, "social-media", &x));
    ck_assert_ok(ukc_policy_procedure(p, "adult-social-care", &pr));
    ck_assert_uint_eq(pr->stage_count, 1);
    ck_assert_str_eq(pr->external_body, "lgsco");

    ck_assert_ok(ukc_policy_builtin("kent", &p));
    ck_assert_ok(ukc_policy_exclusion(p, "internal-compliments", &x));
    ck_assert_ok(ukc_policy_exclusion(p, "staff-grievances", &x));
    ck_assert_ok(ukc_policy_procedure(p, "schools", &pr));
    ck_assert_uint_eq(pr->stage_count, 4);
    ck_assert_ok(ukc_policy_stage(p, "corporate", "stage-3", &s));
    ck_assert_str_eq(s->external_body, "lgsco");
    ck_assert_status(ukc_policy_stage(p, "corporate", "stage-9", &s), UKC_ERR_NOT_FOUND);
    ck_assert_status(ukc_policy_procedure(p, "housing", &pr), UKC_ERR_NOT_FOUND);
    ck_assert_status(ukc_policy_time_limit(p, "bring-complaint", NULL), UKC_ERR_INVALID_ARGUMENT);
    const ukc_time_limit *l;
    ck_assert_status(ukc_policy_time_limit(p, "bring-complaint", &l), UKC_ERR_NOT_SET);
    ck_assert_ptr_null(l);
}
END_TEST

START_TEST(test_unnamed_council_gaps)
{
    const ukc_policy *p;
    const ukc_stage *s;
    const ukc_obligation *o;
    const ukc_working_days *wd;
    ck_assert_ok(ukc_policy_builtin("unnamed-unitary-004", &p));
    wd = ukc_policy_working_days(p);
    ck_assert_str_eq(wd->calendar, "england-and-wales");
    ck_assert(wd->calendar_stated);
    ck_assert(!wd->receipt_stated);
    ck_assert_status(ukc_policy_stage(p, "corporate", "stage-1", &s), UKC_ERR_NOT_SET);
    ck_assert_ptr_nonnull(strstr(ukc_last_error()->message, "8.2.3"));
    ck_assert_status(ukc_policy_stage_obligation(p, "corporate", "stage-1", "respond", &o),
                     UKC_ERR_NOT_SET);
    ck_assert_ptr_null(o);
    ck_assert_status(ukc_policy_feedback_obligation(p, "complaint", "respond", &o),
                     UKC_ERR_NOT_SET);
    ck_assert_status(ukc_policy_feedback_obligation(p, "complaint", "acknowledge", &o),
                     UKC_ERR_NOT_SET);
    const ukc_exclusion *x;
    ck_assert_ok(ukc_policy_exclusion(p, "hate-crime", &x));
    ck_assert_ok(ukc_policy_exclusion(p, "anonymous", &x));
    ck_assert_ok(ukc_policy_exclusion(p, "policies", &x));
    ck_assert_str_eq(x->feedback_kind, "representation");
}
END_TEST

START_TEST(test_names)
{
    ukc_unit u;
    ukc_clock_event ev;
    ukc_delivery d;
    ck_assert_str_eq(ukc_unit_name(UKC_UNIT_MONTHS), "months");
    ck_assert_ok(ukc_unit_from_name("calendar-days", &u));
    ck_assert_int_eq(u, UKC_UNIT_CALENDAR_DAYS);
    ck_assert_ok(ukc_clock_event_from_name("request-accepted", &ev));
    ck_assert_int_eq(ev, UKC_CLOCK_REQUEST_ACCEPTED);
    ck_assert_status(ukc_clock_event_from_name("full-moon", &ev), UKC_ERR_NOT_FOUND);
    ck_assert_ok(ukc_delivery_from_name("second-class-post", &d));
    ck_assert_int_eq(d, UKC_DELIVERY_SECOND_CLASS_POST);
    ck_assert_str_eq(ukc_action_kind_name(UKC_ACTION_DISCONTINUE), "discontinue");
    ck_assert_str_eq(ukc_route_name(UKC_ROUTE_RECLASSIFIED), "reclassified");
    ck_assert_str_eq(ukc_limit_kind_name(UKC_LIMIT_EXTERNAL_WAIT), "external-wait");
    ck_assert_str_eq(ukc_obligation_kind_name(UKC_OBLIGATION_HOLDING_REPLY), "holding-reply");
    ck_assert_str_eq(ukc_answer_name(UKC_ANSWER_NO), "no");
    ck_assert_str_eq(ukc_unit_name((ukc_unit)99), "");
    const ukc_policy *p;
    ck_assert_status(ukc_policy_builtin("nowhere", &p), UKC_ERR_NOT_FOUND);
    ck_assert_ptr_null(p);
    ck_assert_ptr_null(ukc_policy_builtin_name(ukc_policy_builtin_count()));
}
END_TEST

/* Re-serialised built-ins load back with the same shape. */
START_TEST(test_round_trip)
{
    for (size_t b = 0; b < ukc_policy_builtin_count(); b++) {
        const ukc_policy *p;
        ukc_policy *q;
        char *json;
        ck_assert_ok(ukc_policy_builtin(ukc_policy_builtin_name(b), &p));
        ck_assert_ok(ukc_policy_to_json(p, &json));
        ck_assert_ok(ukc_policy_load_json(json, strlen(json), &q));
        ck_assert_str_eq(ukc_policy_id(q), ukc_policy_id(p));
        ck_assert_uint_eq(ukc_policy_procedure_count(q), ukc_policy_procedure_count(p));
        ck_assert_uint_eq(ukc_policy_exclusion_count(q), ukc_policy_exclusion_count(p));
        ukc_free(json);
        ukc_policy_free(q);
    }
}
END_TEST

/* ---- Golden bad files ------------------------------------------------------ */

START_TEST(test_bad_files)
{
    const char *dir = srcpath("tests/data/policies-bad");
    char dirbuf[4096];
    snprintf(dirbuf, sizeof dirbuf, "%s", dir);
    DIR *d = opendir(dirbuf);
    ck_assert_ptr_nonnull(d);
    struct dirent *ent;
    int n = 0;
    while ((ent = readdir(d)) != NULL) {
        size_t len = strlen(ent->d_name);
        if (len < 6 || strcmp(ent->d_name + len - 5, ".json") != 0)
            continue;
        char path[4400], expect_path[4400], status[64], code[32], jpath[512];
        snprintf(path, sizeof path, "%s/%s", dirbuf, ent->d_name);
        snprintf(expect_path, sizeof expect_path, "%.*s.expect", (int)(strlen(path) - 5), path);
        char *expect = slurp(expect_path, NULL);
        ck_assert_int_eq(sscanf(expect, "%63s %31s %511s", status, code, jpath), 3);
        free(expect);
        ukc_policy *p = (ukc_policy *)1;
        ukc_status st = ukc_policy_load_file(path, &p);
        const ukc_error *e = ukc_last_error();
        ck_assert_msg(strcmp(ukc_status_name(st), status) == 0, "%s: got %s (%s), want %s",
                      ent->d_name, ukc_status_name(st), e->message, status);
        ck_assert_ptr_null(p);
        ck_assert_msg(strncmp(e->message, code, strlen(code)) == 0, "%s: message '%s' lacks %s",
                      ent->d_name, e->message, code);
        ck_assert_msg(strcmp(e->path, jpath) == 0, "%s: path %s, want %s", ent->d_name,
                      e->path, jpath);
        if (strcmp(code, "UKC-P001") != 0)
            ck_assert_msg(e->line > 0 && e->column > 0, "%s: no line/column", ent->d_name);
        /* The checker reports the same first problem. */
        size_t tlen;
        char *text = slurp(path, &tlen);
        ukc_policy_report *r;
        ck_assert_ok(ukc_policy_check_json(text, tlen, &r));
        ck_assert_uint_ge(ukc_policy_report_count(r), 1);
        ck_assert_str_eq(ukc_policy_report_problem(r, 0)->code, code);
        ukc_policy_report_free(r);
        free(text);
        n++;
    }
    closedir(d);
    ck_assert_int_ge(n, 25);
}
END_TEST

START_TEST(test_check_reports_every_problem)
{
    size_t len;
    char *text = slurp(srcpath("lib/data/policies/kent.json"), &len);
    ukc_policy_report *r;
    ck_assert_ok(ukc_policy_check_json(text, len, &r));
    ck_assert_uint_eq(ukc_policy_report_count(r), 0);
    ukc_policy_report_free(r);
    free(text);
    /* The worked example of docs/policy-format.md loads. */
    ukc_policy *ex;
    ck_assert_ok(ukc_policy_load_file(srcpath("tests/data/policy-example.json"), &ex));
    ck_assert_str_eq(ukc_policy_id(ex), "warwickshire-excerpt");
    ukc_policy_free(ex);
    const char *two = "{\"format\": 1, \"id\": \"x\", \"council\": \"c\", \"documents\": "
                      "[{\"title\": \"t\"}], \"working_days\": {\"calendar\": \"mars\", "
                      "\"calendar_stated\": false, \"receipt\": \"day-of-receipt\", "
                      "\"receipt_stated\": false, \"note\": \"n\"}, \"colour\": 1}";
    ck_assert_ok(ukc_policy_check_json(two, strlen(two), &r));
    ck_assert_uint_eq(ukc_policy_report_count(r), 2);
    ck_assert_str_eq(ukc_policy_report_problem(r, 0)->code, "UKC-P003");
    ck_assert_str_eq(ukc_policy_report_problem(r, 1)->code, "UKC-P013");
    ukc_policy_report_free(r);
}
END_TEST

/* ---- Threads ----------------------------------------------------------------- */

static void *reader(void *arg)
{
    (void)arg;
    for (int round = 0; round < 50; round++) {
        const ukc_policy *p;
        const ukc_obligation *o;
        ukc_date due;
        if (ukc_policy_builtin("kent", &p) ||
            ukc_policy_stage_obligation(p, "corporate", "stage-2", "respond", &o) ||
            ukc_policy_due(p, &o->time, UKC_BOUND_MAXIMUM, D("2024-12-16"), &due) ||
            strcmp(S(due), "2025-03-20") != 0)
            return (void *)1;
        ukc_explanation *e;
        if (ukc_policy_explain_obligation(p, o, UKC_BOUND_TARGET, D("2024-12-16"), &e))
            return (void *)1;
        bool ok = strcmp(S(ukc_explanation_due(e)), "2025-01-16") == 0;
        ukc_explanation_free(e);
        if (!ok)
            return (void *)1;
    }
    return NULL;
}

START_TEST(test_threads)
{
    pthread_t t[8];
    for (int i = 0; i < 8; i++)
        ck_assert_int_eq(pthread_create(&t[i], NULL, reader, NULL), 0);
    for (int i = 0; i < 8; i++) {
        void *r;
        pthread_join(t[i], &r);
        ck_assert_ptr_null(r);
    }
}
END_TEST

/* A NUL byte is placed by line and column in characters, as jansson places
 * its errors: in {"council": "Café<NUL>"} 17 characters (18 bytes: é is
 * two) come before it, so it is in column 18. */
START_TEST(test_nul_column_in_characters)
{
    static const char doc[] = "{\"council\": \"Caf\xc3\xa9\0\"}";
    ukc_policy *p = NULL;
    ck_assert_status(ukc_policy_load_json(doc, sizeof doc - 1, &p), UKC_ERR_INVALID_UTF8);
    ck_assert_ptr_null(p);
    ck_assert_int_eq(ukc_last_error()->line, 1);
    ck_assert_int_eq(ukc_last_error()->column, 18);
}
END_TEST

static Suite *policy_suite(void)
{
    Suite *s = suite_create("policy");
    TCase *tc = tcase_create("policy");
    tcase_add_test(tc, test_citations_in_seeds);
    tcase_add_loop_test(tc, test_due_dates, 0, (int)(sizeof due_cases / sizeof due_cases[0]));
    tcase_add_test(tc, test_every_obligation_computes);
    tcase_add_test(tc, test_time_limits);
    tcase_add_test(tc, test_deemed_receipt);
    tcase_add_test(tc, test_rules);
    tcase_add_test(tc, test_unnamed_council_gaps);
    tcase_add_test(tc, test_names);
    tcase_add_test(tc, test_round_trip);
    tcase_add_test(tc, test_bad_files);
    tcase_add_test(tc, test_check_reports_every_problem);
    tcase_add_test(tc, test_threads);
    tcase_add_test(tc, test_nul_column_in_characters);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    int rc = run_suite(policy_suite());
    seed_texts_free();
    return rc;
}
