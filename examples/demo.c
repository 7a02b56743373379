/* ukc demo: the main job on built-in data, for a first look. A sample message
 * is routed under Warwickshire County Council's policy, opened as a case and
 * walked through its stages (with a step the policy refuses), and every
 * deadline is explained. Shows ukc_policy_builtin(), ukc_policy_feedback_kind(),
 * ukc_case_open(), ukc_case_apply() and ukc_case_obligations(). */
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
    ukc_decision d;
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
    citation(&d.citation);
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

int cmd_demo(const cli_args *a)
{
    const ukc_policy *policy;
    const ukc_feedback_kind *kind;
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

    rule("1. The message");
    printf("received by email on Monday 2025-12-01:\n  \"%s\"\n", message);
    printf("It expresses dissatisfaction with a service (\"nothing has been done\", \"not "
           "acceptable\"):\na complaint.\n");

    rule("2. Routing under the council's policy");
    if (ukc_policy_feedback_kind(policy, "complaint", &kind) != UKC_OK ||
        ukc_policy_procedure(policy, kind->procedure, &proc) != UKC_OK)
        return cli_fail("route");
    printf("council:   %s\nkind:      %s - %s\n", ukc_policy_council(policy), kind->name,
           kind->definition);
    citation(&kind->citation);
    printf("procedure: %s (%s), %zu stages\n", proc->id, proc->name, proc->stage_count);
    for (size_t i = 0; i < proc->stage_count; i++)
        printf("  %s: %s%s%s\n", proc->stages[i].id, proc->stages[i].name,
               *proc->stages[i].entry ? " - " : "", proc->stages[i].entry);

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
    if (rc)
        return rc;
    printf("\nNext: 'ukc audit --council warwickshire EXPORT.csv' does this for every case of "
           "a CRM export\n(docs/audit.md).\n");
    return 0;
}
