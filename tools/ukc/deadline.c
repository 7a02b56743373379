/* ukc deadline: the n-th working day after a date, with its explanation.
 * Shows ukc_calendar_explain_deadline() and reading an explanation's steps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] = "ukc deadline --calendar NAME|FILE [--division NAME] --from DATE "
                            "--working-days N [--receipt day-of-receipt|next-working-day] "
                            "[--explain] [--json]";

static int parse_n(const cli_args *a, int32_t *n)
{
    const char *v = cli_opt(a, "working-days");
    char *end;
    if (!v)
        return cli_usage(a, usage, "--working-days N is required");
    long x = strtol(v, &end, 10);
    if (*v == '\0' || *end != '\0' || x < 0 || x > 10000)
        return cli_usage(a, usage, "--working-days '%s': expected a whole number 0..10000", v);
    *n = (int32_t)x;
    return 0;
}

int cmd_deadline(const cli_args *a)
{
    static const char *const valued[] = { "calendar",     "division", "from",
                                          "working-days", "receipt",  NULL };
    static const char *const flags[] = { "explain", "json", "help", NULL };
    const ukc_calendar *cal;
    ukc_calendar *owned;
    ukc_explanation *expl;
    ukc_receipt receipt = UKC_RECEIPT_DAY_OF_RECEIPT;
    ukc_date from;
    int32_t n = 0;
    int rc;

    if (cli_flag(a, "help"))
        return cli_help(usage,
                        "Prints the due date (YYYY-MM-DD) on one line. The start is day 0.\n"
                        "  --calendar NAME|FILE  as in 'ukc holidays'\n"
                        "  --division NAME       the division of a GOV.UK file\n"
                        "  --from DATE           the day of receipt, YYYY-MM-DD\n"
                        "  --working-days N      0..10000\n"
                        "  --receipt CONVENTION  day-of-receipt (default) counts from the start "
                        "even when\n"
                        "                        it is not a working day; next-working-day "
                        "deems such a\n"
                        "                        start received on the next working day\n"
                        "  --explain             add the explanation: the start, the "
                        "convention, each\n"
                        "                        non-working day skipped with its name and "
                        "source, the result\n"
                        "  --explain=full        the same with every day counted\n"
                        "  --json                the explanation as JSON\n"
                        "A note that the answer depends on years projected by rule goes to "
                        "standard error.\n");
    const char *r = cli_opt(a, "receipt");
    if ((rc = cli_check(a, valued, flags)) || (rc = cli_date(a, "from", &from)) ||
        (rc = parse_n(a, &n)))
        return rc;
    if (r && ukc_receipt_from_name(r, &receipt) != UKC_OK)
        return cli_fail("--receipt");
    if ((rc = cli_calendar(a, &cal, &owned)))
        return rc;
    if (ukc_calendar_explain_deadline(cal, from, n, receipt, &expl) != UKC_OK) {
        ukc_calendar_free(owned);
        return cli_fail("deadline");
    }
    if (cli_flag(a, "json")) {
        char *json;
        if (ukc_explanation_to_json(expl, &json) == UKC_OK) {
            printf("%s\n", json);
            ukc_free(json);
        }
    } else {
        char due[UKC_DATE_BUFSIZE];
        ukc_date_format(ukc_explanation_due(expl), due, sizeof due);
        printf("%s\n", due);
        if (cli_flag(a, "explain"))
            fputs(ukc_explanation_text(expl), stdout);
        else if (ukc_explanation_projected(expl))
            cli_note(a, "projected by rule; years after %d are not yet published",
                     ukc_calendar_published_until(cal));
    }
    ukc_explanation_free(expl);
    ukc_calendar_free(owned);
    return 0;
}
