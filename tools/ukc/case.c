/* ukc case: run a case script under a built-in policy, printing the decision on
 * every event and the obligations at the end. Shows ukc_case_open(),
 * ukc_case_apply() and ukc_case_obligations(). The script format is in
 * docs/cases.md. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] = "ukc case [--as-of DATE] [--explain[=full]] [--json] [FILE|-]";

#define MAX_TOKENS 32
#define MAX_LINE 4096

/* Split a line into words; "double quoted" words may hold spaces (key="a b"). */
static int tokenize(char *line, char **tok, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#')
            return n;
        if (n == max)
            return -1;
        char *out = p;
        tok[n++] = p;
        bool quoted = false;
        while (*p && (quoted || (*p != ' ' && *p != '\t'))) {
            if (*p == '"')
                quoted = !quoted;
            else
                *out++ = *p;
            p++;
        }
        if (quoted)
            return -2;
        bool end = !*p;
        *out = '\0';
        if (end)
            return n;
        p++;
    }
}

typedef struct run {
    const cli_args *a;
    bool json;
    int explain; /* CLI_EXPLAIN_NONE, _COMPACT or _FULL */
    int line;
    int decisions; /* printed so far (JSON commas) */
    int refused;
} run;

static int script_error(const run *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static int script_error(const run *r, const char *fmt, ...)
{
    va_list ap;
    char msg[8192], safe[16384]; /* it quotes the script: no control character passes */
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s: error: line %d: %s\n", r->a->prog, r->line,
            cli_safe(msg, safe, sizeof safe));
    return UKC_EXIT_USAGE;
}

static int parse_date(const run *r, const char *s, ukc_date *out)
{
    if (ukc_date_parse(s, out) != UKC_OK)
        return script_error(r, "'%s' is not a date (YYYY-MM-DD)", s);
    return 0;
}

/* key=value fields of an event line. */
static int parse_field(const run *r, char *tok, ukc_case_event *ev)
{
    char *eq = strchr(tok, '=');
    if (!eq)
        return script_error(r, "'%s': expected key=value", tok);
    *eq = '\0';
    const char *v = eq + 1;
    if (strcmp(tok, "delivery") == 0) {
        if (ukc_delivery_from_name(v, &ev->delivery) != UKC_OK)
            return script_error(r, "unknown delivery method '%s' (email, first-class-post, "
                                   "second-class-post, hand)", v);
        ev->has_delivery = true;
    } else if (strcmp(tok, "reasons") == 0) {
        ev->reasons = v;
    } else if (strcmp(tok, "ground") == 0) {
        ev->ground = v;
    } else if (strcmp(tok, "method") == 0) {
        ev->method = v;
    } else if (strcmp(tok, "body") == 0) {
        ev->body = v;
    } else if (strcmp(tok, "note") == 0) {
        ev->note = v;
    } else if (strcmp(tok, "days") == 0) {
        char *end;
        long n = strtol(v, &end, 10);
        if (!*v || *end || n < 1 || n > 10000)
            return script_error(r, "days='%s': expected a whole number 1..10000", v);
        ev->days = (int32_t)n;
    } else {
        return script_error(r, "unknown field '%s'", tok);
    }
    return 0;
}

static void print_citation(const ukc_citation *c)
{
    if (*c->document)
        printf("    source: %s, \"%s\": \"%s\"\n", c->document, c->section, c->quote);
}

static int print_decision(run *r, const ukc_case_event *ev, const ukc_decision *d)
{
    char iso[UKC_DATE_BUFSIZE];
    ukc_date_format(ev->date, iso, sizeof iso);
    if (!d->allowed)
        r->refused++;
    if (r->json) {
        /* The library's object, with the script's line number put first. */
        char *json;
        if (ukc_decision_to_json(ev, d, &json) != UKC_OK)
            return cli_fail("decision");
        printf("%s\n    {\"line\":%d,%s", r->decisions++ ? "," : "", r->line, json + 1);
        ukc_free(json);
        return 0;
    }
    char msg[4096]; /* the message may quote the script: no control character passes */
    const char *m = cli_safe(d->message, msg, sizeof msg);
    if (d->allowed && *d->code) /* allowed, with a warning */
        printf("%s %-18s allowed  %s %s: %s\n", iso, ukc_event_kind_name(ev->kind), d->code,
               d->slug, m);
    else if (d->allowed)
        printf("%s %-18s allowed  %s\n", iso, ukc_event_kind_name(ev->kind), m);
    else
        printf("%s %-18s REFUSED  %s %s: %s\n", iso, ukc_event_kind_name(ev->kind), d->code,
               d->slug, m);
    print_citation(&d->citation);
    return 0;
}

static void print_obligation(const run *r, const ukc_case_obligation *o)
{
    char due[UKC_DATE_BUFSIZE], met[UKC_DATE_BUFSIZE] = "";
    ukc_date_format(o->due, due, sizeof due);
    if (o->met)
        ukc_date_format(o->met, met, sizeof met);
    printf("  %-34s %-8s due %s  %s", o->id, ukc_party_name(o->party), due,
           ukc_obligation_state_name(o->state));
    if (o->state == UKC_STATE_MET || (o->state == UKC_STATE_MISSED && o->met))
        printf(" on %s", met);
    if (o->state == UKC_STATE_MISSED)
        printf(" (%d working day%s late)", (int)o->late_by, o->late_by == 1 ? "" : "s");
    printf("\n");
    if (r->explain && o->explanation) {
        const char *t = ukc_explanation_text(o->explanation);
        while (*t) {
            const char *nl = strchr(t, '\n');
            size_t n = nl ? (size_t)(nl - t) : strlen(t);
            printf("      %.*s\n", (int)n, t);
            t += n + (nl ? 1 : 0);
        }
    }
}

static int open_case(run *r, char **tok, int n, const ukc_policy **policy, ukc_case **c)
{
    ukc_case_options opts = UKC_CASE_OPTIONS_INIT;
    const char *channel = NULL;
    ukc_date received;
    int rc;
    if (n < 5 || strcmp(tok[0], "open") != 0)
        return script_error(r, "%s", "the first line must be: open POLICY PROCEDURE KIND DATE "
                                     "[channel=NAME] [suspension=pause|restart]");
    if ((rc = parse_date(r, tok[4], &received)))
        return rc;
    for (int i = 5; i < n; i++) {
        if (strncmp(tok[i], "channel=", 8) == 0)
            channel = tok[i] + 8;
        else if (strncmp(tok[i], "suspension=", 11) == 0) {
            ukc_suspension mode;
            if (ukc_suspension_from_name(tok[i] + 11, &mode) != UKC_OK)
                return script_error(r, "unknown suspension option '%s' (pause, restart)",
                                    tok[i] + 11);
            opts.suspension = mode;
        } else
            return script_error(r, "unknown open field '%s'", tok[i]);
    }
    if (ukc_policy_builtin(tok[1], policy) != UKC_OK)
        return cli_fail(tok[1]);
    const char *proc = strcmp(tok[2], "-") == 0 ? NULL : tok[2];
    if (ukc_case_open(*policy, proc, tok[3], received, channel, &opts, c) != UKC_OK)
        return cli_fail("open");
    if (r->json) {
        printf("{\n  \"policy\":");
        cli_json_string(tok[1]);
        printf(",\n  \"procedure\":");
        cli_json_string(proc ? proc : "");
        printf(",\n  \"kind\":");
        cli_json_string(tok[3]);
        printf(",\n  \"received\":\"%s\",\n  \"decisions\":[", tok[4]);
    } else {
        char ch[1024], pr[256], kd[256];
        printf("%s %-18s opened   %s, %s, %s%s%s\n", tok[4], "open", ukc_policy_council(*policy),
               proc ? cli_safe(proc, pr, sizeof pr) : "(the kind's own route)",
               cli_safe(tok[3], kd, sizeof kd), channel ? ", by " : "",
               channel ? cli_safe(channel, ch, sizeof ch) : "");
    }
    return 0;
}

static int event_line(run *r, ukc_case *c, char **tok, int n)
{
    ukc_case_event ev = UKC_CASE_EVENT_INIT;
    ukc_decision d;
    int rc;
    if (n < 2)
        return script_error(r, "%s", "expected: DATE EVENT [key=value ...]");
    if ((rc = parse_date(r, tok[0], &ev.date)))
        return rc;
    if (ukc_event_kind_from_name(tok[1], &ev.kind) != UKC_OK)
        return script_error(r, "unknown event '%s'", tok[1]);
    for (int i = 2; i < n; i++)
        if ((rc = parse_field(r, tok[i], &ev)))
            return rc;
    if (ukc_case_apply(c, &ev, &d) != UKC_OK)
        return cli_fail("apply");
    return print_decision(r, &ev, &d);
}

static int finish(run *r, const ukc_case *c, const char *as_of_text)
{
    ukc_date as_of;
    const ukc_case_event *events;
    size_t count;
    int rc;
    ukc_case_history(c, &events, &count);
    as_of = count ? events[count - 1].date : ukc_case_received(c);
    if (as_of_text && (rc = parse_date(r, as_of_text, &as_of)))
        return rc;
    unsigned flags = r->explain == CLI_EXPLAIN_FULL ? UKC_OBLIGATIONS_EXPLAIN_FULL
                     : r->explain || r->json        ? UKC_OBLIGATIONS_EXPLAIN
                                                    : 0;
    if (r->json) {
        /* The library's object (as_of, status, stage, obligations) ends the document. */
        char *json;
        if (ukc_case_obligations_to_json(c, as_of, flags, &json) != UKC_OK)
            return cli_fail("obligations");
        printf("\n  ],\n  %s\n", json + 1);
        ukc_free(json);
        return r->refused ? 1 : 0;
    }
    ukc_obligations *list;
    if (ukc_case_obligations(c, as_of, flags, &list) != UKC_OK)
        return cli_fail("obligations");
    char iso[UKC_DATE_BUFSIZE];
    ukc_date_format(as_of, iso, sizeof iso);
    const ukc_stage *stage = ukc_case_stage(c);
    printf("\nstatus: %s%s%s\nobligations as of %s:\n",
           ukc_case_status_name(ukc_case_status_of(c)), stage ? " at " : "",
           stage ? stage->id : "", iso);
    for (size_t i = 0; i < ukc_obligations_count(list); i++)
        print_obligation(r, ukc_obligations_at(list, i));
    if (ukc_obligations_count(list) == 0)
        printf("  (none)\n");
    ukc_obligations_free(list);
    return r->refused ? 1 : 0;
}

/* The script's path: the one argument that is neither an option nor an option's value. */
static int script_path(const cli_args *a, const char **path)
{
    *path = NULL;
    for (int i = 0; i < a->argc; i++) {
        const char *arg = a->argv[i];
        if (strncmp(arg, "--", 2) == 0 && arg[2]) {
            i += strcmp(arg, "--as-of") == 0;
            continue;
        }
        if (*path)
            return cli_usage(a, usage, "more than one script given");
        *path = arg;
    }
    return 0;
}

int cmd_case(const cli_args *a)
{
    static const char *const valued[] = { "as-of", NULL };
    static const char *const flags[] = { "explain=", "json", "help", NULL };
    const char *path;
    int rc;
    if (cli_flag(a, "help")) {
        printf("usage: %s\n\nRuns a case script (from FILE, or stdin when FILE is - or absent):\n"
               "  open POLICY PROCEDURE KIND DATE [channel=NAME] [suspension=pause|restart]\n"
               "  DATE EVENT [key=value ...]\n"
               "EVENT is one of acknowledge, respond, holding-reply, progress-update,\n"
               "request-escalation, accept-escalation, refuse-escalation, extend, suspend,\n"
               "resume, withdraw, reopen, contact-attempt, discontinue, restrict, refer,\n"
               "close, panel, report, notify, contact-methods; keys are delivery, reasons, ground, method,\n"
               "body, days and note (\"quote\" values with spaces). Prints each decision and\n"
               "the obligations as of the last event (or --as-of DATE); exits 1 when an\n"
               "event was refused. --explain adds each due date's explanation (the rule, the\n"
               "start, the non-working days skipped, the result); --explain=full adds every\n"
               "working day counted. See docs/cases.md.\n",
               usage);
        return 0;
    }
    if ((rc = script_path(a, &path)))
        return rc;
    cli_args opts = *a;
    char *kept[64];
    int nk = 0;
    for (int i = 0; i < a->argc && nk < 64; i++)
        if (a->argv[i] != path)
            kept[nk++] = a->argv[i];
    opts.argc = nk;
    opts.argv = kept;
    if ((rc = cli_check(&opts, valued, flags)))
        return rc;
    FILE *f = stdin;
    if (path && strcmp(path, "-") != 0 && !(f = fopen(path, "r"))) {
        fprintf(stderr, "%s: error: cannot open '%s'\n", a->prog, path);
        return UKC_EXIT_USAGE;
    }
    run r = { a, cli_flag(a, "json"), CLI_EXPLAIN_NONE, 0, 0, 0 };
    if ((rc = cli_explain(a, &r.explain)))
        return rc;
    const ukc_policy *policy = NULL;
    ukc_case *c = NULL;
    char line[MAX_LINE], *tok[MAX_TOKENS];
    rc = 0;
    while (!rc && fgets(line, sizeof line, f)) {
        r.line++;
        size_t len = strlen(line);
        /* fgets() stops only at a line end, a full buffer or the end of input:
         * anything else means a NUL byte cut the line short. */
        if ((len == 0 || line[len - 1] != '\n') && !feof(f)) {
            if (len == sizeof line - 1)
                rc = script_error(&r, "the line is longer than %d bytes", MAX_LINE - 1);
            else
                rc = script_error(&r, "%s", "the line holds a NUL byte");
            break;
        }
        line[strcspn(line, "\r\n")] = '\0';
        int n = tokenize(line, tok, MAX_TOKENS);
        if (n < 0)
            rc = script_error(&r, "%s", n == -1 ? "too many words" : "unterminated quote");
        else if (n == 0)
            continue;
        else if (!c)
            rc = open_case(&r, tok, n, &policy, &c);
        else
            rc = event_line(&r, c, tok, n);
    }
    if (f != stdin)
        fclose(f);
    if (!rc && !c)
        rc = script_error(&r, "%s", "the script is empty: it must start with an open line");
    if (!rc)
        rc = finish(&r, c, cli_opt(a, "as-of"));
    ukc_case_free(c);
    return rc;
}
