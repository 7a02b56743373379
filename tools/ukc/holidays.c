/* ukc holidays: list a calendar's bank holidays, substitutes and one-off days.
 * Shows ukc_calendar_builtin(), ukc_calendar_holidays() with preflighting. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static const char usage[] =
    "ukc holidays --calendar NAME|FILE [--division NAME] --from DATE --to DATE [--json]";

int cmd_holidays(const cli_args *a)
{
    static const char *const valued[] = { "calendar", "division", "from", "to", NULL };
    static const char *const flags[] = { "json", "help", NULL };
    const ukc_calendar *cal;
    ukc_calendar *owned;
    ukc_date from, to;
    size_t n;
    int rc;

    if (cli_flag(a, "help"))
        return cli_help(usage, "One line per non-working weekday in the range, inclusive:\n"
                               "DATE<TAB>NAME<TAB>KIND<TAB>SOURCE. KIND is bank-holiday, "
                               "substitute, one-off or overlay.\n"
                               "  --calendar NAME|FILE  england-and-wales, scotland, "
                               "northern-ireland,\n"
                               "                        united-kingdom, or a GOV.UK "
                               "bank-holidays.json file\n"
                               "  --division NAME       the division of that file "
                               "(default england-and-wales)\n"
                               "  --from DATE, --to DATE  the range, YYYY-MM-DD, inclusive\n"
                               "  --json                an array of {date, name, kind, "
                               "source, division, projected}\n");
    if ((rc = cli_check(a, valued, flags)) || (rc = cli_date(a, "from", &from)) ||
        (rc = cli_date(a, "to", &to)) || (rc = cli_calendar(a, &cal, &owned)))
        return rc;
    bool json = cli_flag(a, "json");

    /* Preflight for the count, then fetch. */
    if (ukc_calendar_holidays(cal, from, to, 0, NULL, 0, &n) != UKC_OK) {
        ukc_calendar_free(owned);
        return cli_fail("holidays");
    }
    ukc_holiday *days = calloc(n ? n : 1, sizeof *days);
    if (days)
        days[0].size = sizeof *days;
    if (!days || ukc_calendar_holidays(cal, from, to, 0, days, n, &n) != UKC_OK) {
        free(days);
        ukc_calendar_free(owned);
        return cli_fail("holidays");
    }
    if (json)
        printf("[");
    for (size_t i = 0; i < n; i++) {
        char iso[UKC_DATE_BUFSIZE];
        ukc_date_format(days[i].date, iso, sizeof iso);
        if (!json) {
            printf("%s\t%s\t%s\t%s\n", iso, days[i].name, ukc_day_kind_name(days[i].kind),
                   days[i].source);
            continue;
        }
        printf("%s\n  {\"date\": \"%s\", \"name\": ", i ? "," : "", iso);
        cli_json_string(days[i].name);
        printf(", \"kind\": \"%s\", \"source\": ", ukc_day_kind_name(days[i].kind));
        cli_json_string(days[i].source);
        printf(", \"division\": ");
        cli_json_string(days[i].division);
        printf(", \"projected\": %s}", days[i].projected ? "true" : "false");
    }
    if (json)
        printf("%s]\n", n ? "\n" : "");
    free(days);
    ukc_calendar_free(owned);
    return 0;
}
