/* ukc: the command-line face of ukcomplaints. Each subcommand lives in its own
 * file and reads as an example of one part of the API. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct command {
    const char *name;
    int (*run)(const cli_args *a);
    const char *summary;
} command;

static const command commands[] = {
    { "holidays", cmd_holidays, "list the bank holidays of a calendar between two dates" },
    { "deadline", cmd_deadline, "the n-th working day after a date, optionally explained" },
    { "working-days", cmd_working_days, "count the working days between two dates" },
    { "classify", cmd_classify, "what a message is: complaint, comment, compliment, request, other" },
    { "policy", cmd_policy, "list, show or check council complaint policies" },
    { "case", cmd_case, "run a case script: each event's decision, then the obligations" },
    { "audit", cmd_audit, "recompute the deadlines of a CRM export: met, missed, open" },
    { "demo", cmd_demo, "the main job on built-in data: route, walk and explain a case" },
};

static void usage(FILE *f)
{
    fprintf(f, "usage: ukc COMMAND [OPTIONS]\n\n"
               "Deadlines on UK bank-holiday calendars, council complaint policies, cases\n"
               "and audits of CRM exports, each explained with its source.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-14s %s\n", commands[i].name, commands[i].summary);
    fprintf(f,
            "\noptions:\n"
            "  -h, --help     this list; 'ukc COMMAND --help' describes each command\n"
            "  --version      the version of ukc and of the library\n"
            "\nEvery command takes -h/--help (exit 0) and, where it prints data, --json.\n"
            "Only the answer goes to standard output; notes and errors go to standard error.\n"
            "\nexit status:\n"
            "  0  success\n"
            "  1  findings or refusals: a policy file with problems, a refused case event,\n"
            "     rejected audit rows or classify --tsv lines\n"
            "  2  bad usage or input: an unknown option, a missing or unreadable file, a\n"
            "     date that does not exist, an unknown calendar or policy\n"
            "\nukcomplaints %s\n",
            ukc_version_string());
}

/* -h is --help in every command (before a "--" that ends the options). */
static void short_help(int argc, char **argv)
{
    static char help[] = "--help";
    for (int i = 0; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (strcmp(argv[i], "-h") == 0)
            argv[i] = help;
}

/* Every command's answer goes to standard output: when it could not be
 * written whole (a full disk, a closed pipe), say so and fail. */
static int flushed(const char *prog, int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "%s: error: writing to standard output failed: %s\n", prog,
                strerror(errno ? errno : EIO));
        return UKC_EXIT_USAGE;
    }
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return UKC_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return flushed("ukc", 0);
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("ukc (ukcomplaints) %s\n", ukc_version_string());
        return flushed("ukc", 0);
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            char prog[64];
            snprintf(prog, sizeof prog, "ukc %s", commands[i].name);
            cli_args a = { argc - 2, argv + 2, prog };
            short_help(a.argc, a.argv);
            return flushed(prog, commands[i].run(&a));
        }
    }
    fprintf(stderr, "ukc: error: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return UKC_EXIT_USAGE;
}
