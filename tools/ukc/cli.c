/* Shared helpers of the ukc tool. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *match(const char *arg, const char *name)
{
    size_t n = strlen(name);
    if (strncmp(arg, "--", 2) != 0 || strncmp(arg + 2, name, n) != 0)
        return NULL;
    if (arg[2 + n] == '\0')
        return "";
    if (arg[2 + n] == '=')
        return arg + 3 + n;
    return NULL;
}

const char *cli_opt(const cli_args *a, const char *name)
{
    for (int i = 0; i < a->argc; i++) {
        const char *m = match(a->argv[i], name);
        if (!m)
            continue;
        if (*m)
            return m;
        if (i + 1 < a->argc)
            return a->argv[i + 1];
        fprintf(stderr, "%s: error: --%s needs a value\n", a->prog, name);
        exit(UKC_EXIT_USAGE);
    }
    return NULL;
}

bool cli_flag(const cli_args *a, const char *name)
{
    for (int i = 0; i < a->argc; i++)
        if (strcmp(a->argv[i], "--") == 0)
            break;
        else if (match(a->argv[i], name) && !match(a->argv[i], name)[0])
            return true;
    return false;
}

/* Whether arg is one of names. A name written "name=" is a flag that may carry a
 * value (--explain or --explain=full): *value is then "" either way. */
static bool listed(const char *arg, const char *const *names, const char **value)
{
    for (size_t i = 0; names && names[i]; i++) {
        char name[64];
        size_t n = strlen(names[i]);
        bool optional = n && names[i][n - 1] == '=' && n < sizeof name;
        snprintf(name, sizeof name, "%.*s", (int)(optional ? n - 1 : n), names[i]);
        const char *m = match(arg, name);
        if (m && optional && *m && arg[2 + n - 1] != '=')
            m = NULL; /* "--explain" followed by a separate word is not its value */
        if (m) {
            *value = optional ? "" : m;
            return true;
        }
    }
    return false;
}

int cli_check(const cli_args *a, const char *const *valued, const char *const *flags)
{
    for (int i = 0; i < a->argc; i++) {
        const char *v;
        if (listed(a->argv[i], valued, &v)) {
            if (!*v)
                i++;
            continue;
        }
        if (listed(a->argv[i], flags, &v) && !*v)
            continue;
        fprintf(stderr, "%s: error: unexpected argument '%s' (see --help)\n", a->prog,
                a->argv[i]);
        return UKC_EXIT_USAGE;
    }
    return 0;
}

int cli_fail(const char *what)
{
    const ukc_error *e = ukc_last_error();
    char a[1024], b[4096];
    fprintf(stderr, "ukc: error: %s: ", cli_safe(what, a, sizeof a));
    fputs(cli_safe(e->message[0] ? e->message : ukc_status_str(e->status), b, sizeof b), stderr);
    if (e->path[0])
        fprintf(stderr, " (at %s)", e->path);
    fputc('\n', stderr);
    return UKC_EXIT_USAGE;
}

int cli_usage(const cli_args *a, const char *usage, const char *fmt, ...)
{
    va_list ap;
    char msg[1024], safe[4096];
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s: error: %s\nusage: %s\n", a->prog, cli_safe(msg, safe, sizeof safe),
            usage);
    return UKC_EXIT_USAGE;
}

/* The length of a control character at s (C0, DEL, or C1 as UTF-8 C2 80..9F), or 0. */
static size_t control_at(const unsigned char *s)
{
    if (*s < 0x20 || *s == 0x7f)
        return 1;
    return s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f ? 2 : 0;
}

const char *cli_safe(const char *s, char *buf, size_t size)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p && !control_at(p))
        p++;
    if (!*p)
        return s;
    size_t used = 0;
    for (p = (const unsigned char *)s; *p;) {
        char esc[8];
        size_t n = control_at(p), k;
        if (n == 1)
            k = (size_t)snprintf(esc, sizeof esc, "\\x%02x", *p);
        else if (n == 2)
            k = (size_t)snprintf(esc, sizeof esc, "\\u%04x", p[1]);
        else
            esc[0] = (char)*p, k = 1, n = 1;
        if (used + k + 1 > size) {
            /* Cut: never end inside a UTF-8 character. */
            size_t lead = used;
            while (lead && ((unsigned char)buf[lead - 1] & 0xc0) == 0x80)
                lead--;
            if (lead && (unsigned char)buf[lead - 1] >= 0xc0) {
                unsigned char c = (unsigned char)buf[lead - 1];
                size_t want = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
                if (used - (lead - 1) < want)
                    used = lead - 1;
            }
            break;
        }
        memcpy(buf + used, esc, k);
        used += k;
        p += n;
    }
    buf[used] = '\0';
    return buf;
}

int cli_date(const cli_args *a, const char *name, ukc_date *out)
{
    const char *v = cli_opt(a, name);
    if (!v) {
        fprintf(stderr, "%s: error: --%s DATE is required (YYYY-MM-DD)\n", a->prog, name);
        return UKC_EXIT_USAGE;
    }
    if (ukc_date_parse(v, out) != UKC_OK) {
        fprintf(stderr, "%s: error: --%s '%s': %s\n", a->prog, name, v, ukc_last_error()->message);
        return UKC_EXIT_USAGE;
    }
    return 0;
}

static bool is_file(const char *s)
{
    struct stat st;
    return strchr(s, '/') || strstr(s, ".json") ? true : stat(s, &st) == 0 && S_ISREG(st.st_mode);
}

int cli_calendar(const cli_args *a, const ukc_calendar **out, ukc_calendar **owned)
{
    const char *name = cli_opt(a, "calendar");
    *owned = NULL;
    if (!name) {
        fprintf(stderr,
                "%s: error: --calendar is required: england-and-wales, scotland, "
                "northern-ireland, united-kingdom, or a GOV.UK bank-holidays.json file\n",
                a->prog);
        return UKC_EXIT_USAGE;
    }
    if (is_file(name)) {
        const char *division = cli_opt(a, "division");
        if (ukc_calendar_from_govuk_file(name, division ? division : "england-and-wales",
                                         owned) != UKC_OK)
            return cli_fail(name);
        *out = *owned;
        return 0;
    }
    if (ukc_calendar_builtin(name, out) != UKC_OK)
        return cli_fail("--calendar");
    return 0;
}

void cli_json_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

FILE *cli_open(const cli_args *a, const char *path, const char *mode, int *rc)
{
    if (strcmp(path, "-") == 0)
        return mode[0] == 'r' ? stdin : stdout;
    FILE *f = fopen(path, mode);
    if (!f) {
        fprintf(stderr, "%s: error: cannot open '%s': %s\n", a->prog, path, strerror(errno));
        *rc = UKC_EXIT_USAGE;
    }
    return f;
}

void cli_close(FILE *f)
{
    if (f && f != stdin && f != stdout)
        fclose(f);
}

void cli_note(const cli_args *a, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: note: ", a->prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_help(const char *usage, const char *body)
{
    printf("usage: %s\n%s%s", usage, body && *body ? "\n" : "", body ? body : "");
    return UKC_EXIT_OK;
}

int cli_explain(const cli_args *a, int *mode)
{
    *mode = CLI_EXPLAIN_NONE;
    for (int i = 0; i < a->argc && strcmp(a->argv[i], "--") != 0; i++) {
        const char *m = match(a->argv[i], "explain");
        if (!m)
            continue;
        if (*m == '\0' && a->argv[i][9] == '\0')
            *mode = CLI_EXPLAIN_COMPACT;
        else if (strcmp(m, "full") == 0)
            *mode = CLI_EXPLAIN_FULL;
        else if (strcmp(m, "compact") == 0)
            *mode = CLI_EXPLAIN_COMPACT;
        else {
            fprintf(stderr, "%s: error: %s: expected --explain, --explain=compact or "
                            "--explain=full\n",
                    a->prog, a->argv[i]);
            return UKC_EXIT_USAGE;
        }
    }
    return 0;
}
