/* ukc: the command-line face of ukcomplaints. Each subcommand lives in its own
 * file and reads as an example of one part of the API. */
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
    fprintf(f, "usage: ukc COMMAND [OPTIONS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-14s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'ukc COMMAND --help' describes each. ukcomplaints %s\n", ukc_version_string());
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return UKC_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("ukc %s\n", ukc_version_string());
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            char prog[64];
            snprintf(prog, sizeof prog, "ukc %s", commands[i].name);
            cli_args a = { argc - 2, argv + 2, prog };
            return commands[i].run(&a);
        }
    }
    fprintf(stderr, "ukc: error: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return UKC_EXIT_USAGE;
}
