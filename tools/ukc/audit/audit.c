/* ukc audit: recompute every deadline of a CRM export under a council's
 * policy and report what was met and missed. Shows streaming many cases
 * through ukc_case_open(), ukc_case_apply() and ukc_case_obligations().
 * The input formats and outputs are described in docs/audit.md. */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "../cli.h"

static const char usage[] =
    "ukc audit --council NAME|PATH [--columns MAP] [--as-of DATE] [--out FILE.csv] "
    "[--rules FILE.csv] [--jsonl FILE] [--errors FILE] [--findings FILE] [--html FILE] "
    "[--calendar-feed FILE] "
    "[--delivery METHOD] [--events MAP] [--date-format dmy|mdy|iso] [--excel] [--quiet] "
    "[--json] INPUT.csv|-";

static const char *const valued[] = { "council",  "columns", "as-of",         "out",
                                      "jsonl",    "errors",  "findings",      "html",
                                      "delivery", "window",  "calendar-feed", "events",
                                      "date-format", "rules", NULL };
static const char *const flags[] = { "help", "quiet", "excel", "json", NULL };

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
           "  --rules FILE.csv     the rule behind each obligation of --out, with its\n"
           "                       citation, once\n"
           "  --jsonl FILE         obligations, findings and rejected rows as JSON Lines\n"
           "  --errors FILE        rejected rows: line, case_id, why\n"
           "  --findings FILE      refused events: reason ID, message, citation\n"
           "  --html FILE          a self-contained report for an audit committee\n"
           "  --calendar-feed FILE a newer GOV.UK bank-holidays.json to work deadlines out on\n"
           "  --delivery METHOD    how responses without a method column were sent\n"
           "                       (default email)\n"
           "  --events MAP         more names for events, e.g. 'Ack Sent=acknowledge,"
           "Final Reply=respond'\n"
           "                       (names match without regard to case; see docs/audit.md)\n"
           "  --date-format F      dmy (default: 07/03/2025 is 7 March), mdy (US order) or\n"
           "                       iso (YYYY-MM-DD only); ISO dates and times are always read\n"
           "  --excel              start each CSV output with a byte order mark, so that\n"
           "                       Excel opens it as UTF-8\n"
           "  --window N           ignored: a case is finished when its last row is read\n"
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

/* ---- Outputs: never the input, each written whole or not at all ---------- */

static const char *const output_names[] = { "out", "jsonl", "errors", "findings", "html",
                                            "rules" };
#define NOUTPUTS (sizeof output_names / sizeof output_names[0])

typedef struct output {
    const char *path; /* as given, or NULL */
    char *tmp;        /* the temporary file beside it, renamed to path when complete */
    FILE *f;
} output;

/* Where a path leads: its device and inode when it exists, else the real path
 * of its directory and its name. */
typedef struct place {
    bool exists;
    dev_t dev;
    ino_t ino;
    char real[PATH_MAX + NAME_MAX + 2];
} place;

static void place_of(const char *path, place *p)
{
    struct stat st;
    memset(p, 0, sizeof *p);
    if (stat(path, &st) == 0) {
        p->exists = true;
        p->dev = st.st_dev;
        p->ino = st.st_ino;
        return;
    }
    char a[PATH_MAX], b[PATH_MAX], dir[PATH_MAX];
    snprintf(a, sizeof a, "%s", path);
    snprintf(b, sizeof b, "%s", path);
    if (!realpath(dirname(a), dir))
        snprintf(dir, sizeof dir, "%s", dirname(b));
    snprintf(b, sizeof b, "%s", path);
    snprintf(p->real, sizeof p->real, "%s/%s", dir, basename(b));
}

static bool same_place(const place *x, const place *y)
{
    if (x->exists || y->exists)
        return x->exists && y->exists && x->dev == y->dev && x->ino == y->ino;
    return strcmp(x->real, y->real) == 0;
}

/* Refuse an output that is the input or another output. */
static int check_outputs(const cli_args *a, FILE *in, const char *input, output *outs)
{
    struct stat st;
    place pin = { 0 }, p[NOUTPUTS];
    if (fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode)) {
        pin.exists = true;
        pin.dev = st.st_dev;
        pin.ino = st.st_ino;
    }
    for (size_t i = 0; i < NOUTPUTS; i++) {
        if (!outs[i].path)
            continue;
        place_of(outs[i].path, &p[i]);
        if (pin.exists && same_place(&p[i], &pin))
            return cli_usage(a, usage, "--%s '%s' is the input '%s': refusing to overwrite it",
                             output_names[i], outs[i].path, input);
        for (size_t j = 0; j < i; j++)
            if (outs[j].path && same_place(&p[i], &p[j]))
                return cli_usage(a, usage, "--%s and --%s name the same file '%s'",
                                 output_names[j], output_names[i], outs[i].path);
    }
    return 0;
}

/* Open each output as a temporary file in the same directory; one that is
 * not a regular file (a FIFO, /dev/null, /dev/stdout) is written to directly,
 * since renaming a file over it would replace it. */
static int open_outputs(const cli_args *a, output *outs)
{
    for (size_t i = 0; i < NOUTPUTS; i++) {
        struct stat st;
        if (!outs[i].path)
            continue;
        if (stat(outs[i].path, &st) == 0 && !S_ISREG(st.st_mode)) {
            if (!(outs[i].f = fopen(outs[i].path, "w"))) {
                fprintf(stderr, "%s: error: cannot write --%s '%s': %s\n", a->prog,
                        output_names[i], outs[i].path, strerror(errno));
                return UKC_EXIT_USAGE;
            }
            setvbuf(outs[i].f, NULL, _IOFBF, 1u << 20);
            continue;
        }
        size_t n = strlen(outs[i].path) + 16;
        int fd = -1;
        if ((outs[i].tmp = malloc(n))) {
            snprintf(outs[i].tmp, n, "%s.tmp-XXXXXX", outs[i].path);
            fd = mkstemp(outs[i].tmp);
        }
        if (fd < 0 || !(outs[i].f = fdopen(fd, "w"))) {
            fprintf(stderr, "%s: error: cannot write --%s '%s': %s\n", a->prog,
                    output_names[i], outs[i].path, strerror(errno));
            if (fd >= 0) {
                close(fd);
                unlink(outs[i].tmp);
            }
            free(outs[i].tmp);
            outs[i].tmp = NULL;
            return UKC_EXIT_USAGE;
        }
        fchmod(fd, 0644);
        setvbuf(outs[i].f, NULL, _IOFBF, 1u << 20); /* few, large writes */
    }
    return 0;
}

/* Close the outputs; when the audit ran (ok) and every write succeeded, each
 * temporary file replaces its output, otherwise none does. */
static int close_outputs(const cli_args *a, output *outs, bool ok)
{
    int rc = 0;
    for (size_t i = 0; i < NOUTPUTS; i++) {
        if (!outs[i].f)
            continue;
        bool failed = ferror(outs[i].f) != 0;
        if (fclose(outs[i].f) != 0 || failed) {
            if (ok)
                fprintf(stderr, "%s: error: writing --%s '%s' failed: %s\n", a->prog,
                        output_names[i], outs[i].path, strerror(errno ? errno : EIO));
            ok = false;
            rc = UKC_EXIT_USAGE;
        }
        outs[i].f = NULL;
    }
    for (size_t i = 0; i < NOUTPUTS; i++) {
        if (!outs[i].tmp)
            continue;
        if (ok && rename(outs[i].tmp, outs[i].path) != 0) {
            fprintf(stderr, "%s: error: cannot replace --%s '%s': %s\n", a->prog,
                    output_names[i], outs[i].path, strerror(errno));
            rc = UKC_EXIT_USAGE;
        }
        unlink(outs[i].tmp);
        free(outs[i].tmp);
    }
    return rc;
}

typedef struct run {
    audit_engine *engine;
    audit_out *out;
    unsigned long long cases;
} run;

static void on_finish(void *ctx, const audit_group *g)
{
    run *r = ctx;
    if (!g->has_receive && !g->count)
        return; /* only rejected rows: listed already */
    r->cases++;
    audit_engine_case(r->engine, g);
}

static void on_reject(void *ctx, long line, const char *case_id, const char *why)
{
    run *r = ctx;
    audit_out_reject(r->out, line, case_id, why);
}

/* Read the header into log; 0 or an exit status. */
static int read_header(const cli_args *a, csv_reader *csv, const char *input, audit_log *log)
{
    csv_record rec;
    char err[512];
    int k = csv_read(csv, &rec);
    if (k != CSV_RECORD) {
        fprintf(stderr, "%s: error: %s: %s\n", a->prog, input,
                k == CSV_EOF  ? "the input is empty: a header row is needed"
                : k == CSV_IO ? "cannot read the input"
                              : rec.error);
        return UKC_EXIT_USAGE;
    }
    if (audit_log_header(log, &rec, err, sizeof err) != 0) {
        fprintf(stderr, "%s: error: %s: %s\n", a->prog, input, err);
        return UKC_EXIT_USAGE;
    }
    return 0;
}

/* The input as a file that can be read twice: itself when it is a regular
 * file, else a copy in a temporary file. NULL with a message on failure. */
static FILE *rereadable(const cli_args *a, FILE *in, const char *input)
{
    struct stat st;
    if (fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode) && fseek(in, 0, SEEK_CUR) == 0)
        return in;
    FILE *t = tmpfile();
    char buf[65536];
    size_t n;
    if (!t) {
        fprintf(stderr, "%s: error: cannot make a temporary copy of %s: %s\n", a->prog, input,
                strerror(errno));
        return NULL;
    }
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, t) != n)
            break;
    if (ferror(in) || ferror(t) || fflush(t) != 0) {
        fprintf(stderr, "%s: error: cannot copy %s to a temporary file\n", a->prog, input);
        fclose(t);
        return NULL;
    }
    rewind(t);
    return t;
}

static void count_case(void *log, char *case_id)
{
    audit_log_count_id(log, case_id);
}

/* The first pass over an event log: count the rows of each case. The case_id
 * column is skimmed (csv_skim()); at a malformed record, where only
 * csv_read() knows where the records are, the pass starts again with it. */
static int count_pass(const cli_args *a, FILE *in, const char *input, audit_log *log)
{
    long start = ftell(in);
    struct stat st;
    if (fstat(fileno(in), &st) == 0)
        audit_log_expect(log, (unsigned long long)st.st_size);
    csv_reader *csv = csv_reader_new(in);
    csv_record rec;
    int k, rc;
    if (!csv) {
        fprintf(stderr, "%s: error: out of memory\n", a->prog);
        return UKC_EXIT_USAGE;
    }
    if ((rc = read_header(a, csv, input, log))) {
        csv_reader_free(csv);
        return rc;
    }
    long col = audit_log_case_column(log);
    unsigned long long header = csv_offset(csv);
    k = CSV_BAD;
    if (col >= 0 && header < (unsigned long long)LONG_MAX - (unsigned long long)start &&
        fseek(in, start + (long)header, SEEK_SET) == 0)
        k = csv_skim(in, (size_t)col, count_case, log);
    if (k == CSV_BAD) {
        audit_log_count_reset(log);
        csv_reader_free(csv);
        if (fseek(in, start, SEEK_SET) != 0 || !(csv = csv_reader_new(in)) ||
            csv_read(csv, &rec) != CSV_RECORD) {
            csv_reader_free(csv);
            fprintf(stderr, "%s: error: %s: cannot read the input\n", a->prog, input);
            return UKC_EXIT_USAGE;
        }
        while ((k = csv_read(csv, &rec)) == CSV_RECORD || k == CSV_BAD)
            audit_log_count(log, k, &rec);
    }
    csv_reader_free(csv);
    if (k == CSV_IO || fseek(in, start, SEEK_SET) != 0) {
        fprintf(stderr, "%s: error: %s: cannot read the input\n", a->prog, input);
        return UKC_EXIT_USAGE;
    }
    return 0;
}

static int stream(const cli_args *a, FILE *in, const char *input, audit_log *log, run *r,
                  unsigned long long *rows)
{
    csv_reader *csv;
    csv_record rec;
    bool progress = isatty(STDERR_FILENO) && !cli_flag(a, "quiet");
    int k, rc;

    if (!cli_opt(a, "columns") && (rc = count_pass(a, in, input, log)))
        return rc;
    if (!(csv = csv_reader_new(in))) {
        fprintf(stderr, "%s: error: out of memory\n", a->prog);
        return UKC_EXIT_USAGE;
    }
    if ((rc = read_header(a, csv, input, log))) {
        csv_reader_free(csv);
        return rc;
    }
    long col = audit_log_case_column(log);
    while ((k = csv_read(csv, &rec)) == CSV_RECORD || k == CSV_BAD) {
        audit_log_record(log, k, &rec);
        const char *id = "";
        size_t n = 0;
        /* The rows after it: what they need is fetched while this one ends. */
        if (col >= 0 && !csv_peek(csv, (size_t)col, 2, &id, &n))
            n = 0;
        if (col >= 0)
            audit_log_ahead(log, id, n);
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
        /* Accepted for old scripts: a case is now finished when its last row is read. */
        char *end;
        errno = 0;
        long window = strtol(v, &end, 10);
        if (!*v || *end || window < 0 || errno)
            return cli_usage(a, usage, "--window '%s': expected a whole number of rows", v);
    }
    if ((rc = load_policy(a, &policy, &owned)))
        return rc;
    ukc_calendar *feed = NULL;
    FILE *note = cli_flag(a, "json") ? stderr : stdout; /* stdout holds only the JSON */
    if ((v = cli_opt(a, "calendar-feed")) && (rc = load_feed(policy, v, &feed, note))) {
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
                              .as_of = as_of, .excel = cli_flag(a, "excel") };
    output outs[NOUTPUTS] = { { 0 } };
    for (size_t i = 0; i < NOUTPUTS; i++)
        outs[i].path = cli_opt(a, output_names[i]);
    if (!(rc = check_outputs(a, in, input, outs)))
        rc = open_outputs(a, outs);
    files.csv = outs[0].f;
    files.jsonl = outs[1].f;
    files.errors = outs[2].f;
    files.findings = outs[3].f;
    files.html = outs[4].f;
    files.rules = outs[5].f;

    run r = { 0 };
    audit_log *log = NULL;
    unsigned long long rows = 0;
    if (!rc && !(r.out = audit_out_new(&files)))
        rc = UKC_EXIT_USAGE;
    if (!rc) {
        audit_sink sink = { r.out,           audit_out_obligation, audit_out_finding,
                            audit_out_reject, audit_out_later,      audit_out_incomplete };
        audit_log_sink lsink = { &r, on_reject, on_finish, audit_known_event };
        r.engine = audit_engine_new(policy, feed, as_of, delivery, files.jsonl != NULL, &sink);
        log = audit_log_new(cli_opt(a, "columns"), &lsink);
        if (!r.engine || !log)
            rc = UKC_EXIT_USAGE;
    }
    if (!rc && (v = cli_opt(a, "events"))) {
        char err[512];
        if (audit_log_events(log, v, err, sizeof err) != 0)
            rc = cli_usage(a, usage, "%s", err);
    }
    if (!rc && (v = cli_opt(a, "date-format"))) {
        if (strcmp(v, "dmy") && strcmp(v, "mdy") && strcmp(v, "iso"))
            rc = cli_usage(a, usage, "--date-format '%s': dmy, mdy or iso", v);
        else
            audit_log_date_format(log, !strcmp(v, "dmy") ? DATE_DMY
                                       : !strcmp(v, "mdy") ? DATE_MDY : DATE_ISO);
    }
    FILE *twice = NULL;
    if (!rc && !(twice = rereadable(a, in, input)))
        rc = UKC_EXIT_USAGE;
    if (!rc)
        rc = stream(a, twice, input, log, &r, &rows);
    if (twice && twice != in)
        fclose(twice);
    if (!rc) {
        audit_out_cases(r.out, r.cases, rows, audit_log_skipped_lines(log));
        if (cli_flag(a, "json"))
            audit_out_summary_json(r.out, stdout);
        else
            audit_out_summary(r.out, stdout);
        rc = audit_out_rejected(r.out) ? 1 : 0;
        if (!audit_out_complete(r.out)) {
            fprintf(stderr, "%s: error: out of memory writing the outputs\n", a->prog);
            rc = UKC_EXIT_USAGE;
        }
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "%s: error: writing the summary to standard output failed\n",
                    a->prog);
            rc = UKC_EXIT_USAGE;
        }
    }
    audit_log_free(log);
    audit_engine_free(r.engine);
    audit_out_free(r.out);
    int closed = close_outputs(a, outs, rc != UKC_EXIT_USAGE);
    if (closed)
        rc = closed;
    if (in != stdin)
        fclose(in);
    ukc_calendar_free(feed);
    ukc_policy_free(owned);
    return rc;
}
