/* ukc working-days: count working days d with FROM < d <= TO.
 * Shows ukc_calendar_count_working_days(). */
#include <stdio.h>

#include "cli.h"

static const char usage[] =
    "ukc working-days --calendar NAME|FILE [--division NAME] --from DATE --to DATE [--json]";

int cmd_working_days(const cli_args *a)
{
    static const char *const valued[] = { "calendar", "division", "from", "to", NULL };
    static const char *const flags[] = { "json", "help", NULL };
    const ukc_calendar *cal;
    ukc_calendar *owned;
    ukc_date from, to;
    int32_t count;
    int rc;

    if (cli_flag(a, "help"))
        return cli_help(usage, "Prints the number of working days d with FROM < d <= TO "
                               "(negative when TO is before FROM).\n"
                               "  --calendar NAME|FILE  as in 'ukc holidays'\n"
                               "  --division NAME       the division of a GOV.UK file\n"
                               "  --from DATE, --to DATE  YYYY-MM-DD\n"
                               "  --json                {from, to, calendar, working_days}\n");
    if ((rc = cli_check(a, valued, flags)) || (rc = cli_date(a, "from", &from)) ||
        (rc = cli_date(a, "to", &to)) || (rc = cli_calendar(a, &cal, &owned)))
        return rc;
    if (ukc_calendar_count_working_days(cal, from, to, &count) != UKC_OK) {
        ukc_calendar_free(owned);
        return cli_fail("working-days");
    }
    if (cli_flag(a, "json")) {
        char f[UKC_DATE_BUFSIZE], t[UKC_DATE_BUFSIZE];
        ukc_date_format(from, f, sizeof f);
        ukc_date_format(to, t, sizeof t);
        printf("{\"from\": \"%s\", \"to\": \"%s\", \"calendar\": ", f, t);
        cli_json_string(ukc_calendar_name(cal));
        printf(", \"working_days\": %d}\n", (int)count);
    } else {
        printf("%d\n", (int)count);
    }
    ukc_calendar_free(owned);
    return 0;
}
