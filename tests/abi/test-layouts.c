/* Callers compiled against other layouts of the public structs.
 *
 * A size-prefixed struct's caller says in `size` how big its struct is. Here
 * callers whose structs are larger than the library's (compiled against a
 * later header that appended a field) and smaller (older than any release)
 * call the shared library, as a program built against another release would.
 * The library must fill only what both know, say so in `size`, leave the rest
 * of the caller's memory alone, and refuse a size that no release had.
 *
 * Plain C with assert-free checks, linked against the shared library only:
 * it sees exactly what a caller sees. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ukcomplaints.h>

static int failures;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                              \
        }                                                                            \
    } while (0)

static ukc_date D(const char *iso)
{
    ukc_date d = 0;
    if (ukc_date_parse(iso, &d) != UKC_OK)
        failures++;
    return d;
}

/* A holiday as a later release might lay it out: one field appended. */
typedef struct holiday_next {
    ukc_holiday base;
    int64_t appended;
} holiday_next;

static void larger_holiday(const ukc_calendar *ew)
{
    holiday_next h;
    memset(&h, 0, sizeof h);
    h.base.size = sizeof h;
    h.appended = 0x5a5a5a5a;
    /* Mon 25 Dec 2023: Christmas Day, a bank holiday. */
    CHECK(ukc_calendar_day(ew, D("2023-12-25"), &h.base) == UKC_OK);
    CHECK(h.base.size == sizeof(ukc_holiday)); /* what the library filled */
    CHECK(h.base.kind == UKC_DAY_BANK_HOLIDAY);
    CHECK(strcmp(h.base.name, "Christmas Day") == 0);
    CHECK(h.appended == 0x5a5a5a5a); /* the field the library does not know: untouched */

    /* An array with the larger stride: 25 and 26 Dec 2023 (Boxing Day). */
    holiday_next buf[2];
    memset(buf, 0, sizeof buf);
    buf[0].base.size = sizeof buf[0];
    buf[0].appended = buf[1].appended = 7;
    size_t n = 0;
    CHECK(ukc_calendar_holidays(ew, D("2023-12-25"), D("2023-12-26"), 0, &buf[0].base, 2, &n) ==
          UKC_OK);
    CHECK(n == 2);
    CHECK(buf[0].base.date == D("2023-12-25") && buf[1].base.date == D("2023-12-26"));
    CHECK(strcmp(buf[1].base.name, "Boxing Day") == 0);
    CHECK(buf[1].base.size == sizeof(ukc_holiday));
    CHECK(buf[0].appended == 7 && buf[1].appended == 7);
}

/* A holiday smaller than any release's: refused, and nothing written. */
static void smaller_holiday(const ukc_calendar *ew)
{
    unsigned char raw[sizeof(ukc_holiday)];
    memset(raw, 0xab, sizeof raw);
    size_t small = sizeof(size_t) + sizeof(ukc_date);
    memcpy(raw, &small, sizeof small);
    CHECK(ukc_calendar_day(ew, D("2023-12-25"), (ukc_holiday *)(void *)raw) == UKC_ERR_VERSION);
    CHECK(ukc_last_error()->status == UKC_ERR_VERSION);
    for (size_t i = sizeof small; i < sizeof raw; i++)
        CHECK(raw[i] == 0xab);
}

/* Closures with a later, larger layout: the stride is the first one's size. */
typedef struct closure_next {
    ukc_closure base;
    double appended;
} closure_next;

static void larger_closures(const ukc_calendar *ew)
{
    closure_next days[2] = { { UKC_CLOSURE_INIT(D("2025-12-24"), "Christmas closure"), 1.0 },
                             { UKC_CLOSURE_INIT(D("2025-12-29"), "Christmas closure"), 2.0 } };
    days[0].base.size = sizeof days[0];
    ukc_calendar *c = NULL;
    CHECK(ukc_calendar_with_closures(ew, "Example closures", &days[0].base, 2, &c) == UKC_OK);
    bool w = true;
    /* Both closures are read at the larger stride. */
    CHECK(ukc_calendar_is_working_day(c, D("2025-12-24"), &w) == UKC_OK && !w);
    CHECK(ukc_calendar_is_working_day(c, D("2025-12-29"), &w) == UKC_OK && !w);
    CHECK(ukc_calendar_is_working_day(c, D("2025-12-30"), &w) == UKC_OK && w);
    ukc_calendar_free(c);
}

/* Structs the library owns report their own size. */
static void owned_sizes(const ukc_calendar *ew)
{
    ukc_date d;
    CHECK(ukc_date_parse("not a date", &d) == UKC_ERR_PARSE);
    CHECK(ukc_last_error()->size == sizeof(ukc_error));
    ukc_explanation *e = NULL;
    CHECK(ukc_calendar_explain_deadline(ew, D("2023-12-22"), 1, UKC_RECEIPT_DAY_OF_RECEIPT, &e) ==
          UKC_OK);
    CHECK(ukc_explanation_step_count(e) > 0);
    for (size_t i = 0; i < ukc_explanation_step_count(e); i++)
        CHECK(ukc_explanation_step(e, i)->size == sizeof(ukc_step));
    /* Fri 22 Dec 2023 + 1 working day skips the weekend and Christmas and Boxing Day. */
    CHECK(ukc_explanation_due(e) == D("2023-12-27"));
    ukc_explanation_free(e);
}

/* ukc_case_options as version 1 had it, before `calendar` was appended. */
typedef struct case_options_v1 {
    unsigned int version;
    int32_t suspension;
} case_options_v1;

/* The due date of a case's first obligation, or 0. */
static ukc_date first_due(const ukc_case *c)
{
    ukc_obligations *l = NULL;
    ukc_date due = 0;
    if (ukc_case_obligations(c, ukc_case_received(c), 0, &l) == UKC_OK &&
        ukc_obligations_count(l) > 0)
        due = ukc_obligations_at(l, 0)->due;
    ukc_obligations_free(l);
    return due;
}

static void case_options_versions(const ukc_calendar *ew)
{
    const ukc_policy *war = NULL;
    CHECK(ukc_policy_builtin("warwickshire", &war) == UKC_OK);
    ukc_date received = D("2025-12-22");
    ukc_case *plain = NULL, *c = NULL;
    CHECK(ukc_case_open(war, "general", "complaint", received, NULL, NULL, &plain) == UKC_OK);

    /* A version 1 caller: exactly its 8 bytes on the heap, so a read or a
     * write past them is caught by valgrind and ASan. */
    case_options_v1 *v1 = malloc(sizeof *v1);
    CHECK(ukc_case_options_init((ukc_case_options *)(void *)v1, 1) == UKC_OK);
    CHECK(v1->version == 1 && v1->suspension == UKC_SUSPENSION_PAUSE);
    v1->suspension = UKC_SUSPENSION_RESTART;
    CHECK(ukc_case_open(war, "general", "complaint", received, NULL,
                        (const ukc_case_options *)(void *)v1, &c) == UKC_OK);
    CHECK(ukc_case_suspension(c) == UKC_SUSPENSION_RESTART);
    CHECK(first_due(c) != 0 && first_due(c) == first_due(plain)); /* the policy's calendar */
    ukc_case_free(c);
    v1->suspension = 9;
    CHECK(ukc_case_open(war, "general", "complaint", received, NULL,
                        (const ukc_case_options *)(void *)v1, &c) == UKC_ERR_INVALID_ARGUMENT);
    free(v1);

    /* Version 2 reads the calendar: closed from 23 Dec 2025 for 150 days. */
    ukc_closure closed[150];
    for (int i = 0; i < 150; i++)
        closed[i] = (ukc_closure)UKC_CLOSURE_INIT(D("2025-12-23") + i, "closed");
    ukc_calendar *shut = NULL;
    CHECK(ukc_calendar_with_closures(ew, "closed", closed, 150, &shut) == UKC_OK);
    ukc_case_options v2 = UKC_CASE_OPTIONS_INIT;
    CHECK(v2.version == 2);
    v2.calendar = shut;
    CHECK(ukc_case_open(war, "general", "complaint", received, NULL, &v2, &c) == UKC_OK);
    CHECK(first_due(c) > D("2026-05-20")); /* counted after the closure */
    ukc_case_free(c);

    /* A version newer than the library knows is refused. */
    v2.version = UKC_CASE_OPTIONS_VERSION + 1;
    CHECK(ukc_case_open(war, "general", "complaint", received, NULL, &v2, &c) == UKC_ERR_VERSION);
    CHECK(ukc_case_options_init(&v2, 0) == UKC_ERR_VERSION);
    ukc_case_free(plain);
    ukc_calendar_free(shut);
}

/* ---- Policy, case and route records ---------------------------------------- */

/* What a caller compiled against a release whose ukc_stage and ukc_obligation
 * were shorter than the library's sees: only their first fields. The lists
 * inside a rule are read with the _at functions, which step at the library's
 * size, so such a caller still gets whole, right records. */
typedef struct stage_prefix {
    size_t size;
    const char *id;
    int32_t number;
} stage_prefix;

typedef struct obligation_prefix {
    size_t size;
    const char *id;
    int32_t kind;
} obligation_prefix;

static void rules_by_index(void)
{
    const ukc_policy *war = NULL;
    const ukc_procedure *pr = NULL;
    CHECK(ukc_policy_builtin("warwickshire", &war) == UKC_OK);
    /* Warwickshire's children's services procedure has three stages, the
     * third with a panel, a report and a response (lib/data/policies). */
    CHECK(ukc_policy_procedure(war, "childrens-services", &pr) == UKC_OK);
    CHECK(pr->size == sizeof(ukc_procedure) && pr->stage_count == 3);
    const stage_prefix *third = (const stage_prefix *)(const void *)ukc_procedure_stage_at(pr, 2);
    CHECK(third && third->size >= sizeof(stage_prefix));
    CHECK(third && strcmp(third->id, "stage-3") == 0 && third->number == 3);
    CHECK(ukc_procedure_stage_at(pr, 3) == NULL && ukc_procedure_stage_at(NULL, 0) == NULL);
    const ukc_stage *st = ukc_procedure_stage_at(pr, 2);
    const obligation_prefix *o =
        (const obligation_prefix *)(const void *)ukc_stage_obligation_at(st, 2);
    CHECK(o && strcmp(o->id, "respond") == 0 && o->kind == UKC_OBLIGATION_RESPOND);
    CHECK(ukc_stage_obligation_at(st, 3) == NULL);
    /* A rule's citation and timescale are records of their own. */
    const ukc_obligation *full = ukc_stage_obligation_at(st, 2);
    CHECK(full->size == sizeof(ukc_obligation));
    CHECK(full->citation->size == sizeof(ukc_citation) && *full->citation->document);
    CHECK(full->time->size == sizeof(ukc_timescale) && full->time->count > 0);
    /* Every other kind of record the policy hands out says its size. */
    CHECK(ukc_policy_working_days(war)->size == sizeof(ukc_working_days));
    CHECK(ukc_policy_document(war, 0)->size == sizeof(ukc_document));
    CHECK(ukc_policy_feedback_kind_at(war, 0)->size == sizeof(ukc_feedback_definition));
    for (size_t i = 0; i < ukc_policy_case_action_count(war); i++) {
        const ukc_case_action *a = ukc_policy_case_action_at(war, i);
        CHECK(a->size == sizeof *a);
        for (size_t g = 0; g < a->ground_count; g++)
            CHECK(ukc_case_action_ground_at(a, g)->size == sizeof(ukc_ground));
        for (size_t k = 0; k < a->obligation_count; k++)
            CHECK(ukc_case_action_obligation_at(a, k)->size == sizeof(ukc_obligation));
    }
    CHECK(ukc_policy_time_limit_count(war) > 0);
    const ukc_time_limit *lim = ukc_policy_time_limit_at(war, 0);
    CHECK(lim->size == sizeof *lim && lim->exception_citation->size == sizeof(ukc_citation));
}

/* A timescale the caller fills: later (larger) and too small. */
typedef struct timescale_next {
    ukc_timescale base;
    int32_t appended;
} timescale_next;

static void caller_timescales(void)
{
    const ukc_policy *war = NULL;
    CHECK(ukc_policy_builtin("warwickshire", &war) == UKC_OK);
    timescale_next t = { UKC_TIMESCALE_INIT, 99 };
    t.base.size = sizeof t;
    ukc_date due = 0;
    /* One working day from Fri 22 Dec 2023 (day 0, Warwickshire counts from the
     * day of receipt): Sat 23, Sun 24, Christmas Day and Boxing Day are not
     * working days, so Wed 27 Dec. */
    CHECK(ukc_policy_due(war, &t.base, UKC_BOUND_TARGET, D("2023-12-22"), &due) == UKC_OK);
    CHECK(due == D("2023-12-27"));
    t.base.size = sizeof(size_t) + 2 * sizeof(int32_t);
    CHECK(ukc_policy_due(war, &t.base, UKC_BOUND_TARGET, D("2023-12-22"), &due) ==
          UKC_ERR_VERSION);
    CHECK(due == 0);
    ukc_timescale bad = UKC_TIMESCALE_INIT;
    bad.unit = 42;
    CHECK(ukc_policy_due(war, &bad, UKC_BOUND_TARGET, D("2023-12-22"), &due) ==
          UKC_ERR_INVALID_ARGUMENT);
}

/* A decision as a later release might lay it out, and one too small. */
typedef struct decision_next {
    ukc_decision base;
    uint64_t appended;
} decision_next;

static void decisions_and_history(void)
{
    const ukc_policy *war = NULL;
    ukc_case *c = NULL;
    CHECK(ukc_policy_builtin("warwickshire", &war) == UKC_OK);
    CHECK(ukc_case_open(war, "general", "complaint", D("2025-12-22"), NULL, NULL, &c) == UKC_OK);
    ukc_case_event ev = UKC_CASE_EVENT_INIT;
    ev.kind = UKC_EVENT_ACKNOWLEDGE;
    ev.date = D("2025-12-23");

    decision_next d;
    memset(&d, 0, sizeof d);
    d.base.size = sizeof d;
    d.appended = 0x1234;
    CHECK(ukc_case_check(c, &ev, &d.base) == UKC_OK);
    CHECK(d.base.size == sizeof(ukc_decision) && d.base.allowed);
    CHECK(d.base.citation != NULL && d.base.citation->size == sizeof(ukc_citation));
    CHECK(d.appended == 0x1234);

    /* Smaller than any release's: refused, the event not applied, nothing written. */
    unsigned char raw[sizeof(ukc_decision)];
    memset(raw, 0xcd, sizeof raw);
    size_t small = offsetof(ukc_decision, citation);
    memcpy(raw, &small, sizeof small);
    CHECK(ukc_case_apply(c, &ev, (ukc_decision *)(void *)raw) == UKC_ERR_VERSION);
    for (size_t i = sizeof small; i < sizeof raw; i++)
        CHECK(raw[i] == 0xcd);
    CHECK(ukc_case_event_count(c) == 0);

    /* Applied events are read one at a time, whatever the caller's sizeof. */
    ukc_decision plain = UKC_DECISION_INIT;
    CHECK(ukc_case_apply(c, &ev, &plain) == UKC_OK && plain.allowed);
    ev.kind = UKC_EVENT_WITHDRAW;
    ev.date = D("2025-12-29");
    CHECK(ukc_case_apply(c, &ev, NULL) == UKC_OK);
    CHECK(ukc_case_event_count(c) == 2);
    CHECK(ukc_case_event_at(c, 1) && ukc_case_event_at(c, 1)->kind == UKC_EVENT_WITHDRAW);
    CHECK(ukc_case_event_at(c, 2) == NULL);

    ukc_obligations *l = NULL;
    CHECK(ukc_case_obligations(c, D("2025-12-29"), 0, &l) == UKC_OK);
    for (size_t i = 0; i < ukc_obligations_count(l); i++)
        CHECK(ukc_obligations_at(l, i)->size == sizeof(ukc_case_obligation));
    ukc_obligations_free(l);
    ukc_case_free(c);
}

/* Routing answers are records of their own, reached by pointer. */
static void routing_records(void)
{
    const ukc_policy *war = NULL;
    CHECK(ukc_policy_builtin("warwickshire", &war) == UKC_OK);
    ukc_feedback_record rec = UKC_FEEDBACK_RECORD_INIT;
    rec.kind = "complaint";
    rec.received = D("2024-03-01");
    ukc_routing *r = NULL;
    CHECK(ukc_route_feedback(war, &rec, &r) == UKC_OK);
    CHECK(ukc_routing_kind_answer(r)->size == sizeof(ukc_routing_answer));
    const ukc_routing_limit *lim = ukc_routing_time_limit(r);
    CHECK(lim->size == sizeof *lim && lim->answer->size == sizeof(ukc_routing_answer));
    CHECK(lim->exception_citation->size == sizeof(ukc_citation));
    for (size_t i = 0; i < ukc_routing_obligation_count(r); i++) {
        const ukc_routing_obligation *o = ukc_routing_obligation_at(r, i);
        CHECK(o->size == sizeof *o && o->answer->size == sizeof(ukc_routing_answer));
        CHECK(o->answer->citation->size == sizeof(ukc_citation));
    }
    ukc_routing_free(r);
}

/* ---- The classifier's records --------------------------------------------- */

/* What a caller compiled against a release whose ukc_evidence was shorter than
 * the library's sees: only its first fields, each record whole. */
typedef struct evidence_prefix {
    size_t size;
    int32_t id;
    const char *code;
    const char *category;
} evidence_prefix;

/* And one compiled against a later release, with a field appended, which
 * reads that field only when the library's record reaches it. */
typedef struct evidence_next {
    ukc_evidence base;
    const char *appended;
} evidence_next;

static const char *appended_or_null(const evidence_next *e)
{
    return e->base.size >= offsetof(evidence_next, appended) + sizeof e->appended ? e->appended
                                                                                 : NULL;
}

static void classifier_records(void)
{
    /* The lexicon (lib/data/lexicon.tsv) has "quick" as praise (UKC-C004) and
     * "rude" as dissatisfaction (UKC-C001). */
    static const char text[] = "Thank you for the quick reply. But the driver was rude.";
    ukc_classification *c = NULL;
    CHECK(ukc_classify_text(text, sizeof text - 1, NULL, &c) == UKC_OK);
    size_t n = ukc_classification_evidence_count(c);
    CHECK(n >= 2);
    bool praise = false, rude = false;
    for (size_t i = 0; i < n; i++) {
        const evidence_prefix *p =
            (const evidence_prefix *)(const void *)ukc_classification_evidence(c, i);
        CHECK(p && p->size == sizeof(ukc_evidence) && p->size >= sizeof(evidence_prefix));
        CHECK(p && p->code && p->category && strncmp(p->code, "UKC-C", 5) == 0);
        praise = praise || (p && p->id == UKC_C004_PRAISE && strcmp(p->category, "praise") == 0);
        rude = rude || (p && p->id == UKC_C001_DISSATISFACTION);
        /* The later caller's appended field lies past the library's record. */
        const evidence_next *x =
            (const evidence_next *)(const void *)ukc_classification_evidence(c, i);
        CHECK(appended_or_null(x) == NULL);
    }
    CHECK(praise && rude);
    CHECK(ukc_classification_evidence(c, n) == NULL);
    const ukc_evidence *last = ukc_classification_evidence(c, n - 1);
    CHECK(last->start < last->end && last->end <= sizeof text - 1);
    for (size_t i = 0; i < ukc_classification_word_count(c); i++) {
        const ukc_evidence *w = ukc_classification_word(c, i);
        CHECK(w->size == sizeof(ukc_evidence) && w->id == UKC_C059_WEIGHED_WORD);
        CHECK(w->counts_for == (int32_t)ukc_classification_kind(c));
    }
    for (size_t i = 0; i < ukc_classification_contribution_count(c); i++)
        CHECK(ukc_classification_contribution(c, i)->size == sizeof(ukc_contribution));
    ukc_classification_free(c);
}

/* Classify options: every version from 1 to the current one, none other. */
static void classify_options_versions(void)
{
    ukc_classify_options o = UKC_CLASSIFY_OPTIONS_INIT;
    ukc_classification *c = NULL;
    for (unsigned int v = 1; v <= UKC_CLASSIFY_OPTIONS_VERSION; v++) {
        CHECK(ukc_classify_options_init(&o, v) == UKC_OK && o.version == v);
        CHECK(ukc_classify_text("The bins were missed.", 21, &o, &c) == UKC_OK);
        ukc_classification_free(c);
    }
    o.version = 0;
    CHECK(ukc_classify_text("x", 1, &o, &c) == UKC_ERR_VERSION && c == NULL);
    o.version = UKC_CLASSIFY_OPTIONS_VERSION + 1;
    CHECK(ukc_classify_text("x", 1, &o, &c) == UKC_ERR_VERSION && c == NULL);
    CHECK(ukc_classify_options_init(&o, 0) == UKC_ERR_VERSION);
    CHECK(ukc_classify_options_init(&o, UKC_CLASSIFY_OPTIONS_VERSION + 1) == UKC_ERR_VERSION);
}

int main(void)
{
    const ukc_calendar *ew = NULL;
    if (ukc_calendar_builtin("england-and-wales", &ew) != UKC_OK)
        return 1;
    larger_holiday(ew);
    smaller_holiday(ew);
    larger_closures(ew);
    owned_sizes(ew);
    case_options_versions(ew);
    rules_by_index();
    caller_timescales();
    decisions_and_history();
    routing_records();
    classifier_records();
    classify_options_versions();
    if (failures)
        fprintf(stderr, "%d checks failed\n", failures);
    return failures ? 1 : 0;
}
