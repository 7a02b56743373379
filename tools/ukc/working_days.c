/* ukc working-days: count working days d with FROM < d <= TO.
 * Shows ukc_calendar_count_working_days(). */
#include <stdio.h>

#include "cli.h"

static const char usage[] =
    "ukc working-days --calendar NAME|FILE [--division NAME] --from DATE --to DATE";

int cmd_working_days(const cli_args *a)
{
    static const char *const valued[] = { "calendar", "division", "from", "to", NULL };
    static const char *const flags[] = { "help", NULL };
    const ukc_calendar *cal;
    ukc_calendar *owned;
    ukc_date from, to;
    int32_t count;
    int rc;

    if (cli_flag(a, "help")) {
        printf("usage: %s\n\nPrints the number of working days d with FROM < d <= TO "
               "(negative when TO is before FROM).\n",
               usage);
        return 0;
    }
    if ((rc = cli_check(a, valued, flags)) || (rc = cli_date(a, "from", &from)) ||
        (rc = cli_date(a, "to", &to)) || (rc = cli_calendar(a, &cal, &owned)))
        return rc;
    if (ukc_calendar_count_working_days(cal, from, to, &count) != UKC_OK) {
        ukc_calendar_free(owned);
        return cli_fail("working-days");
    }
    printf("%d\n", (int)count);
    ukc_calendar_free(owned);
    return 0;
}
