/* ukc audit: recompute every deadline of a CRM export under a council's
 * policy and report what was met and missed. Shows streaming many cases
 * through ukc_case_open(), ukc_case_apply() and ukc_case_obligations().
 * The input formats and outputs are described in docs/audit.md. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "../cli.h"

static const char usage[] =
    "ukc audit --council NAME|PATH [--columns MAP] [--as-of DATE] [--out FILE.csv] "
    "[--jsonl FILE] [--errors FILE] [--findings FILE] [--html FILE] [--calendar-feed FILE] "
    "[--delivery METHOD] [--window N] [--quiet] [--json] INPUT.csv|-";

static const char *const valued[] = { "council",  "columns",  "as-of",         "out",
                                      "jsonl",    "errors",   "findings",      "html",
                                      "delivery", "window",   "calendar-feed", NULL };
static const char *const flags[] = { "help", "quiet", "json", NULL };

static void help(void)
{
    printf("usage: %s\n\n"
           "Reads an event log (case_id,procedure,kind,date,event[,method,reason,ground,...])\n"
           "or, with --columns, a wide export (one row per case, one column per event date,\n"
           "e.g. --columns 'case_id=Ref,received=Date Received,acknowledge=Ack Sent,"
           "respond=Response Date'),\n"
           "recomputes every deadline under the council's policy, and reports each\n"
           "obligation as met, missed or open with its explanation.\n\n"
           "  --council NAME|PATH  a built-in policy (kent, warwickshire, derby,\n"
           "                       unnamed-unitary-004) or a policy JSON file\n"
           "  --as-of DATE         what is still open is judged at DATE (default: today)\n"
           "  --out FILE.csv       one row per obligation\n"
           "  --jsonl FILE         obligations, findings and rejected rows as JSON Lines\n"
           "  --errors FILE        rejected rows: line, case_id, why\n"
           "  --findings FILE      refused events: reason ID, message, citation\n"
           "  --html FILE          a self-contained report for an audit committee\n"
           "  --calendar-feed FILE a newer GOV.UK bank-holidays.json to work deadlines out on\n"
           "  --delivery METHOD    how responses without a method column were sent\n"
           "                       (default email)\n"
           "  --window N           rows to keep a case after its close event (default 1000)\n"
           "  --json               the summary on standard output as one JSON object\n"
           "                       (the calendar note then goes to standard error)\n\n"
           "Exit status: 0 every row read, 1 some rows rejected, 2 usage or unreadable input.\n"
           "See docs/audit.md.\n",
           usage);
}

/* The one argument that is not an option. */
static int input_arg(const cli_args *a, const char **out)
{
    *out = NULL;
    for (int i = 0; i < a->argc; i++) {
        const char *s = a->argv[i];
        if (strcmp(s, "-") != 0 && strncmp(s, "--", 2) == 0) {
            bool has_value = strchr(s, '=') != NULL;
            for (size_t j = 0; valued[j] && !has_value; j++)
                if (strcmp(s + 2, valued[j]) == 0)
                    i++;
            continue;
        }
        if (*out)
            return cli_usage(a, usage, "more than one input file ('%s' and '%s')", *out, s);
        *out = s;
    }
    if (!*out)
        return cli_usage(a, usage, "an input file is required (or - for standard input)");
    return 0;
}

/* Options only: drop the input before cli_check(). */
static int check_options(const cli_args *a, const char *input)
{
    char **argv = malloc(((size_t)a->argc + 1) * sizeof *argv);
    int n = 0;
    if (!argv)
        return UKC_EXIT_USAGE;
    for (int i = 0; i < a->argc; i++)
        if (a->argv[i] != input)
            argv[n++] = a->argv[i];
    cli_args b = { n, argv, a->prog };
    int rc = cli_check(&b, valued, flags);
    free(argv);
    return rc;
}

static bool is_path(const char *s)
{
    struct stat st;
    return strchr(s, '/') || strstr(s, ".json") || (stat(s, &st) == 0 && S_ISREG(st.st_mode));
}

static int load_policy(const cli_args *a, const ukc_policy **policy, ukc_policy **owned)
{
    const char *name = cli_opt(a, "council");
    *owned = NULL;
    if (!name)
        return cli_usage(a, usage, "--council is required: kent, warwickshire, derby, "
                                   "unnamed-unitary-004, or a policy JSON file");
    if (ukc_policy_builtin(name, policy) == UKC_OK)
        return 0;
    if (!is_path(name))
        return cli_fail("--council");
    if (ukc_policy_load_file(name, owned) != UKC_OK)
        return cli_fail(name);
    *policy = *owned;
    return 0;
}

static ukc_date today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    ukc_date d = 0;
    localtime_r(&t, &tm);
    ukc_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &d);
    return d;
}

/* Load a newer GOV.UK feed for the policy's calendar: every deadline is then
 * worked out on it. Says which days differ from the built-in calendar, so the
 * report shows what the newer list changed. */
static int load_feed(const ukc_policy *policy, const char *path, ukc_calendar **out,
                     FILE *report)
{
    const ukc_calendar *base;
    ukc_calendar *feed;
    *out = NULL;
    if (ukc_policy_calendar(policy, &base) != UKC_OK)
        return cli_fail("--council");
    if (ukc_calendar_from_govuk_file(path, ukc_calendar_name(base), &feed) != UKC_OK)
        return cli_fail(path);
    int until = ukc_calendar_published_until(feed);
    ukc_date from, to;
    ukc_date_from_ymd(until - 9, 1, 1, &from);
    ukc_date_from_ymd(until, 12, 31, &to);
    unsigned differ = 0;
    char first[UKC_DATE_BUFSIZE] = "";
    for (ukc_date d = from; d <= to; d++) {
        bool x = false, y = false;
        if (ukc_calendar_is_working_day(base, d, &x) != UKC_OK ||
            ukc_calendar_is_working_day(feed, d, &y) != UKC_OK)
            continue;
        if (x != y && !differ++)
            ukc_date_format(d, first, sizeof first);
    }
    if (differ)
        fprintf(report,
                "calendar: %s, which differs from the built-in %s calendar on %u day(s) in "
                "%d-%d (the first: %s); deadlines are worked out on the feed\n",
                path, ukc_calendar_name(base), differ, until - 9, until, first);
    else
        fprintf(report, "calendar: %s, which agrees with the built-in %s calendar for %d-%d\n",
                path, ukc_calendar_name(base), until - 9, until);
    *out = feed;
    return 0;
}

static FILE *open_out(const cli_args *a, const char *name, int *rc)
{
    const char *path = cli_opt(a, name);
    if (!path || *rc)
        return NULL;
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "%s: error: cannot write --%s '%s': %s\n", a->prog, name, path,
                strerror(errno));
        *rc = UKC_EXIT_USAGE;
    }
    return f;
}

typedef struct run {
    audit_engine *engine;
    audit_out *out;
    unsigned long long cases;
} run;

static void on_finish(void *ctx, const audit_group *g)
{
    run *r = ctx;
    r->cases++;
    audit_engine_case(r->engine, g);
}

static void on_reject(void *ctx, long line, const char *case_id, const char *why)
{
    run *r = ctx;
    audit_out_reject(r->out, line, case_id, why);
}

static int stream(const cli_args *a, FILE *in, const char *input, audit_log *log, run *r,
                  unsigned long long *rows)
{
    csv_reader *csv = csv_reader_new(in);
    csv_record rec;
    char err[512];
    bool progress = isatty(STDERR_FILENO) && !cli_flag(a, "quiet");
    int k;

    if (!csv) {
        fprintf(stderr, "%s: error: out of memory\n", a->prog);
        return UKC_EXIT_USAGE;
    }
    k = csv_read(csv, &rec);
    if (k != CSV_RECORD) {
        fprintf(stderr, "%s: error: %s: %s\n", a->prog, input,
                k == CSV_EOF  ? "the input is empty: a header row is needed"
                : k == CSV_IO ? "cannot read the input"
                              : rec.error);
        csv_reader_free(csv);
        return UKC_EXIT_USAGE;
    }
    if (audit_log_header(log, &rec, err, sizeof err) != 0) {
        fprintf(stderr, "%s: error: %s: %s\n", a->prog, input, err);
        csv_reader_free(csv);
        return UKC_EXIT_USAGE;
    }
    while ((k = csv_read(csv, &rec)) == CSV_RECORD || k == CSV_BAD) {
        audit_log_record(log, k, &rec);
        if (progress && (++*rows & 0xFFFF) == 0)
            fprintf(stderr, "\rukc audit: %llu rows, %llu cases done, %zu open", *rows,
                    r->cases, audit_log_open_cases(log));
        else if (!progress)
            ++*rows;
    }
    if (progress)
        fputs("\r\033[K", stderr);
    csv_reader_free(csv);
    if (k == CSV_IO) {
        fprintf(stderr, "%s: error: %s: a read error stopped the audit after %llu rows\n",
                a->prog, input, *rows);
        return UKC_EXIT_USAGE;
    }
    audit_log_end(log);
    return 0;
}

int cmd_audit(const cli_args *a)
{
    const char *input, *v;
    const ukc_policy *policy;
    ukc_policy *owned = NULL;
    ukc_date as_of;
    ukc_delivery delivery = UKC_DELIVERY_EMAIL;
    long window = 1000;
    int rc;

    if (cli_flag(a, "help")) {
        help();
        return 0;
    }
    if ((rc = input_arg(a, &input)) || (rc = check_options(a, input)))
        return rc;
    if (cli_opt(a, "as-of")) {
        if ((rc = cli_date(a, "as-of", &as_of)))
            return rc;
    } else {
        as_of = today();
    }
    if ((v = cli_opt(a, "delivery")) && ukc_delivery_from_name(v, &delivery) != UKC_OK)
        return cli_usage(a, usage, "--delivery '%s': email, first-class-post, "
                                   "second-class-post or hand", v);
    if ((v = cli_opt(a, "window"))) {
        char *end;
        window = strtol(v, &end, 10);
        if (!*v || *end || window < 0)
            return cli_usage(a, usage, "--window '%s': expected a whole number of rows", v);
    }
    if ((rc = load_policy(a, &policy, &owned)))
        return rc;
    ukc_calendar *feed = NULL;
    if ((v = cli_opt(a, "calendar-feed")) && (rc = load_feed(policy, v, &feed, cli_flag(a, "json") ? stderr : stdout))) {
        ukc_policy_free(owned);
        return rc;
    }

    FILE *in = strcmp(input, "-") == 0 ? stdin : fopen(input, "rb");
    if (!in) {
        fprintf(stderr, "%s: error: cannot read '%s': %s\n", a->prog, input, strerror(errno));
        ukc_calendar_free(feed);
        ukc_policy_free(owned);
        return UKC_EXIT_USAGE;
    }
    char council[512];
    snprintf(council, sizeof council, "%s (%s)", ukc_policy_council(policy),
             ukc_policy_id(policy));
    const ukc_calendar *base = NULL;
    const char *feed_path = cli_opt(a, "calendar-feed");
    char calendar[1024];
    ukc_policy_calendar(policy, &base);
    snprintf(calendar, sizeof calendar, "%s%s%s", base ? ukc_calendar_name(base) : "",
             feed_path ? ", from the GOV.UK feed " : " (built in)", feed_path ? feed_path : "");
    audit_out_files files = { .council = council, .input = input, .calendar = calendar,
                              .as_of = as_of };
    files.csv = open_out(a, "out", &rc);
    files.jsonl = open_out(a, "jsonl", &rc);
    files.errors = open_out(a, "errors", &rc);
    files.findings = open_out(a, "findings", &rc);
    files.html = open_out(a, "html", &rc);

    run r = { 0 };
    audit_log *log = NULL;
    unsigned long long rows = 0;
    if (!rc && !(r.out = audit_out_new(&files)))
        rc = UKC_EXIT_USAGE;
    if (!rc) {
        audit_sink sink = { r.out, audit_out_obligation, audit_out_finding, audit_out_reject };
        audit_log_sink lsink = { &r, on_reject, on_finish, audit_known_event };
        r.engine = audit_engine_new(policy, feed, as_of, delivery, &sink);
        log = audit_log_new(cli_opt(a, "columns"), window, &lsink);
        if (!r.engine || !log)
            rc = UKC_EXIT_USAGE;
    }
    if (!rc)
        rc = stream(a, in, input, log, &r, &rows);
    if (!rc) {
        audit_out_cases(r.out, r.cases, rows);
        if (cli_flag(a, "json"))
            audit_out_summary_json(r.out, stdout);
        else
            audit_out_summary(r.out, stdout);
        rc = audit_out_rejected(r.out) ? 1 : 0;
    }
    audit_log_free(log);
    audit_engine_free(r.engine);
    audit_out_free(r.out);
    FILE *all[] = { files.csv, files.jsonl, files.errors, files.findings, files.html };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (all[i] && fclose(all[i]) != 0 && rc != UKC_EXIT_USAGE) {
            fprintf(stderr, "%s: error: writing an output failed: %s\n", a->prog,
                    strerror(errno));
            rc = UKC_EXIT_USAGE;
        }
    if (in != stdin)
        fclose(in);
    ukc_calendar_free(feed);
    ukc_policy_free(owned);
    return rc;
}
