/* ukc policy: list the built-in policies, show one, or check a council's file.
 * Shows loading (ukc_policy_builtin, ukc_policy_load_file), reading the rules
 * and their citations, and ukc_policy_check_json's report of every problem. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "ukc policy list [--json] | show NAME|PATH [--json] | check PATH [--json]";

/* The policy being shown, to mark a based-on policy's own rules. */
static const ukc_policy *shown;

static void cite(const ukc_citation *c)
{
    if (!*c->document)
        return;
    const char *mark = !*ukc_policy_based_on(shown) ? ""
                       : ukc_policy_cites_own(shown, c) ? " [own rule]"
                                                        : " [from the model]";
    printf("      source (%s)%s: %s, \"%s\": \"%s\"\n", ukc_source_quality_name(c->source), mark,
           c->document, c->section, c->quote);
}

static void timescale(const char *what, const ukc_timescale *t)
{
    printf("    %s: %d", what, (int)t->count);
    if (t->maximum)
        printf("%s%d", t->range ? "-" : ", maximum ", (int)t->maximum);
    printf(" %s from %s%s%s%s\n", ukc_unit_name(t->unit), ukc_clock_event_name(t->from),
           t->recurring ? ", recurring" : "", *t->maximum_condition ? "; maximum for " : "",
           t->maximum_condition);
    if (*t->note)
        printf("      note: %s\n", t->note);
}

static void obligations(const ukc_obligation *o, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char what[256];
        snprintf(what, sizeof what, "%s (%s)%s%s", o[i].id, o[i].text,
                 *o[i].condition ? "; condition: " : "", o[i].condition);
        timescale(what, o[i].time);
        cite(o[i].citation);
    }
}

static void show(const ukc_policy *p)
{
    const ukc_working_days *wd = ukc_policy_working_days(p);
    shown = p;
    printf("%s (%s)\n", ukc_policy_council(p), ukc_policy_id(p));
    if (*ukc_policy_based_on(p))
        printf("Based on the model procedure %s: rules marked [own rule] are this policy's, "
               "the others the model's.\n",
               ukc_policy_based_on(p));
    if (*ukc_policy_note(p))
        printf("%s\n", ukc_policy_note(p));
    printf("\nDocuments:\n");
    for (size_t i = 0; i < ukc_policy_document_count(p); i++) {
        const ukc_document *d = ukc_policy_document(p, i);
        printf("  %s (%s text%s%s)\n", d->title, ukc_source_quality_name(d->source),
               *d->based_on ? ", from the model " : "", d->based_on);
    }
    printf("\nWorking days: %s calendar (%s); receipt convention %s (%s)\n", wd->calendar,
           wd->calendar_stated ? "stated" : "library default", ukc_receipt_name(wd->receipt),
           wd->receipt_stated ? "stated" : "library default");
    if (*wd->definition)
        printf("  definition: %s\n", wd->definition);
    if (*wd->note)
        printf("  note: %s\n", wd->note);
    cite(wd->citation);
    printf("\nFeedback kinds:\n");
    for (size_t i = 0; i < ukc_policy_feedback_kind_count(p); i++) {
        const ukc_feedback_definition *k = ukc_policy_feedback_kind_at(p, i);
        printf("  %s: %s\n", k->id, k->definition);
        obligations(k->obligations, k->obligation_count);
    }
    printf("\nProcedures:\n");
    for (size_t i = 0; i < ukc_policy_procedure_count(p); i++) {
        const ukc_procedure *pr = ukc_policy_procedure_at(p, i);
        printf("  %s: %s%s%s\n", pr->id, pr->name, *pr->external_body ? ", then " : "",
               pr->external_body);
        if (*pr->not_in_source)
            printf("    NOT IN SOURCE: %s\n", pr->not_in_source);
        for (size_t s = 0; s < pr->stage_count; s++) {
            const ukc_stage *st = &pr->stages[s];
            printf("   %s %s (%s%s%s)\n", st->id, st->name, *st->handler ? st->handler : "",
                   st->automatic == UKC_ANSWER_NO ? "; no automatic right" : "",
                   *st->request_limit ? "; see time limit" : "");
            obligations(st->obligations, st->obligation_count);
        }
    }
    printf("\nExclusions and alternative routes:\n");
    for (size_t i = 0; i < ukc_policy_exclusion_count(p); i++) {
        const ukc_exclusion *x = ukc_policy_exclusion_at(p, i);
        printf("  %s [%s] %s%s%s\n", x->id, ukc_route_name(x->route), x->subject,
               *x->destination ? " -> " : "", x->destination);
    }
    printf("\nTime limits:\n");
    for (size_t i = 0; i < ukc_policy_time_limit_count(p); i++) {
        const ukc_time_limit *l = ukc_policy_time_limit_at(p, i);
        timescale(l->id, l->time);
        cite(l->citation);
    }
    printf("\nCase actions:\n");
    for (size_t i = 0; i < ukc_policy_case_action_count(p); i++) {
        const ukc_case_action *a = ukc_policy_case_action_at(p, i);
        printf("  %s [%s]%s%s: %s\n", a->id, ukc_action_kind_name(a->kind),
               *a->procedure ? " in " : "", a->procedure, a->conditions);
        obligations(a->obligations, a->obligation_count);
    }
    printf("\nDeemed receipt of responses:\n");
    for (size_t i = 0; i < ukc_policy_deemed_receipt_count(p); i++) {
        const ukc_deemed_receipt *d = ukc_policy_deemed_receipt_at(p, i);
        timescale(ukc_delivery_name(d->method), d->time);
    }
    printf("\nExternal bodies:\n");
    for (size_t i = 0; i < ukc_policy_external_body_count(p); i++) {
        const ukc_external_body *b = ukc_policy_external_body_at(p, i);
        printf("  %s: %s. %s\n", b->id, b->name, b->when);
    }
}

static int check(const cli_args *a, const char *path, bool json)
{
    int rc = 0;
    FILE *f = cli_open(a, path, "rb", &rc);
    if (!f)
        return rc;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap && cap < (32u << 20)) {
            char *b = realloc(buf, cap *= 2);
            if (!b) {
                free(buf);
                buf = NULL;
            } else {
                buf = b;
            }
        }
    }
    cli_close(f);
    if (!buf)
        return cli_fail("out of memory");
    ukc_policy_report *r;
    if (ukc_policy_check_json(buf, n, &r) != UKC_OK) {
        free(buf);
        return cli_fail("check");
    }
    free(buf);
    size_t count = ukc_policy_report_count(r);
    if (json) {
        printf("{\"path\": ");
        cli_json_string(path);
        printf(", \"valid\": %s, \"problems\": [", count ? "false" : "true");
    }
    for (size_t i = 0; i < count; i++) {
        const ukc_policy_problem *pb = ukc_policy_report_problem(r, i);
        if (!json) {
            fprintf(stderr, "%s:%d:%d: %s\n", path, (int)pb->line, (int)pb->column, pb->message);
            continue;
        }
        printf("%s\n  {\"line\": %d, \"column\": %d, \"message\": ", i ? "," : "",
               (int)pb->line, (int)pb->column);
        cli_json_string(pb->message);
        printf("}");
    }
    ukc_policy_report_free(r);
    if (json)
        printf("%s]}\n", count ? "\n" : "");
    else if (count == 0)
        printf("%s: valid\n", path);
    return count == 0 ? UKC_EXIT_OK : UKC_EXIT_FINDINGS;
}

/* Councils first, then the model procedures, each group in the built-in order. */
static int list(bool json)
{
    static const char *const heads[] = { "Councils:", "Model procedures:" };
    bool first = true;
    printf("%s", json ? "[" : "");
    for (int model = 0; model < 2; model++) {
        if (!json)
            printf("%s%s\n", model ? "\n" : "", heads[model]);
        for (size_t i = 0; i < ukc_policy_builtin_count(); i++) {
            const char *name = ukc_policy_builtin_name(i);
            const ukc_policy *p;
            if (ukc_policy_builtin_is_model(name) != (model == 1))
                continue;
            if (ukc_policy_builtin(name, &p) != UKC_OK)
                return cli_fail("policy");
            if (!json) {
                printf("  %-28s %s\n", name, ukc_policy_council(p));
                continue;
            }
            printf("%s\n  {\"id\": ", first ? "" : ",");
            first = false;
            cli_json_string(name);
            printf(", \"group\": \"%s\", \"council\": ", model ? "model" : "council");
            cli_json_string(ukc_policy_council(p));
            printf("}");
        }
    }
    printf("%s", json ? "\n]\n" : "");
    return 0;
}

int cmd_policy(const cli_args *a)
{
    if (cli_flag(a, "help"))
        return cli_help(usage,
                        "  list        the built-in policies, councils then model procedures\n"
                        "  show        procedures, stages and every timescale with its "
                        "citation\n"
                        "              and its source's quality; a policy based on a model "
                        "marks\n"
                        "              its own rules\n"
                        "              (--json: the policy file itself)\n"
                        "  check       report every problem of a policy file with its line "
                        "and column\n"
                        "              on standard error (--json: on standard output); exit 0 "
                        "when\n"
                        "              valid, 1 when it has problems, 2 when it cannot be "
                        "read\n");
    if (a->argc < 1)
        return cli_usage(a, usage, "expected list, show or check");
    /* The words other than --json: the subcommand and its argument. */
    const char *word[2] = { NULL, NULL };
    int nwords = 0;
    bool json = false;
    for (int i = 0; i < a->argc; i++) {
        if (strcmp(a->argv[i], "--json") == 0)
            json = true;
        else if (strncmp(a->argv[i], "--", 2) == 0 || nwords == 2)
            return cli_usage(a, usage, "unexpected argument '%s'", a->argv[i]);
        else
            word[nwords++] = a->argv[i];
    }
    const char *sub = word[0] ? word[0] : "";
    if (strcmp(sub, "list") == 0 && nwords == 1)
        return list(json);
    if (strcmp(sub, "check") == 0 && nwords == 2)
        return check(a, word[1], json);
    if (strcmp(sub, "show") == 0 && nwords == 2) {
        const ukc_policy *p;
        ukc_policy *owned = NULL;
        if (strchr(word[1], '/') || strstr(word[1], ".json")) {
            if (ukc_policy_load_file(word[1], &owned) != UKC_OK)
                return cli_fail(word[1]);
            p = owned;
        } else if (ukc_policy_builtin(word[1], &p) != UKC_OK) {
            return cli_fail("policy");
        }
        if (json) {
            char *text;
            if (ukc_policy_to_json(p, &text) != UKC_OK) {
                ukc_policy_free(owned);
                return cli_fail("policy");
            }
            printf("%s\n", text);
            ukc_free(text);
        } else {
            show(p);
        }
        ukc_policy_free(owned);
        return 0;
    }
    return cli_usage(a, usage, "expected list, show NAME|PATH [--json] or check PATH");
}
