/* Shared helpers of the ukc tool: options, calendars, errors. */
#ifndef UKC_CLI_H
#define UKC_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include <ukcomplaints.h>

/* Exit statuses, the same in every subcommand: 0 success; 1 findings or
 * refusals (a missed deadline, a refused event, a rejected row, a policy file
 * with problems); 2 bad usage or input (an unknown option, an unreadable file,
 * a date that does not exist). */
#define UKC_EXIT_OK 0
#define UKC_EXIT_FINDINGS 1
#define UKC_EXIT_USAGE 2

/* A parsed command line: --name value pairs and bare flags. */
typedef struct cli_args {
    int argc;
    char **argv;
    const char *prog; /* "ukc holidays" */
} cli_args;

/* The value of --name (or --name=value); NULL when absent. Exits 2 on a missing value. */
const char *cli_opt(const cli_args *a, const char *name);
/* Whether --name is present. */
bool cli_flag(const cli_args *a, const char *name);
/* Refuse options not in the NULL-terminated lists (valued options, and flags; a
 * flag written "name=" in the list may carry a value: --explain=full). */
int cli_check(const cli_args *a, const char *const *valued, const char *const *flags);

/* Print "ukc: error: ..." with the library's last error and return 2. */
int cli_fail(const char *what);
int cli_usage(const cli_args *a, const char *usage, const char *fmt, ...);

/* A required date option. Returns 0 or prints and returns 2. */
int cli_date(const cli_args *a, const char *name, ukc_date *out);

/* --calendar NAME|PATH (and --division for a path). The calendar is freed by cli_calendar_free. */
int cli_calendar(const cli_args *a, const ukc_calendar **out, ukc_calendar **owned);

/* JSON string escaping to stdout. */
void cli_json_string(const char *s);

/* Text from an input made safe for a terminal: s itself when it holds no
 * control character, else a copy in buf (size bytes, at least 8) with each C0
 * control, DEL and C1 control written as \xNN or \uNNNN, so that an export
 * or script cannot move the cursor, retitle the window or hide text. */
const char *cli_safe(const char *s, char *buf, size_t size);

/* Open PATH ("-" is stdin for reading, stdout for writing). On failure prints
 * "PROG: error: cannot open 'PATH': REASON", sets *rc to UKC_EXIT_USAGE and
 * returns NULL. Close with cli_close. */
FILE *cli_open(const cli_args *a, const char *path, const char *mode, int *rc);
void cli_close(FILE *f);

/* A note beside the answer ("projected by rule ..."): on stderr, so that stdout
 * holds only the answer and $(ukc deadline ...) is one line. */
void cli_note(const cli_args *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print "usage: USAGE" and the body to stdout; the standard answer to -h and --help.
 * Returns UKC_EXIT_OK. */
int cli_help(const char *usage, const char *body);

/* --explain (compact), --explain=compact or --explain=full. Returns 0 or prints
 * and returns UKC_EXIT_USAGE. */
enum { CLI_EXPLAIN_NONE, CLI_EXPLAIN_COMPACT, CLI_EXPLAIN_FULL };
int cli_explain(const cli_args *a, int *mode);

int cmd_holidays(const cli_args *a);
int cmd_deadline(const cli_args *a);
int cmd_working_days(const cli_args *a);
int cmd_classify(const cli_args *a);
int cmd_policy(const cli_args *a);
int cmd_case(const cli_args *a);
int cmd_audit(const cli_args *a);
int cmd_demo(const cli_args *a);

#endif
