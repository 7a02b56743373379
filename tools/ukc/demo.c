/* ukc demo: the main job on built-in data, for a first look. A sample message
 * is classified and routed under Warwickshire County Council's policy, opened
 * as a case and walked through its stages (with a step the policy refuses),
 * and every deadline is explained. Shows ukc_route_feedback() (which runs
 * ukc_classify_text()), ukc_case_open(), ukc_case_apply() and
 * ukc_case_obligations(). Then one Freedom of Information request across the
 * 2022 state funeral under the built-in 'foia' clock (ukc_policy_explain_obligation()). */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char message[] =
    "I reported the broken street light outside number 14 three times in November and "
    "nothing has been done. It is not acceptable: my mother fell in the dark last week.";

static void rule(const char *title)
{
    printf("\n== %s ==\n", title);
}

static void citation(const ukc_citation *c)
{
    if (*c->document)
        printf("     source: %s, \"%s\": \"%s\"\n", c->document, c->section, c->quote);
}

static int step(ukc_case *c, ukc_event_kind kind, const char *date, const char *reasons,
                bool post)
{
    ukc_case_event ev = UKC_CASE_EVENT_INIT;
    ukc_decision d = UKC_DECISION_INIT;
    ev.kind = kind;
    ev.reasons = reasons;
    if (ukc_date_parse(date, &ev.date) != UKC_OK)
        return cli_fail("date");
    if (kind == UKC_EVENT_RESPOND) {
        ev.has_delivery = true;
        ev.delivery = post ? UKC_DELIVERY_SECOND_CLASS_POST : UKC_DELIVERY_EMAIL;
    }
    if (ukc_case_apply(c, &ev, &d) != UKC_OK)
        return cli_fail("apply");
    printf("%s  %-20s %s\n", date, ukc_event_kind_name(kind), d.allowed ? "allowed" : "REFUSED");
    if (!d.allowed)
        printf("     %s %s\n", d.code, d.slug);
    printf("     %s\n", d.message);
    citation(d.citation);
    return 0;
}

static int obligations(const ukc_case *c, const char *as_of_text)
{
    ukc_date as_of;
    ukc_obligations *list;
    ukc_date_parse(as_of_text, &as_of);
    if (ukc_case_obligations(c, as_of, UKC_OBLIGATIONS_EXPLAIN, &list) != UKC_OK)
        return cli_fail("obligations");
    for (size_t i = 0; i < ukc_obligations_count(list); i++) {
        const ukc_case_obligation *o = ukc_obligations_at(list, i);
        char due[UKC_DATE_BUFSIZE], met[UKC_DATE_BUFSIZE] = "";
        ukc_date_format(o->due, due, sizeof due);
        if (o->met)
            ukc_date_format(o->met, met, sizeof met);
        printf("\n%s (%s): due %s, %s%s%s", o->id, ukc_party_name(o->party), due,
               ukc_obligation_state_name(o->state), *met ? " on " : "", met);
        if (o->late_by)
            printf(", %d working days late", (int)o->late_by);
        printf("\n");
        if (o->explanation) {
            const char *t = ukc_explanation_text(o->explanation);
            for (const char *line = t; *line;) {
                size_t n = strcspn(line, "\n");
                printf("   %.*s\n", (int)n, line);
                line += n + (line[n] == '\n');
            }
        }
    }
    ukc_obligations_free(list);
    return 0;
}

/* A request under the Freedom of Information Act received on Monday 5 September
 * 2022: its twentieth working day skips the bank holiday for the State Funeral
 * of Queen Elizabeth II on Monday 19 September. */
static int foi_request(void)
{
    const ukc_policy *foia;
    const ukc_obligation *o;
    ukc_explanation *e;
    ukc_date received;
    rule("5. A Freedom of Information request across the 2022 state funeral");
    ukc_date_parse("2022-09-05", &received);
    if (ukc_policy_builtin("foia", &foia) != UKC_OK ||
        ukc_policy_stage_obligation(foia, "request", "response", "respond", &o) != UKC_OK ||
        ukc_policy_explain_obligation(foia, o, UKC_BOUND_TARGET, received, &e) != UKC_OK)
        return cli_fail("foia");
    char due[UKC_DATE_BUFSIZE];
    ukc_date_format(ukc_explanation_due(e), due, sizeof due);
    printf("policy: %s (%s)\nreceived Monday 2022-09-05, due %s:\n", ukc_policy_council(foia),
           ukc_policy_id(foia), due);
    const char *t = ukc_explanation_text(e);
    for (const char *line = t; *line;) {
        size_t n = strcspn(line, "\n");
        printf("   %.*s\n", (int)n, line);
        line += n + (line[n] == '\n');
    }
    ukc_explanation_free(e);
    return 0;
}

int cmd_demo(const cli_args *a)
{
    const ukc_policy *policy;
    const ukc_feedback_definition *kind;
    const ukc_procedure *proc;
    ukc_case *c;
    ukc_date received;
    int rc;

    if (cli_flag(a, "help")) {
        printf("usage: ukc demo\n\nRoutes a sample complaint under Warwickshire County "
               "Council's policy, walks it\nthrough both stages (one step is refused) and "
               "explains every deadline.\n");
        return 0;
    }
    static const char *const flags[] = { "help", NULL };
    if ((rc = cli_check(a, NULL, flags)))
        return rc;
    if (ukc_policy_builtin("warwickshire", &policy) != UKC_OK)
        return cli_fail("policy");

    rule("1. The message, classified");
    printf("received by email on Monday 2025-12-01:\n  \"%s\"\n", message);
    ukc_feedback_record rec = UKC_FEEDBACK_RECORD_INIT;
    ukc_routing *routing;
    rec.text = message;
    rec.text_len = strlen(message);
    rec.channel = UKC_CHANNEL_EMAIL;
    ukc_date_parse("2025-12-01", &rec.received);
    ukc_date_parse("2025-11-03", &rec.aware); /* first reported in early November */
    if (ukc_route_feedback(policy, &rec, &routing) != UKC_OK)
        return cli_fail("route");
    const ukc_classification *cls = ukc_routing_classification(routing);
    printf("kind: %s, because:\n", ukc_feedback_kind_name(ukc_classification_kind(cls)));
    for (size_t i = 0; i < ukc_classification_evidence_count(cls); i++) {
        const ukc_evidence *ev = ukc_classification_evidence(cls, i);
        if (ev->counts_for == UKC_KIND_COMPLAINT)
            printf("  %s %-24s \"%.*s\"%s\n", ev->code, ev->category,
                   (int)(ev->end - ev->start), message + ev->start,
                   ev->negated ? " (negated)" : "");
    }

    rule("2. Routing under the council's policy");
    const ukc_routing_answer *ans = ukc_routing_kind_answer(routing);
    printf("council:   %s\n%s %s\n", ukc_policy_council(policy), ans->code, ans->text);
    citation(ans->citation);
    ans = ukc_routing_procedure_answer(routing);
    printf("%s %s\n", ans->code, ans->text);
    citation(ans->citation);
    const ukc_routing_limit *lim = ukc_routing_time_limit(routing);
    printf("%s %s\n", lim->answer->code, lim->answer->text);
    citation(lim->answer->citation);
    kind = ukc_routing_kind_definition(routing);
    proc = ukc_routing_procedure(routing);
    if (!kind || !proc) {
        ukc_routing_free(routing);
        fprintf(stderr, "ukc demo: the sample was not routed to a procedure\n");
        return 1;
    }
    printf("procedure: %s (%s), %zu stages\n", proc->id, proc->name, proc->stage_count);
    for (size_t i = 0; i < proc->stage_count; i++)
        printf("  %s: %s%s%s\n", proc->stages[i].id, proc->stages[i].name,
               *proc->stages[i].entry ? " - " : "", proc->stages[i].entry);
    ukc_routing_free(routing);

    rule("3. The case, event by event");
    ukc_date_parse("2025-12-01", &received);
    if (ukc_case_open(policy, proc->id, kind->id, received, "email", NULL, &c) != UKC_OK)
        return cli_fail("open");
    printf("2025-12-01  %-20s opened at %s\n", "receive", ukc_case_stage(c)->id);
    if ((rc = step(c, UKC_EVENT_RESPOND, "2025-12-12", NULL, true)) ||
        (rc = step(c, UKC_EVENT_REQUEST_ESCALATION, "2025-12-22", NULL, false)) ||
        (rc = step(c, UKC_EVENT_REQUEST_ESCALATION, "2025-12-22",
                   "The reply did not say when the light will be repaired", false)) ||
        (rc = step(c, UKC_EVENT_ACCEPT_ESCALATION, "2025-12-23", NULL, false)) ||
        (rc = step(c, UKC_EVENT_RESPOND, "2026-02-16", NULL, false)) ||
        (rc = step(c, UKC_EVENT_CLOSE, "2026-02-17", NULL, false))) {
        ukc_case_free(c);
        return rc;
    }

    rule("4. Every deadline, explained (as of 2026-02-17)");
    rc = obligations(c, "2026-02-17");
    ukc_case_free(c);
    if (rc || (rc = foi_request()))
        return rc;
    printf("\nNext: 'ukc audit --council warwickshire EXPORT.csv' does this for every case of "
           "a CRM export\n(docs/audit.md).\n");
    return 0;
}
