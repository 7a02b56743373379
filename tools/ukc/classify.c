/* ukc classify: what a piece of feedback is, with its evidence.
 * Shows ukc_classify_text() and the ukc_classification accessors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
    "ukc classify [--json] [ROUTING] TEXT...\n"
    "       ukc classify [--json] [ROUTING] --file PATH\n"
    "       ukc classify [--json] [ROUTING] -  (the text from stdin)\n"
    "       ukc classify --tsv FILE|-          (one message a line)\n"
    "ROUTING: --council NAME|PATH [--received DATE] [--aware DATE] [--events DATE]\n"
    "         [--service-area AREA] [--channel CHANNEL] [--anonymous] [--staff]\n"
    "         [--legal-proceedings] [--insurance-claim] [--kind KIND]\n"
    "         [--procedure ID] [--exclusion ID]";

static const char help[] =
    "\nSuggests whether a message is a complaint, comment, compliment, request for service,\n"
    "or 'other' with a route of its own (foi, subject-access, councillor-conduct, appeal,\n"
    "hate-crime, school, staff-grievance, insurance-claim, safeguarding, data-breach,\n"
    "legal-proceedings, housing-provider), and\n"
    "shows each cue phrase found, its byte span, category, ID and whether it was negated.\n"
    "\n"
    "  --json        print the classification as JSON\n"
    "  --file PATH   read the message from a file\n"
    "  --tsv FILE    classify each line of FILE (- for stdin); prints\n"
    "                LINE<TAB>KIND<TAB>ROUTE<TAB>SCORE for each line (LINE is 1-based,\n"
    "                ROUTE is - when none); a line the library refuses (invalid\n"
    "                UTF-8, too long) is reported on stderr and the exit status is 1\n"
    "\n"
    "Routing under a council's policy (see docs/routing.md):\n"
    "  --council NAME|PATH   a built-in policy (kent, warwickshire, derby,\n"
    "                        unnamed-unitary-004) or a policy file; adds the kind, the\n"
    "                        procedure or the exclusion with where the customer goes\n"
    "                        instead, the time-limit check and the first deadlines\n"
    "  --received DATE       when the council received it (due dates count from it)\n"
    "  --aware DATE          when the customer became aware of the issue\n"
    "  --events DATE         when the events complained of happened\n"
    "  --service-area AREA   e.g. adult-social-care, childrens-services, send, schools\n"
    "  --channel CHANNEL     phone, email, letter, web-form, in-person, social-media\n"
    "  --anonymous, --staff, --legal-proceedings, --insurance-claim\n"
    "                        facts of the record that exclusions depend on\n"
    "  --kind KIND, --procedure ID, --exclusion ID\n"
    "                        a handler's decisions, used instead of the automatic ones\n";

/* The routing options: the policy and the record's fields. */
typedef struct route_opts {
    const ukc_policy *policy; /* NULL: no routing */
    ukc_policy *owned;
    ukc_feedback_record rec;
} route_opts;

static const char *const valued_opts[] = {"file", "tsv", "council", "received", "aware", "events",
                                          "service-area", "channel", "kind", "procedure",
                                          "exclusion", NULL};
static const char *const flag_opts[] = {"json", "anonymous", "staff", "legal-proceedings",
                                        "insurance-claim", NULL};

static bool in_list(const char *const *list, const char *s, size_t n)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncmp(list[i], s, n) == 0)
            return true;
    return false;
}

static int optional_date(const cli_args *a, const char *name, ukc_date *out)
{
    *out = UKC_NO_DATE;
    return cli_opt(a, name) ? cli_date(a, name, out) : 0;
}

static int route_setup(const cli_args *a, route_opts *ro)
{
    ukc_feedback_record_init(&ro->rec, UKC_FEEDBACK_RECORD_VERSION);
    const char *council = cli_opt(a, "council");
    if (!council) {
        static const char *const needs[] = {"received", "aware", "events", "service-area",
                                            "channel", "kind", "procedure", "exclusion", NULL};
        for (size_t i = 0; needs[i]; i++)
            if (cli_opt(a, needs[i]))
                return cli_usage(a, usage, "--%s needs --council", needs[i]);
        return 0;
    }
    if (strchr(council, '/') || strstr(council, ".json")) {
        if (ukc_policy_load_file(council, &ro->owned) != UKC_OK)
            return cli_fail("classify");
        ro->policy = ro->owned;
    } else if (ukc_policy_builtin(council, &ro->policy) != UKC_OK) {
        return cli_fail("classify");
    }
    ukc_feedback_record *r = &ro->rec;
    int rc = optional_date(a, "received", &r->received);
    if (!rc)
        rc = optional_date(a, "aware", &r->aware);
    if (!rc)
        rc = optional_date(a, "events", &r->events);
    const char *channel = cli_opt(a, "channel");
    ukc_channel ch = UKC_CHANNEL_UNKNOWN;
    if (!rc && channel && ukc_channel_from_name(channel, &ch) != UKC_OK)
        rc = cli_usage(a, usage, "unknown channel '%s'", channel);
    r->channel = ch;
    r->service_area = cli_opt(a, "service-area");
    r->kind = cli_opt(a, "kind");
    r->procedure = cli_opt(a, "procedure");
    r->exclusion = cli_opt(a, "exclusion");
    r->anonymous = cli_flag(a, "anonymous");
    r->staff = cli_flag(a, "staff");
    r->legal_proceedings = cli_flag(a, "legal-proceedings");
    r->insurance_claim = cli_flag(a, "insurance-claim");
    if (rc)
        ukc_policy_free(ro->owned);
    return rc;
}

static void print_answer(const char *label, const ukc_routing_answer *ans)
{
    printf("%-11s %s [%s %s, %s]\n", label, ans->text, ans->code, ans->slug,
           ukc_routing_state_name(ans->state));
    if (*ans->citation->document)
        printf("            cited: %s, \"%s\": \"%s\"\n", ans->citation->document,
               ans->citation->section, ans->citation->quote);
}

static void print_routing_text(const ukc_routing *r)
{
    const ukc_policy *p = ukc_routing_policy(r);
    printf("routing under %s (%s):\n", ukc_policy_council(p), ukc_policy_id(p));
    print_answer("kind:", ukc_routing_kind_answer(r));
    print_answer("route:", ukc_routing_route_answer(r));
    print_answer("procedure:", ukc_routing_procedure_answer(r));
    const ukc_routing_limit *lim = ukc_routing_time_limit(r);
    print_answer("time limit:", lim->answer);
    if (*lim->exception && !lim->in_time && lim->last_day != UKC_NO_DATE)
        printf("            exception: %s\n", lim->exception);
    size_t n = ukc_routing_obligation_count(r);
    for (size_t i = 0; i < n; i++) {
        const ukc_routing_obligation *o = ukc_routing_obligation_at(r, i);
        print_answer(i == 0 ? "deadlines:" : "", o->answer);
    }
    if (n == 0)
        printf("deadlines:  none under this policy\n");
}

/* Read a whole stream; at most one byte more than the library accepts, so that an
 * oversize message is refused by the library with its own error. */
static char *read_all(FILE *f, size_t *len)
{
    size_t cap = 4096, n = 0, limit = UKC_CLASSIFY_MAX_LENGTH + 1;
    char *buf = malloc(cap);
    while (buf) {
        size_t want = cap - n < limit - n ? cap - n : limit - n;
        size_t got = fread(buf + n, 1, want, f);
        n += got;
        if (got < want || n == limit)
            break;
        char *p = realloc(buf, cap * 2);
        if (!p) {
            free(buf);
            return NULL;
        }
        buf = p;
        cap *= 2;
    }
    if (buf && ferror(f)) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* Print text with the spans of the evidence marked: bold on a terminal, [brackets] otherwise. */
static void print_highlighted(const char *text, size_t len, const ukc_classification *c, bool tty)
{
    size_t n = ukc_classification_evidence_count(c), pos = 0;
    const char *open = tty ? "\033[1;33m" : "[", *close = tty ? "\033[0m" : "]";
    while (pos < len) {
        /* The next span that starts at or after pos, merged with the spans it overlaps. */
        size_t start = len, end = len;
        for (size_t i = 0; i < n; i++) {
            const ukc_evidence *e = ukc_classification_evidence(c, i);
            if (e->start >= pos && e->start < start)
                start = e->start, end = e->end;
        }
        for (bool grew = true; grew && start < len;) {
            grew = false;
            for (size_t i = 0; i < n; i++) {
                const ukc_evidence *e = ukc_classification_evidence(c, i);
                if (e->start >= start && e->start < end && e->end > end)
                    end = e->end, grew = true;
            }
        }
        fwrite(text + pos, 1, start - pos, stdout);
        if (start == len)
            break;
        printf("%s", open);
        fwrite(text + start, 1, end - start, stdout);
        printf("%s", close);
        pos = end;
    }
    printf("\n");
}

static void print_text_report(const char *text, size_t len, const ukc_classification *c)
{
    ukc_feedback_kind kind = ukc_classification_kind(c);
    const char *route = ukc_classification_route(c);
    ukc_id reason = ukc_classification_reason(c);
    printf("kind:     %s\n", ukc_feedback_kind_name(kind));
    printf("route:    %s\n", route ? route : "-");
    printf("reason:   %s %s\n", ukc_id_code(reason), ukc_id_slug(reason));
    if (reason == UKC_C058_DECIDED_WEIGHED) {
        const char *rule_route = ukc_classification_rule_route(c);
        printf("rule:     %s%s%s%s (the cues alone)\n",
               ukc_feedback_kind_name(ukc_classification_rule_kind(c)), rule_route ? " (" : "",
               rule_route ? rule_route : "", rule_route ? ")" : "");
    }
    bool weighed = false;
    for (int k = 0; k < UKC_FEEDBACK_KIND_COUNT; k++)
        weighed |= ukc_classification_probability(c, (ukc_feedback_kind)k) > 0;
    if (weighed) {
        printf("model:   ");
        for (int k = 0; k < UKC_FEEDBACK_KIND_COUNT; k++) {
            double p = ukc_classification_probability(c, (ukc_feedback_kind)k);
            if (p > 0)
                printf(" %s %.2f", ukc_feedback_kind_name((ukc_feedback_kind)k), p);
        }
        printf("%s\n", ukc_classification_uncertain(c) ? " (uncertain)" : "");
    }
    size_t nc = ukc_classification_contribution_count(c);
    if (nc) {
        printf("weighed:  for %s against %s (value x (weight - runner-up's weight))\n",
               ukc_feedback_kind_name(kind),
               ukc_feedback_kind_name(ukc_classification_runner_up(c)));
        for (size_t i = 0; i < nc; i++) {
            const ukc_contribution *o = ukc_classification_contribution(c, i);
            if (o->has_span)
                printf("  %-7s %6zu..%-6zu %-18s \"%s\"  %+.2f x (%+.2f - %+.2f) = %+.2f\n",
                       o->group, o->start, o->end, o->feature, o->text, o->value, o->weight,
                       o->runner_up_weight, o->contribution);
            else
                printf("  %-7s %14s %-18s  %+.2f x (%+.2f - %+.2f) = %+.2f\n", o->group, "",
                       o->feature, o->value, o->weight, o->runner_up_weight, o->contribution);
        }
    }
    printf("scores:  ");
    for (int k = 0; k < UKC_FEEDBACK_KIND_COUNT; k++)
        printf(" %s %.2f", ukc_feedback_kind_name((ukc_feedback_kind)k),
               ukc_classification_score(c, (ukc_feedback_kind)k));
    printf("\nareas:   ");
    size_t na = ukc_classification_area_count(c);
    for (size_t i = 0; i < na; i++)
        printf(" %s", ukc_classification_area(c, i));
    printf("%s\nevidence:\n", na ? "" : " -");
    size_t n = ukc_classification_evidence_count(c);
    for (size_t i = 0; i < n; i++) {
        const ukc_evidence *e = ukc_classification_evidence(c, i);
        char what[64];
        bool area = e->id == UKC_C020_SERVICE_AREA;
        snprintf(what, sizeof what, "%s%s%s", e->category, area ? ":" : "", area ? e->detail : "");
        printf("  %s %-30s %5zu..%-5zu \"%s\"", e->code, what, e->start, e->end, e->text);
        if (e->negated)
            printf(" negated by \"%.*s\"", (int)(e->negation_end - e->negation_start),
                   text + e->negation_start);
        if (e->counted)
            printf(" (+%.2f %s)", e->weight, ukc_feedback_kind_name(e->counts_for));
        printf("\n");
    }
    if (n == 0)
        printf("  (none)\n");
    printf("text:\n  ");
    print_highlighted(text, len, c, isatty(STDOUT_FILENO));
}

/* Classify one message and print it; with --council, route it under the policy too
 * (ukc_route_feedback classifies the text itself and keeps the classification). */
static int classify_one(const char *text, size_t len, bool json, route_opts *ro)
{
    ukc_classification *owned = NULL;
    const ukc_classification *c;
    ukc_routing *r = NULL;
    if (ro->policy) {
        ro->rec.text = text;
        ro->rec.text_len = len;
        if (ukc_route_feedback(ro->policy, &ro->rec, &r) != UKC_OK)
            return cli_fail("classify");
        c = ukc_routing_classification(r);
    } else {
        if (ukc_classify_text(text, len, NULL, &owned) != UKC_OK)
            return cli_fail("classify");
        c = owned;
    }
    int rc = 0;
    if (json) {
        char *out = NULL, *rout = NULL;
        if (ukc_classification_to_json(c, &out) != UKC_OK ||
            (r && ukc_routing_to_json(r, &rout) != UKC_OK))
            rc = cli_fail("classify");
        else if (r)
            printf("{\"classification\": %s,\n\"routing\": %s}\n", out, rout);
        else
            printf("%s\n", out);
        ukc_free(out);
        ukc_free(rout);
    } else {
        print_text_report(text, len, c);
        if (r)
            print_routing_text(r);
    }
    ukc_classification_free(owned);
    ukc_routing_free(r);
    return rc;
}

/* One line of at most max bytes into buf (its line end dropped), or -1 at the
 * end of input. A longer line is read to its end and not kept: *too_long. */
static ssize_t read_line(FILE *f, char *buf, size_t max, bool *too_long)
{
    size_t n = 0;
    int c;
    *too_long = false;
    while ((c = getc(f)) != EOF && c != '\n') {
        if (n < max)
            buf[n++] = (char)c;
        else
            *too_long = true;
    }
    if (c == EOF && n == 0 && !*too_long)
        return -1;
    return (ssize_t)n;
}

static int classify_lines(const cli_args *a, const char *path)
{
    int rc = 0;
    FILE *f = cli_open(a, path, "r", &rc);
    if (!f)
        return rc;
    /* A line is one message: at most the classifier's limit, so memory stays
     * bounded whatever the input. */
    char *line = malloc(UKC_CLASSIFY_MAX_LENGTH + 1);
    if (!line) {
        cli_close(f);
        fprintf(stderr, "ukc classify: error: out of memory\n");
        return UKC_EXIT_USAGE;
    }
    ssize_t n;
    bool too_long;
    long lineno = 0;
    while ((n = read_line(f, line, UKC_CLASSIFY_MAX_LENGTH + 1, &too_long)) >= 0) {
        lineno++;
        if (too_long || n > (ssize_t)UKC_CLASSIFY_MAX_LENGTH + 1 ||
            (n == (ssize_t)UKC_CLASSIFY_MAX_LENGTH + 1 && line[n - 1] != '\r')) {
            fprintf(stderr, "ukc classify: %s:%ld: error: the line is longer than %zu bytes\n",
                    path, lineno, (size_t)UKC_CLASSIFY_MAX_LENGTH);
            rc = 1;
            continue;
        }
        while (n > 0 && line[n - 1] == '\r')
            n--;
        ukc_classification *c;
        if (ukc_classify_text(line, (size_t)n, NULL, &c) != UKC_OK) {
            const ukc_error *e = ukc_last_error();
            fprintf(stderr, "ukc classify: %s:%ld: error: %s\n", path, lineno, e->message);
            rc = 1;
            continue;
        }
        ukc_feedback_kind kind = ukc_classification_kind(c);
        const char *route = ukc_classification_route(c);
        printf("%ld\t%s\t%s\t%.2f\n", lineno, ukc_feedback_kind_name(kind), route ? route : "-",
               ukc_classification_score(c, kind));
        ukc_classification_free(c);
    }
    free(line);
    cli_close(f);
    return rc;
}

/* The message words: every argument that is not an option, joined by spaces. */
static char *join_words(const cli_args *a, size_t *len)
{
    size_t total = 0;
    for (int i = 0; i < a->argc; i++)
        total += strlen(a->argv[i]) + 1;
    char *text = malloc(total + 1), *p = text;
    if (!text)
        return NULL;
    bool dashdash = false;
    for (int i = 0; i < a->argc; i++) {
        const char *s = a->argv[i];
        if (!dashdash && strcmp(s, "--") == 0) {
            dashdash = true;
            continue;
        }
        if (!dashdash && strncmp(s, "--", 2) == 0) {
            /* An option; one that takes a value and has no '=' also takes the next word. */
            if (!strchr(s, '=') && in_list(valued_opts, s + 2, strlen(s) - 2))
                i++;
            continue;
        }
        if (p != text)
            *p++ = ' ';
        size_t n = strlen(s);
        memcpy(p, s, n);
        p += n;
    }
    *p = '\0';
    *len = (size_t)(p - text);
    return text;
}

int cmd_classify(const cli_args *a)
{
    if (cli_flag(a, "help")) {
        printf("usage: %s\n%s", usage, help);
        return 0;
    }
    const char *file = cli_opt(a, "file"), *tsv = cli_opt(a, "tsv");
    bool json = cli_flag(a, "json");
    int words = 0;
    for (int i = 0; i < a->argc; i++) {
        const char *s = a->argv[i];
        const char *eq = strncmp(s, "--", 2) == 0 ? strchr(s, '=') : NULL;
        size_t n = strncmp(s, "--", 2) == 0 ? (eq ? (size_t)(eq - s) : strlen(s)) - 2 : 0;
        if (strcmp(s, "--") == 0)
            words += a->argc - i - 1, i = a->argc;
        else if (n && !eq && in_list(valued_opts, s + 2, n))
            i++;
        else if (n && !(eq ? in_list(valued_opts, s + 2, n) : in_list(flag_opts, s + 2, n)))
            return cli_usage(a, usage, "unexpected option '%s'", s);
        else if (strncmp(s, "--", 2) != 0)
            words++;
    }
    if ((file != NULL) + (tsv != NULL) + (words > 0) != 1)
        return cli_usage(a, usage, "give the text, --file PATH, - or --tsv FILE (exactly one)");
    if (tsv)
        return classify_lines(a, tsv);
    route_opts ro = {0};
    int rc = route_setup(a, &ro);
    if (rc)
        return rc;
    size_t len;
    char *text;
    bool from_stdin = !file && words == 1 && strcmp(a->argv[a->argc - 1], "-") == 0;
    if (file || from_stdin) {
        FILE *f = cli_open(a, from_stdin ? "-" : file, "rb", &rc);
        if (!f) {
            ukc_policy_free(ro.owned);
            return rc;
        }
        text = read_all(f, &len);
        cli_close(f);
    } else {
        text = join_words(a, &len);
    }
    if (!text) {
        fprintf(stderr, "ukc classify: error: cannot read the text\n");
        ukc_policy_free(ro.owned);
        return 1;
    }
    rc = classify_one(text, len, json, &ro);
    free(text);
    ukc_policy_free(ro.owned);
    return rc;
}
